"""What the implementation costs: full-time equivalents and kronor from the roles' time shares.

Cost is persons × time share × months × the cost of a full-time post per month, as in Governo's
proposal for Västerbotten (2022). :func:`cost_table` is the one cost table of the plan, used by
the handbook, the worksheet and the export, each choosing its columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from naravard.core.text import NBSP, format_number
from naravard.plan.model import Plan
from naravard.plan.values import as_text, parse_number, show_number

if TYPE_CHECKING:
    from naravard.core.county import County


@dataclass(frozen=True)
class RoleCost:
    """One role's share of the implementation: full-time equivalents and cost."""

    id: str
    kind: str
    title: str
    principal: str
    persons: float | None
    share: float | None
    months: float | None
    fte: float | None
    cost: float | None


def role_cost(role_id: str, role: dict, cost_per_fte_month: float | None) -> RoleCost:
    """Full-time equivalents (persons × share) and cost (× months × monthly cost) of a role."""
    def num(key: str) -> float | None:
        try:
            return parse_number(role.get(key))
        except ValueError:
            return None

    persons, share, months = num("persons"), num("share"), num("months")
    fte = persons * share / 100 if persons is not None and share is not None else None
    cost = (round(persons * share * months * cost_per_fte_month / 100, 2)
            if fte is not None and months is not None and cost_per_fte_month is not None
            else None)
    return RoleCost(role_id, as_text(role.get("kind")), as_text(role.get("title")),
                    as_text(role.get("principal")), persons, share, months, fte, cost)


@dataclass(frozen=True)
class CostSummary:
    """The cost estimate of the implementation, per role and in total."""

    roles: list[RoleCost]
    total_fte: float
    total_cost: float
    region_cost: float
    municipal_cost: float
    incomplete: list[str]


def cost_summary(plan: Plan) -> CostSummary:
    """Cost of the implementation from the roles' time shares and the cost per full-time month."""
    rate = plan.cost_per_fte_month
    rows = [role_cost(rid, r, rate) for rid, r in plan.roles().items()]
    kinds = plan.guide.role_kinds
    incomplete = [r.title or kinds.get(r.kind, "Roll utan namn")
                  for r in rows if r.fte is None or r.months is None]
    region = sum(r.cost or 0 for r in rows if plan.is_region(r.principal))
    total = sum(r.cost or 0 for r in rows)
    return CostSummary(rows, sum(r.fte or 0 for r in rows), total, region,
                       total - region, incomplete)


# --- the cost table -----------------------------------------------------------------------------

#: Every column of the cost table: key -> heading.
COST_COLUMNS: dict[str, str] = {
    "role": "Roll", "kind": "Typ", "principal": "Huvudman", "persons": "Personer",
    "share": "Tidsandel", "months": "Månader", "effort": "Personer × tidsandel",
    "fte": "Årsarbetare", "cost": "Kostnad",
}
MISSING = "–"


def _kronor(value: float, unbroken: bool) -> str:
    return f"{format_number(value)}{NBSP if unbroken else ' '}kr"


def _role_cells(r: RoleCost, plan: Plan, county: County, unbroken: bool) -> dict[str, str]:
    kind = plan.guide.role_kinds.get(r.kind, "")
    numbers = (r.persons, r.share, r.months)
    return {
        "role": r.title or kind,
        "kind": kind,
        "principal": county.organisation_of(r.principal) if r.principal else "",
        "persons": show_number(r.persons) or MISSING,
        "share": f"{show_number(r.share)} %" if r.share is not None else MISSING,
        "months": show_number(r.months) or MISSING,
        "effort": (f"{show_number(r.persons)} × {show_number(r.share)} % i "
                   f"{show_number(r.months)} månader" if None not in numbers else MISSING),
        "fte": format_number(r.fte, 2) if r.fte is not None else MISSING,
        "cost": _kronor(r.cost, unbroken) if r.cost is not None else MISSING,
    }


def cost_table(plan: Plan, county: County, columns: Sequence[str] = tuple(COST_COLUMNS), *,
               unbroken: bool = False) -> tuple[list[str], list[list[str]]]:
    """Headings and rows of the cost table: one row per role, then "Totalt".

    ``columns`` are keys of :data:`COST_COLUMNS`; a value that cannot be computed yet shows as
    "–". ``unbroken`` keeps an amount and "kr" on one line (the handbook's narrow columns).
    """
    costs = cost_summary(plan)
    rows = [[cells[c] for c in columns]
            for cells in (_role_cells(r, plan, county, unbroken) for r in costs.roles)]
    total = {"role": "Totalt", "fte": format_number(costs.total_fte, 2),
             "cost": _kronor(costs.total_cost, unbroken)}
    rows.append([total.get(c, "") for c in columns])
    return [COST_COLUMNS[c] for c in columns], rows
