"""Tab 2: the spread per factor and principal, where the group disagrees, the change since the
last round, the joint rating and the actions (which can be sent to the plan's initiatives)."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import delete_path, new_id, set_path
from naravard.core.text import escape, format_number
from naravard.followup.model import PLAN_DOC, plan_initiative
from naravard.followup.ratings import change_sentence, disagreement_sentence
from naravard.plan.values import date_problem
from naravard.ui.common import autosaved_text, sheet_table
from naravard.ui.followup.common import Tab, card, pii_text
from naravard.ui.records import autosaved_choice, button
from naravard.ui.widgets import VegaChart


def _num(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


class SynthesisTab(Tab):
    """Charts and the joint decisions of a round."""

    css_class = "followup-synthesis"

    def build(self) -> list[w.Widget]:
        from naravard.followup.charts import change_chart, principal_chart, profile_chart

        ctx = self.ctx
        view = ctx.view()
        rnd = view.round
        if rnd is None:
            return [card("Spridning", help_text="Lägg till en omgång ovan först.")]
        profile = VegaChart()
        profile.later(lambda: profile_chart(rnd, ctx.guide))
        by_principal = VegaChart()
        by_principal.later(lambda: principal_chart(rnd, ctx.guide, ctx.county.principals()))
        rows = [[s.name, str(s.n), f"{s.low}–{s.high}" if s.n else "–", _num(s.mean),
                 _num(s.sd)] for s in view.spreads]
        table = w.HTML(sheet_table(["Faktor", "Skattat", "Från–till", "Medel", "Spridning (sd)"],
                                   rows, css="followup-spread"))
        gaps = "".join(f"<li>{escape(disagreement_sentence(s))}</li>"
                       for s in view.disagreements) or \
            "<li>Deltagarna skattar ännu lika, eller för få har skattat.</li>"
        parts: list[w.Widget] = [
            card("Faktorprofil", profile, table, help_text=(
                "Varje cirkel är en eller flera deltagares skattning; strecket är medelvärdet "
                "och den gröna romben den gemensamma skattningen.")),
            card("Där ni ser olika", w.HTML(f'<ul class="followup-gaps">{gaps}</ul>'),
                 by_principal, help_text=(
                     "Börja samtalet i de faktorer där skattningarna spretar mest: be dem som "
                     "skattar högt och lågt berätta vad de ser.")),
        ]
        previous = view.followup.previous(rnd.id)
        if previous is not None:
            chart = VegaChart()
            chart.later(lambda: change_chart(view.changes, previous.title, rnd.title,
                                             ctx.guide))
            moved = "".join(f"<li>{escape(change_sentence(c))}</li>" for c in view.moved_factors)
            parts.append(card(f"Förändring sedan {previous.title}", chart,
                              w.HTML(f"<ul>{moved}</ul>" if moved else
                                     "<p>Ingen faktor har rört sig ett halvt steg.</p>")))
        parts += [self.joint_card(rnd), self.actions_card(rnd)]
        return parts

    def joint_card(self, rnd) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        options = [(st.label, st.value) for st in ctx.guide.scale]
        rows = []
        for f in ctx.guide.factors:
            base = ("rounds", rnd.id, "joint", f.code)
            score = autosaved_choice(s, (*base, "score"), f"Gemensam skattning: {f.name}",
                                     options, value=rnd.joint_score(f.code) or "",
                                     empty="– inte bestämd –",
                                     on_change=lambda _v: ctx.forget())
            comment = pii_text(s, (*base, "comment"), "Kommentar",
                               placeholder="Varför landade ni där?")
            row = w.HBox([score, comment])
            row.add_class("followup-row")
            rows.append(row)
        return card("Gemensam skattning", *rows, help_text=(
            "När ni har samtalat: var står ni tillsammans? Den gemensamma skattningen är den ni "
            "jämför med nästa omgång."))

    def actions_card(self, rnd) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        path = ("rounds", rnd.id, "actions")
        factors = [(f.name, f.code) for f in ctx.guide.factors]
        rows = []
        for a in rnd.actions:
            base = (*path, a.id)
            sent = w.HTML('<span class="naravard-ok">Finns i planens insatser.</span>'
                          if a.plan_id else "")

            def send(a=a, sent=sent) -> None:
                self.send_to_plan(rnd, a.id)

            fields = [pii_text(s, (*base, "text"), "Åtgärd"),
                      autosaved_choice(s, (*base, "factor"), "Faktor", factors, value=a.factor),
                      pii_text(s, (*base, "owner"), "Ansvarig (roll)"),
                      autosaved_text(s, (*base, "due"), "Klart senast", check=date_problem,
                                     placeholder="2026-12-31"),
                      button("Skicka till planen", send, s, css="followup-send"),
                      button("Ta bort", lambda a=a: self.remove_action(rnd, a.id), s), sent]
            row = w.HBox(fields)
            row.add_class("followup-row")
            rows.append(row)

        def add() -> None:
            record = {"text": "", "factor": "", "owner": "", "due": "", "plan_id": ""}
            if s.save((*path, new_id("a")), record) is not None:
                ctx.refresh()

        return card("Åtgärder", *rows, button("Lägg till åtgärd", add, s), help_text=(
            "Vad gör ni före nästa omgång, och vem ansvarar? ”Skicka till planen” lägger "
            "åtgärden bland insatserna i arbetsbladet Gemensam plan för primärvården i samma "
            "workshop."))

    def remove_action(self, rnd, aid: str) -> None:
        path = ("rounds", rnd.id, "actions", aid)
        if self.ctx.session.update(lambda d: delete_path(d, path), snapshot=True) is not None:
            self.ctx.refresh()

    def send_to_plan(self, rnd, aid: str) -> None:
        """Add the action to the plan's initiatives (once) and remember where it went."""
        ctx, s = self.ctx, self.ctx.session
        current = ctx.followup().round(rnd.id)
        action = next((a for a in current.actions if a.id == aid), None) if current else None
        if action is None or not action.text:
            s.status.error("Skriv åtgärden först; en tom åtgärd skickas inte till planen.")
            return
        if action.plan_id:
            s.status.info("Åtgärden finns redan bland planens insatser.")
            return
        plan_id = new_id("i")
        record = plan_initiative(action, rnd.title, ctx.guide.factor_name(action.factor)
                                 if action.factor else "")
        s.workspace.update(PLAN_DOC, lambda d: set_path(d, ("action", "initiatives", plan_id),
                                                        record))
        if s.save(("rounds", rnd.id, "actions", aid, "plan_id"), plan_id) is not None:
            s.status.info(f"”{action.text}” finns nu bland insatserna i planen (steg 3, "
                          "Insatser).")
            ctx.refresh()
