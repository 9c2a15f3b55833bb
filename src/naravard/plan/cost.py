"""What the implementation costs: roles' time shares and fixed cost lines, in kronor.

A role's cost is persons × time share × months × the cost of a full-time post per month, as in
Governo's proposal for Västerbotten (2022); a time share may be a range ("10–15 %"), which is
costed as a minimum and a maximum. A fixed cost line (a consultancy offer, a licence) has an
amount, a period and a VAT note ("exkl. moms"). Each role and line belongs to a principal: the
region, a municipality, "Gemensam" or one of the county's areas.

Two measures of effort are shown, and they differ: *heltidsekvivalenter* (persons × share) is
how many full-time posts the role occupies while it runs; *årsarbetare* (heltidsekvivalenter ×
months / 12) is how many full working years it adds up to over its months. Only with twelve
months are the two the same.

:func:`cost_table` is the one cost table of the plan, used by the handbook, the worksheet and
the export, each choosing its columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from naravard.core.text import NBSP, format_number
from naravard.plan.model import Plan
from naravard.plan.values import as_text, parse_number, parse_share, show_number

if TYPE_CHECKING:
    from naravard.core.county import County

#: The VAT notes a fixed cost line can carry (saved value -> shown text).
VAT_NOTES = {"exkl": "exkl. moms", "inkl": "inkl. moms", "": ""}
def share_problem(text: str) -> str | None:
    """The Swedish reason a typed time share cannot be saved, or None."""
    try:
        parse_share(text)
    except ValueError as exc:
        reason = str(exc) if str(exc).startswith("Tidsandelen") else \
            f"”{text.strip()[:40]}” går inte att läsa som tidsandel."
        return f"{reason} Skriv procent av en heltid, till exempel 25 eller ett spann som 10–15."
    return None


@dataclass(frozen=True)
class RoleCost:
    """One role's share of the implementation: full-time equivalents and cost (min and max)."""

    id: str
    kind: str
    title: str
    principal: str
    persons: float | None
    share: float | None
    months: float | None
    fte: float | None
    cost: float | None
    share_max: float | None = None
    fte_max: float | None = None
    cost_max: float | None = None
    area: str = ""

    @property
    def person_years(self) -> float | None:
        """Årsarbetare over the role's months: full-time equivalents × months / 12."""
        return self.fte * self.months / 12 if self.fte is not None and self.months else None

    @property
    def person_years_max(self) -> float | None:
        return self.fte_max * self.months / 12 if self.fte_max is not None and self.months \
            else None

    @property
    def is_range(self) -> bool:
        return self.share is not None and self.share_max != self.share


def role_cost(role_id: str, role: dict, cost_per_fte_month: float | None) -> RoleCost:
    """Full-time equivalents (persons × share) and cost (× months × monthly cost) of a role."""
    def num(key: str) -> float | None:
        try:
            return parse_number(role.get(key))
        except ValueError:
            return None

    try:
        shares = parse_share(role.get("share"))
    except ValueError:
        shares = None
    persons, months = num("persons"), num("months")
    low, high = shares if shares else (None, None)

    def fte(share: float | None) -> float | None:
        return persons * share / 100 if persons is not None and share is not None else None

    def cost(share: float | None) -> float | None:
        f = fte(share)
        return (round(f * months * cost_per_fte_month, 2)
                if f is not None and months is not None and cost_per_fte_month is not None
                else None)

    return RoleCost(role_id, as_text(role.get("kind")), as_text(role.get("title")),
                    as_text(role.get("principal")), persons, low, months, fte(low), cost(low),
                    high, fte(high), cost(high), as_text(role.get("area")))


@dataclass(frozen=True)
class FixedCost:
    """A fixed cost line: a sum for a period, e.g. a consultancy offer excluding VAT."""

    id: str
    title: str
    principal: str
    amount: float | None
    period: str
    vat: str

    @property
    def vat_text(self) -> str:
        return VAT_NOTES.get(self.vat, self.vat)


def fixed_cost(line_id: str, line: dict) -> FixedCost:
    """A fixed cost line as saved (an unreadable amount counts as missing)."""
    try:
        amount = parse_number(line.get("amount"))
    except ValueError:
        amount = None
    return FixedCost(line_id, as_text(line.get("title")), as_text(line.get("principal")),
                     amount, as_text(line.get("period")), as_text(line.get("vat")))


@dataclass(frozen=True)
class CostSummary:
    """The cost estimate of the implementation, per role and line and in total (min and max)."""

    roles: list[RoleCost]
    total_fte: float
    total_cost: float
    region_cost: float
    municipal_cost: float
    incomplete: list[str]
    fixed: list[FixedCost]
    total_fte_max: float = 0.0
    total_cost_max: float = 0.0
    joint_cost: float = 0.0
    total_person_years: float = 0.0
    total_person_years_max: float = 0.0

    @property
    def is_range(self) -> bool:
        return round(self.total_cost_max, 2) != round(self.total_cost, 2)


def cost_summary(plan: Plan) -> CostSummary:
    """Cost of the implementation from the roles' time shares, the cost per full-time month and
    the fixed cost lines; parts per side (region, municipalities, joint and areas) at minimum."""
    rate = plan.cost_per_fte_month
    rows = [role_cost(rid, r, rate) for rid, r in plan.roles().items()]
    fixed = [fixed_cost(fid, f) for fid, f in plan.fixed_costs().items()]
    kinds = plan.guide.role_kinds
    incomplete = [r.title or kinds.get(r.kind, "Roll utan namn")
                  for r in rows if r.fte is None or r.months is None]
    incomplete += [f.title or "Fast kostnad utan namn" for f in fixed if f.amount is None]
    parts = {"region": 0.0, "municipal": 0.0, "joint": 0.0}
    for principal, amount in [*((r.principal, r.cost or 0) for r in rows),
                              *((f.principal, f.amount or 0) for f in fixed)]:
        parts[plan.side(principal)] += amount
    fixed_total = sum(f.amount or 0 for f in fixed)
    return CostSummary(
        rows, sum(r.fte or 0 for r in rows), sum(r.cost or 0 for r in rows) + fixed_total,
        parts["region"], parts["municipal"], incomplete, fixed,
        total_fte_max=sum(r.fte_max or 0 for r in rows),
        total_cost_max=sum(r.cost_max or 0 for r in rows) + fixed_total,
        joint_cost=parts["joint"],
        total_person_years=sum(r.person_years or 0 for r in rows),
        total_person_years_max=sum(r.person_years_max or 0 for r in rows))


