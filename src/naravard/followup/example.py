"""The invented example follow-up in ``data/uppfoljning_exempel.yml``: loaded, checked, ready.

Two rounds of self-assessment and five indicator series for Exempellän. The worksheet can load
it into a workshop, chapter 15 draws its charts at build time, and ``naravard check`` validates
it against the factors, the scale, the starter set of indicators and the county. A county
without its own example (the file is absent, or ``data/exempel.yml`` marks it as another
county's) gets None.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from naravard.core.county import County
from naravard.core.datafile import DataModel, read_data_yaml, validation_problems
from naravard.core.examples import example_file
from naravard.core.pii import pii_problem
from naravard.core.problems import DataError, Problem, yaml_line_of
from naravard.followup.guide import FollowupGuide, load_guide
from naravard.followup.indicators import Indicator, load_starter_set
from naravard.followup.model import indicator_record, units
from naravard.followup.periods import parse_period
from naravard.followup.series import value_record

EXAMPLE_FILE = "uppfoljning_exempel.yml"


class _ExParticipant(DataModel):
    label: str = Field(alias="etikett", min_length=1,
                       json_schema_extra={"exempel": "etikett: Socialchef, Norrvik"})
    principal: str = Field(alias="huvudman", min_length=1)
    scores: dict[str, int] = Field(default_factory=dict, alias="skattningar")
    evidence: dict[str, str] = Field(default_factory=dict, alias="belägg")


class _ExJoint(DataModel):
    score: int = Field(alias="skattning")
    comment: str = Field("", alias="kommentar")


class _ExAction(DataModel):
    text: str = Field(min_length=1)
    factor: str = Field("", alias="faktor")
    owner: str = Field("", alias="ägare")
    due: dt.date | None = Field(None, alias="senast")


class _ExRound(DataModel):
    name: str = Field(alias="namn", min_length=1)
    date: dt.date = Field(alias="datum", json_schema_extra={"exempel": "datum: 2025-10-16"})
    notes: str = Field("", alias="anteckningar")
    participants: list[_ExParticipant] = Field(default_factory=list, alias="deltagare")
    joint: dict[str, _ExJoint] = Field(default_factory=dict, alias="gemensam")
    actions: list[_ExAction] = Field(default_factory=list, alias="åtgärder")


class _ExSeries(DataModel):
    code: str = Field(alias="kod", min_length=1)
    target: float | None = Field(None, alias="mål")
    values: dict[str, dict[str, Any]] = Field(alias="värden")


class ExampleFollowup(DataModel):
    """The invented example follow-up (Swedish keys)."""

    rounds: list[_ExRound] = Field(alias="omgångar", min_length=1)
    series: list[_ExSeries] = Field(default_factory=list, alias="indikatorer")


def _problems(ex: ExampleFollowup, guide: FollowupGuide, starter: dict[str, Indicator],
              county: County, text: str, file: str) -> tuple[list[Problem], dict]:
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(file, message, row=yaml_line_of(text, loc),
                                field=".".join(str(p) for p in loc)))

    doc: dict = {"rounds": {}, "indicators": {}, "values": {}}
    principals = county.principals()
    for n, r in enumerate(ex.rounds):
        rid = f"r{n + 1:02d}"
        loc = ("omgångar", n)
        parts = {}
        for j, p in enumerate(r.participants):
            ploc = loc + ("deltagare", j)
            if p.principal not in principals:
                add(ploc + ("huvudman",), f"Okänd huvudman ”{p.principal}”. Skriv en av: "
                    + ", ".join(principals) + ".")
            for code, score in p.scores.items():
                if code not in guide.codes:
                    add(ploc + ("skattningar", code), f"Okänd faktor ”{code}”. Faktorerna: "
                        + ", ".join(guide.codes) + ".")
                elif guide.score_problem(score):
                    add(ploc + ("skattningar", code), guide.score_problem(score) or "")
            for code, sentence in p.evidence.items():
                problem = pii_problem(sentence) if code in guide.codes else \
                    f"Okänd faktor ”{code}”."
                if problem:
                    add(ploc + ("belägg", code), problem)
            if pii_problem(p.label):
                add(ploc + ("etikett",), pii_problem(p.label) or "")
            parts[f"p{j + 1:02d}"] = {"label": p.label, "principal": p.principal,
                                      "scores": dict(p.scores), "evidence": dict(p.evidence)}
        for code, joint in r.joint.items():
            if code not in guide.codes:
                add(loc + ("gemensam", code), f"Okänd faktor ”{code}”.")
            elif guide.score_problem(joint.score):
                add(loc + ("gemensam", code, "skattning"), guide.score_problem(joint.score) or "")
        for j, a in enumerate(r.actions):
            if a.factor and a.factor not in guide.codes:
                add(loc + ("åtgärder", j, "faktor"), f"Okänd faktor ”{a.factor}”.")
        doc["rounds"][rid] = {
            "name": r.name, "date": r.date.isoformat(), "notes": r.notes, "participants": parts,
            "joint": {c: {"score": j.score, "comment": j.comment} for c, j in r.joint.items()},
            "actions": {f"{rid}a{j + 1}": {"text": a.text, "factor": a.factor, "owner": a.owner,
                                           "due": a.due.isoformat() if a.due else "",
                                           "plan_id": ""} for j, a in enumerate(r.actions)}}
    unit_names = units(county)
    for n, s in enumerate(ex.series):
        loc = ("indikatorer", n)
        ind = starter.get(s.code)
        if ind is None:
            add(loc + ("kod",), f"Okänd indikator ”{s.code}”. Använd en kod ur "
                                "data/indikatorer.yml.")
            continue
        record = indicator_record(ind, "start", ind.code)
        record["target"] = s.target
        doc["indicators"][s.code] = record
        values: dict = {}
        for unit, per in s.values.items():
            if unit not in unit_names:
                add(loc + ("värden", unit), f"Okänd enhet ”{unit}”. Skriv en av: "
                    + ", ".join(unit_names) + ".")
                continue
            for period, raw in (per or {}).items():
                vloc = loc + ("värden", unit, period)
                try:
                    key = parse_period(period)
                    if isinstance(raw, list) and len(raw) == 2:
                        rec = value_record(ind, count=raw[0], total=raw[1])
                    else:
                        rec = value_record(ind, value=raw)
                except ValueError as exc:
                    add(vloc, str(exc))
                    continue
                values.setdefault(unit, {})[key] = rec
        doc["values"][s.code] = values
    return problems, doc


def load_example(data: Path, county: County | None = None) -> dict | None:
    """Load and check the example; return it in the worksheet's saved layout (None if none)."""
    from naravard.core.county import load_county

    path = example_file(data, EXAMPLE_FILE)
    if path is None:
        return None
    county = county or load_county(data)
    guide = load_guide(data)
    starter = {i.code: i for i in load_starter_set(data)}
    raw, text, shown = read_data_yaml(path, "exempeluppföljningen")
    try:
        ex = ExampleFollowup.model_validate(raw)
    except ValidationError as exc:
        raise DataError(validation_problems(ExampleFollowup, exc, text, shown)) from None
    problems, doc = _problems(ex, guide, starter, county, text, shown)
    if problems:
        raise DataError(problems)
    return doc


def example_doc(data: Path | None = None) -> dict | None:
    """The example of the project's data folder in the worksheet's saved layout, or None."""
    from naravard.core.cache import cached_load
    from naravard.core.county import current_county
    from naravard.core.paths import data_dir

    folder = (data or data_dir()).resolve()
    if example_file(folder, EXAMPLE_FILE) is None:
        return None
    import copy

    doc = cached_load(folder, EXAMPLE_FILE, lambda d: load_example(d, current_county(d)))
    return copy.deepcopy(doc)


def check_followup_data(data: Path) -> None:
    """Checker for ``naravard check``: the factors, the starter set and the example."""
    from naravard.core.county import load_county
    from naravard.core.examples import load_examples

    problems: list[Problem] = []
    ok = True
    for check in (load_guide, load_starter_set):
        try:
            check(data)
        except DataError as exc:
            problems.extend(exc.problems)
            ok = False
    if ok:
        try:
            county = load_county(data)
            load_examples(data)
        except DataError:
            county = None  # county.yml or exempel.yml report their own problems
        if county is not None:
            try:
                load_example(data, county)
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
