"""The "Relationer" tab: add and remove the typed relations between the map's forums."""

from __future__ import annotations

import ipywidgets as w

from naravard.forums.model import (RELATION_KINDS, FieldError, ForumMap, add_relation, norm,
                                   remove_relation)
from naravard.ui.common import error_html, labelled
from naravard.ui.common import sheet_table
from naravard.ui.forums.part import Sheet, SheetPart

ADD_HELP = ('<h2>Lägg till en relation</h2><p class="naravard-help">Relationer går i en '
            "riktning: <em>ger uppdrag till</em> och <em>informerar</em> går oftast nedåt, "
            "<em>rapporterar till</em> och <em>eskalerar till</em> uppåt.</p>")


def relation_table(fmap: ForumMap) -> str:
    """Every relation of the map as from–kind–to, sorted by the forum it goes from."""
    if not fmap.relations:
        return "<p>Inga relationer ännu.</p>"
    rows = sorted(([fmap.name(r.source), r.kind, fmap.name(r.target)]
                   for r in fmap.relations.values()), key=lambda r: (norm(r[0]), r[1]))
    return sheet_table(["Från", "Relation", "Till"], rows, "relation-table")


class RelationsTab(SheetPart):
    """A form for a new relation, the table of relations and a way to remove one."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        g = self.session.guarded
        self.rel_source = w.Dropdown(options=[], layout=w.Layout(width="22rem"))
        self.rel_kind = w.Dropdown(options=RELATION_KINDS, value=RELATION_KINDS[0])
        self.rel_target = w.Dropdown(options=[], layout=w.Layout(width="22rem"))
        source_box = labelled("Från forum", self.rel_source)
        kind_box = labelled("Relation", self.rel_kind)
        target_box = labelled("Till forum", self.rel_target)
        self.rel_source_msg = source_box.message
        self.rel_kind_msg = kind_box.message
        self.rel_target_msg = target_box.message
        self.rel_add = w.Button(description="Lägg till relation", button_style="primary")
        self.rel_add.on_click(g(self.on_add_relation))
        self.rel_table = w.HTML("")
        self.rel_remove_select = w.Dropdown(options=[("Välj relation att ta bort", "")],
                                            value="", layout=w.Layout(width="40rem"))
        self.rel_remove = w.Button(description="Ta bort relationen", button_style="warning")
        self.rel_remove.on_click(g(self.on_remove_relation))
        card = w.VBox([w.HTML(ADD_HELP), w.HBox([source_box, kind_box, target_box]),
                       w.HBox([self.rel_add])])
        card.add_class("naravard-card")
        self.widget = w.VBox([card, w.HTML("<h2>Relationerna</h2>"), self.rel_table,
                              w.HBox([self.rel_remove_select, self.rel_remove])])

    def refresh(self) -> None:
        """Redraw the choices and the table from the saved document."""
        fmap = self.fmap
        names = sorted(((f.name, fid) for fid, f in fmap.forums.items()), key=lambda x: norm(x[0]))
        self.set_options(self.rel_source, names)
        self.set_options(self.rel_target, names)
        rows = sorted(((fmap.describe(r), rid) for rid, r in fmap.relations.items()),
                      key=lambda x: norm(x[0]))
        self.set_options(self.rel_remove_select, [("Välj relation att ta bort", "")] + rows)
        self.rel_table.value = relation_table(fmap)

    def show_error(self, exc: ValueError) -> None:
        """Show a refused relation at the field it concerns (the target when it names none)."""
        if isinstance(exc, FieldError):
            messages = {"source": self.rel_source_msg, "kind": self.rel_kind_msg}
            messages.get(exc.field, self.rel_target_msg).value = error_html(str(exc))

    def on_add_relation(self, _button=None) -> None:
        for m in (self.rel_source_msg, self.rel_kind_msg, self.rel_target_msg):
            m.value = ""
        source, kind, target = self.rel_source.value, self.rel_kind.value, self.rel_target.value
        self.save(lambda d: add_relation(d, source or "", kind, target or ""),
                  on_error=self.show_error)

    def on_remove_relation(self, _button=None) -> None:
        rid = self.rel_remove_select.value
        if rid:
            self.save(lambda d: remove_relation(d, rid), snapshot=True)
