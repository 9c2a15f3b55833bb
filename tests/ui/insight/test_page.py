"""The insight worksheet in the kernel: every step saves what is typed, refuses personal data
and bad files without touching saved work, asks before replacing, and redraws what depends on
what changed."""

from __future__ import annotations

import io

import pytest
from docx import Document

from naravard.core.county import current_county
from naravard.insight.guide import current_guide
from naravard.insight.example import example_doc, example_study
from naravard.insight.template import template_csv
from naravard.core.store import Workspace
from naravard.ui.common import start_session
from naravard.ui.insight.page import InsightWorksheet

from tests.conftest import DATA


@pytest.fixture
def ui(workspace_dir):
    return InsightWorksheet(start_session("insight_360", workshop="karnprov"))


@pytest.fixture
def example_ui(workspace_dir):
    Workspace(workspace_dir, "karnprov").replace("insight_360", example_doc(DATA))
    return InsightWorksheet(start_session("insight_360", workshop="karnprov"))


def saved(ui) -> dict:
    return ui.session.workspace.read("insight_360")


def fields(box) -> list:
    return [c for c in box.children if hasattr(c, "field")]


def sent_file(button, monkeypatch) -> bytes:
    sent = []
    monkeypatch.setattr(button, "send", lambda content, buffers=None: sent.append(buffers[0]))
    button.deliver()
    assert sent, "no file was sent"
    return sent[0]


# --- step 1–3 ----------------------------------------------------------------------------------


def test_the_title_is_saved_and_shown_in_the_guide_and_on_the_stacey_chart(ui):
    title = fields(ui.root.children[2])[0]
    title.field.value = "Statsbidragen mellan region och kommun"
    assert saved(ui)["question"]["title"] == "Statsbidragen mellan region och kommun"
    assert "frågan ”Statsbidragen mellan region och kommun”" in ui.guide_preview.value
    assert "Statsbidragen mellan region och kommun" in str(ui.stacey.spec)


def test_a_personnummer_in_the_description_is_refused_and_the_saved_text_kept(ui):
    description = fields(ui.root.children[2])[1]
    description.field.value = "Gäller bara äldre."
    description.field.value = "Gäller patienten 19121212-1212."
    assert saved(ui)["question"]["description"] == "Gäller bara äldre."
    assert "personnummer" in description.message.value


def test_ticking_reasons_suggests_a_verdict_and_the_chosen_verdict_is_saved(ui):
    for box in ui.relevance_boxes.values():
        box.value = True
    assert "Ja – frågan hör hemma i systemledningen" in ui.suggestion.value
    ui.verdict.value = "delvis"
    doc = saved(ui)
    assert doc["relevance"]["verdict"] == "delvis"
    assert all(doc["relevance"]["checks"].values())


def test_moving_the_sliders_saves_the_zone_and_explains_it(ui):
    ui.agreement.value = 0.9
    ui.certainty.value = 0.9
    assert saved(ui)["classification"]["zone"] == "enkel"
    assert "Enkel" in ui.zone.value and "Besluta och genomför" in ui.zone.value


# --- step 4 ----------------------------------------------------------------------------------


def test_adding_a_person_updates_the_table_and_the_coverage(ui):
    steps = ui.carriers
    steps.perspective_boxes["politik"].value = True
    assert "Förtroendevalda" in steps.gaps.value
    steps.role.value = "Kommunalråd"
    steps.principal.value = "Ekeås"
    steps.perspective.value = "politik"
    steps.add.click()
    people = saved(ui)["respondents"]
    assert [(p["pseudonym"], p["role"]) for p in people.values()] == [("IP 01", "Kommunalråd")]
    assert "Kommunalråd" in steps.table.value and "planerad" in steps.table.value
    assert "Planerade men inte intervjuade ännu: Förtroendevalda" in steps.gaps.value


def test_a_person_without_a_role_or_with_a_phone_number_is_not_added(ui):
    steps = ui.carriers
    steps.add.click()
    assert "Skriv intervjupersonens roll" in steps.message.value
    steps.role.value = "Chef, nås på 070-123 45 67"
    steps.add.click()
    assert "telefonnummer" in steps.message.value
    assert "respondents" not in saved(ui)


def test_removing_a_person_also_removes_their_positions(example_ui):
    steps = example_ui.carriers
    steps.remove_select.value = "ip01"
    steps.remove.click()
    doc = saved(example_ui)
    assert "ip01" not in doc["respondents"]
    assert all("ip01" not in s["positions"] for s in doc["scales"].values())


def test_user_text_is_escaped_in_the_tables(ui):
    ui.carriers.role.value = "<script>alert(1)</script>"
    ui.carriers.add.click()
    assert "<script>alert(1)</script>" not in ui.carriers.table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ui.carriers.table.value


# --- step 5 ----------------------------------------------------------------------------------


def test_the_guide_downloads_as_a_word_file_with_the_questions(example_ui, monkeypatch):
    download = example_ui.root.children[6].children[1].children[0]
    data = sent_file(download, monkeypatch)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "4. Vad behöver andra delar av systemet göra?" in text


