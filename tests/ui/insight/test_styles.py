"""The insight worksheet is styled by static/worksheet.css alone, with no style block of its own."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import Workspace
from naravard.insight.example import example_doc
from naravard.ui.app import stylesheet
from naravard.ui.common import start_session
from naravard.ui.insight.page import InsightWorksheet
from naravard.ui.widgets import VegaChart

from tests.conftest import DATA

#: Classes of the insight page that need a look of their own (layout, quotes, the step menu).
STYLED = ("insight-nav", "insight-check", "insight-grid", "insight-part", "insight-preview",
          "insight-quote", "insight-suggest", "insight-gap", "insight-row", "insight-slider-row")


def _widgets(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def test_the_insight_page_is_styled_by_the_worksheet_stylesheet_not_by_a_style_block(
        workspace_dir):
    Workspace(workspace_dir, "stil").replace("insight_360", example_doc(DATA))
    root = InsightWorksheet(start_session("insight_360", workshop="stil")).root
    for chart in _widgets(root):  # as the page does: charts (and the spread) are made when shown
        if isinstance(chart, VegaChart):
            assert chart.spec
    html = " ".join(x.value for x in _widgets(root) if isinstance(x, w.HTML))
    used = {c for x in _widgets(root) for c in getattr(x, "_dom_classes", ())}
    used |= {c for c in STYLED if f'class="{c}' in html or f" {c}" in html}
    css = stylesheet().value
    assert "<style" not in html
    assert set(STYLED) <= used
    assert [c for c in STYLED if f".{c} " not in css] == []
