"""Step 1: joint goals, each checked against Tight–Loose–Tight as it is typed."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.plan.checks import Finding, tlt_check
from naravard.plan.values import date_problem
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import (SHORT, SOURCE_EKHOLM, SOURCE_SKR, PageContext, card,
                                      help_html, source_html)
from naravard.ui.records import max_length

INSPIRATION = (
    '<details class="plan-examples"><summary>Inspiration: mål från Jönköpings län och '
    "Lidköping</summary>"
    "<p><strong>Jönköpings län</strong> har formulerat målen på systemnivå i tre led: "
    "att bygga förutsättningar och stödsystem som stärker invånarnas hälsa livet ut, "
    "att ge verksamheter och medarbetare utrymme för gemensamma lokala arbetssätt och "
    "tätare samarbeten, och att låta den gemensamma uppföljningen ge lärande och "
    "riktat stöd.</p>"
    "<p><strong>Lidköping</strong> har fyra mål (i sammandrag): patientens delaktighet "
    "ska öka och säkras, liksom tillgängligheten och kontinuiteten för både patient "
    "och medarbetare, och teamarbetet med och kring patienten ska utvecklas.</p>"
    f"{source_html(SOURCE_SKR)}"
    "<p><strong>Tight–Loose–Tight:</strong> ett bra mål mäter den förändring man vill "
    "se, till exempel färre vårdrelaterade infektioner, färre fallskador på särskilt "
    "boende eller kortare väntan på utredning – inte strukturmått som antal "
    "vårdplatser.</p>"
    f"{source_html(SOURCE_EKHOLM)}</details>")


def tlt_html(findings: list[Finding]) -> str:
    """The Tight–Loose–Tight verdict for a goal, as escaped HTML."""
    if not findings:
        return '<p class="plan-tlt-ok">✓ Målet klarar Tight–Loose–Tight-kontrollen.</p>'
    items = "".join(f"<li>{escape(f.message)}</li>" for f in findings)
    return ('<div class="plan-tlt-flag" role="status"><strong>Flaggat av '
            f"Tight–Loose–Tight-kontrollen:</strong><ul>{items}</ul></div>")


def goals_page(ctx: PageContext) -> list[w.Widget]:
    """The guiding questions of step 1 and a card per goal."""
    plan = ctx.plan()
    intro = card(
        help_html("Utgå från länets gemensamma varför och målbild. Skriv sedan målen som en "
                  "mätbar förändring för invånarna – inte som antal sängar, platser, enheter "
                  "eller nya forum. Varje mål behöver ett mått, ett utgångsvärde, ett "
                  "målvärde och ett datum."),
        *ctx.answers("goals"), w.HTML(INSPIRATION),
        title=plan.guide.step_by_key["goals"].heading)
    goals = [goal_card(ctx, gid, goal, n)
             for n, (gid, goal) in enumerate(plan.goals().items(), 1)]
    add = ctx.add_button("Lägg till mål", ("goals",), "g",
                         {"text": "", "measure": "", "baseline": "", "target": "", "date": ""},
                         css="plan-add-goal")
    empty = [help_html("Inga mål ännu. Lägg till det första.")] if not goals else []
    return [intro, card(*goals, *empty, add, title="Målen")]


def goal_card(ctx: PageContext, gid: str, goal: dict, number: int) -> w.VBox:
    """One goal's fields, with its Tight–Loose–Tight verdict updated on every keystroke."""
    base = ("goals", gid)
    result = w.HTML(tlt_html(tlt_check(goal)))
    result.add_class("plan-tlt")
    fields = {
        "text": autosaved_text(ctx.s, (*base, "text"), f"Mål {number}: vilken förändring "
                               "ska invånarna märka?", multiline=True, rows=2,
                               check=max_length(1000),
                               placeholder="Till exempel: Färre äldre skadas av fall"),
        "measure": autosaved_text(ctx.s, (*base, "measure"), "Mått", check=SHORT,
                                  placeholder="Hur förändringen mäts"),
        "baseline": autosaved_text(ctx.s, (*base, "baseline"), "Utgångsvärde", check=SHORT,
                                   placeholder="Var ni står i dag"),
        "target": autosaved_text(ctx.s, (*base, "target"), "Målvärde", check=SHORT,
                                 placeholder="Vad ni vill nå"),
        "date": autosaved_text(ctx.s, (*base, "date"), "Datum", check=date_problem,
                               placeholder="2028-12-31"),
    }
    fields["text"].add_class("plan-goal-text")

    def refresh(_change=None) -> None:
        result.value = tlt_html(tlt_check({k: f.field.value for k, f in fields.items()}))

    for f in fields.values():
        f.field.observe(ctx.s.guarded(refresh), names="value")
    values = w.HBox([fields["baseline"], fields["target"], fields["date"]])
    box = w.VBox([fields["text"], fields["measure"], values, result,
                  w.HBox([ctx.remove_button(("goals",), gid, "Målet")])])
    box.add_class("plan-record")
    box.add_class("plan-goal")
    return box
