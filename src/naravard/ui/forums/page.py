"""Worksheet: map the county's decision and collaboration forums.

The group adds forums and relations, sees them as a layered graph, reads the analyses, lets
each participant tick their own picture, compares the pictures and adopts an agreed map. Maps
are imported and exported as CSV (Swedish Excel), XLSX, GraphML and JSON. Every change is saved
at once through the session (:meth:`Session.update`); when the session reports a save, the
sheet redraws every tab from the saved document, so undo and reload show exactly what is saved.

One module per tab: ``map_tab``, ``relations_tab``, ``analyses_tab``, ``perspectives_tab``,
``comparison_tab``, ``files_tab``; ``form`` holds the forum form, ``part`` what the tabs share.
"""

from __future__ import annotations


import ipywidgets as w

from naravard.core.text import escape
from naravard.forums.analysis import Finding, analyse
from naravard.forums.model import ForumMap, principal_options
from naravard.ui.common import Session, autosaved_text, header
from naravard.ui.forums.analyses_tab import AnalysesTab
from naravard.ui.forums.comparison_tab import ComparisonTab
from naravard.ui.forums.files_tab import FilesTab
from naravard.ui.forums.map_tab import MapTab
from naravard.ui.forums.part import SheetPart
from naravard.ui.forums.perspectives_tab import PerspectivesTab
from naravard.ui.forums.relations_tab import RelationsTab

__all__ = ["ForumMappingWorksheet", "build"]

TAB_TITLES = ["Karta", "Relationer", "Analyser", "Deltagarnas bilder", "Jämförelse",
              "Import och export"]
PERSPECTIVES_TAB, COMPARISON_TAB = 3, 4

def _without_notes(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "notes"}


class ForumMappingWorksheet:
    """The whole worksheet: the tabs, the notes, and :meth:`refresh` after every save."""

    def __init__(self, session: Session):
        self.session = session
        self.county = session.county
        self.principals = self.county.principals()
        self.options = principal_options(self.principals)
        self.doc: dict = session.read()
        self.findings: list[Finding] = []
        self.map_tab = MapTab(self)
        self.relations_tab = RelationsTab(self)
        self.analyses_tab = AnalysesTab(self)
        self.perspectives_tab = PerspectivesTab(self)
        self.comparison_tab = ComparisonTab(self)
        self.files_tab = FilesTab(self)
        self.parts: tuple[SheetPart, ...] = (
            self.map_tab, self.relations_tab, self.analyses_tab, self.perspectives_tab,
            self.comparison_tab, self.files_tab)
        self.tabs = w.Tab(children=[part.widget for part in self.parts])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.tabs.observe(session.guarded(lambda _c: self.refresh()), names="selected_index")
        notes = autosaved_text(session, ("notes",), "Anteckningar från samtalet",
                               multiline=True,
                               placeholder="Vad förvånade er? Vilka forum kände inte alla till?")
        members = ", ".join(f"{m.role} ({self.county.organisation_of(m.principal)})"
                            for m in self.county.members)
        self.widget = w.VBox([
            header(session), session.status,
            w.HTML(f'<p class="naravard-help">Systemledningen: {escape(members)}.</p>'),
            self.tabs, notes])
        self.widget.add_class("forum-app")
        session.on_saved(self.on_saved)
        self.refresh()

    @property
    def fmap(self) -> ForumMap:
        """The map of the saved document (computed once per saved version)."""
        cached = self.__dict__.get("_fmap_cache")
        if cached is None or cached[0] is not self.doc:
            cached = (self.doc, ForumMap.from_doc(self.doc))
            self._fmap_cache = cached
        return cached[1]

    def preview_example(self) -> None:
        """Show the example county's map as an import to confirm (on the files tab)."""
        self.files_tab.preview_example()

    def on_saved(self, doc: dict) -> None:
        """Keep the saved document and redraw (not for the notes alone, typed key by key)."""
        before, self.doc = self.doc, doc
        notes_only = doc.get("notes") != before.get("notes") and \
            _without_notes(doc) == _without_notes(before)
        if not notes_only:
            self.refresh()

    def refresh(self) -> None:
        """Redraw every tab from ``self.doc`` (the last saved document)."""
        self.findings = analyse(self.fmap)
        self.map_tab.refresh()
        self.relations_tab.refresh()
        self.analyses_tab.refresh()
        selected = self.tabs.selected_index
        if selected == PERSPECTIVES_TAB or self.perspectives_tab.selected_perspective:
            self.perspectives_tab.refresh()
        if selected == COMPARISON_TAB:
            self.comparison_tab.refresh()


def build(session: Session) -> w.Widget:
    """Build the worksheet from the saved document (called again after undo)."""
    sheet = ForumMappingWorksheet(session)
    sheet.widget.sheet = sheet  # type: ignore[attr-defined]
    return sheet.widget