def test_the_print_view_sends_a_clean_page_to_the_new_tab(example_ui, monkeypatch):
    printer = example_ui.root.children[6].children[1].children[1]
    sent = []
    monkeypatch.setattr(printer, "send", lambda content, buffers=None: sent.append(content))
    printer.deliver()
    assert sent[0]["type"] == "html"
    assert "window.print()" in sent[0]["html"] and "Intervjuguide" in sent[0]["html"]


# --- step 6 ----------------------------------------------------------------------------------


def test_an_answer_typed_in_the_form_is_saved_under_the_interview(example_ui):
    steps = example_ui.interviews
    steps.selector.value = "ip05"
    answer = [c for c in steps.form.children if hasattr(c, "field")][0]
    answer.field.value = "Tillfälliga projekt som försvinner."
    assert saved(example_ui)["respondents"]["ip05"]["answers"]["utmaning_egen"] == \
        "Tillfälliga projekt som försvinner."


def test_an_e_mail_address_in_an_answer_is_refused_at_the_field(example_ui):
    steps = example_ui.interviews
    steps.selector.value = "ip05"
    answer = [c for c in steps.form.children if hasattr(c, "field")][0]
    before = saved(example_ui)["respondents"]["ip05"]["answers"]["utmaning_egen"]
    answer.field.value = "Skriv till socialchef@sjostad.example"
    assert "e-postadress" in answer.message.value
    assert saved(example_ui)["respondents"]["ip05"]["answers"]["utmaning_egen"] == before


def test_a_new_interview_gets_the_next_pseudonym_and_opens_in_the_form(example_ui):
    steps = example_ui.interviews
    steps.new.click()
    assert steps.selector.value == steps.selected
    assert saved(example_ui)["respondents"][steps.selected]["pseudonym"] == "IP 15"


def test_importing_a_template_asks_first_and_keeps_the_previous_version(example_ui):
    steps = example_ui.interviews
    guide, county = current_guide(DATA), current_county(DATA)
    study = example_study(DATA)
    study.respondents[0].answers["utmaning_egen"] = "Ändrat i Excel."
    data = template_csv(guide, county, study)
    data += "IP 30;Enhetschef;Ekeås kommun;Chefer i verksamheten;;Nytt svar\r\n".encode("utf-8")
    steps.upload.receive("ifylld.csv", data)
    assert "1 nya intervjuer och 14 som ersätter sparade intervjuer" in steps.import_preview.value
    assert steps.import_buttons.layout.display == "flex"
    assert saved(example_ui)["respondents"]["ip01"]["answers"]["utmaning_egen"] != \
        "Ändrat i Excel."
    steps.import_confirm.click()
    doc = saved(example_ui)
    assert doc["respondents"]["ip01"]["answers"]["utmaning_egen"] == "Ändrat i Excel."
    assert any(r["pseudonym"] == "IP 30" for r in doc["respondents"].values())
    ws = example_ui.session.workspace
    previous = ws.version("insight_360", ws.history("insight_360")[1].id)  # [0]: the import
    assert previous["respondents"]["ip01"]["answers"]["utmaning_egen"].startswith("Medlen kommer")


def test_cancelling_an_import_changes_nothing(example_ui):
    steps = example_ui.interviews
    before = saved(example_ui)
    data = "Pseudonym;Roll;Huvudman;Perspektiv;viktigast\r\nIP 40;Chef;Norrvik;ledning;x\r\n"
    steps.upload.receive("ny.csv", data.encode("utf-8"))
    steps.import_cancel.click()
    assert saved(example_ui) == before
    assert "Inget har ändrats" in steps.import_preview.value


def test_a_broken_file_lists_its_problems_and_saves_nothing(example_ui):
    steps = example_ui.interviews
    before = saved(example_ui)
    data = "Pseudonym;Roll;Huvudman;Perspektiv;viktigast\r\n;Chef;Norrvik;<b>fel</b>;x\r\n"
    steps.upload.receive("trasig.csv", data.encode("utf-8"))
    assert "Pseudonym saknas" in steps.import_preview.value
    assert "Okänt perspektiv ”&lt;b&gt;fel&lt;/b&gt;”" in steps.import_preview.value
    assert steps.import_buttons.layout.display == "none"
    assert saved(example_ui) == before


def test_the_template_download_lists_the_planned_people(example_ui, monkeypatch):
    data = sent_file(example_ui.interviews.downloads[1], monkeypatch)
    assert "IP 14;Invånare med hemsjukvård och hemtjänst" in data.decode("utf-8-sig")


# --- step 7 ----------------------------------------------------------------------------------


