"""The "Karta" tab: the layered graph, a summary, the forum table, and adding, changing and
removing forums."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from naravard.core.county import County

from naravard.core.text import escape, format_number, join_swedish
from naravard.forums.model import (COMPOSITIONS, NO_TYPE, represented_principals, yearly_text, LEVELS, TYPES, ForumMap, add_forum, norm, remove_forum,
                                   update_forum)
from naravard.ui.forums.form import ForumForm
from naravard.ui.common import sheet_table
from naravard.ui.forums.part import Sheet, SheetPart
from naravard.ui.widgets import VegaChart

ADD_HELP = ('<h2>Lägg till ett forum</h2><p class="naravard-help">Ett forum är en grupp som '
            "möts regelbundet och bereder, beslutar, samverkar eller informerar. Ange roller, "
            "aldrig namn på personer.</p>")
EDIT_HELP = ('<h2>Ändra eller ta bort ett forum</h2><p class="naravard-help">Allt du skriver '
             "sparas direkt.</p>")


def no_example_reason() -> str | None:
    """Why the county's data/ offers no example map to start from; None when it does."""
    from naravard.core.examples import example_file, unused_reason
    from naravard.core.paths import data_dir
    from naravard.forums.example import FORUMS_FILE

    data = data_dir()
    return unused_reason(data, FORUMS_FILE) if example_file(data, FORUMS_FILE) is None else None


def start_map_label(county: County) -> str:
    """What the map in data/forums.csv is called on the button that loads it: the example
    county's map, or the county's own map from data/."""
    from naravard.core.examples import is_example_county
    from naravard.core.paths import data_dir
    from naravard.core.problems import DataError

    try:
        example = is_example_county(data_dir())
    except DataError:
        example = False
    return "exempellänets karta" if example else f"kartan över {county.name} i data/"


def forum_table(fmap: ForumMap, county: County | None = None) -> str:
    """Every forum of the map, by level and name, with its composition and yearly meetings."""
    if not fmap.forums:
        return "<p>Inga forum ännu. Lägg till det första ovan.</p>"
    order = list(LEVELS)
    label = county.choice_label if county is not None else str
    choices = county.principal_choices() if county is not None else []
    rows = [[rec.name, LEVELS.get(rec.level, rec.level), label(rec.principal),
             TYPES.get(rec.type, NO_TYPE), COMPOSITIONS.get(rec.composition, "–"),
             yearly_text(rec.frequency),
             join_swedish([label(p) for p in represented_principals(rec.members, choices)])
             or "–", rec.mission or "–", rec.mandate or "–"]
            for rec in sorted(fmap.forums.values(),
                              key=lambda f: (order.index(f.level), norm(f.name)))]
    return sheet_table(["Forum", "Nivå", "Huvudman", "Typ", "Sammansättning", "Möten",
                        "Medlemmar från", "Uppdrag", "Mandat"], rows, "forum-table")


