"""Implementation: roles with time shares, fixed cost lines, the cost estimate, milestones
(by date or by month from the start) and the timeline."""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from naravard.core.county import County
from naravard.core.store import new_id, set_path
from naravard.core.text import escape, join_swedish
from naravard.plan.cost import VAT_NOTES, cost_summary, cost_table, parts_sentence, share_problem
from naravard.plan.model import Plan
from naravard.plan.values import date_problem, number_problem
from naravard.ui.common import autosaved_text, sheet_table
from naravard.ui.plan.widgets import (ROLE_TEXT, SHORT, SOURCE_GOVERNO, PageContext, card,
                                      help_html, record_row, source_html)
from naravard.ui.records import autosaved_choice, autosaved_flag, button
from naravard.ui.widgets import VegaChart

#: The cost table's columns in the worksheet (see :data:`naravard.plan.cost.COST_COLUMNS`).
SHEET_COST_COLUMNS = ("role", "principal", "fte", "person_years", "cost")


def implementation_page(ctx: PageContext) -> list[w.Widget]:
    """The cost per full-time month, the roles, the cost estimate, milestones and timeline."""
    plan = ctx.plan()
    from naravard.plan.charts import timeline_chart  # altair: when this page is opened

    timeline = VegaChart()
    timeline.later(lambda: timeline_chart(plan))
    summary = w.HTML(cost_html(plan, ctx.county))
    summary.add_class("plan-cost")

    def refresh_cost(_change=None) -> None:
        summary.value = cost_html(ctx.plan(), ctx.county)

    def refresh_timeline(_change=None) -> None:
        timeline.later(lambda: timeline_chart(ctx.plan()))

    rate = autosaved_text(ctx.s, ("implementation", "cost_per_fte_month"),
                          "Kostnad per heltid och månad (kr, med sociala avgifter)",
                          check=number_problem, placeholder="Till exempel 68 000")
    rate.field.observe(ctx.s.guarded(refresh_cost), names="value")
    start = autosaved_text(ctx.s, ("implementation", "start"), "Start för genomförandet (datum)",
                           check=date_problem, placeholder="Till exempel 2027-01-15")
    start.field.observe(ctx.s.guarded(refresh_timeline), names="value")
    return [
        card(help_html("Genomförandeplanen anger vem som gör vad, med hur stor del av sin "
                       "arbetstid, och vilka etappmål som ska nås när. Processledningen "
                       "delas helst mellan en person från regionen och en från kommunen. "
                       "Använd befintliga forum hellre än att skapa nya."),
             w.HTML(source_html(SOURCE_GOVERNO)), rate, start,
             title=plan.guide.step_by_key["implementation"].heading),
        roles_card(ctx, plan, refresh_cost), fixed_card(ctx, plan, refresh_cost),
        card(summary, title="Kostnadsuppskattning"),
        milestones_card(ctx, plan, refresh_timeline), card(timeline, title="Tidslinje"),
    ]


def cost_html(plan: Plan, county: County) -> str:
    """The cost table with the region's and the municipalities' shares, as escaped HTML."""
    costs = cost_summary(plan)
    if not costs.roles and not costs.fixed:
        return "<p class='naravard-help'>Lägg till roller eller fasta kostnader för att se " \
               "kostnaden.</p>"
    header, rows = cost_table(plan, county, SHEET_COST_COLUMNS)
    note = ("" if plan.cost_per_fte_month is not None or not costs.roles else
            "<p class='naravard-error'>Ange kostnad per heltid och månad för att räkna ut "
            "rollernas kostnad.</p>")
    missing = ("<p class='naravard-help'>Saknar antal personer, tidsandel, månader eller "
               f"belopp: {escape(join_swedish(costs.incomplete))}.</p>"
               if costs.incomplete else "")
    explain = ("<p class='naravard-help'>Heltidsekvivalenter är personer × tidsandel, alltså "
               "hur många heltider rollen tar medan den pågår. Årsarbetare under perioden är "
               "heltidsekvivalenter × månader / 12.</p>")
    return (sheet_table(header, rows, "plan-cost-table")
            + f"<p>{escape(parts_sentence(plan, costs))}</p>{explain}{note}{missing}")


def roles_card(ctx: PageContext, plan: Plan, refresh_cost: Callable) -> w.VBox:
    """A row per role: kind, title, principal, persons, time share and months."""
    path = ("implementation", "roles")
    kinds = plan.guide.role_kinds
    rows = []
    for rid, role in plan.roles().items():
        base = (*path, rid)
        numbers = [autosaved_text(ctx.s, (*base, key), label, check=check,
                                  placeholder=hint)
                   for key, label, check, hint in (
                       ("persons", "Antal personer", number_problem, ""),
                       ("share", "Tidsandel (%)", share_problem, "25 eller 10–15"),
                       ("months", "Månader", number_problem, ""))]
        for box in numbers:
            box.field.observe(ctx.s.guarded(refresh_cost), names="value")
            box.layout = w.Layout(width="8.5rem")
        rows.append(record_row(
            autosaved_choice(ctx.s, (*base, "kind"), "Typ", [(v, k) for k, v in kinds.items()],
                             value=role.get("kind", ""), on_change=lambda _v: refresh_cost()),
            autosaved_text(ctx.s, (*base, "title"), "Roll", check=ROLE_TEXT),
            autosaved_choice(ctx.s, (*base, "principal"), "Huvudman", ctx.principal_options,
                             value=role.get("principal", ""),
                             on_change=lambda _v: refresh_cost()),
            *area_choice(ctx, base, role, refresh_cost),
            *numbers, ctx.remove_button(path, rid, "Rollen"), wrap=True))

    def add_example_roles() -> None:
        region, first = ctx.principals[0], ctx.principals[1]
        shares = plan.guide.default_shares
        new = [
            {"kind": "processledare", "title": "Processledare, regionen", "principal": region,
             "persons": 1, "share": shares.get("processledare", ""), "months": ""},
            {"kind": "processledare", "title": "Processledare, kommunerna", "principal": first,
             "persons": 1, "share": shares.get("processledare", ""), "months": ""},
            {"kind": "arbetsgrupp", "title": "Arbetsgrupp", "principal": region,
             "persons": "", "share": shares.get("arbetsgrupp", ""), "months": ""},
        ]

        def change(d: dict) -> None:
            for record in new:
                set_path(d, (*path, new_id("r")), record)
        ctx.update_and_redraw(change)

    return card(
        help_html("Governos förslag för Västerbotten räknade med processledare i par med 25 "
                  "procent av en heltid var, och arbetsgruppens medlemmar med 10–15 procent av "
                  "sin arbetstid."),
        *rows,
        w.HBox([ctx.add_button("Lägg till roll", path, "r",
                               {"kind": "", "title": "", "principal": "", "persons": "",
                                "share": "", "months": ""}),
                button("Lägg till roller som i exemplet", add_example_roles, ctx.s)]),
        title="Roller och tidsandelar")


