"""Tab 3: the indicators followed over time – chosen from the starter set, the plan's step 5
or typed in; values entered per period and unit or imported from CSV/XLSX; the run chart and
what it says."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.problems import DataError
from naravard.core.store import delete_path, new_id
from naravard.core.text import escape, format_number
from naravard.followup.indicators import DIRECTIONS, KINDS, Indicator, starter_set
from naravard.followup.model import PLAN_DOC, indicator_record, plan_indicators
from naravard.followup.periods import parse_period, period_label
from naravard.followup.series import (analyse_series, apply_values, read_values_file,
                                      template_csv, value_record)
from naravard.plan.values import parse_number
from naravard.ui.common import error_html, labelled, sheet_table
from naravard.ui.followup.common import Ctx, Tab, card, message_box, pii_text
from naravard.ui.records import autosaved_choice, button
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton, VegaChart


def _number_problem(text: str) -> str | None:
    try:
        parse_number(text)
    except ValueError as exc:
        return str(exc)
    return None


class IndicatorsTab(Tab):
    """Choose indicators, enter or import values, and read the run charts."""

    css_class = "followup-indicators"

    def __init__(self, ctx: Ctx):
        super().__init__(ctx)
        self.indicator = ""
        self.unit = ""

    def build(self) -> list[w.Widget]:
        fu = self.ctx.followup()
        followed = fu.indicators()
        if self.indicator not in followed:
            self.indicator = next(iter(followed), "")
        units = [u for _, u in self.ctx.unit_options()]
        if self.unit not in units:
            with_values = fu.units_with_values(self.indicator) if self.indicator else []
            self.unit = with_values[0] if with_values else units[0]
        parts = [self.overview_card(), self.choose_card(fu)]
        if self.indicator:
            parts += [self.series_card(fu, followed[self.indicator])]
        parts.append(self.import_card(followed))
        return parts

    # -- overview and choosing ------------------------------------------------------------------
    def overview_card(self) -> w.VBox:
        view = self.ctx.view()
        rows = []
        for s in view.series:
            verdict = ("för få värden" if not s.run.enough else
                       "verklig förändring" if s.run.non_random or s.control_signals else
                       "värde att fråga om" if s.signals else "slumpvis variation")
            rows.append([s.indicator.name, s.unit, str(len(s.values)),
                         s.fmt(s.values[-1]) if s.values else "–", verdict])
        table = sheet_table(["Indikator", "Enhet", "Värden", "Senast", "Vad serien säger"], rows,
                            css="followup-overview") if rows else \
            "<p>Inga värden ännu. Välj en indikator nedan och lägg in värden.</p>"
        return card("Alla serier", w.HTML(table))

    def choose_card(self, fu) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        followed = fu.indicators()
        start_refs, plan_refs = fu.refs("start"), fu.refs("plan")
        starter = [i for i in starter_set() if i.code not in start_refs]
        planned = [(k, i) for k, i in plan_indicators(s.workspace.read(PLAN_DOC))
                   if k not in plan_refs]

        def follow(ind: Indicator, origin: str, ref: str) -> None:
            iid = new_id("k")
            if s.save(("indicators", iid), indicator_record(ind, origin, ref)) is not None:
                self.indicator = iid
                ctx.refresh()

        parts: list[w.Widget] = []
        if followed:
            pick = w.Dropdown(options=[(i.name, k) for k, i in followed.items()],
                              value=self.indicator, layout=w.Layout(width="auto"))
            pick.add_class("followup-pick")
            unit = w.Dropdown(options=ctx.unit_options(), value=self.unit,
                              layout=w.Layout(width="auto"))
            unit.add_class("followup-unit")

            def picked(_change) -> None:
                self.indicator, self.unit = pick.value, unit.value
                self.refresh()

            pick.observe(s.guarded(picked), names="value")
            unit.observe(s.guarded(picked), names="value")
            parts.append(w.HBox([labelled("Indikator", pick), labelled("Enhet", unit)]))
        if starter:
            choose = w.Dropdown(options=[(f"{i.name} ({i.unit})", i.code) for i in starter],
                                layout=w.Layout(width="auto"))
            by_code = {i.code: i for i in starter}
            parts.append(w.HBox([labelled("Ur handbokens startuppsättning", choose),
                                 button("Följ indikatorn", lambda: follow(
                                     by_code[choose.value], "start", choose.value), s,
                                     css="followup-follow-start")]))
        if planned:
            choose_plan = w.Dropdown(options=[(i.name, k) for k, i in planned],
                                     layout=w.Layout(width="auto"))
            by_id = dict(planned)
            parts.append(w.HBox([labelled("Ur planens steg 5", choose_plan),
                                 button("Följ indikatorn", lambda: follow(
                                     by_id[choose_plan.value], "plan", choose_plan.value), s)]))
        own = w.Text(placeholder="Till exempel: Hembesök av läkare per månad",
                     continuous_update=False)
        own_box = labelled("Egen indikator", own)

        def add_own() -> None:
            name = own.value.strip()
            if not name:
                own_box.message.value = error_html("Skriv indikatorns namn.")
                return
            follow(Indicator(code="", name=name), "egen", "")

        parts.append(w.HBox([own_box, button("Lägg till", add_own, s)]))
        return card("Indikatorer att följa", *parts, help_text=(
            "Välj ur handbokens startuppsättning (data/indikatorer.yml), ur planens steg 5, "
            "eller skriv en egen. Välj sedan enhet: hela länet, en huvudman eller ett område."))

    # -- one series -----------------------------------------------------------------------------
    def series_card(self, fu, ind: Indicator) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        iid, unit = self.indicator, self.unit
        base = ("indicators", iid)
        view = analyse_series(ind, unit, fu.series(iid, unit))
        chart = VegaChart()
        if view.values:
            from naravard.followup.charts import run_chart

            chart.later(lambda: run_chart(view))
        sentences = "".join(f"<li>{escape(t)}</li>" for t in view.sentences()) \
            if view.values else "<li>Inga värden för den här enheten ännu.</li>"
        settings = w.HBox([
            pii_text(s, (*base, "name"), "Namn"),
            pii_text(s, (*base, "unit"), "Enhet för värdet", placeholder="procent"),
            autosaved_choice(s, (*base, "direction"), "Riktning",
                             [(v, k) for k, v in DIRECTIONS.items()], value=ind.direction,
                             empty=None, on_change=lambda _v: ctx.refresh()),
            autosaved_choice(s, (*base, "kind"), "Typ", [(v, k) for k, v in KINDS.items()],
                             value=ind.kind, empty=None, on_change=lambda _v: ctx.refresh()),
            self.target_field(ind)])
        settings.add_class("followup-row")
        facts = " · ".join(x for x in (ind.definition, f"Källa: {ind.source}" if ind.source
                                       else "") if x)
        return card(f"{ind.name} – {unit}", w.HTML(f'<p class="naravard-help">{escape(facts)}'
                                                    "</p>"), chart,
                    w.HTML(f'<ul class="followup-verdict">{sentences}</ul>'),
                    self.entry_row(ind), self.values_table(view), settings,
                    w.HBox([button("Sluta följa indikatorn", self.remove, s, style="warning")]))

    def target_field(self, ind: Indicator) -> w.VBox:
        s = self.ctx.session
        field = w.Text(value="" if ind.target is None else format_number(ind.target, 1)
                       .replace(",0", ""), layout=w.Layout(width="8rem"))
        box = labelled("Mål", field)

        def changed(change: dict) -> None:
            problem = _number_problem(change["new"])
            if problem:
                box.message.value = error_html(problem)
                s.status.error(f"Mål: {problem} Det som redan var sparat är oförändrat.")
                return
            box.message.value = ""
            s.save(("indicators", self.indicator, "target"), parse_number(change["new"]))
            self.ctx.forget()

        field.observe(s.guarded(changed), names="value")
        return box

    def entry_row(self, ind: Indicator) -> w.HBox:
        s = self.ctx.session
        period = w.Text(placeholder="2026-03", continuous_update=False,
                        layout=w.Layout(width="9rem"))
        period.add_class("followup-period")
        period_box = labelled("Period", period)
        fields = {"value": w.Text(placeholder="12,5", continuous_update=False,
                                  layout=w.Layout(width="8rem"))}
        if ind.proportion:
            fields["count"] = w.Text(placeholder="45", continuous_update=False,
                                     layout=w.Layout(width="7rem"))
            fields["total"] = w.Text(placeholder="410", continuous_update=False,
                                     layout=w.Layout(width="7rem"))
        for key, widget in fields.items():
            widget.add_class(f"followup-{key}")
        labels = {"value": "Andel i procent" if ind.proportion else "Värde", "count": "Antal",
                  "total": "Totalt"}
        boxes = {k: labelled(labels[k], f) for k, f in fields.items()}
        note = message_box()

        def save() -> None:
            for box in (period_box, *boxes.values()):
                box.message.value = ""
            try:
                key = parse_period(period.value)
            except ValueError as exc:
                period_box.message.value = error_html(str(exc))
                s.status.error(f"Period: {exc} Inget har sparats.")
                return
            try:
                record = value_record(ind, fields["value"].value,
                                      fields.get("count", w.Text()).value,
                                      fields.get("total", w.Text()).value)
            except ValueError as exc:
                name, _, _rest = str(exc).partition(":")
                target = {"Antal": "count", "Totalt": "total"}.get(name, "value")
                boxes[target if target in boxes else "value"].message.value = error_html(str(exc))
                s.status.error(f"{exc} Inget har sparats.")
                return
            path = ("values", self.indicator, self.unit, key)
            if s.save(path, record) is not None:
                s.status.info(f"Värdet för {period_label(key)} är sparat.")
                self.ctx.refresh()

        row = w.HBox([period_box, *boxes.values(),
                      button("Spara värdet", save, s, style="primary", css="followup-save-value"),
                      note])
        row.add_class("followup-row")
        return row

    def values_table(self, view) -> w.HTML:
        if not view.values:
            return w.HTML("")
        rows = [[period_label(p), view.fmt(v)] for p, v in zip(view.periods, view.values)]
        return w.HTML('<details class="followup-values"><summary>Alla värden</summary>'
                      + sheet_table(["Period", "Värde"], rows) + "</details>")

    def remove(self) -> None:
        iid = self.indicator

        def change(d: dict) -> None:
            delete_path(d, ("indicators", iid))
            delete_path(d, ("values", iid))

        if self.ctx.session.update(change, snapshot=True) is not None:
            self.ctx.session.status.info("Indikatorn och dess värden togs bort. Ångra längst "
                                         "ned om det var fel.")
            self.indicator = ""
            self.ctx.refresh()

    # -- import ---------------------------------------------------------------------------------
    def import_card(self, followed: dict[str, Indicator]) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session
        message = w.HTML("")

        def received(name: str, content: bytes) -> None:
            try:
                values = read_values_file(name, content, ctx.followup().indicators(),
                                          [u for _, u in ctx.unit_options()])
            except DataError as exc:
                items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
                message.value = (f"<div class='naravard-error' role='alert'>{escape(name)} kunde "
                                 f"inte läsas in. Inget har ändrats.<ul>{items}</ul></div>")
                s.status.error(f"{name} kunde inte läsas in; se meddelandet under Läs in "
                               "värden. Inget har ändrats.")
                return
            if s.update(lambda d: apply_values(d, values), snapshot=True) is not None:
                s.status.info(f"{len(values)} värden lästes in från {name}. Den tidigare "
                              "versionen finns i historiken.")
                ctx.refresh()

        def too_large(name: str, _size: int) -> None:
            message.value = (f"<p class='naravard-error' role='alert'>{escape(name)} är för stor "
                             "(högst 5 MB). Inget har ändrats.</p>")

        upload = UploadButton("Läs in CSV eller Excel", s.guarded(received), s.guarded(too_large),
                              accept=".csv,.xlsx")
        template = DownloadButton("Ladda ner mall (CSV)",
                                  lambda: (template_csv(), "mall-indikatorvarden.csv", "text/csv"),
                                  on_error=s.status.error)
        names = ", ".join(i.name for i in followed.values()) or "inga ännu"
        return card("Läs in värden", w.HBox([upload, template]), message, help_text=(
            "En rad per värde med kolumnerna Indikator, Enhet, Period och Värde (för en andel "
            "Antal och Totalt). Indikatorn skrivs som den heter här; enheten är Hela länet, en "
            f"huvudman eller ett område. Följda indikatorer: {names}."))
