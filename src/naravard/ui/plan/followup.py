"""Step 5: joint follow-up – indicators per goal across Triple Aim, and a follow-up calendar."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.plan.model import Plan
from naravard.plan.values import date_problem
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import (ROLE_TEXT, SHORT, SOURCE_EKHOLM, SOURCE_SKR, PageContext,
                                      card, help_html, record_row, source_html)
from naravard.ui.records import autosaved_choice, button

EXAMPLES = (
    '<details class="plan-examples"><summary>Exempel på vad som kan mätas'
    "</summary><ul><li><strong>Hälsa:</strong> dödlighet, kroniska sjukdomar, "
    "självskattad hälsa.</li><li><strong>Upplevelse:</strong> ledtider, "
    "tillgänglighet, delaktighet, upplevd trygghet.</li><li><strong>Kostnad:"
    "</strong> vårdkostnad per invånare, användning av vårdplatser och personal."
    f"</li></ul>{source_html(SOURCE_EKHOLM)}"
    "<p><strong>Jönköpings län</strong> följer upp sin plan med både mätningar och "
    f"berättelser.</p>{source_html(SOURCE_SKR)}</details>")


def followup_page(ctx: PageContext) -> list[w.Widget]:
    """Indicators grouped by goal (and those whose goal is gone), then the calendar."""
    plan = ctx.plan()
    path = ("followup", "indicators")
    covered = {str(i.get("dimension") or "") for i in plan.indicators().values()}
    coverage = "".join(f"<li>{'✓' if k in covered else '–'} {escape(name)}</li>"
                       for k, name in plan.guide.triple_aim.items())
    parts: list[w.Widget] = [
        help_html("Bestäm hur de gemensamma resultaten ska följas, på mikro-, meso- och "
                  "makronivå. Knyt varje indikator till ett mål och till en av Triple Aims "
                  "tre dimensioner, så att hälsa, upplevelse och kostnad hålls ihop."),
        w.HTML(f"<p><strong>Triple Aim i planen:</strong></p><ul>{coverage}</ul>"),
        w.HTML(EXAMPLES),
    ]
    goals = plan.goals()
    if not goals:
        parts.append(help_html("Skriv målen i steg 1 först; indikatorerna knyts till dem."))
    for gid in goals:
        parts.append(w.HTML(f"<h3>{escape(plan.goal_label(gid))}</h3>"))
        parts += [indicator_row(ctx, plan, kid, ind)
                  for kid, ind in plan.indicators_for(gid).items()]
        parts.append(w.HBox([ctx.add_button("Lägg till indikator", path, "k",
                                            {"goal": gid, "name": "", "source": "",
                                             "frequency": "", "owner": "", "dimension": ""}),
                             starter_picker(ctx, gid)]))
    orphans = {k: v for k, v in plan.indicators().items() if v.get("goal") not in goals}
    if orphans:
        parts.append(w.HTML("<h3>Indikatorer vars mål har tagits bort</h3>"))
        parts += [indicator_row(ctx, plan, k, v) for k, v in orphans.items()]
    return [card(*parts, title=plan.guide.step_by_key["followup"].heading),
            calendar_card(ctx, plan)]


def starter_picker(ctx: PageContext, goal_id: str) -> w.HBox:
    """Add an indicator from the handbook's starter set (data/indikatorer.yml) to a goal."""
    from naravard.core.store import new_id, set_path
    from naravard.followup.indicators import starter_set

    starter = {i.code: i for i in starter_set()}
    choose = w.Dropdown(options=[(f"{i.name} ({i.unit})", code) for code, i in starter.items()],
                        layout=w.Layout(width="22rem"))
    choose.add_class("plan-starter-indicator")

    def add() -> None:
        ind = starter[choose.value]
        record = {"goal": goal_id, "name": ind.name, "source": ind.source,
                  "frequency": ind.frequency, "owner": "", "dimension": ind.dimension}
        ctx.update_and_redraw(lambda d: set_path(d, ("followup", "indicators", new_id("k")),
                                                 record))

    return w.HBox([choose, button("Lägg till ur startuppsättningen", add, ctx.s)])


def indicator_row(ctx: PageContext, plan: Plan, kid: str, ind: dict) -> w.HBox:
    """One indicator: name, source, frequency, owner and Triple Aim dimension."""
    base = ("followup", "indicators", kid)
    return record_row(
        autosaved_text(ctx.s, (*base, "name"), "Indikator", check=SHORT),
        autosaved_text(ctx.s, (*base, "source"), "Källa", check=SHORT),
        autosaved_choice(ctx.s, (*base, "frequency"), "Frekvens",
                         [(v, k) for k, v in plan.guide.frequencies.items()],
                         value=ind.get("frequency", "")),
        autosaved_text(ctx.s, (*base, "owner"), "Ansvarig (roll)", check=ROLE_TEXT),
        autosaved_choice(ctx.s, (*base, "dimension"), "Triple Aim",
                         [(v, k) for k, v in plan.guide.triple_aim.items()],
                         value=ind.get("dimension", "")),
        ctx.remove_button(("followup", "indicators"), kid, "Indikatorn"), wrap=True)


def calendar_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """Follow-up meetings: when, what, at which level and in which forum."""
    path = ("followup", "calendar")
    rows = [record_row(
        autosaved_text(ctx.s, (*path, cid, "date"), "Datum", check=date_problem,
                       placeholder="2027-03-18"),
        autosaved_text(ctx.s, (*path, cid, "what"), "Vad följs upp?", check=SHORT),
        autosaved_choice(ctx.s, (*path, cid, "level"), "Nivå",
                         [(v, k) for k, v in plan.guide.levels.items()],
                         value=meeting.get("level", "")),
        autosaved_text(ctx.s, (*path, cid, "forum"), "Forum", check=SHORT),
        ctx.remove_button(path, cid, "Mötet")) for cid, meeting in plan.calendar()]
    return card(help_html("När och var följs resultaten upp? Mötena visas på tidslinjen "
                          "under Genomförande."), *rows,
                ctx.add_button("Lägg till uppföljningsmöte", path, "c",
                               {"date": "", "what": "", "level": "", "forum": ""}),
                title="Uppföljningskalender")