def area_choice(ctx: PageContext, base: tuple, record: dict,
                refresh: Callable) -> list[w.Widget]:
    """Which of the county's areas a role works in ("Hela länet"); nothing without areas."""
    if not ctx.county.areas:
        return []
    options = [(ctx.county.choice_label(a.name), a.name) for a in ctx.county.areas]
    return [autosaved_choice(ctx.s, (*base, "area"), "Område", options,
                             value=record.get("area", ""), empty="Hela länet",
                             on_change=lambda _v: refresh())]


def fixed_card(ctx: PageContext, plan: Plan, refresh_cost: Callable) -> w.VBox:
    """Fixed cost lines: a sum for a period (a consultancy offer, licences), with a VAT note."""
    path = ("implementation", "fixed")
    vat = [(text, key) for key, text in VAT_NOTES.items() if key]
    rows = []
    for fid, line in plan.fixed_costs().items():
        base = (*path, fid)
        amount = autosaved_text(ctx.s, (*base, "amount"), "Belopp (kr)", check=number_problem,
                                placeholder="Till exempel 480 000")
        amount.field.observe(ctx.s.guarded(refresh_cost), names="value")
        rows.append(record_row(
            autosaved_text(ctx.s, (*base, "title"), "Vad", check=SHORT,
                           placeholder="Till exempel Konsultstöd enligt offert"),
            autosaved_choice(ctx.s, (*base, "principal"), "Huvudman", ctx.principal_options,
                             value=line.get("principal", ""),
                             on_change=lambda _v: refresh_cost()),
            amount,
            autosaved_text(ctx.s, (*base, "period"), "Period", check=SHORT,
                           placeholder="Till exempel 4 månader"),
            autosaved_choice(ctx.s, (*base, "vat"), "Moms", vat, value=line.get("vat", ""),
                             empty="Ej angivet", on_change=lambda _v: refresh_cost()),
            ctx.remove_button(path, fid, "Kostnaden"), wrap=True))
    return card(
        help_html("En fast kostnad är ett belopp för en period, till exempel en offert på "
                  "processtöd under fyra månader. Ange om beloppet är med eller utan moms."),
        *rows,
        ctx.add_button("Lägg till fast kostnad", path, "k",
                       {"title": "", "principal": "", "amount": "", "period": "", "vat": ""}),
        title="Fasta kostnader")


def milestones_card(ctx: PageContext, plan: Plan, refresh_timeline: Callable) -> w.VBox:
    """Milestones with a date and whether they are done, and examples to add in one go."""
    path = ("implementation", "milestones")
    examples = plan.guide.example_milestones
    rows = []
    for mid, milestone in plan.milestones():
        date = autosaved_text(ctx.s, (*path, mid, "date"), "Datum", check=date_problem,
                              placeholder="2027-04-30")
        month = autosaved_text(ctx.s, (*path, mid, "month"), "eller månad från start",
                               check=number_problem, placeholder="Till exempel 4")
        month.layout = w.Layout(width="11rem")
        title = autosaved_text(ctx.s, (*path, mid, "title"), "Etappmål", check=SHORT)
        for box in (date, month, title):
            box.field.observe(ctx.s.guarded(refresh_timeline), names="value")
        rows.append(record_row(
            title, date, month,
            autosaved_flag(ctx.s, (*path, mid, "done"), "Klart", value=milestone.get("done"),
                           on_change=lambda _v: refresh_timeline()),
            ctx.remove_button(path, mid, "Etappmålet")))

    def add_examples() -> None:
        known = {str(m.get("title", "")).casefold() for _, m in plan.milestones()}

        def change(d: dict) -> None:
            for text in examples:
                if text.casefold() not in known:
                    set_path(d, (*path, new_id("m")), {"title": text, "date": "", "month": "",
                                                        "done": False})
        ctx.update_and_redraw(change)

    items = "".join(f"<li>{escape(t)}</li>" for t in examples)
    return card(
        w.HTML(f'<details class="plan-examples"><summary>Etappmål i Governos förslag för '
               f"Västerbotten</summary><ol>{items}</ol>{source_html(SOURCE_GOVERNO)}</details>"),
        *rows,
        w.HBox([ctx.add_button("Lägg till etappmål", path, "m",
                               {"title": "", "date": "", "month": "", "done": False}),
                button("Lägg till etappmålen från exemplet", add_examples, ctx.s)]),
        title="Etappmål")
