"""Implementation: roles with time shares and their cost, milestones and the timeline."""

from __future__ import annotations

from typing import Callable

import ipywidgets as w

from naravard.core.county import County
from naravard.core.store import new_id, set_path
from naravard.core.text import escape, format_number, join_swedish
from naravard.plan.charts import timeline_chart
from naravard.plan.cost import cost_summary, cost_table
from naravard.plan.model import Plan
from naravard.plan.values import date_problem, number_problem
from naravard.ui.common import autosaved_text, sheet_table
from naravard.ui.plan.widgets import (ROLE_TEXT, SHORT, SOURCE_GOVERNO, PageContext, card,
                                      help_html, record_row, source_html)
from naravard.ui.records import autosaved_choice, autosaved_flag, button
from naravard.ui.widgets import VegaChart

#: The cost table's columns in the worksheet (see :data:`naravard.plan.cost.COST_COLUMNS`).
SHEET_COST_COLUMNS = ("role", "fte", "cost")


def implementation_page(ctx: PageContext) -> list[w.Widget]:
    """The cost per full-time month, the roles, the cost estimate, milestones and timeline."""
    plan = ctx.plan()
    timeline = VegaChart(timeline_chart(plan))
    summary = w.HTML(cost_html(plan, ctx.county))
    summary.add_class("plan-cost")

    def refresh_cost(_change=None) -> None:
        summary.value = cost_html(ctx.plan(), ctx.county)

    def refresh_timeline(_change=None) -> None:
        timeline.show(timeline_chart(ctx.plan()))

    rate = autosaved_text(ctx.s, ("implementation", "cost_per_fte_month"),
                          "Kostnad per heltid och månad (kr, med sociala avgifter)",
                          check=number_problem, placeholder="Till exempel 68 000")
    rate.field.observe(ctx.s.guarded(refresh_cost), names="value")
    return [
        card(help_html("Genomförandeplanen anger vem som gör vad, med hur stor del av sin "
                       "arbetstid, och vilka etappmål som ska nås när. Processledningen "
                       "delas helst mellan en person från regionen och en från kommunen. "
                       "Använd befintliga forum hellre än att skapa nya."),
             w.HTML(source_html(SOURCE_GOVERNO)), rate,
             title=plan.guide.step_by_key["implementation"].heading),
        roles_card(ctx, plan, refresh_cost), card(summary, title="Kostnadsuppskattning"),
        milestones_card(ctx, plan, refresh_timeline), card(timeline, title="Tidslinje"),
    ]


def cost_html(plan: Plan, county: County) -> str:
    """The cost table with the region's and the municipalities' shares, as escaped HTML."""
    costs = cost_summary(plan)
    if not costs.roles:
        return "<p class='naravard-help'>Lägg till roller för att se kostnaden.</p>"
    header, rows = cost_table(plan, county, SHEET_COST_COLUMNS)
    note = ("" if plan.cost_per_fte_month is not None else "<p class='naravard-error'>Ange "
            "kostnad per heltid och månad för att räkna ut kostnaden.</p>")
    missing = ("<p class='naravard-help'>Saknar antal personer, tidsandel eller månader: "
               f"{escape(join_swedish(costs.incomplete))}.</p>" if costs.incomplete else "")
    return (sheet_table(header, rows, "plan-cost-table")
            + f"<p>Regionens del: {escape(format_number(costs.region_cost))} kr · kommunernas "
            f"del: {escape(format_number(costs.municipal_cost))} kr.</p>{note}{missing}")


def roles_card(ctx: PageContext, plan: Plan, refresh_cost: Callable) -> w.VBox:
    """A row per role: kind, title, principal, persons, time share and months."""
    path = ("implementation", "roles")
    kinds = plan.guide.role_kinds
    rows = []
    for rid, role in plan.roles().items():
        base = (*path, rid)
        numbers = [autosaved_text(ctx.s, (*base, key), label, check=number_problem)
                   for key, label in (("persons", "Antal personer"),
                                      ("share", "Tidsandel (%)"), ("months", "Månader"))]
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


def milestones_card(ctx: PageContext, plan: Plan, refresh_timeline: Callable) -> w.VBox:
    """Milestones with a date and whether they are done, and examples to add in one go."""
    path = ("implementation", "milestones")
    examples = plan.guide.example_milestones
    rows = []
    for mid, milestone in plan.milestones():
        date = autosaved_text(ctx.s, (*path, mid, "date"), "Datum", check=date_problem,
                              placeholder="2027-04-30")
        title = autosaved_text(ctx.s, (*path, mid, "title"), "Etappmål", check=SHORT)
        for box in (date, title):
            box.field.observe(ctx.s.guarded(refresh_timeline), names="value")
        rows.append(record_row(
            title, date,
            autosaved_flag(ctx.s, (*path, mid, "done"), "Klart", value=milestone.get("done"),
                           on_change=lambda _v: refresh_timeline()),
            ctx.remove_button(path, mid, "Etappmålet")))

    def add_examples() -> None:
        known = {str(m.get("title", "")).casefold() for _, m in plan.milestones()}

        def change(d: dict) -> None:
            for text in examples:
                if text.casefold() not in known:
                    set_path(d, (*path, new_id("m")), {"title": text, "date": "", "done": False})
        ctx.update_and_redraw(change)

    items = "".join(f"<li>{escape(t)}</li>" for t in examples)
    return card(
        w.HTML(f'<details class="plan-examples"><summary>Etappmål i Governos förslag för '
               f"Västerbotten</summary><ol>{items}</ol>{source_html(SOURCE_GOVERNO)}</details>"),
        *rows,
        w.HBox([ctx.add_button("Lägg till etappmål", path, "m",
                               {"title": "", "date": "", "done": False}),
                button("Lägg till etappmålen från exemplet", add_examples, ctx.s)]),
        title="Etappmål")
