"""The joint primary care plan as saved: a read-only :class:`Plan` over the workspace document.

The plan lives in the workspace document ``plan_primarvard`` as plain JSON, keys in English and
values as the participants typed them::

    {"frame": {"title", "period", "level", "principals": [...]},
     "answers": {"goals" | "mapping" | "support": {question key: text}},
     "goals": {id: {"text", "measure", "baseline", "target", "date"}},
     "mapping": {"tables": {table key: {"rows": {id: {column key: value}}}}},
     "action": {"principles": {id: {"text"}},
                "levels": {"makro" | "meso" | "mikro": {"who", "responsibility"}},
                "pairs": {id: {"area", "region", "municipality", "principal"}},
                "initiatives": {id: {"area", "title", "description", "lead", "goals": [ids],
                                     "priority"}}},
     "support": {"forums": {id: {"name", "forum_id", "decides", "supports", "escalation",
                                 "note"}}},
     "followup": {"indicators": {id: {"goal", "name", "source", "frequency", "owner",
                                      "dimension"}},
                  "calendar": {id: {"date", "what", "level", "forum"}}},
     "implementation": {"cost_per_fte_month", "start",
                        "roles": {id: {"kind", "title", "principal", "area", "persons",
                                       "share", "months"}},
                        "fixed": {id: {"title", "principal", "amount", "period", "vat"}},
                        "milestones": {id: {"title", "date", "month", "done"}}}}

A principal is the region, a municipality, "Gemensam" or one of the county's areas; a role's
``area`` says which area it works in ("" for the whole county). ``share`` may be a range
("10–15 %"). A milestone has a date, or a month counted from ``start`` while dates are not set.

Collections are dicts keyed by a short id (:func:`naravard.core.store.new_id`) so that two
participants can add and edit rows at the same time without overwriting each other. The
wording of steps, questions and catalogues is in :mod:`naravard.plan.catalog`; numbers and
dates are read by :mod:`naravard.plan.values`.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from naravard.plan.catalog import PlanGuide, plan_guide
from naravard.plan.values import as_text, date_sort_key, parse_date, parse_number

DOC = "plan_primarvard"


def records(doc: dict, *path: str) -> dict[str, dict]:
    """The dict-of-records at ``path``, skipping anything that is not a record."""
    current: Any = doc
    for key in path:
        current = current.get(key) if isinstance(current, dict) else None
    if not isinstance(current, dict):
        return {}
    return {k: v for k, v in current.items() if isinstance(v, dict)}


def normalise(doc: dict) -> dict:
    """A copy of a saved plan in today's layout (the first version kept goals as one text)."""
    out = copy.deepcopy(doc or {})
    goals = out.get("goals")
    if isinstance(goals, dict) and isinstance(goals.get("text"), str):
        legacy = goals.pop("text")
        if legacy.strip():
            goals["g0"] = {"text": legacy.strip()}
    return out


