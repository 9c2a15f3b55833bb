"""The follow-up as saved: rounds of self-assessment and indicator series, read from the
workspace document ``uppfoljning``.

Layout of the saved document (keys in English, values as participants entered them)::

    {"rounds": {id: {"name", "date", "notes",
                     "participants": {id: {"label", "principal",
                                           "scores": {factor: int}, "evidence": {factor: text}}},
                     "joint": {factor: {"score": int, "comment": text}},
                     "actions": {id: {"text", "factor", "owner", "due", "plan_id"}}}},
     "indicators": {id: {"name", "definition", "unit", "direction", "dimension", "source",
                         "frequency", "kind", "target", "origin", "ref"}},
     "values": {indicator id: {unit: {period: {"value": x} | {"count": c, "total": t}}}}}

Collections are dicts keyed by short ids so that two participants can add rows at the same
time. Units are where a value is measured: the whole county, a principal or an area
(:func:`units`, the one place that decides which exist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from naravard.core.county import County
from naravard.followup.indicators import Indicator
from naravard.followup.periods import sort_key

DOC = "uppfoljning"
PLAN_DOC = "plan_primarvard"
WHOLE_COUNTY = "Hela länet"
ORIGINS = {"start": "handbokens startuppsättning", "plan": "planens steg 5", "egen": "egen"}


def records(doc: Any, *path: str) -> dict[str, dict]:
    """The dict of records at ``path`` (anything that is not a record is skipped)."""
    current = doc
    for key in path:
        current = current.get(key) if isinstance(current, dict) else None
    if not isinstance(current, dict):
        return {}
    return {k: v for k, v in current.items() if isinstance(v, dict)}


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def units(county: County) -> list[str]:
    """Where values can be measured: the whole county, each principal, and each area the
    county defines (``county.areas`` when the county model has them)."""
    out = [WHOLE_COUNTY, *county.principals()]
    for area in getattr(county, "areas", None) or []:
        name = text(getattr(area, "name", area))
        if name and name not in out:
            out.append(name)
    return out


def principals(county: County) -> list[str]:
    """The principals a participant can represent (the region and each municipality)."""
    return county.principals()


@dataclass(frozen=True)
class Participant:
    """One participant's ratings in a round (a role or pseudonym, never a person's name)."""

    id: str
    label: str
    principal: str
    scores: dict[str, int]
    evidence: dict[str, str]


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    factor: str
    owner: str
    due: str
    plan_id: str


@dataclass(frozen=True)
class Round:
    """One round of the self-assessment."""

    id: str
    name: str
    date: str
    notes: str
    participants: tuple[Participant, ...]
    joint: dict[str, dict]
    actions: tuple[Action, ...]

    @property
    def title(self) -> str:
        return self.name or (self.date or "Omgång utan namn")

    def joint_score(self, factor: str) -> int | None:
        score = (self.joint.get(factor) or {}).get("score")
        return score if isinstance(score, int) and not isinstance(score, bool) else None


def _mapping(raw: Any) -> dict:
    return raw if isinstance(raw, dict) else {}


def _scores(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(v, int) and not isinstance(v, bool)}


def read_round(rid: str, raw: dict) -> Round:
    parts = tuple(
        Participant(pid, text(p.get("label")) or "(utan etikett)", text(p.get("principal")),
                    _scores(p.get("scores")),
                    {k: text(v) for k, v in _mapping(p.get("evidence")).items()})
        for pid, p in records(raw, "participants").items())
    actions = tuple(Action(aid, text(a.get("text")), text(a.get("factor")), text(a.get("owner")),
                           text(a.get("due")), text(a.get("plan_id")))
                    for aid, a in records(raw, "actions").items())
    return Round(rid, text(raw.get("name")), text(raw.get("date")), text(raw.get("notes")),
                 parts, records(raw, "joint"), actions)


def _round_order(r: Round) -> tuple:
    try:
        return (0, dt.date.fromisoformat(r.date))
    except ValueError:
        return (1, dt.date.max)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def read_indicator(iid: str, raw: dict) -> Indicator:
    return Indicator(code=iid, name=text(raw.get("name")) or "(indikator utan namn)",
                     definition=text(raw.get("definition")), unit=text(raw.get("unit")),
                     direction="lägre" if raw.get("direction") == "lägre" else "högre",
                     dimension=text(raw.get("dimension")), source=text(raw.get("source")),
                     frequency=text(raw.get("frequency")),
                     kind="andel" if raw.get("kind") == "andel" else "värde",
                     target=_number(raw.get("target")))


def indicator_record(ind: Indicator, origin: str, ref: str = "") -> dict:
    """The saved form of an indicator taken from the starter set, the plan or typed in."""
    return {"name": ind.name, "definition": ind.definition, "unit": ind.unit,
            "direction": ind.direction, "dimension": ind.dimension, "source": ind.source,
            "frequency": ind.frequency, "kind": ind.kind, "target": ind.target,
            "origin": origin, "ref": ref}


def plan_indicators(plan_doc: dict) -> list[tuple[str, Indicator]]:
    """The indicators of the plan's step 5, as ``(plan id, Indicator)``."""
    out = []
    for kid, raw in records(plan_doc, "followup", "indicators").items():
        name = text(raw.get("name"))
        if name:
            out.append((kid, Indicator(code=kid, name=name, source=text(raw.get("source")),
                                       frequency=text(raw.get("frequency")),
                                       dimension=text(raw.get("dimension")))))
    return out


