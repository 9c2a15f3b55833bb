"""The "Analyser" tab: every analysis of the map, each explained in one Swedish sentence."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.forums.analysis import REACH_RULES, REACH_SUMMARY, Finding
from naravard.ui.common import sheet_table
from naravard.ui.forums.part import Sheet, SheetPart


def reach_rules_html() -> str:
    """The reach rules beside the analysis of unreached forums, one item per relation kind."""
    items = "".join(f"<li><strong>{escape(kind)}</strong>: {escape(rule)}</li>"
                    for kind, rule in REACH_RULES)
    return (f'<details class="forum-reach-rules" open><summary>Så räknas ett forum som nått'
            f"</summary><ul>{items}</ul><p>{escape(REACH_SUMMARY)}</p></details>")


def findings_html(findings: list[Finding]) -> str:
    """One section per analysis: what it looks for, what it found (or that all is well)."""
    parts = []
    for f in findings:
        css = "forum-finding" + ("" if f.found else " ok")
        body = sheet_table(f.header, f.rows) if f.rows else f"<p>{escape(f.empty)}</p>"
        note = f'<p class="naravard-help">{escape(f.note)}</p>' if f.note else ""
        if f.key == "unreached":
            note += reach_rules_html()
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
