"""The forum mapping worksheet saves through the session like the other worksheets: every
change reaches the session's listeners, refusals show at the field and in the status line,
notes are saved without redrawing the map, and after an undo only the rebuilt sheet redraws."""

from __future__ import annotations

import pytest

from naravard.core.store import Workspace
from naravard.forums.example import load_example
from naravard.ui.app import run
from naravard.ui.common import start_session
from naravard.ui.forums.page import build

DOC = "forum_mapping"


@pytest.fixture
def session(workspace_dir):
    return start_session(DOC, workshop="sparatest")


def test_a_change_in_the_forum_sheet_reaches_the_sessions_listeners(session):
    sheet = build(session).sheet
    heard = []
    session.on_saved(heard.append)
    sheet.map_tab.add_form.name.value = "Länsgruppen"
    sheet.map_tab.on_add_forum()
    assert [f["name"] for f in heard[-1]["forums"].values()] == ["Länsgruppen"]


def test_a_refused_relation_is_shown_at_its_field_and_in_the_status_line(session):
    sheet = build(session).sheet
    sheet.map_tab.add_form.name.value = "Länsgruppen"
    sheet.map_tab.on_add_forum()
    fid = sheet.relations_tab.rel_source.value
    sheet.relations_tab.rel_target.value = fid
    sheet.relations_tab.on_add_relation()
    assert "sig självt" in sheet.relations_tab.rel_target_msg.value
    assert "sig självt" in session.status.value
    assert not session.read().get("relations")


def test_typing_notes_saves_them_without_redrawing_the_map(session, workspace_dir):
    Workspace(workspace_dir, "sparatest").replace(DOC, load_example())
    widget = build(session)
    sheet = widget.sheet
    spec = sheet.map_tab.chart.spec
    notes = widget.children[-1]
    notes.field.value = "Ingen kände till länsgruppen"
    assert session.read()["notes"] == "Ingen kände till länsgruppen"
    assert sheet.map_tab.chart.spec is spec


def test_after_an_undo_only_the_rebuilt_forum_sheet_redraws(workspace_dir):
    ws = Workspace(workspace_dir, "angraforum")
    ws.replace(DOC, load_example())
    app = run(DOC, build, workshop="angraforum")
    before_undo = app.children[1].sheet
    before_undo.session.workspace.replace(DOC, {})  # the page's own change: undo reverts it
    app.children[-1].button.click()
    rebuilt = app.children[1].sheet
    assert len(rebuilt.fmap.forums) == 34
    old_spec = before_undo.map_tab.chart.spec
    rebuilt.map_tab.add_form.name.value = "Nytt forum efter ångra"
    rebuilt.map_tab.on_add_forum()
    assert len(ws.read(DOC)["forums"]) == 35
    assert before_undo.map_tab.chart.spec is old_spec
    assert "Nytt forum efter ångra" in rebuilt.map_tab.forum_table.value
