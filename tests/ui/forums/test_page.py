"""The forum mapping worksheet in the kernel: every change is saved, refusals appear at the
field and touch nothing, imports wait for confirmation and keep the previous version, user text
is escaped, and the whole UI is rebuilt from what is saved."""

from __future__ import annotations

import pytest

from naravard.forums.example import load_example
from naravard.forums.writers import to_csv
from naravard.forums.model import ForumMap
from naravard.core.store import Workspace
from naravard.ui.common import start_session
from naravard.ui.forums.page import build

DOC = "forum_mapping"


@pytest.fixture
def sheet(workspace_dir):
    session = start_session(DOC, workshop="uitest")
    return build(session).sheet


def saved(workspace_dir) -> dict:
    return Workspace(workspace_dir, "uitest").read(DOC)


def add(sheet, name: str, level: str = "meso") -> None:
    sheet.map_tab.add_form.name.value = name
    sheet.map_tab.add_form.level.value = level
    sheet.map_tab.on_add_forum()


def test_an_added_forum_is_saved_and_shown_in_table_and_chart(sheet, workspace_dir):
    add(sheet, "Länsgruppen", "meso")
    forums = saved(workspace_dir)["forums"]
    assert [f["name"] for f in forums.values()] == ["Länsgruppen"]
    assert "Länsgruppen" in sheet.map_tab.forum_table.value
    rows = sheet.map_tab.chart.spec["datasets"]["forums"]
    assert [r["forum"] for r in rows] == ["Länsgruppen"]


def test_a_duplicate_name_is_refused_at_the_name_field_and_nothing_is_saved(sheet, workspace_dir):
    add(sheet, "Länsgruppen")
    before = saved(workspace_dir)
    add(sheet, " länsgruppen ")
    assert "finns redan" in sheet.map_tab.add_form.messages["name"].value
    assert saved(workspace_dir) == before


def test_html_in_a_forum_name_is_escaped_everywhere(sheet):
    add(sheet, "<script>alert(1)</script>")
    assert "<script>" not in sheet.map_tab.forum_table.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet.map_tab.forum_table.value
    assert "<script>" not in sheet.analyses_tab.analysis_html.value
    assert sheet.map_tab.chart.spec["datasets"]["forums"][0]["forum"] == "<script>alert(1)</script>"


def test_editing_a_field_saves_each_change_and_refuses_bad_numbers(sheet, workspace_dir):
    add(sheet, "Länsgruppen")
    fid = next(iter(saved(workspace_dir)["forums"]))
    sheet.map_tab.edit_select.value = fid
    sheet.map_tab.edit_form.mandate.value = "Besluta om rutiner"
    sheet.map_tab.edit_form.frequency.value = "ofta"
    assert "mötesfrekvens" in sheet.map_tab.edit_form.messages["frequency"].value
    sheet.map_tab.edit_form.frequency.value = "0,5"
    rec = saved(workspace_dir)["forums"][fid]
    assert (rec["mandate"], rec["frequency"]) == ("Besluta om rutiner", 0.5)
    sheet.map_tab.edit_form.frequency.value = "varannan vecka"
    assert saved(workspace_dir)["forums"][fid]["frequency"] == 26


def test_a_self_loop_is_refused_at_the_target_field(sheet, workspace_dir):
    add(sheet, "A")
    fid = next(iter(saved(workspace_dir)["forums"]))
    sheet.relations_tab.rel_source.value = fid
    sheet.relations_tab.rel_target.value = fid
    sheet.relations_tab.on_add_relation()
    assert "sig självt" in sheet.relations_tab.rel_target_msg.value
    assert not saved(workspace_dir).get("relations")


def test_an_import_is_previewed_and_saved_only_after_confirmation(sheet, workspace_dir):
    add(sheet, "Det gamla forumet")
    before = saved(workspace_dir)
    sheet.files_tab.upload.receive("karta.csv", to_csv(ForumMap.from_doc(load_example())))
    assert "34 forum" in sheet.files_tab.import_preview.value
    assert saved(workspace_dir) == before
    sheet.files_tab.on_import_confirm()
    after = saved(workspace_dir)
    assert len(after["forums"]) == 34
    ws = Workspace(workspace_dir, "uitest")
    assert ws.version(DOC, ws.history(DOC)[1].id) == before  # [0] is the import itself


def test_a_broken_import_lists_its_problems_and_offers_no_confirmation(sheet, workspace_dir):
    add(sheet, "Det gamla forumet")
    before = saved(workspace_dir)
    sheet.files_tab.upload.receive("karta.csv", "namn;nivå;huvudman\nA;hög;Norrvik\n".encode())
    assert "rad 2" in sheet.files_tab.import_preview.value and "nivå" in sheet.files_tab.import_preview.value
    assert sheet.files_tab.import_buttons.layout.display == "none"
    sheet.files_tab.on_import_confirm()
    assert saved(workspace_dir) == before


def test_a_too_large_upload_is_refused_with_a_message(sheet, workspace_dir):
    sheet.files_tab.upload.receive("stor.csv", b"x" * (sheet.files_tab.upload.max_bytes + 1))
    assert "största tillåtna" in sheet.files_tab.import_preview.value
    assert saved(workspace_dir) == {}


def test_participants_pictures_are_compared_and_the_agreed_map_adopted(sheet, workspace_dir):
    sheet.preview_example()
    sheet.files_tab.on_import_confirm()
    sheet.tabs.selected_index = 4
    assert "5 deltagare" in sheet.comparison_tab.comp_summary.value
    assert sheet.comparison_tab.div_chart.spec
    assert "Mandat som fylls i" in sheet.comparison_tab.agree_preview.value
    sheet.comparison_tab.on_ask_adopt()
    sheet.comparison_tab.on_adopt()
    forums = {f["name"]: f for f in saved(workspace_dir)["forums"].values()}
    assert forums["Kommundirektörsnätverket"]["mandate"] == "Kommunernas gemensamma hållning"


def test_ticking_a_forum_saves_it_in_the_participants_picture(sheet, workspace_dir):
    add(sheet, "Länsgruppen")
    sheet.tabs.selected_index = 3
    sheet.perspectives_tab.p_new.value = "Kommundirektör Norrvik"
    sheet.perspectives_tab.on_add_perspective()
    box, text = sheet.perspectives_tab.p_check_widgets["länsgruppen"]
    box.value = True
    text.value = "Rutiner"
    picture = next(iter(saved(workspace_dir)["perspectives"].values()))
    assert picture["participant"] == "Kommundirektör Norrvik"
    assert picture["forums"][0]["name"] == "Länsgruppen"
    assert picture["forums"][0]["decides"] == "Rutiner"


def test_the_worksheet_is_rebuilt_from_what_is_saved(workspace_dir):
    Workspace(workspace_dir, "uitest").replace(DOC, load_example())
    sheet = build(start_session(DOC, workshop="uitest")).sheet
    assert len(sheet.map_tab.chart.spec["datasets"]["forums"]) == 34
    assert "Cirklar i rapporteringen" in sheet.analyses_tab.analysis_html.value


def test_every_download_builds_a_file(sheet):
    sheet.preview_example()
    sheet.files_tab.on_import_confirm()
    for button in sheet.files_tab.downloads:
        data, filename, mime = button._make()
        assert data and filename and mime