def test_placing_a_person_on_a_scale_saves_and_redraws_the_spread(example_ui):
    syn = example_ui.synthesis
    syn.place_select.value = "beslut"
    slider = next(c for c in syn.place_box.children
                  if getattr(c, "description", "").startswith("IP 07"))
    slider.value = "10"
    assert saved(example_ui)["scales"]["beslut"]["positions"]["ip07"] == 10
    values = syn.chart_principal.spec["data"]["values"]
    assert any(v.get("group") == "Bergslunds kommun" and v.get("position") == 10 for v in values)
    slider.value = "–"
    assert "ip07" not in saved(example_ui)["scales"]["beslut"]["positions"]


def test_tagging_an_answer_saves_the_theme(example_ui):
    syn = example_ui.synthesis
    syn.tag_select.value = "ip09"
    tags = next(c for c in syn.tag_box.children if hasattr(c, "allowed_tags"))
    tags.value = ["Insyn och information"]
    assert saved(example_ui)["respondents"]["ip09"]["tags"]["utmaning_egen"] == ["insyn"]


def test_a_frequent_word_becomes_a_theme_that_tags_the_answers_using_it(ui):
    for role in ("Socialchef", "Controller"):
        ui.carriers.role.value = role
        ui.carriers.add.click()
    for rid, text in zip(saved(ui)["respondents"], ["Mandatet är otydligt.", "Vem har mandatet?"]):
        ui.session.save(("respondents", rid, "answers", "viktigast"), text)
    ui.refresh()
    syn = ui.synthesis
    assert ("mandatet (2)", "mandatet") in syn.suggest_select.options
    syn.suggest_select.value = "mandatet"
    syn.suggest_add.click()
    assert [t["name"] for t in saved(ui)["themes"].values()] == ["Mandatet"]
    syn.keyword_tag.click()
    assert "2 nya märkningar" in syn.theme_message.value
    tid = next(iter(saved(ui)["themes"]))
    assert [r["tags"]["viktigast"] for r in saved(ui)["respondents"].values()] == [[tid], [tid]]


def test_removing_a_theme_removes_its_tags_and_its_link_from_scales(example_ui):
    syn = example_ui.synthesis
    syn.theme_remove_select.value = "mandat"
    syn.theme_remove.click()
    doc = saved(example_ui)
    assert "mandat" not in doc["themes"]
    assert all("mandat" not in tids for r in doc["respondents"].values()
               for tids in r.get("tags", {}).values())
    assert doc["scales"]["beslut"]["theme"] == ""


def test_a_duplicate_theme_is_refused(example_ui):
    syn = example_ui.synthesis
    syn.theme_name.value = "mandat och beslut"
    syn.theme_add.click()
    assert "finns redan" in syn.theme_message.value


def test_an_action_needs_an_owner_and_is_listed_once_it_has_one(example_ui):
    syn = example_ui.synthesis
    syn.action_text.value = "Gemensam beslutsordning för <medlen>"
    syn.action_add.click()
    assert "behöver en ägare" in syn.action_message.value
    syn.action_owner.value = "Kommundirektör, Ekeås kommun"
    syn.action_scale.value = "beslut"
    syn.action_add.click()
    assert "Gemensam beslutsordning för &lt;medlen&gt;" in syn.action_table.value
    assert any(a["owner"] == "Kommundirektör, Ekeås kommun"
               for a in saved(example_ui)["actions"].values())


def test_quotes_are_shown_per_theme_with_role_and_organisation(example_ui):
    syn = example_ui.synthesis
    syn.quote_select.value = "resurser"
    assert "”Vi är för få för att hinna söka, driva och redovisa" in syn.quotes.value
    assert "IP 06, socialchef, Åkerby kommun" in syn.quotes.value


# --- whole worksheet -----------------------------------------------------------------------------


def test_loading_the_example_over_saved_work_asks_first_and_undo_brings_it_back(ui):
    fields(ui.root.children[2])[0].field.value = "Vår egen fråga"
    ui.example_button.click()
    assert ui.example_buttons.layout.display == "flex"
    assert saved(ui)["question"]["title"] == "Vår egen fråga"
    ui.example_confirm.click()
    assert saved(ui)["question"]["title"] == "Hanteringen av statliga medel för Nära vård"
    assert "13 intervjuer" in ui.report_summary.value
    ui.session.workspace.undo("insight_360")
    assert saved(ui)["question"]["title"] == "Vår egen fråga"


def test_the_report_downloads_as_word_and_html(example_ui, monkeypatch):
    word, html = example_ui.root.children[9].children[2].children
    assert b"word/media/" in sent_file(word, monkeypatch)
    page = sent_file(html, monkeypatch).decode("utf-8")
    assert "Spännvidden i synsätten" in page and "data:image/svg+xml;base64," in page


def test_the_worksheet_is_rebuilt_from_what_is_saved(example_ui, workspace_dir):
    again = InsightWorksheet(start_session("insight_360", workshop="karnprov"))
    assert fields(again.root.children[2])[0].field.value == \
        "Hanteringen av statliga medel för Nära vård"
    assert again.verdict.value == "ja"
    assert again.relevance_boxes["skaver"].value is True
    assert again.agreement.value == pytest.approx(0.3)
