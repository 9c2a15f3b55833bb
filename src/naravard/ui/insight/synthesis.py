"""Step 7 of the insight worksheet: themes, scales ("motpoler"), the spread and the actions.

The facilitator codes the answers with their own themes (with frequent words as suggestions),
defines scales between two opposite poles and places each respondent on them. The charts show
the spread by perspective and by principal, the widest gaps are summarised in sentences, and the
quotes per theme are at hand. Last comes the list of actions that narrow the spread.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from naravard.core.county import County
from naravard.insight.guide import Guide
from naravard.insight.study import SCALE_MAX, SCALE_MIN, Study
from naravard.insight.analysis import (frequent_words, gap_sentence, keyword_matches,
                                       positions_frame, quotes_by_theme, scale_spread, tag_counts,
                                       widest_gaps)
from naravard.core.pii import pii_problem
from naravard.core.text import date_text
from naravard.core.store import new_id
from naravard.core.text import escape, format_number
from naravard.ui.common import error_html, labelled, ok_html, sheet_table
from naravard.ui.insight.common import Ctx, part, step_card
from naravard.ui.insight.people import respondent_label
from naravard.ui.widgets import VegaChart

NOT_PLACED = "–"
SLIDER_OPTIONS = [NOT_PLACED, *(str(i) for i in range(SCALE_MIN, SCALE_MAX + 1))]
JOINT_OWNER = "Systemledningen gemensamt"


@dataclass
class SynthesisView:
    """Everything the synthesis shows that depends on the positions on the scales."""

    spec_perspective: dict
    spec_principal: dict
    gaps_html: str
    table_html: str


def synthesis_view(study: Study, guide: Guide, county: County) -> SynthesisView:
    """Recompute the spread charts, the widest gaps and the spread table for the study."""
    from naravard.insight.charts import spread_spec

    frame = positions_frame(study, guide, county)
    spec_p = spread_spec(frame, "perspective", [p.name for p in guide.perspectives])
    spec_h = spread_spec(frame, "principal",
                         [guide.principal_name(c, county) for c in guide.principal_codes(county)])
    gaps = widest_gaps(frame, top=5)
    if gaps:
        gaps_html = "".join(f'<p class="insight-gap">{escape(gap_sentence(g))}</p>' for g in gaps)
    else:
        gaps_html = ('<p class="naravard-help">Skillnaderna mellan grupperna visas här när minst '
                     "två grupper är placerade på en skala.</p>")
    rows = [[r.scale_name, int(r.n), f"{int(r.min)}–{int(r.max)}", format_number(r.mean, 1),
             format_number(r.std, 1)] for r in scale_spread(frame).itertuples(index=False)]
    table = sheet_table(["Skala", "Placerade", "Från–till", "Medelvärde", "Spridning (sd)"],
                        rows, "insight-spread") if rows else ""
    return SynthesisView(spec_p, spec_h, gaps_html, table)


def theme_table(study: Study) -> str:
    """The themes with their keywords and how many answers are tagged with each."""
    counts = tag_counts(study)
    rows = [[t.name, t.keywords, counts.get(t.id, 0)] for t in study.themes]
    return (sheet_table(["Tema", "Sökord", "Märkta svar"], rows, "insight-themes") if rows
            else "<p>Inga teman ännu.</p>")


def owner_options(county: County) -> list[str]:
    """Suggested owners: the seats of the systemledning, and the systemledning as a whole."""
    seats = [f"{m.role}, {county.organisation_of(m.principal)}" for m in county.members]
    return [JOINT_OWNER, *dict.fromkeys(seats)]


def remove_theme(doc: dict, tid: str) -> None:
    """Remove a theme, its tags on every answer and its link from the scales."""
    (doc.get("themes") or {}).pop(tid, None)
    for r in (doc.get("respondents") or {}).values():
        for qid, tids in list((r.get("tags") or {}).items()):
            if tid in tids:
                r["tags"][qid] = [t for t in tids if t != tid]
    for s in (doc.get("scales") or {}).values():
        if s.get("theme") == tid:
            s["theme"] = ""


def remove_scale(doc: dict, sid: str) -> None:
    """Remove a scale and unlink the actions that referred to it."""
    (doc.get("scales") or {}).pop(sid, None)
    for a in (doc.get("actions") or {}).values():
        if a.get("scale") == sid:
            a["scale"] = ""


def add_keyword_tags(doc: dict, study: Study) -> int:
    """Tag every answer that contains one of a theme's keywords; return how many tags were new."""
    added = 0
    for theme in study.themes:
        for rid, qid in keyword_matches(study, theme):
            tags = doc["respondents"][rid].setdefault("tags", {}).setdefault(qid, [])
            if theme.id not in tags:
                tags.append(theme.id)
                added += 1
    return added


