"""The forum mapping worksheet is styled by static/worksheet.css alone, with no style block of
its own."""

from __future__ import annotations


import ipywidgets as w

from naravard.core.store import Workspace
from naravard.forums.example import load_example
from naravard.ui.app import stylesheet
from naravard.ui.common import start_session
from naravard.ui.forums.page import build
from tests.conftest import ROOT

UI = ROOT / "src" / "naravard" / "ui" / "forums"
#: Classes of the forum page that need a look of their own (findings, previews, tick boxes).
STYLED = ("forum-app", "forum-finding", "forum-summary", "forum-preview", "forum-problems",
          "forum-warnings", "forum-check")


def _widgets(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def test_the_forum_page_is_styled_by_the_worksheet_stylesheet_not_by_a_style_block(
        workspace_dir):
    Workspace(workspace_dir, "stil").replace("forum_mapping", load_example())
    sheet = build(start_session("forum_mapping", workshop="stil")).sheet
    html = " ".join(x.value for x in _widgets(sheet.widget) if isinstance(x, w.HTML))
    source = " ".join(p.read_text(encoding="utf-8") for p in UI.glob("*.py"))
    css = stylesheet().value
    assert "<style" not in html
    assert [c for c in STYLED if c not in source] == []
    assert [c for c in STYLED if f".{c} " not in css] == []
