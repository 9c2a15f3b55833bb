"""The follow-up worksheet in Chromium (Voilà, everything but localhost blocked): a round, a
participant and a rating are kept after a reload; a value entered reaches the run chart, drawn
offline; the report downloads as a Word file; user text stays text."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser_support import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.book]

SCRIPT = "<script>alert(1)</script>"


def labelled_field(page, label: str):
    """The input, select or text area that the caption ``label`` belongs to."""
    return page.get_by_label(label, exact=True).first


def add_round(page, name: str, date: str) -> None:
    labelled_field(page, "Ny omgång").fill(name)
    labelled_field(page, "Datum").fill(date)
    page.get_by_role("button", name="Lägg till omgång").click()
    page.wait_for_selector(f"text=Omgången ”{name}” är tillagd", timeout=30_000)


def test_a_rating_is_kept_after_a_reload(offline):
    o = offline()
    page = open_worksheet(o, "uppfoljning", "uppf-omladdning")
    add_round(page, "Hösten 2026", "2026-10-15")
    labelled_field(page, "Roll (inte namn)").fill("Socialchef, Norrvik")
    labelled_field(page, "Huvudman").select_option(label="Norrviks kommun")
    page.get_by_role("button", name="Lägg till deltagare").click()
    score = page.locator(".followup-score select").first
    score.wait_for(timeout=30_000)
    score.select_option(label="4 Etablerad")
    # the step's anchor is shown once the rating is saved
    page.get_by_text("Faktorn är ett vanligt arbetssätt", exact=False).wait_for(timeout=30_000)
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    score = page.locator(".followup-score select").first
    score.wait_for(timeout=60_000)
    # ipywidgets may show the space of an option as a no-break space
    expect(score).to_have_value(re.compile(r"^4\sEtablerad$"), timeout=30_000)
    expect(page.locator(".followup-participant select")).to_have_value(
        re.compile(r"^Socialchef,\sNorrvik\s\(Norrvik\)$"), timeout=30_000)
    assert o.blocked == []


def test_a_value_reaches_the_run_chart_and_the_report_downloads(offline):
    o = offline()
    page = open_worksheet(o, "uppfoljning", "uppf-varde")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    add_round(page, SCRIPT, "2026-10-15")
    page.get_by_role("tab", name="Indikatorer").click()
    page.locator(".followup-follow-start").click()
    page.locator(".followup-period input").wait_for(timeout=30_000)
    page.locator(".followup-period input").fill("2026-03")
    page.locator(".followup-value input").fill("812,5")
    page.get_by_role("button", name="Spara värdet").click()
    page.wait_for_selector("text=Värdet för mars 2026 är sparat", timeout=30_000)
    page.wait_for_selector(".followup-indicators .naravard-chart svg", timeout=60_000)
    assert "Serien har 1 värde" in page.locator(".followup-verdict").inner_text()
    page.get_by_role("tab", name="Lärmöte och rapport").click()
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Ladda ner rapporten (Word)").click()
    text = "\n".join(p.text for p in Document(io.BytesIO(
        open(info.value.path(), "rb").read())).paragraphs)
    assert "Undvikbar slutenvård – Hela länet" in text
    assert SCRIPT in text  # the round's name, kept as text
    assert dialogs == [] and o.blocked == []
