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
from naravard.forums.model import ForumMap
from naravard.ui.common import Session, autosaved_text, header
from naravard.ui.forums.analyses_tab import AnalysesTab
from naravard.ui.forums.comparison_tab import ComparisonTab
from naravard.ui.forums.files_tab import FilesTab
from naravard.ui.forums.map_tab import MapTab
from naravard.ui.forums.part import SheetPart
from naravard.ui.forums.perspectives_tab import PerspectivesTab
from naravard.ui.forums.relations_tab import RelationsTab

__all__ = ["ForumMappingWorksheet", "build", "prepare"]

#: The tabs in order: attribute, title and class. Only the open tab is built at start; the
#: others are built the first time they are opened or used (:meth:`ForumMappingWorksheet.part`).
PARTS: tuple[tuple[str, str, type[SheetPart]], ...] = (
    ("map_tab", "Karta", MapTab), ("relations_tab", "Relationer", RelationsTab),
    ("analyses_tab", "Analyser", AnalysesTab),
    ("perspectives_tab", "Deltagarnas bilder", PerspectivesTab),
    ("comparison_tab", "Jämförelse", ComparisonTab), ("files_tab", "Import och export", FilesTab))
TAB_TITLES = [title for _, title, _ in PARTS]
PERSPECTIVES_TAB, COMPARISON_TAB = 3, 4
#: Tabs redrawn after every save once they are built.
REDRAWN = (0, 1, 2)

def _without_notes(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "notes"}


class ForumMappingWorksheet:
    """The whole worksheet: the tabs, the notes, and :meth:`refresh` after every save."""

    def __init__(self, session: Session):
        self.session = session
        self.county = session.county
        self.principals = self.county.principal_choices()
        self.options = self.county.principal_options()
        self.doc: dict = session.read()
        self.findings: list[Finding] = []
        self._built: dict[int, SheetPart] = {}
        self._ready = False
        self.tabs = w.Tab(children=[w.VBox() for _ in PARTS])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.tabs.observe(session.guarded(self.on_tab), names="selected_index")
        self.part(self.tabs.selected_index or 0)
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
        self._ready = True

    def part(self, index: int) -> SheetPart:
        """The tab at ``index``, built (and drawn) the first time it is opened or used."""
        built = self._built.get(index)
        if built is None:
            built = self._built[index] = PARTS[index][2](self)
            self.tabs.children[index].children = (built.widget,)
            if self._ready and index in REDRAWN:
                built.refresh()
        return built

    map_tab = property(lambda self: self.part(0), doc="The map tab.")
    relations_tab = property(lambda self: self.part(1), doc="The relations tab.")
    analyses_tab = property(lambda self: self.part(2), doc="The analyses tab.")
    perspectives_tab = property(lambda self: self.part(3), doc="The participants' pictures.")
    comparison_tab = property(lambda self: self.part(4), doc="The comparison tab.")
    files_tab = property(lambda self: self.part(5), doc="The import and export tab.")

    @property
    def parts(self) -> tuple[SheetPart, ...]:
        """Every tab (builds those not yet opened)."""
        return tuple(self.part(i) for i in range(len(PARTS)))

    def on_tab(self, change: dict) -> None:
        """A tab is opened: build it the first time, then redraw from the saved document."""
        if change["new"] is not None:
            self.part(change["new"])
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
        for index in REDRAWN:
            if index in self._built:
                self._built[index].refresh()
        selected = self.tabs.selected_index
        perspectives = self._built.get(PERSPECTIVES_TAB)
        if selected == PERSPECTIVES_TAB or (perspectives and
                                            perspectives.selected_perspective):
            self.perspectives_tab.refresh()
        if selected == COMPARISON_TAB:
            self.comparison_tab.refresh()


def prepare() -> None:
    """Before the page is requested (a preheated kernel): read the county, load altair and
    networkx and draw an empty map once, so the page only applies the workshop."""
    from naravard.core.county import current_county
    from naravard.forums.charts import forum_map_spec

    empty = ForumMap.from_doc({})
    analyse(empty)
    forum_map_spec(empty, current_county().principal_choices())


def build(session: Session) -> w.Widget:
    """Build the worksheet from the saved document (called again after undo)."""
    sheet = ForumMappingWorksheet(session)
    sheet.widget.sheet = sheet  # type: ignore[attr-defined]
    return sheet.widget
