"""How far the plan has come: per step what is filled in, what is missing and what is flagged.

:func:`completeness` is shown as the worksheet's progress chart and overview, in the export and
in the handbook; :func:`progress_rows` is the one completeness table of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from naravard.plan.catalog import Step
from naravard.plan.checks import tlt_check
from naravard.plan.checks import leader_pair_problems
from naravard.plan.cost import cost_summary
from naravard.plan.forums_link import MISSING_FROM_MAP, support_rows
from naravard.plan.model import Plan
from naravard.plan.values import as_text, date_sort_key


@dataclass
class StepProgress:
    """How far one step has come: what is filled in, what is missing and what is flagged."""

    step: Step
    done: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.done += 1
        else:
            self.missing.append(what)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def status(self) -> str:
        """Klart, Påbörjat, Inte påbörjat, or Flaggat when a check flags something."""
        if self.flagged:
            return "Flaggat"
        if self.done == self.total:
            return "Klart"
        return "Påbörjat" if self.done else "Inte påbörjat"


def completeness(plan: Plan, forum_map: list[dict] | None = None,
                 today: dt.date | None = None) -> list[StepProgress]:
    """Per step: what is filled in, what is still empty and what the checks flag."""
    guide = plan.guide
    out = {s.key: StepProgress(s) for s in guide.steps}
    goals = plan.goals()

    p = out["goals"]
    p.check(bool(plan.answer("goals", "aim")), "Frågan ”Vad vill vi uppnå?” är obesvarad.")
    p.check(bool(goals), "Inga mål är skrivna.")
    for gid, goal in goals.items():
        findings = tlt_check(goal, today)
        label = f"Mål {plan.goal_number(gid)}"
        p.check(not findings, f"{label} klarar inte Tight–Loose–Tight-kontrollen.")
        p.flagged += [f"{label}: {f.message}" for f in findings]

    p = out["mapping"]
    for key, question in guide.questions.get("mapping", {}).items():
        p.check(bool(plan.answer("mapping", key)), f"Obesvarad fråga: {question}")
    for table in guide.tables:
        p.check(bool(plan.table_rows(table.key)), f"Tabellen ”{table.title}” är tom.")

    p = out["action"]
    p.check(any(as_text(r.get("text")) for r in plan.principles().values()),
            "Inga vägledande principer.")
    for key, name in guide.levels.items():
        level = plan.level(key)
        p.check(bool(as_text(level.get("who")) and as_text(level.get("responsibility"))),
                f"{name}: vilka som ingår och deras ansvar är inte ifyllt.")
    p.check(any(as_text(r.get("region")) and as_text(r.get("municipality"))
                for r in plan.pairs().values()), "Inga parhästar med en roll från varje sida.")
    initiatives = plan.initiatives()
    p.check(bool(initiatives), "Inga innehållsområden eller insatser är valda.")
    for iid, initiative in initiatives.items():
        p.check(bool(as_text(initiative.get("description"))),
                f"Insatsen ”{plan.initiative_title(initiative)}” saknar beskrivning.")

    p = out["support"]
    for key, question in guide.questions.get("support", {}).items():
        p.check(bool(plan.answer("support", key)), f"Obesvarad fråga: {question}")
    forums = plan.support_forums()
    p.check(any(f.get("decides") for f in forums.values()), "Inget forum som beslutar är valt.")
    p.check(any(f.get("escalation") for f in forums.values()),
            "Inget forum dit frågor som fastnat kan lyftas är valt.")
    if forum_map is not None:
        for row in support_rows(plan, forum_map):
            if row.status == MISSING_FROM_MAP:
                p.flagged.append(f"Forumet ”{row.name}” finns inte längre i forumkartan.")

    p = out["followup"]
    for gid in goals:
        p.check(bool(plan.indicators_for(gid)),
                f"Mål {plan.goal_number(gid)} saknar indikator.")
    for iid, ind in plan.indicators().items():
        gaps = [label for key, label in (("source", "källa"), ("frequency", "frekvens"),
                                         ("owner", "ansvarig"), ("dimension", "Triple Aim"))
                if not as_text(ind.get(key))]
        name = as_text(ind.get("name")) or "utan namn"
        p.check(not gaps, f"Indikatorn ”{name}” saknar {', '.join(gaps)}.")
        if ind.get("goal") not in goals:
            p.flagged.append(f"Indikatorn ”{name}” hör till ett mål som inte finns längre.")
    covered = {as_text(i.get("dimension")) for i in plan.indicators().values()}
    for key, name in guide.triple_aim.items():
        p.check(key in covered, f"Ingen indikator för {name.lower()} (Triple Aim).")
    p.check(bool(plan.calendar()), "Uppföljningskalendern är tom.")

    p = out["implementation"]
    costs = cost_summary(plan)
    p.check(plan.cost_per_fte_month is not None, "Kostnad per heltid och månad saknas.")
    p.check(bool(costs.roles), "Inga roller är beskrivna.")
    for role in costs.roles:
        name = role.title or guide.role_kinds.get(role.kind, "utan namn")
        p.check(role.fte is not None and role.months is not None,
                f"Rollen ”{name}” saknar antal personer, tidsandel eller månader.")
    for problem in leader_pair_problems(plan, costs.roles):
        p.check(False, problem)
    dated = [m for _, m in plan.milestones() if date_sort_key(m.get("date"))[0] == 0
             or plan.milestone_month(m) is not None]
    p.check(bool(dated), "Inga etappmål med datum eller månad från start.")

    p = out["priorities"]
    p.check(bool(initiatives), "Det finns inga insatser att prioritera (välj dem i steg 3).")
    for initiative in initiatives.values():
        p.check(as_text(initiative.get("priority")) in guide.priorities,
                f"Insatsen ”{plan.initiative_title(initiative)}” har ingen färg.")
    return [out[s.key] for s in guide.steps]



# --- the completeness table -----------------------------------------------------------------

PROGRESS_COLUMNS = ("Steg", "Ifyllt", "Läge", "Kvar att göra")


@dataclass(frozen=True)
class ProgressRow:
    """One row of the completeness table: a step, how much is filled in and what is left."""

    step: str
    filled: str
    status: str
    missing: tuple[str, ...]
    flagged: tuple[str, ...]

    @property
    def todo(self) -> str:
        """What is left and what is flagged, in one line ("–" when nothing)."""
        return " ".join(self.missing + self.flagged) or "–"

    def cells(self) -> list[str]:
        """The row as text, in :data:`PROGRESS_COLUMNS` order."""
        return [self.step, self.filled, self.status, self.todo]


def progress_rows(progress: list[StepProgress]) -> list[ProgressRow]:
    """The completeness table's rows, one per step, from :func:`completeness`."""
    return [ProgressRow(p.step.heading, f"{p.done} av {p.total}", p.status,
                        tuple(p.missing), tuple(p.flagged)) for p in progress]
