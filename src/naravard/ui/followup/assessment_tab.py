"""Tab 1: each participant rates the eight success factors, with a sentence of evidence."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.pii import pii_problem
from naravard.core.store import delete_path, new_id
from naravard.core.text import escape
from naravard.ui.common import error_html, labelled, sheet_table
from naravard.ui.followup.common import Ctx, Tab, card, pii_text
from naravard.ui.records import autosaved_choice, button


class AssessmentTab(Tab):
    """Add participants and enter one participant's ratings at a time."""

    css_class = "followup-assessment"

    def __init__(self, ctx: Ctx):
        super().__init__(ctx)
        self.selected = ""

    def build(self) -> list[w.Widget]:
        ctx = self.ctx
        view = ctx.view()
        scale = sheet_table(["Steg", "Betyder"], [[s.label, s.anchor] for s in ctx.guide.scale])
        intro = card("Skalan", w.HTML(scale), help_text=(
            "Varje deltagare skattar varje faktor för sig själv och skriver en mening om vad "
            "skattningen bygger på. Ange roll och huvudman, aldrig namn."))
        rnd = view.round
        if rnd is None:
            return [intro, card("Deltagare", help_text="Lägg till en omgång ovan först.")]
        ids = [p.id for p in rnd.participants]
        if self.selected not in ids:
            self.selected = ids[0] if ids else ""
        return [intro, self.participants_card(rnd), *self.rating_cards(rnd)]

    def participants_card(self, rnd) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        rid = rnd.id
        place = ctx.county.municipalities[0].name if ctx.county.municipalities else ""
        example = f"Socialchef, {place}" if place else "Socialchef"
        label = w.Text(placeholder=f"Till exempel: {example}", continuous_update=False,
                       layout=w.Layout(width="24rem"))
        label_box = labelled("Roll (inte namn)", label)
        principal = w.Dropdown(options=ctx.principal_options(), layout=w.Layout(width="auto"))
        principal_box = labelled("Huvudman", principal)

        def add() -> None:
            text = label.value.strip()
            problem = "Skriv deltagarens roll." if not text else pii_problem(text)
            if problem:
                label_box.message.value = error_html(problem)
                s.status.error(f"Roll: {problem} Inget har sparats.")
                return
            pid = new_id("p")
            record = {"label": text, "principal": principal.value, "scores": {}, "evidence": {}}
            if s.save(("rounds", rid, "participants", pid), record) is not None:
                self.selected = pid
                ctx.refresh()

        parts: list[w.Widget] = []
        if rnd.participants:
            choose = w.Dropdown(options=[(f"{p.label} ({p.principal})", p.id)
                                         for p in rnd.participants], value=self.selected,
                                layout=w.Layout(width="auto"))
            choose.add_class("followup-participant")

            def chosen(change: dict) -> None:
                self.selected = change["new"]
                self.refresh()

            choose.observe(s.guarded(chosen), names="value")
            rated = sum(1 for p in rnd.participants if len(p.scores) == len(ctx.guide.factors))
            parts += [labelled("Visa skattningarna för", choose),
                      w.HTML(f"<p>{len(rnd.participants)} deltagare, {rated} har skattat alla "
                             "faktorer.</p>")]
        add_row = w.HBox([label_box, principal_box,
                          button("Lägg till deltagare", add, s, css="followup-add-participant")])
        add_row.add_class("followup-row")
        return card(f"Deltagare i {rnd.title}", *parts, add_row)

    def rating_cards(self, rnd) -> list[w.Widget]:
        ctx, s = self.ctx, self.ctx.session
        p = next((x for x in rnd.participants if x.id == self.selected), None)
        if p is None:
            return []
        base = ("rounds", rnd.id, "participants", p.id)
        options = [("Inte skattad", 0)] + [(st.label, st.value) for st in ctx.guide.scale]
        rows: list[w.Widget] = [
            w.HBox([pii_text(s, (*base, "label"), "Roll"),
                    autosaved_choice(s, (*base, "principal"), "Huvudman",
                                     ctx.principal_options(), value=p.principal)])]
        for n, f in enumerate(ctx.guide.factors, 1):
            score = w.Dropdown(options=options, value=p.scores.get(f.code, 0),
                               layout=w.Layout(width="14rem"))
            score.add_class("followup-score")
            anchor = w.HTML("")

            def show_anchor(value: int, anchor=anchor) -> None:
                step = ctx.guide.step(value)
                anchor.value = (f'<span class="naravard-help">{escape(step.anchor)}</span>'
                                if step else "")

            def scored(change: dict, code=f.code, show=show_anchor) -> None:
                path = (*base, "scores", code)
                if change["new"]:
                    s.save(path, int(change["new"]))
                else:
                    s.update(lambda d: delete_path(d, path))
                show(change["new"])
                ctx.forget()

            show_anchor(p.scores.get(f.code, 0))
            score.observe(s.guarded(scored), names="value")
            box = w.VBox([
                w.HTML(f"<h4>{n}. {escape(f.name)}</h4>"
                       f'<p class="naravard-help">{escape(f.description)}</p>'),
                w.HBox([labelled(f"Skattning: {f.name}", score), anchor]),
                pii_text(s, (*base, "evidence", f.code), f"Belägg: {f.name}",
                         placeholder="En mening om vad skattningen bygger på"),
            ])
            box.add_class("followup-factor")
            rows.append(box)

        def remove() -> None:
            path = ("rounds", rnd.id, "participants", p.id)
            if s.update(lambda d: delete_path(d, path), snapshot=True) is not None:
                s.status.info(f"{p.label} togs bort. Ångra längst ned om det var fel.")
                self.selected = ""
                ctx.refresh()

        rows.append(w.HBox([button("Ta bort deltagaren", remove, s, style="warning")]))
        return [card(f"Skattningar: {p.label}", *rows)]