class MapTab(SheetPart):
    """The map, its summary and table, and the forms that add and change forums."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        g = self.session.guarded
        self.no_example = no_example_reason()
        self.add_form = ForumForm(sheet.options, sheet.county.municipality_names[0])
        self.add_button = w.Button(description="Lägg till forum", button_style="primary")
        self.add_button.on_click(g(self.on_add_forum))
        add_card = w.VBox([w.HTML(ADD_HELP), self.add_form.layout(), w.HBox([self.add_button])])
        add_card.add_class("naravard-card")
        self.chart = VegaChart()
        self.highlight = w.Dropdown(options=[("Ingen markering", "")], value="",
                                    layout=w.Layout(width="26rem"))
        self.highlight.observe(g(lambda _c: self.draw_map()), names="value")
        self.summary = w.HTML("")
        self.summary.add_class("forum-summary")
        self.forum_table = w.HTML("")
        self.edit_select = w.Dropdown(options=[("Välj forum att ändra", "")], value="",
                                      layout=w.Layout(width="26rem"))
        self.edit_select.observe(g(self.on_select_edit), names="value")
        self.edit_form = ForumForm(sheet.options, sheet.county.municipality_names[0])
        for key, widget in self.edit_form.fields.items():
            if isinstance(widget, (w.Text, w.Textarea)):
                widget.continuous_update = True
            widget.observe(g(lambda c, k=key: self.on_edit_field(k, c["new"])), names="value")
        self.remove_button = w.Button(description="Ta bort forumet", button_style="warning")
        self.remove_button.on_click(g(self.on_remove_forum))
        self.edit_panel = w.VBox([self.edit_form.layout(), w.HBox([self.remove_button])])
        self.edit_panel.layout.display = "none"
        edit_card = w.VBox([w.HTML(EDIT_HELP), self.edit_select, self.edit_panel])
        edit_card.add_class("naravard-card")
        self.example_hint = w.HTML("")
        self.example_button = w.Button(description=f"Börja med {start_map_label(sheet.county)}",
                                       tooltip="Visar exemplet från data/ innan något sparas")
        self.example_button.on_click(g(lambda _b: sheet.preview_example()))
        if self.no_example:
            self.example_button.layout.display = "none"
        self.example_box = w.HBox([self.example_hint, self.example_button])
        self.widget = w.VBox([
            self.example_box,
            w.HBox([w.HTML('<label class="naravard-label">Markera i kartan:&nbsp;</label>'),
                    self.highlight]),
            self.chart, self.summary, add_card, w.HTML("<h2>Forumen</h2>"), self.forum_table,
            edit_card])

    # -- drawing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the tab from the saved document."""
        fmap = self.fmap
        findings = self.sheet.findings
        names = sorted(((f.name, fid) for fid, f in fmap.forums.items()), key=lambda x: norm(x[0]))
        self.set_options(self.edit_select, [("Välj forum att ändra", "")] + names)
        self.forum_table.value = forum_table(fmap, self.sheet.county)
        self.set_options(self.highlight, [("Ingen markering", "")] + [
            (f"{f.title} ({len(f.rows)})", f.key) for f in findings if f.forums or f.rows])
        self.summary.value = self.summary_html()
        self.example_box.layout.display = "none" if fmap.forums else ""
        self.example_hint.value = (
            '<p class="naravard-help">Kartan är tom. Börja med att lägga till ett forum, eller '
            "utgå från exemplet.</p>" if not self.no_example else
            '<p class="naravard-help">Kartan är tom. Börja med att lägga till ett forum. Det '
            f"finns ingen exempelkarta att utgå från: {escape(self.no_example)}</p>")
        self.draw_map()
        if self.edit_select.value:
            self.fill_edit(self.edit_select.value)

    def draw_map(self) -> None:
        """The layered graph, with the forums of the chosen analysis highlighted."""
        finding = next((f for f in self.sheet.findings if f.key == self.highlight.value), None)
        fmap, principals = self.fmap, self.sheet.principals

        def make() -> dict:
            from naravard.forums.charts import forum_map_spec  # altair: when the map is shown

            return forum_map_spec(fmap, principals,
                                  highlight_forums=finding.forums if finding else (),
                                  highlight_relations=finding.relations if finding else ())

        self.chart.later(make)

    def summary_html(self) -> str:
        """How many forums and relations, and what the analyses found."""
        fmap = self.fmap
        if not fmap.forums:
            return ""
        items = [f"<li><strong>{format_number(len(fmap.forums))} forum</strong> och "
                 f"{format_number(len(fmap.relations))} relationer.</li>"]
        for f in self.sheet.findings:
            if f.found and f.key != "escalation":
                items.append(f"<li>{escape(f.title)}: {format_number(len(f.rows))}.</li>")
        return "<ul>" + "".join(items) + "</ul>"

    def fill_edit(self, fid: str) -> None:
        """Show the saved values of a forum in the edit form."""
        rec = (self.doc.get("forums") or {}).get(fid)
        if not rec:
            return
        with self.quiet():
            self.edit_form.fill(rec)
            self.edit_form.clear_messages()

    # -- changes -------------------------------------------------------------------------------
    def on_add_forum(self, _widget=None) -> None:
        form = self.add_form
        form.clear_messages()
        values = form.values()
        principals = self.sheet.principals
        if self.save(lambda d: add_forum(d, values, principals), on_error=form.show_error):
            name = self.doc["forums"][self.result]["name"]
            form.clear()
            self.session.status.info(f"Forumet ”{name}” är tillagt och sparat.")

    def on_select_edit(self, change: dict) -> None:
        if self.loading:
            return
        fid = change["new"]
        self.edit_panel.layout.display = "" if fid else "none"
        if fid:
            self.fill_edit(fid)

    def on_edit_field(self, key: str, value: Any) -> None:
        fid = self.edit_select.value
        if self.loading or not fid:
            return
        self.edit_form.messages[key].value = ""
        principals = self.sheet.principals
        self.save(lambda d: update_forum(d, fid, key, value, principals),
                  on_error=self.edit_form.show_error)

    def on_remove_forum(self, _button=None) -> None:
        fid = self.edit_select.value
        if not fid or fid not in (self.doc.get("forums") or {}):
            return
        name = self.doc["forums"][fid]["name"]
        if self.save(lambda d: remove_forum(d, fid), snapshot=True):
            self.session.status.info(f"Forumet ”{name}” och dess relationer är borttagna. "
                                     "Ångra med knappen längst ned om det blev fel.")