class SynthesisStep:
    """Step 7 of the worksheet."""

    def __init__(self, ctx: Ctx, doc: dict):
        self.ctx = ctx
        g = ctx.session.guarded
        # themes
        self.suggestions = w.HTML("")
        self.suggest_select = w.Dropdown(options=[("Välj ett ord", "")],
                                         layout=w.Layout(width="16rem"))
        self.suggest_add = w.Button(description="Gör ordet till tema")
        self.suggest_add.on_click(g(self.on_suggest_add))
        self.suggest_refresh = w.Button(description="Uppdatera förslagen")
        self.suggest_refresh.on_click(g(lambda _b: self.ctx.refresh()))
        self.theme_name = w.Text(placeholder="Till exempel: Mandat och beslut",
                                 continuous_update=False,
                                 layout=w.Layout(width="18rem"))
        self.theme_keywords = w.Text(placeholder="beslut, mandat", continuous_update=False,
                                     layout=w.Layout(width="16rem"))
        self.theme_add = w.Button(description="Lägg till tema", button_style="primary")
        self.theme_add.on_click(g(self.on_theme_add))
        self.theme_message = w.HTML("")
        self.theme_table = w.HTML("")
        self.theme_remove_select = w.Dropdown(options=[("Välj tema att ta bort", "")])
        self.theme_remove = w.Button(description="Ta bort tema", button_style="warning")
        self.theme_remove.on_click(g(self.on_theme_remove))
        self.keyword_tag = w.Button(description="Märk svar som innehåller sökorden")
        self.keyword_tag.on_click(g(self.on_keyword_tag))
        # tagging
        self.tag_select = w.Dropdown(options=[("Välj intervju", "")], layout=w.Layout(width="32rem"))
        self.tag_select.observe(g(lambda _c: self.show_tagging()), names="value")
        self.tag_box = w.VBox([])
        # scales
        self.left = w.Text(placeholder="Till exempel: Regionen beslutar ensam",
                           continuous_update=False,
                           layout=w.Layout(width="20rem"))
        self.right = w.Text(placeholder="Region och kommuner beslutar tillsammans",
                            continuous_update=False,
                            layout=w.Layout(width="20rem"))
        self.scale_theme = w.Dropdown(options=[("Inget tema", "")], layout=w.Layout(width="14rem"))
        self.scale_add = w.Button(description="Lägg till skala", button_style="primary")
        self.scale_add.on_click(g(self.on_scale_add))
        self.scale_message = w.HTML("")
        self.scale_remove_select = w.Dropdown(options=[("Välj skala att ta bort", "")],
                                              layout=w.Layout(width="28rem"))
        self.scale_remove = w.Button(description="Ta bort skala", button_style="warning")
        self.scale_remove.on_click(g(self.on_scale_remove))
        self.place_select = w.Dropdown(options=[("Välj skala", "")], layout=w.Layout(width="32rem"))
        self.place_select.observe(g(lambda _c: self.show_placing()), names="value")
        self.place_box = w.VBox([])
        # spread
        self.chart_perspective = VegaChart()
        self.chart_principal = VegaChart()
        self.gaps = w.HTML("")
        self.spread_table = w.HTML("")
        # quotes
        self.quote_select = w.Dropdown(options=[("Välj tema", "")], layout=w.Layout(width="24rem"))
        self.quote_select.observe(g(lambda _c: self.show_quotes()), names="value")
        self.quotes = w.HTML("")
        # actions
        self.action_text = w.Textarea(placeholder="Vad ska göras för att minska spännvidden?",
                                      rows=2, layout=w.Layout(width="30rem"))
        self.action_owner = w.Combobox(options=owner_options(ctx.county), ensure_option=False,
                                       placeholder="Vem äger åtgärden?",
                                       layout=w.Layout(width="22rem"))
        self.action_scale = w.Dropdown(options=[("Ingen skala", "")], layout=w.Layout(width="18rem"))
        self.action_due = w.DatePicker(value=None)
        self.action_add = w.Button(description="Lägg till åtgärd", button_style="primary")
        self.action_add.on_click(g(self.on_action_add))
        self.action_message = w.HTML("")
        self.action_table = w.HTML("")
        self.action_remove_select = w.Dropdown(options=[("Välj åtgärd att ta bort", "")],
                                               layout=w.Layout(width="28rem"))
        self.action_remove = w.Button(description="Ta bort åtgärd", button_style="warning")
        self.action_remove.on_click(g(self.on_action_remove))

        theme_form = w.HBox([labelled("Tema", self.theme_name),
                             labelled("Sökord (frivilligt)", self.theme_keywords), self.theme_add])
        theme_form.add_class("insight-row")
        scale_form = w.HBox([labelled(f"Vänster pol ({SCALE_MIN})", self.left),
                             labelled(f"Höger pol ({SCALE_MAX})", self.right),
                             labelled("Tema", self.scale_theme), self.scale_add])
        scale_form.add_class("insight-row")
        action_form = w.HBox([labelled("Åtgärd", self.action_text),
                              labelled("Ägare", self.action_owner),
                              labelled("Skala", self.action_scale),
                              labelled("Klart senast", self.action_due), self.action_add])
        action_form.add_class("insight-row")
        self.widget = step_card(
            7, "Syntes",
            "Märk svaren med teman, beskriv motpolerna och placera de intervjuade mellan dem. "
            "Diagrammen visar spännvidden: vem som ser frågan olika från vem.",
            part("Teman", self.suggestions,
                 w.HBox([self.suggest_select, self.suggest_add, self.suggest_refresh]),
                 theme_form, self.theme_message, self.theme_table,
                 w.HBox([self.theme_remove_select, self.theme_remove, self.keyword_tag]),
                 help_text="Era egna koder. Förslagen är ord som flera intervjuade använder."),
            part("Märk svaren", self.tag_select, self.tag_box,
                 help_text="Välj en intervju och ange vilka teman varje svar handlar om."),
            part("Motpoler", scale_form, self.scale_message,
                 w.HBox([self.scale_remove_select, self.scale_remove]),
                 help_text="En skala har två motsatta poler. Placera varje intervjuad där hen "
                           f"står, från {SCALE_MIN} (vänster pol) till {SCALE_MAX} (höger pol)."),
            part("Placera de intervjuade", self.place_select, self.place_box),
            part("Spännvidden", self.spread_table, self.chart_perspective, self.chart_principal),
            part("Där skillnaderna är störst", self.gaps),
            part("Citat per tema", self.quote_select, self.quotes),
            part("Åtgärder för att minska spännvidden", action_form, self.action_message,
                 self.action_table, w.HBox([self.action_remove_select, self.action_remove]),
                 help_text="Vad kan systemledningen göra för att minska spännvidden i både "
                           "verklighetsbild och åsikter? Varje åtgärd får en ägare."),
        )

    # -- refresh -----------------------------------------------------------------------------
    def refresh(self, study: Study) -> None:
        self.refresh_themes(study)
        self.refresh_scales(study)
        self.refresh_actions(study)
        self.show_tagging(study)
        self.show_placing(study)
        self.show_spread(study)
        self.show_quotes(study)

    @staticmethod
    def _set_options(dropdown: w.Dropdown, options: list[tuple[str, str]]) -> None:
        keep = dropdown.value if dropdown.value in {v for _, v in options} else options[0][1]
        with dropdown.hold_trait_notifications():
            dropdown.options = options
            dropdown.value = keep

    def refresh_themes(self, study: Study) -> None:
        words = frequent_words(study, self.ctx.guide)
        if words:
            self.suggestions.value = ('<p class="insight-suggest">Vanliga ord i svaren (antal '
                                      "intervjuade som använder ordet): " + escape(", ".join(
                                          f"{word} ({n})" for word, n in words)) + "</p>")
        else:
            self.suggestions.value = ('<p class="insight-suggest">Förslag på teman visas här när '
                                      "några intervjuer är ifyllda.</p>")
        self._set_options(self.suggest_select, [("Välj ett ord", "")] + [
            (f"{word} ({n})", word) for word, n in words])
        self.theme_table.value = theme_table(study)
        themes = [(t.name, t.id) for t in study.themes]
        self._set_options(self.theme_remove_select, [("Välj tema att ta bort", "")] + themes)
        self._set_options(self.scale_theme, [("Inget tema", "")] + themes)
        self._set_options(self.quote_select, [("Välj tema", "")] + themes)
        if not self.quote_select.value and themes:
            self.quote_select.value = themes[0][1]
        interviewed = [(respondent_label(self.ctx, r), r.id) for r in study.interviewed()]
        self._set_options(self.tag_select, [("Välj intervju", "")] + interviewed)

    def refresh_scales(self, study: Study) -> None:
        scales = [(study.scale_name(s), s.id) for s in study.scales]
        self._set_options(self.scale_remove_select, [("Välj skala att ta bort", "")] + scales)
        self._set_options(self.action_scale, [("Ingen skala", "")] + scales)
        self._set_options(self.place_select, [("Välj skala", "")] + scales)
        if not self.place_select.value and scales:
            self.place_select.value = scales[0][1]

    def refresh_actions(self, study: Study) -> None:
        names = {s.id: study.scale_name(s) for s in study.scales}

        rows = [[a.text, a.owner, names.get(a.scale, ""), date_text(a.due)]
                for a in study.actions]
        self.action_table.value = (sheet_table(["Åtgärd", "Ägare", "Skala", "Klart senast"],
                                               rows, "insight-actions")
                                   if rows else "<p>Inga åtgärder ännu.</p>")
        self._set_options(self.action_remove_select, [("Välj åtgärd att ta bort", "")] + [
            (a.text[:70] + ("…" if len(a.text) > 70 else ""), a.id) for a in study.actions])

    def show_spread(self, study: Study | None = None) -> None:
        """The spread charts, gaps and table; made (with pandas and altair) when the page
        shows the charts, or at once when they are already on screen."""
        study = study or self.ctx.study()
        made: list[SynthesisView] = []

        def view() -> SynthesisView:
            if not made:
                made.append(synthesis_view(study, self.ctx.guide, self.ctx.county))
                self.gaps.value = made[0].gaps_html
                self.spread_table.value = made[0].table_html
            return made[0]

        self.chart_perspective.later(lambda: view().spec_perspective)
        self.chart_principal.later(lambda: view().spec_principal)

    # -- themes --------------------------------------------------------------------------------
    def _add_theme(self, name: str, keywords: str) -> bool:
        study = self.ctx.study()
        name = name.strip()
        problem = None
        if not name:
            problem = "Skriv temats namn."
        elif name.casefold() in {t.name.casefold() for t in study.themes}:
            problem = f"Temat ”{name}” finns redan."
        else:
            problem = pii_problem(name) or pii_problem(keywords)
        if problem:
            self.theme_message.value = error_html(problem)
            return False
        saved = self.ctx.session.save(("themes", new_id("t")),
                                      {"name": name, "keywords": keywords.strip()})
        if saved is None:
            return False
        self.theme_message.value = ok_html(f"Temat ”{name}” är tillagt.")
        self.ctx.refresh()
        return True

    def on_theme_add(self, _button=None) -> None:
        if self._add_theme(self.theme_name.value, self.theme_keywords.value):
            self.theme_name.value = ""
            self.theme_keywords.value = ""

    def on_suggest_add(self, _button=None) -> None:
        word = self.suggest_select.value
        if word:
            self._add_theme(word.capitalize(), word)

    def on_theme_remove(self, _button=None) -> None:
        tid = self.theme_remove_select.value
        if tid and self.ctx.session.update(lambda d: remove_theme(d, tid), snapshot=True):
            self.ctx.refresh()

    def on_keyword_tag(self, _button=None) -> None:
        study = self.ctx.study()
        if not any(t.keyword_list() for t in study.themes):
            self.theme_message.value = error_html("Inget tema har sökord. Skriv sökord när du "
                                                  "lägger till ett tema.")
            return
        count = {"n": 0}

        def change(doc: dict) -> None:
            count["n"] = add_keyword_tags(doc, Study.from_doc(doc))

        if self.ctx.session.update(change, snapshot=True) is not None:
            self.theme_message.value = ok_html(f"{count['n']} nya märkningar. Gå igenom dem under "
                                               "”Märk svaren” och ta bort det som inte stämmer.")
            self.ctx.refresh()

    # -- tagging -------------------------------------------------------------------------------
    def show_tagging(self, study: Study | None = None) -> None:
        study = study or self.ctx.study()
        r = study.respondent(self.tag_select.value)
        if r is None:
            self.tag_box.children = [w.HTML('<p class="naravard-help">Välj en intervju för att '
                                            "märka svaren.</p>")]
            return
        if not study.themes:
            self.tag_box.children = [w.HTML('<p class="naravard-help">Lägg till teman först.</p>')]
            return
        by_name = {t.name: t.id for t in study.themes}
        by_id = {t.id: t.name for t in study.themes}
        g = self.ctx.session.guarded
        children: list[w.Widget] = []
        for f in self.ctx.guide.answer_fields():
            text = (r.answers.get(f.id) or "").strip()
            if not text:
                continue
            tags = w.TagsInput(value=[by_id[t] for t in r.tags.get(f.id, []) if t in by_id],
                               allowed_tags=list(by_name), allow_duplicates=False)

            def save(change: dict, qid: str = f.id, rid: str = r.id) -> None:
                ids = [by_name[n] for n in change["new"] if n in by_name]
                self.ctx.session.save(("respondents", rid, "tags", qid), ids)
                self.refresh_after_tagging()

            tags.observe(g(save), names="value")
            children += [w.HTML(f'<p class="insight-question">{escape(f.short)}</p>'
                                f'<div class="insight-answer">{escape(text)}</div>'), tags]
        self.tag_box.children = children or [w.HTML("<p>Intervjun har inga svar ännu.</p>")]

    def refresh_after_tagging(self) -> None:
        study = self.ctx.study()
        self.theme_table.value = theme_table(study)
        self.show_quotes(study)

    # -- scales --------------------------------------------------------------------------------
    def on_scale_add(self, _button=None) -> None:
        left, right = self.left.value.strip(), self.right.value.strip()
        problem = None
        if not left or not right:
            problem = "Skriv båda polerna: vad som står längst till vänster och längst till höger."
        else:
            problem = pii_problem(left) or pii_problem(right)
        if problem:
            self.scale_message.value = error_html(problem)
            return
        sid = new_id("s")
        record = {"left": left, "right": right, "theme": self.scale_theme.value, "positions": {}}
        if self.ctx.session.save(("scales", sid), record) is not None:
            self.scale_message.value = ok_html("Skalan är tillagd. Placera de intervjuade på den.")
            self.left.value = ""
            self.right.value = ""
            self.ctx.refresh()
            self.place_select.value = sid

    def on_scale_remove(self, _button=None) -> None:
        sid = self.scale_remove_select.value
        if sid and self.ctx.session.update(lambda d: remove_scale(d, sid), snapshot=True):
            self.ctx.refresh()

    def show_placing(self, study: Study | None = None) -> None:
        study = study or self.ctx.study()
        scale = study.scale(self.place_select.value)
        if scale is None:
            self.place_box.children = [w.HTML('<p class="naravard-help">Lägg till en skala och '
                                              "välj den här.</p>")]
            return
        people = study.interviewed()
        if not people:
            self.place_box.children = [w.HTML("<p>Ingen är intervjuad ännu.</p>")]
            return
        g = self.ctx.session.guarded
        rows: list[w.Widget] = [w.HTML(
            f'<p><strong>{SCALE_MIN}</strong> = {escape(scale.left)} · '
            f"<strong>{SCALE_MAX}</strong> = {escape(scale.right)} · "
            f"<strong>{NOT_PLACED}</strong> = inte placerad</p>")]
        for r in people:
            value = scale.positions.get(r.id)
            slider = w.SelectionSlider(
                options=SLIDER_OPTIONS, value=NOT_PLACED if value is None else str(value),
                description=respondent_label(self.ctx, r), continuous_update=False,
                description_allow_html=False, tooltip=respondent_label(self.ctx, r),
                style={"description_width": "26rem"}, layout=w.Layout(width="48rem"))
            slider.add_class("insight-slider-row")

            def save(change: dict, rid: str = r.id, sid: str = scale.id) -> None:
                self.place(sid, rid, change["new"])

            slider.observe(g(save), names="value")
            rows.append(slider)
        self.place_box.children = rows

    def place(self, sid: str, rid: str, value: str) -> None:
        """Save one respondent's position on a scale and redraw the spread."""
        path = ("scales", sid, "positions", rid)
        if value == NOT_PLACED:
            saved = self.ctx.session.update(
                lambda d: ((d.get("scales") or {}).get(sid, {}).get("positions") or {})
                .pop(rid, None))
        else:
            saved = self.ctx.session.save(path, int(value))
        if saved is not None:
            self.show_spread(Study.from_doc(saved))

    # -- quotes --------------------------------------------------------------------------------
    def show_quotes(self, study: Study | None = None) -> None:
        study = study or self.ctx.study()
        tid = self.quote_select.value
        if not tid:
            self.quotes.value = '<p class="naravard-help">Välj ett tema.</p>'
            return
        quotes = quotes_by_theme(study, self.ctx.guide, self.ctx.county).get(tid, [])
        if not quotes:
            self.quotes.value = "<p>Inga svar är märkta med temat ännu.</p>"
            return
        self.quotes.value = "".join(
            f'<blockquote class="insight-quote"><p>”{escape(q.text)}”</p><footer>'
            f"{escape(q.pseudonym)}, {escape(q.role.lower())}, {escape(q.principal)} "
            f"({escape(q.perspective)}) – {escape(q.question)}</footer></blockquote>"
            for q in quotes)

    # -- actions -------------------------------------------------------------------------------
    def on_action_add(self, _button=None) -> None:
        text = self.action_text.value.strip()
        owner = self.action_owner.value.strip()
        problem = None
        if not text:
            problem = "Beskriv åtgärden."
        elif not owner:
            problem = "Varje åtgärd behöver en ägare. Välj en roll i listan eller skriv en."
        else:
            problem = pii_problem(text) or pii_problem(owner)
        if problem:
            self.action_message.value = error_html(problem)
            return
        due = self.action_due.value.isoformat() if self.action_due.value else ""
        record = {"text": text, "owner": owner, "scale": self.action_scale.value, "due": due}
        if self.ctx.session.save(("actions", new_id("a")), record) is not None:
            self.action_message.value = ok_html("Åtgärden är tillagd.")
            self.action_text.value = ""
            self.action_owner.value = ""
            self.action_due.value = None
            self.ctx.refresh()

    def on_action_remove(self, _button=None) -> None:
        aid = self.action_remove_select.value
        if aid and self.ctx.session.update(
                lambda d: (d.get("actions") or {}).pop(aid, None), snapshot=True):
            self.ctx.refresh()
