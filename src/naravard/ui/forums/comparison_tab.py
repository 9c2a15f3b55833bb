"""The "Jämförelse" tab: where the participants' pictures differ, and adopting the agreed map."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape, format_number, join_swedish
from naravard.forums import perspectives as persp
from naravard.forums.model import ForumMap, replace_map
from naravard.ui.common import sheet_table
from naravard.ui.forums.part import Sheet, SheetPart
from naravard.ui.widgets import VegaChart

AGREE_HELP = ('<h2>Den överenskomna kartan</h2><p class="naravard-help">Ta med forum och '
              "relationer som minst så här många deltagare har i sin bild. Där kartan saknar "
              "mandat fylls det vanligaste svaret på ”vad beslutar forumet” i.</p>")
CONFIRM = ("<p><strong>Kartan ersätts med den överenskomna kartan.</strong> Den nuvarande "
           "versionen sparas i historiken och kan tas tillbaka med ”Ångra senaste ändringen”.</p>")
AGREEMENT_HELP = ("<h2>Samstämmighet per forum</h2><p class=\"naravard-help\">Relationerna "
                  "stämmer överens anger hur lika forumets relationer är i bilderna hos dem som "
                  "känner till det (Jaccard-index).</p>")


def summary_html(comp: persp.Comparison) -> str:
    """How many took part, how alike the pictures are, which forums few or none knew."""
    n = len(comp.participants)
    mean, few, unknown = comp.mean_similarity, comp.few(), comp.unknown()
    items = [f"<li><strong>{format_number(n)} deltagare</strong>: "
             f"{escape(join_swedish(comp.participants))}.</li>"]
    if mean is not None:
        items.append(f"<li>Bilderna är i genomsnitt {format_number(100 * mean)} % lika "
                     "(andelen forum och relationer som två deltagare har gemensamt).</li>")
    if few:
        items.append("<li>Forum som bara en eller två känner till: "
                     f"{escape(join_swedish(f.name for f in few))}.</li>")
    if unknown:
        items.append("<li>Forum i kartan som ingen deltagare kryssade i: "
                     f"{escape(join_swedish(f.name for f in unknown))}.</li>")
    return "<h2>Var skiljer sig bilderna?</h2><ul>" + "".join(items) + "</ul>"


def agreement_tables(comp: persp.Comparison) -> str:
    """Agreement per forum and per relation."""
    n = len(comp.participants)
    forum_rows = [[f.name, f"{len(f.known_by)} av {n}",
                   "–" if f.relation_agreement is None else
                   f"{format_number(100 * f.relation_agreement)} %",
                   "; ".join(f"{p}: {t}" for p, t in f.decides.items()) or "–"]
                  for f in comp.forums]
    rel_rows = [[r.text, f"{len(r.drawn_by)} av {n}", "ja" if r.in_map else "nej"]
                for r in comp.relations]
    return (AGREEMENT_HELP
            + sheet_table(["Forum", "Känt av", "Relationerna stämmer överens",
                          "Beslutar enligt deltagarna"], forum_rows, "agreement-table")
            + "<h2>Samstämmighet per relation</h2>"
            + sheet_table(["Relation", "Ritad av", "Finns i kartan"], rel_rows,
                         "relation-agreement-table"))


def changes_html(change: persp.MapChange) -> str:
    """What adopting a map would add, remove and fill in."""
    parts = []
    for title, items in (("Forum som läggs till", change.added_forums),
                         ("Forum som tas bort", change.removed_forums),
                         ("Relationer som läggs till", change.added_relations),
                         ("Relationer som tas bort", change.removed_relations),
                         ("Mandat som fylls i", [f"{a}: {b}" for a, b in change.new_mandates])):
        if items:
            parts.append(f"<p><strong>{escape(title)} ({len(items)}):</strong> "
                         f"{escape(join_swedish(items))}</p>")
    return "".join(parts)


class ComparisonTab(SheetPart):
    """The comparison of the pictures, and the agreed map with its confirmation."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        g = self.session.guarded
        self.comparison: persp.Comparison | None = None
        self.comp_summary = w.HTML("")
        self.comp_summary.add_class("forum-summary")
        self.div_chart = VegaChart()
        self.sim_chart = VegaChart()
        self.div_chart.layout.display = "none"
        self.sim_chart.layout.display = "none"
        self.comp_tables = w.HTML("")
        self.agree_min = w.IntSlider(value=1, min=1, max=1, description="Minst",
                                     style={"description_width": "initial"})
        self.agree_keep = w.Checkbox(value=True, indent=False,
                                     description="Behåll allt som redan finns i kartan")
        self.agree_min.observe(g(lambda _c: self.draw_agreed()), names="value")
        self.agree_keep.observe(g(lambda _c: self.draw_agreed()), names="value")
        self.agree_preview = w.HTML("")
        self.agree_button = w.Button(description="Anta den överenskomna kartan",
                                     button_style="primary")
        self.agree_button.on_click(g(self.on_ask_adopt))
        self.agree_confirm = w.Button(description="Ja, ersätt kartan", button_style="danger")
        self.agree_confirm.on_click(g(self.on_adopt))
        self.agree_cancel = w.Button(description="Avbryt")
        self.agree_cancel.on_click(g(lambda _b: self.show_adopt_confirm(False)))
        self.agree_confirm_box = w.VBox([w.HTML(CONFIRM),
                                         w.HBox([self.agree_confirm, self.agree_cancel])])
        self.agree_confirm_box.layout.display = "none"
        agree_card = w.VBox([
            w.HTML(AGREE_HELP),
            w.HBox([self.agree_min, w.HTML("&nbsp;deltagare"), self.agree_keep]),
            self.agree_preview, w.HBox([self.agree_button]), self.agree_confirm_box])
        agree_card.add_class("naravard-card")
        self.widget = w.VBox([self.comp_summary,
                              w.HTML("<h2>Vem känner till vilka forum?</h2>"), self.div_chart,
                              w.HTML("<h2>Hur lika är bilderna?</h2>"), self.sim_chart,
                              self.comp_tables, agree_card])

    def refresh(self) -> None:
        """Redraw the comparison and the agreed map from the saved pictures."""
        comp = persp.compare(self.doc)
        self.comparison = comp
        n = len(comp.participants)
        if not n:
            self.comp_summary.value = ("<p>Ingen deltagare har ritat sin bild ännu. Börja under "
                                       "fliken ”Deltagarnas bilder”.</p>")
            self.comp_tables.value = ""
            self.div_chart.layout.display = "none"
            self.sim_chart.layout.display = "none"
            self.agree_preview.value = ""
            return
        self.comp_summary.value = summary_html(comp)
        from naravard.forums.charts import divergence_chart, similarity_chart  # altair

        self.div_chart.later(lambda: divergence_chart(comp))
        self.div_chart.layout.display = ""
        if n >= 2:
            self.sim_chart.later(lambda: similarity_chart(comp))
        self.sim_chart.layout.display = "" if n >= 2 else "none"
        self.comp_tables.value = agreement_tables(comp)
        with self.quiet():
            if self.agree_min.max != n:
                self.agree_min.max = n
                self.agree_min.value = persp.majority(n)
        self.draw_agreed()

    def agreed_map(self) -> ForumMap:
        """The map that the chosen share of participants agree on."""
        return persp.merged_map(self.doc, self.agree_min.value, self.agree_keep.value)

    def draw_agreed(self) -> None:
        """What adopting the agreed map would change."""
        if self.loading:
            return
        self.show_adopt_confirm(False)
        if not persp.compare(self.doc).participants:
            self.agree_preview.value = ""
            return
        change = persp.diff_maps(self.fmap, self.agreed_map())
        if change.empty:
            self.agree_preview.value = "<p>Den överenskomna kartan är densamma som kartan nu.</p>"
            self.agree_button.disabled = True
            return
        self.agree_button.disabled = False
        self.agree_preview.value = changes_html(change)

    def show_adopt_confirm(self, show: bool) -> None:
        self.agree_confirm_box.layout.display = "" if show else "none"

    def on_ask_adopt(self, _button=None) -> None:
        self.show_adopt_confirm(True)

    def on_adopt(self, _button=None) -> None:
        new = self.agreed_map()
        self.show_adopt_confirm(False)
        if self.save(lambda d: replace_map(d, new), snapshot=True):
            self.session.status.info("Den överenskomna kartan är antagen. Den tidigare kartan "
                                     "finns i historiken.")
