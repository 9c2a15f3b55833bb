"""Prioritising: each initiative gets red, yellow or green after the residents it is for."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.plan.model import Plan
from naravard.ui.plan.widgets import SOURCE_EKHOLM, PageContext, card, chip, help_html, \
    record_row, source_html


def priorities_page(ctx: PageContext) -> list[w.Widget]:
    """The meaning of the colours, a colour choice per initiative and the initiatives by colour."""
    plan = ctx.plan()
    guide = plan.guide
    legend = "".join(
        f"<tr><td>{chip(guide, k)}</td><td>{escape(guide.priorities[k][1])}</td>"
        f"<td>{escape(guide.priorities[k][2])}</td></tr>" for k in guide.priority_order)
    summary = w.HTML(priority_summary(plan))
    options = [(guide.priorities[k][0], k) for k in guide.priority_order] + [("Ingen färg", "")]
    rows: list[w.Widget] = []
    for iid, ini in plan.initiatives().items():
        value = str(ini.get("priority") or "")
        toggle = w.ToggleButtons(options=options,
                                 value=value if value in guide.priorities else "",
                                 style={"button_width": "6rem"})

        def chosen(change: dict, iid=iid) -> None:
            ctx.s.save(("action", "initiatives", iid, "priority"), change["new"])
            summary.value = priority_summary(ctx.plan())
            ctx.refresh_progress()

        toggle.observe(ctx.s.guarded(chosen), names="value")
        rows.append(record_row(w.HTML(f"<strong>{escape(plan.initiative_title(ini))}</strong>",
                                      layout=w.Layout(width="22rem")), toggle,
                               css="plan-priority"))
    if not rows:
        rows.append(help_html("Det finns inga insatser än. Välj innehåll och insatser i steg 3."))
    return [
        card(help_html("Markera varje insats efter vilka invånare den främst är till för. "
                       "Börja med dem som har störst behov (röd); på sikt handlar det också "
                       "om att förhindra att gula blir röda. Prioriteringen behöver inte vara "
                       "perfekt från början – det viktiga är att komma igång."),
             w.HTML(f"<table class='naravard-table'><thead><tr><th>Färg</th><th>Vilka "
                    f"invånare</th><th>Vad det betyder för planen</th></tr></thead><tbody>"
                    f"{legend}</tbody></table>{source_html(SOURCE_EKHOLM)}"),
             *rows, title=guide.step_by_key["priorities"].heading),
        card(summary, title="Insatserna efter färg"),
    ]


def priority_summary(plan: Plan) -> str:
    """The initiatives listed under their colour (and those without one), as escaped HTML."""
    guide = plan.guide
    parts = []
    for k in [*guide.priority_order, ""]:
        names = [plan.initiative_title(i) for i in plan.initiatives().values()
                 if (str(i.get("priority") or "") == k) or
                 (k == "" and i.get("priority") not in guide.priorities)]
        if names:
            items = "".join(f"<li>{escape(n)}</li>" for n in names)
            parts.append(f"<p>{chip(guide, k)}</p><ul>{items}</ul>")
    return "".join(parts) or "<p class='naravard-help'>Inga insatser ännu.</p>"
