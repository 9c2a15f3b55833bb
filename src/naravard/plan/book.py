"""Tables from the example plan in data/ for chapter 13, executed when the handbook is built."""

from __future__ import annotations

from IPython.display import HTML

from naravard.core.county import current_county
from naravard.core.text import escape, format_number
from naravard.handbook.tables import html_table
from naravard.plan.checks import tlt_check
from naravard.plan.cost import cost_table, parts_sentence
from naravard.plan.example import EXAMPLE_FILE, example_plan
from naravard.plan.model import Plan, county_plan
from naravard.plan.values import show_date

#: The cost table's columns in the handbook (see :data:`naravard.plan.cost.COST_COLUMNS`).
BOOK_COST_COLUMNS = ("role", "principal", "effort", "fte", "person_years", "cost")


def _example() -> Plan | None:
    doc = example_plan()
    return county_plan(doc, current_county()) if doc is not None else None


def _missing() -> HTML:
    """The notice shown instead of the example when the county has no example plan."""
    from naravard.core.examples import missing_notice
    from naravard.core.paths import data_dir

    return HTML(f"<p>{escape(missing_notice(data_dir(), EXAMPLE_FILE, 'ingen exempelplan'))}</p>")


def example_goals_table() -> HTML:
    """The example plan's goals with the verdict of the Tight–Loose–Tight check."""
    plan = _example()
    if plan is None:
        return _missing()
    rows = []
    for number, (gid, goal) in enumerate(plan.goals().items(), 1):
        findings = tlt_check(goal)
        verdict = "Klarar kontrollen." if not findings else "Flaggas: " + "; ".join(
            f.summary for f in findings) + "."
        change = " → ".join(v for v in (goal.get("baseline"), goal.get("target")) if v)
        when = show_date(goal.get("date"))
        target = ", ".join(v for v in (change, f"senast {when}" if when else "") if v)
        rows.append((str(number), goal.get("text", ""), goal.get("measure") or "–",
                     target or "–", verdict))
    return html_table(["Nr", "Mål", "Mått", "Från → till", "Tight–Loose–Tight-kontrollen"],
                      rows, caption=f"Målen i exempelplanen{_invented()} och vad kontrollen säger")


def example_cost_table() -> HTML:
    """The example plan's roles, time shares and cost estimate."""
    plan = _example()
    if plan is None:
        return _missing()
    header, rows = cost_table(plan, current_county(), BOOK_COST_COLUMNS, unbroken=True)
    rate = plan.cost_per_fte_month
    caption = (f"Roller och kostnad i exempelplanen{_invented()}, "
               f"{format_number(rate or 0)} kr per heltid och månad")
    table = html_table(header, rows, caption=caption)
    return HTML(table.data + f"<p>{escape(parts_sentence(plan))}</p>")


def _invented() -> str:
    """" (påhittad)" for the example county's plan; nothing for a county's own plan."""
    return " (påhittad)" if current_county().fictional else ""