@dataclass
class Followup:
    """A read-only view of a saved follow-up document."""

    doc: dict
    _rounds: list[Round] | None = field(default=None, init=False, repr=False)

    def rounds(self) -> list[Round]:
        """The rounds in date order (rounds without a readable date last)."""
        if self._rounds is None:
            rounds = [read_round(rid, raw) for rid, raw in records(self.doc, "rounds").items()]
            self._rounds = sorted(rounds, key=_round_order)
        return self._rounds

    def round(self, rid: str) -> Round | None:
        return next((r for r in self.rounds() if r.id == rid), None)

    def previous(self, rid: str) -> Round | None:
        rounds = self.rounds()
        ids = [r.id for r in rounds]
        i = ids.index(rid) if rid in ids else -1
        return rounds[i - 1] if i > 0 else None

    def indicators(self) -> dict[str, Indicator]:
        return {iid: read_indicator(iid, raw)
                for iid, raw in records(self.doc, "indicators").items()}

    def refs(self, origin: str) -> set[str]:
        """The references of the followed indicators that came from ``origin``."""
        return {text(raw.get("ref")) for raw in records(self.doc, "indicators").values()
                if raw.get("origin") == origin}

    def unit_values(self, iid: str) -> dict[str, dict[str, dict]]:
        """``{unit: {period: record}}`` of one indicator."""
        raw = records(self.doc, "values").get(iid, {})
        return {u: {p: v for p, v in per.items() if isinstance(v, dict)}
                for u, per in raw.items() if isinstance(per, dict)}

    def units_with_values(self, iid: str) -> list[str]:
        return [u for u, per in self.unit_values(iid).items() if per]

    def series(self, iid: str, unit: str) -> list[tuple[str, dict]]:
        """``(period, record)`` of one indicator and unit, in time order."""
        per = self.unit_values(iid).get(unit, {})
        return sorted(per.items(), key=lambda kv: sort_key(kv[0]))


def plan_initiative(action: Action, round_title: str, factor_name: str) -> dict:
    """The plan worksheet's initiative record for an action agreed in the follow-up."""
    why = f"Från uppföljningen {round_title}"
    if factor_name:
        why += f", framgångsfaktorn ”{factor_name}”"
    return {"area": "", "title": action.text, "description": why + ".", "lead": action.owner,
            "goals": [], "priority": "", "from_followup": action.id}