@dataclass
class Plan:
    """A read-only view of a saved plan document, with its county's principals and wording."""

    doc: dict
    principals: list[str] = field(default_factory=list)
    guide: PlanGuide = field(default_factory=plan_guide, repr=False, compare=False)
    #: The county's areas: name -> its municipalities (see :func:`county_plan`).
    areas: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.doc = normalise(self.doc)

    # frame and answers
    @property
    def frame(self) -> dict:
        frame = self.doc.get("frame")
        return frame if isinstance(frame, dict) else {}

    def answer(self, step: str, key: str) -> str:
        """The answer to a guiding question of a step ("" when unanswered)."""
        answers = self.doc.get("answers")
        value = answers.get(step, {}).get(key) if isinstance(answers, dict) and \
            isinstance(answers.get(step), dict) else None
        return as_text(value)

    # collections
    def goals(self) -> dict[str, dict]:
        return records(self.doc, "goals")

    def goal_number(self, goal_id: str) -> int | None:
        ids = list(self.goals())
        return ids.index(goal_id) + 1 if goal_id in ids else None

    def goal_label(self, goal_id: str) -> str:
        number = self.goal_number(goal_id)
        if number is None:
            return "(målet finns inte längre)"
        text = as_text(self.goals()[goal_id].get("text")) or "(utan text)"
        return f"Mål {number}: {text}"

    def table_rows(self, table: str) -> dict[str, dict]:
        return records(self.doc, "mapping", "tables", table, "rows")

    def principles(self) -> dict[str, dict]:
        return records(self.doc, "action", "principles")

    def level(self, key: str) -> dict:
        return records(self.doc, "action", "levels").get(key, {})

    def pairs(self) -> dict[str, dict]:
        return records(self.doc, "action", "pairs")

    def initiatives(self) -> dict[str, dict]:
        return records(self.doc, "action", "initiatives")

    def initiative_title(self, initiative: dict) -> str:
        """The initiative's own title, else the name of its content area."""
        area = self.guide.area_by_key.get(as_text(initiative.get("area")))
        return as_text(initiative.get("title")) or (area.name if area else "(insats utan namn)")

    def support_forums(self) -> dict[str, dict]:
        return records(self.doc, "support", "forums")

    def indicators(self) -> dict[str, dict]:
        return records(self.doc, "followup", "indicators")

    def indicators_for(self, goal_id: str) -> dict[str, dict]:
        return {k: v for k, v in self.indicators().items() if v.get("goal") == goal_id}

    def calendar(self) -> list[tuple[str, dict]]:
        """Follow-up meetings sorted by date (unreadable or missing dates last)."""
        return sorted(records(self.doc, "followup", "calendar").items(),
                      key=lambda kv: date_sort_key(kv[1].get("date")))

    def roles(self) -> dict[str, dict]:
        return records(self.doc, "implementation", "roles")

    def fixed_costs(self) -> dict[str, dict]:
        return records(self.doc, "implementation", "fixed")

    def milestones(self) -> list[tuple[str, dict]]:
        """Milestones sorted by date, else by month from start (unreadable or missing last)."""
        return sorted(records(self.doc, "implementation", "milestones").items(),
                      key=lambda kv: self._milestone_key(kv[1]))

    def _milestone_key(self, milestone: dict) -> tuple:
        when = self.milestone_date(milestone)
        if when is not None:
            return (0, when.isoformat(), 0.0)
        month = self.milestone_month(milestone)
        return (1, "", month) if month is not None else (2, "", 0.0)

    @property
    def start(self) -> dt.date | None:
        """The implementation's start date, None when not set or unreadable."""
        impl = self.doc.get("implementation")
        try:
            return parse_date(impl.get("start")) if isinstance(impl, dict) else None
        except ValueError:
            return None

    @staticmethod
    def milestone_month(milestone: dict) -> float | None:
        """The milestone's month counted from the start (None when not given)."""
        try:
            return parse_number(milestone.get("month"))
        except ValueError:
            return None

    def milestone_date(self, milestone: dict) -> dt.date | None:
        """The milestone's date: its own, else the start plus its months (None if neither)."""
        try:
            own = parse_date(milestone.get("date"))
        except ValueError:
            own = None
        if own is not None:
            return own
        month, start = self.milestone_month(milestone), self.start
        if month is None or start is None:
            return None
        return add_months(start, month)

    @property
    def cost_per_fte_month(self) -> float | None:
        impl = self.doc.get("implementation")
        value = impl.get("cost_per_fte_month") if isinstance(impl, dict) else None
        try:
            return parse_number(value)
        except ValueError:
            return None

    def is_region(self, principal: str) -> bool:
        """True for the region (the first of the county's principals)."""
        return bool(self.principals) and principal == self.principals[0]

    def is_municipality(self, principal: str) -> bool:
        return principal in self.principals[1:]

    def side(self, principal: str) -> str:
        """"region", "municipal" or "joint" ("Gemensam", an area, or not given)."""
        if self.is_region(principal):
            return "region"
        return "municipal" if self.is_municipality(principal) else "joint"


def add_months(start: dt.date, months: float) -> dt.date:
    """``start`` plus a number of months (a fraction counts as days of 30)."""
    whole = int(months)
    year, month = divmod(start.month - 1 + whole, 12)
    year += start.year
    last = calendar.monthrange(year, month + 1)[1]
    day = dt.date(year, month + 1, min(start.day, last))
    return day + dt.timedelta(days=round((months - whole) * 30))


def county_plan(doc: dict, county: Any, guide: PlanGuide | None = None) -> Plan:
    """The plan of ``doc`` for ``county``: its principals and its areas."""
    areas = {a.name: list(a.municipalities) for a in getattr(county, "areas", [])}
    if guide is None:
        return Plan(doc, county.principals(), areas=areas)
    return Plan(doc, county.principals(), guide, areas=areas)
