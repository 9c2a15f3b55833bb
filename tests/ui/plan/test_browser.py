"""The plan worksheet in Chromium, served by `naravard serve` with everything but localhost
blocked: write a goal, see the Tight–Loose–Tight flag, reload and find it kept; import a table
with confirmation; download the plan as DOCX; user text stays text."""

from __future__ import annotations

import io

import docx
import pytest

from naravard.plan.catalog import STEPS

from tests.browser_support import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.book]

SCRIPT = "<script>alert(1)</script>"


def step(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def add_goal(page, text: str) -> None:
    step(page, "1 Mål")
    page.get_by_role("button", name="Lägg till mål", exact=True).click()
    field = page.locator(".plan-goal-text textarea").last
    field.wait_for(timeout=30_000)
    field.fill(text)


def test_a_goal_is_flagged_as_it_is_typed_and_kept_after_a_reload(offline):
    o = offline()
    page = open_worksheet(o, "plan_primarvard", "planmal")
    add_goal(page, "20 fler vårdplatser i Norrvik")
    flag = page.locator(".plan-tlt-flag", has_text="”vårdplatser”")
    flag.wait_for(timeout=30_000)
    assert "Mått saknas" in flag.inner_text()
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    step(page, "1 Mål")
    page.locator(".plan-goal-text textarea").first.wait_for(timeout=30_000)
    assert page.locator(".plan-goal-text textarea").first.input_value() == \
        "20 fler vårdplatser i Norrvik"
    assert "”vårdplatser”" in page.locator(".plan-tlt-flag").inner_text()
    assert o.blocked == []


def test_a_goal_that_is_rewritten_as_a_change_loses_its_flag(offline):
    o = offline()
    page = open_worksheet(o, "plan_primarvard", "planomskriv")
    add_goal(page, "Ny mottagning i Sjöstad")
    page.locator(".plan-tlt-flag", has_text="”ny mottagning”").wait_for(timeout=30_000)
    goal = page.locator(".plan-goal").last
    goal.locator("textarea").fill("Färre äldre skadas av fall")
    inputs = goal.locator("input[type=text]")
    for i, value in enumerate(["Fallskador per 1 000 invånare 80 år och äldre", "32", "24",
                               "2029-12-31"]):
        inputs.nth(i).fill(value)
    page.locator(".plan-tlt-ok").wait_for(timeout=30_000)
    assert page.locator(".plan-tlt-flag").count() == 0


def test_user_text_shows_as_text_and_never_runs(offline):
    o = offline()
    page = open_worksheet(o, "plan_primarvard", "planskript")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    add_goal(page, SCRIPT)
    page.locator(".plan-tlt-flag", has_text="Mått saknas").wait_for(timeout=30_000)
    page.locator(".plan-tlt-flag", has_text="Målet saknar text").wait_for(state="detached",
                                                                         timeout=30_000)
    step(page, "5 Uppföljning")
    page.get_by_text(f"Mål 1: {SCRIPT}", exact=True).wait_for(timeout=30_000)
    assert dialogs == []
    assert page.locator("script:text('alert(1)')").count() == 0


def test_a_table_is_imported_from_a_csv_file_after_confirmation(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "plan_primarvard", "planimport")
    step(page, "2 Förutsättningar")
    csv = tmp_path / "befolkning.csv"
    csv.write_text("Område;Invånare\nNorrvik;58 200\nEkeås;4 300\n", encoding="utf-8")
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.locator(".plan-upload-population").click()
    chooser.value.set_files(str(csv))
    page.get_by_text("innehåller 2 rader").wait_for(timeout=30_000)
    page.locator(".plan-import-replace").click()
    page.get_by_text("2 rader lästes in").wait_for(timeout=30_000)
    table = page.locator(".plan-table-population")
    assert table.locator("input[type=text]").first.input_value() == "Norrvik"
    assert o.blocked == []


def test_the_plan_downloads_as_a_docx_with_every_step(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "plan_primarvard", "exempel")
    step(page, "Översikt och export")
    button = page.get_by_role("button", name="Ladda ner planen som Word (DOCX)")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename == "gemensam-plan-exempel.docx"
    target = tmp_path / "plan.docx"
    download.value.save_as(target)
    document = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for s in STEPS:
        assert s.heading in headings
    assert any(t.rows[0].cells[1].text == "Mål" for t in document.tables)
    assert len(document.inline_shapes) >= 1
    assert o.blocked == []
