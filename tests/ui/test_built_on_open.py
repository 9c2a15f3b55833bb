"""Only what the page shows first is built at start; the rest is built when first opened.

The forum sheet builds its first tab; each other tab is built the first time it is opened (or
used from Python) and then shows what is saved. The plan sheet draws only the current step.
"""

from __future__ import annotations

from naravard.core.store import Workspace
from naravard.forums.example import load_example
from naravard.ui.common import start_session
from naravard.ui.forums.page import PARTS, build as build_forums
from naravard.ui.plan.page import build as build_plan

DOC = "forum_mapping"


def forum_sheet(workshop: str = "flikar"):
    return build_forums(start_session(DOC, workshop=workshop)).sheet


def test_the_forum_sheet_builds_only_the_open_tab_at_start(workspace_dir):
    sheet = forum_sheet()
    filled = [bool(holder.children) for holder in sheet.tabs.children]
    assert filled == [True] + [False] * (len(PARTS) - 1)


def test_a_tab_is_built_when_it_is_first_opened_and_shows_what_is_saved(workspace_dir):
    Workspace(workspace_dir, "flikar").replace(DOC, load_example())
    sheet = forum_sheet()
    relations = sheet.tabs.children[1]
    assert not relations.children
    sheet.tabs.selected_index = 1
    assert relations.children == (sheet.relations_tab.widget,)
    assert "Relationerna" in repr(relations) and "ger uppdrag till" in \
        sheet.relations_tab.widget.children[2].value


def test_a_tab_used_from_python_is_built_on_access_and_kept(workspace_dir):
    sheet = forum_sheet()
    files = sheet.files_tab
    assert sheet.tabs.children[5].children == (files.widget,)
    assert sheet.files_tab is files


def test_a_save_redraws_only_the_tabs_that_are_built(workspace_dir):
    sheet = forum_sheet()
    sheet.map_tab.add_form.name.value = "Länsgruppen"
    sheet.map_tab.on_add_forum()
    assert "Länsgruppen" in sheet.map_tab.forum_table.value
    assert not sheet.tabs.children[2].children  # the analyses tab is still not built
    assert 'class="forum-finding' in sheet.analyses_tab.analysis_html.value  # built from the map


def test_the_plan_sheet_draws_only_the_current_step(workspace_dir):
    sheet_widget = build_plan(start_session("plan_primarvard", workshop="steg"))
    page = sheet_widget.children[4]
    assert "Planens ram" in repr(page)
    assert "Lägg till rad" not in repr(page)  # the mapping step's tables are not drawn
