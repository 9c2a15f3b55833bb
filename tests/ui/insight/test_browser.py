"""The insight worksheet in Chromium (Voilà, everything but localhost blocked): fill a step and
find it kept after a reload, download the interview guide and open it, open the print view,
import a filled template after confirmation, refuse personal data at the field, and show a
script in a title as text."""

from __future__ import annotations


import pytest
from docx import Document

from naravard.core.county import current_county
from naravard.insight.guide import current_guide
from naravard.insight.example import example_study
from naravard.insight.template import template_xlsx

from tests.browser_support import open_worksheet
from tests.conftest import DATA

pytestmark = [pytest.mark.browser, pytest.mark.book]


def step(page, number: int):
    return page.locator(f".insight-step-{number}")


def field(page, label: str):
    """The input or textarea of the autosaved field with this label."""
    return page.get_by_label(label, exact=True).first


def load_example(page) -> None:
    page.get_by_role("button", name="Läs in exempelstudien").click()
    page.wait_for_selector("text=Exempelstudien är inläst", timeout=60_000)
    page.wait_for_selector(".insight-respondents td", timeout=60_000)


def test_a_filled_step_is_kept_after_a_reload(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "steg-omladdning")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    field(page, "Beskrivning").fill("Medlen fördelas olika i varje kommun.")
    step(page, 2).get_by_text("Frågan berör både regionen").click()
    field(page, "Motivering").fill("Både region och kommuner berörs.")
    page.wait_for_selector(".naravard-ok", timeout=30_000)
    page.wait_for_timeout(500)
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    assert field(page, "Beskrivning").input_value() == "Medlen fördelas olika i varje kommun."
    assert field(page, "Motivering").input_value() == "Både region och kommuner berörs."
    assert step(page, 2).locator("input[type=checkbox]").first.is_checked()
    assert o.blocked == []


def test_the_interview_guide_downloads_as_a_word_file_with_the_questions(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "insight_360", "guide-nedladdning")
    page.locator(".naravard-field input").first.fill("Statsbidragen mellan region och kommun")
    page.wait_for_selector(".naravard-ok", timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Ladda ner intervjuguiden (Word)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "intervjuguide-guide-nedladdning.docx"
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Vilken är den största utmaningen med frågan ”Statsbidragen mellan region och " \
           "kommun” …" in text
    assert "B. … sett från invånarens håll?" in text
    assert "5. Hur kan din organisation hjälpa de andra i systemet" in text
    assert o.blocked == []


def test_the_print_view_opens_a_clean_page_with_the_guide(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "utskrift")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    with page.expect_popup(timeout=60_000) as info:
        page.get_by_role("button", name="Öppna utskriftsvy").click()
    popup = info.value
    popup.wait_for_selector("text=Vad behöver andra delar av systemet göra?", timeout=60_000)
    assert popup.locator("button", has_text="Skriv ut").count() == 1
    assert popup.locator(".naravard-field, .jupyter-widgets").count() == 0
    assert o.blocked == []


def test_the_example_study_shows_coverage_and_spread_charts(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "exempelvisning")
    load_example(page)
    page.wait_for_function("document.querySelectorAll('.naravard-chart svg').length >= 4",
                           timeout=60_000)
    spread = step(page, 7).locator(".naravard-chart").first.text_content()
    assert "Spännvidden per perspektiv" in spread and "Mandat och beslut" in spread
    assert "steg isär" in step(page, 7).inner_text()
    assert "Förtroendevalda" in step(page, 4).inner_text()
    assert o.blocked == []


def test_a_filled_excel_template_is_imported_after_confirmation(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "insight_360", "mallimport")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    path = tmp_path / "ifylld-mall.xlsx"
    path.write_bytes(template_xlsx(current_guide(DATA), current_county(DATA),
                                   example_study(DATA)))
    page.locator(".naravard-upload-input").set_input_files(str(path))
    page.wait_for_selector("text=innehåller 14 nya intervjuer", timeout=60_000)
    page.get_by_role("button", name="Läs in intervjuerna").click()
    page.wait_for_selector("text=14 intervjuer är inlästa", timeout=60_000)
    page.reload()
    page.wait_for_selector(".insight-respondents td", timeout=120_000)
    assert "Förbundschef i kommunförbundet" in page.inner_text(".insight-respondents")
    assert o.blocked == []


def test_a_phone_number_in_an_answer_is_refused_at_the_field(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "pii-falt")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    page.get_by_role("button", name="Ny intervju").click()
    answer = field(page, "2. Vad är det allra viktigaste för att lösa fråga X, som du ser det?")
    answer.fill("Ring mig på 070-123 45 67")
    message = step(page, 6).locator(".naravard-field-message .naravard-error")
    message.wait_for(timeout=30_000)
    assert "telefonnummer" in message.inner_text()
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    step(page, 6).locator("select").first.select_option(index=1)
    answer = field(page, "2. Vad är det allra viktigaste för att lösa fråga X, som du ser det?")
    answer.wait_for(timeout=30_000)
    assert answer.input_value() == ""
    assert o.blocked == []


def test_a_script_in_the_title_shows_as_text_and_never_runs(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "skript-titel")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.locator(".naravard-field input").first.fill("<script>alert(1)</script>")
    page.wait_for_selector(".naravard-ok", timeout=30_000)
    page.wait_for_function("document.querySelector('.insight-preview').textContent"
                           ".includes('<script>alert(1)</script>')", timeout=30_000)
    page.wait_for_function("[...document.querySelectorAll('.naravard-chart')].some(c => "
                           "c.textContent.includes('<script>alert(1)</script>'))",
                           timeout=30_000)
    assert dialogs == []
    assert o.blocked == []