# --- the cost table -----------------------------------------------------------------------------

#: Every column of the cost table: key -> heading.
COST_COLUMNS: dict[str, str] = {
    "role": "Roll", "kind": "Typ", "principal": "Huvudman", "persons": "Personer",
    "share": "Tidsandel", "months": "Månader", "effort": "Personer × tidsandel",
    "fte": "Heltidsekvivalenter", "person_years": "Årsarbetare under perioden",
    "cost": "Kostnad",
}
MISSING = "–"
FIXED_KIND = "Fast kostnad"


def _kronor(value: float, unbroken: bool) -> str:
    return f"{format_number(value)}{NBSP if unbroken else ' '}kr"


def _span(low: float | None, high: float | None, show) -> str:
    if low is None:
        return MISSING
    return show(low) if high is None or round(high, 2) == round(low, 2) else \
        f"{show(low)}–{show(high)}"


def _kronor_span(low: float, high: float, unbroken: bool) -> str:
    if round(high, 2) == round(low, 2):
        return _kronor(low, unbroken)
    return f"{format_number(low)}–{_kronor(high, unbroken)}"


def _share_text(r: RoleCost) -> str:
    return f"{_span(r.share, r.share_max, show_number)} %" if r.share is not None else MISSING


def _principal_text(principal: str, area: str, county: County) -> str:
    text = county.choice_label(principal) if principal else ""
    if area and area != principal:
        text = f"{text}, {area}" if text else area
    return text


def _role_cells(r: RoleCost, plan: Plan, county: County, unbroken: bool) -> dict[str, str]:
    kind = plan.guide.role_kinds.get(r.kind, "")
    numbers = (r.persons, r.share, r.months)
    two = lambda v: format_number(v, 2)  # noqa: E731
    return {
        "role": r.title or kind,
        "kind": kind,
        "principal": _principal_text(r.principal, r.area, county),
        "persons": show_number(r.persons) or MISSING,
        "share": _share_text(r),
        "months": show_number(r.months) or MISSING,
        "effort": (f"{show_number(r.persons)} × {_share_text(r)} i "
                   f"{show_number(r.months)} månader" if None not in numbers else MISSING),
        "fte": _span(r.fte, r.fte_max, two),
        "person_years": _span(r.person_years, r.person_years_max, two),
        "cost": (_kronor_span(r.cost, r.cost_max or r.cost, unbroken) if r.cost is not None
                 else MISSING),
    }


def _fixed_cells(f: FixedCost, county: County, unbroken: bool) -> dict[str, str]:
    amount = _kronor(f.amount, unbroken) if f.amount is not None else MISSING
    if f.amount is not None and f.vat_text:
        amount += f" {f.vat_text}"
    return {"role": f.title or FIXED_KIND, "kind": FIXED_KIND,
            "principal": _principal_text(f.principal, "", county),
            "effort": f.period or MISSING, "months": f.period or MISSING, "cost": amount}


def cost_table(plan: Plan, county: County, columns: Sequence[str] = tuple(COST_COLUMNS), *,
               unbroken: bool = False) -> tuple[list[str], list[list[str]]]:
    """Headings and rows of the cost table: one row per role, one per fixed cost line, then
    "Totalt".

    ``columns`` are keys of :data:`COST_COLUMNS`; a value that cannot be computed yet shows as
    "–", a range as "min–max". ``unbroken`` keeps an amount and "kr" on one line (the
    handbook's narrow columns).
    """
    costs = cost_summary(plan)
    cells = [_role_cells(r, plan, county, unbroken) for r in costs.roles]
    cells += [_fixed_cells(f, county, unbroken) for f in costs.fixed]
    rows = [[c.get(col, "") for col in columns] for c in cells]
    two = lambda v: format_number(v, 2)  # noqa: E731
    total = {"role": "Totalt", "fte": _span(costs.total_fte, costs.total_fte_max, two),
             "person_years": _span(costs.total_person_years, costs.total_person_years_max, two),
             "cost": _kronor_span(costs.total_cost, costs.total_cost_max, unbroken)}
    rows.append([total.get(c, "") for c in columns])
    return [COST_COLUMNS[c] for c in columns], rows


def parts_sentence(plan: Plan, costs: CostSummary | None = None) -> str:
    """The region's, the municipalities' and the joint part of the cost, as one sentence."""
    costs = costs or cost_summary(plan)
    parts = [f"Regionens del: {format_number(costs.region_cost)} kr",
             f"kommunernas del: {format_number(costs.municipal_cost)} kr"]
    if costs.joint_cost:
        parts.append(f"gemensamt och områden: {format_number(costs.joint_cost)} kr")
    text = "; ".join(parts) + "."
    if costs.is_range:
        text += (" Delarna räknas med den lägsta tidsandelen; med den högsta blir totalen "
                 f"{format_number(costs.total_cost_max)} kr.")
    if any(f.vat == "exkl" for f in costs.fixed):
        text += " Fasta kostnader märkta exkl. moms är räknade utan moms."
    return text
