"""The "Analyser" tab: every analysis of the map, each explained in one Swedish sentence."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.forums.analysis import Finding
from naravard.ui.common import sheet_table
from naravard.ui.forums.part import Sheet, SheetPart


def findings_html(findings: list[Finding]) -> str:
    """One section per analysis: what it looks for, what it found (or that all is well)."""
    parts = []
    for f in findings:
        css = "forum-finding" + ("" if f.found else " ok")
        body = sheet_table(f.header, f.rows) if f.rows else f"<p>{escape(f.empty)}</p>"
        note = f'<p class="naravard-help">{escape(f.note)}</p>' if f.note else ""
        parts.append(f'<section class="{css}" data-key="{f.key}"><h3>{escape(f.title)}</h3>'
                     f"<p>{escape(f.explanation)}</p>{note}{body}</section>")
    return "".join(parts)


class AnalysesTab(SheetPart):
    """The analyses of the saved map."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        self.analysis_html = w.HTML("")
        self.widget = w.VBox([self.analysis_html])

    def refresh(self) -> None:
        """Redraw the analyses from the sheet's findings."""
        if not self.fmap.forums:
            self.analysis_html.value = "<p>Analyserna visas när kartan har forum.</p>"
        else:
            self.analysis_html.value = findings_html(self.sheet.findings)
