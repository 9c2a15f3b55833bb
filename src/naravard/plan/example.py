"""The invented example plan in ``data/plan_exempel.yml``: load, validate, turn into a plan doc.

The file uses Swedish keys (like ``county.yml``) so that a county can edit it; this module checks
it against the county in the same folder and reports every problem in Swedish with file, row
and key. :func:`load_example_plan` returns the plan in the workspace layout of
:mod:`naravard.plan.model`, with stable ids (``g1``, ``g2`` …), or None when the county has no
example plan (the file is absent, or ``data/exempel.yml`` marks it as another county's example).
:func:`example_plan` is the example of the project's data folder. Allowed codes (colours, levels,
frequencies, roles …) come from the plan's guide in the same folder (``data/plan_guide.yml``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from naravard.core.county import load_county, looks_like_contact_details
from naravard.core.datafile import read_mapping, validated
from naravard.core.examples import example_file, load_examples
from naravard.core.problems import DataError, Problem, dotted, yaml_line_of
from naravard.plan.catalog import PlanGuide, plan_guide
from naravard.plan.tables import rows_from_records
from naravard.plan.values import date_problem

EXAMPLE_FILE = "plan_exempel.yml"

#: Swedish keys of the file -> the plan's English keys.
ANSWER_STEPS = {"mål": "goals", "kartläggning": "mapping", "stöd": "support"}
ANSWER_KEYS = {
    "goals": {"varför": "why", "uppnå": "aim"},
    "mapping": {"behov": "needs", "involvera": "involve", "fungerar": "works",
                "mötesplatser": "meetings", "resurser": "resources",
                "förväntningar": "expectations", "överenskommelser": "agreements"},
    "support": {"i_dag": "today", "behövs": "needed", "eskalering": "escalation"},
}
TABLE_KEYS = {"befolkning": "population", "verksamheter": "services", "resurser": "resources",
              "kompetens": "competence", "lokaler": "premises", "digitalt": "digital"}


def _as_text(value: Any) -> Any:
    """YAML reads 2028-12-31 as a date and 41 as a number; the plan keeps them as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _one_of(*options: str, empty: bool = True):
    """A validator that accepts one of ``options`` (or nothing) and says so in Swedish."""
    def check(value: Any) -> Any:
        if value is None or (empty and value == ""):
            return ""
        if value not in options:
            listed = ", ".join(options)
            raise ValueError(f"”{value}” är inte tillåtet. Skriv en av: {listed}"
                             + (" (eller lämna tomt)." if empty else "."))
        return value
    return check


def _keys_of(*options: str):
    """A validator for a mapping whose keys must be among ``options``."""
    def check(value: Any) -> Any:
        if isinstance(value, dict):
            for key in value:
                if key not in options:
                    raise ValueError(f"”{key}” är inte tillåtet här. Skriv en av: "
                                     f"{', '.join(options)}.")
        return value
    return check


Catalogue = Callable[[PlanGuide], Iterable[str]]


def _guide(info: ValidationInfo) -> PlanGuide:
    """The guide the example is checked against (given as validation context)."""
    return (info.context or {}).get("guide") or plan_guide()


def _code_in(catalogue: Catalogue, empty: bool = True):
    """Like :func:`_one_of`, with the codes of a catalogue in the plan's guide."""
    def check(value: Any, info: ValidationInfo) -> Any:
        return _one_of(*catalogue(_guide(info)), empty=empty)(value)
    return check


def _keys_in(catalogue: Catalogue):
    """Like :func:`_keys_of`, with the codes of a catalogue in the plan's guide."""
    def check(value: Any, info: ValidationInfo) -> Any:
        return _keys_of(*catalogue(_guide(info)))(value)
    return check


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class _Frame(_Model):
    name: str = Field("", alias="namn")
    period: str = Field("", alias="period")
    level: str = Field("län", alias="nivå")
    principals: list[str] = Field(default_factory=list, alias="huvudmän")
    _text = field_validator("period", mode="before")(_as_text)
    _level = field_validator("level")(_one_of("län", "kommun", empty=False))


class _Goal(_Model):
    text: str = Field(alias="mål", min_length=1, json_schema_extra={"exempel": "mål: Färre …"})
    measure: str = Field("", alias="mått")
    baseline: str = Field("", alias="utgångsvärde")
    target: str = Field("", alias="målvärde")
    date: str = Field("", alias="datum")
    _text = field_validator("baseline", "target", "date", mode="before")(_as_text)


class _Level(_Model):
    who: str = Field("", alias="vilka")
    responsibility: str = Field("", alias="ansvar")


class _Pair(_Model):
    area: str = Field(alias="område", min_length=1)
    region: str = Field("", alias="region")
    municipality: str = Field("", alias="kommun")
    principal: str = Field("", alias="huvudman")


class _Initiative(_Model):
    area: str = Field("", alias="område")
    title: str = Field("", alias="titel")
    description: str = Field("", alias="beskrivning")
    lead: str = Field("", alias="ansvariga")
    goals: list[int] = Field(default_factory=list, alias="mål")
    priority: str = Field("", alias="prioritet")
    _priority = field_validator("priority")(_code_in(lambda g: g.priority_order))


class _Action(_Model):
    principles: list[str] = Field(default_factory=list, alias="principer")
    levels: dict[str, _Level] = Field(default_factory=dict, alias="ledningsnivåer")
    pairs: list[_Pair] = Field(default_factory=list, alias="parhästar")
    initiatives: list[_Initiative] = Field(default_factory=list, alias="insatser")
    _levels = field_validator("levels", mode="before")(_keys_in(lambda g: g.levels))


class _Forum(_Model):
    name: str = Field(alias="namn", min_length=1)
    decides: bool = Field(False, alias="beslutar")
    supports: bool = Field(False, alias="stödjer")
    escalation: bool = Field(False, alias="eskalering")
    note: str = Field("", alias="kommentar")


class _Support(_Model):
    forums: list[_Forum] = Field(default_factory=list, alias="forum")


class _Indicator(_Model):
    goal: int = Field(alias="mål", ge=1)
    name: str = Field(alias="indikator", min_length=1)
    source: str = Field("", alias="källa")
    frequency: str = Field("", alias="frekvens")
    owner: str = Field("", alias="ansvarig")
    dimension: str = Field("", alias="triple_aim")
    _frequency = field_validator("frequency")(_code_in(lambda g: g.frequencies))
    _dimension = field_validator("dimension")(_code_in(lambda g: g.triple_aim))


class _Meeting(_Model):
    date: str = Field(alias="datum")
    what: str = Field(alias="vad", min_length=1)
    level: str = Field("", alias="nivå")
    forum: str = Field("", alias="forum")
    _text = field_validator("date", mode="before")(_as_text)
    _level = field_validator("level")(_code_in(lambda g: g.levels))


class _FollowUp(_Model):
    indicators: list[_Indicator] = Field(default_factory=list, alias="indikatorer")
    calendar: list[_Meeting] = Field(default_factory=list, alias="kalender")


class _Role(_Model):
    kind: str = Field(alias="typ")
    _kind = field_validator("kind")(_code_in(lambda g: g.role_kinds, empty=False))
    title: str = Field("", alias="benämning")
    principal: str = Field("", alias="huvudman")
    area: str = Field("", alias="område")
    persons: float | None = Field(None, alias="personer", ge=0)
    share: float | str | None = Field(None, alias="tidsandel",
                                      json_schema_extra={"exempel": "tidsandel: 10–15"})
    months: float | None = Field(None, alias="månader", ge=0)

    @field_validator("share")
    @classmethod
    def _share(cls, value):
        from naravard.plan.cost import share_problem

        if value is not None and (msg := share_problem(str(value))):
            raise ValueError(msg)
        return value


class _Fixed(_Model):
    title: str = Field(alias="benämning", min_length=1,
                       json_schema_extra={"exempel": "benämning: Konsultstöd enligt offert"})
    principal: str = Field("", alias="huvudman")
    amount: float = Field(alias="belopp", ge=0, json_schema_extra={"exempel": "belopp: 480000"})
    period: str = Field("", alias="period")
    vat: Literal["exkl", "inkl", ""] = Field("", alias="moms")


class _Milestone(_Model):
    title: str = Field(alias="etappmål", min_length=1)
    date: str = Field("", alias="datum")
    month: float | None = Field(None, alias="månad", ge=0)
    done: bool = Field(False, alias="klart")
    _text = field_validator("date", mode="before")(_as_text)


class _Implementation(_Model):
    cost_per_fte_month: float | None = Field(None, alias="kostnad_per_heltid_och_månad", ge=0)
    start: str = Field("", alias="start")
    roles: list[_Role] = Field(default_factory=list, alias="roller")
    fixed: list[_Fixed] = Field(default_factory=list, alias="fasta_kostnader")
    milestones: list[_Milestone] = Field(default_factory=list, alias="etappmål")
    _text = field_validator("start", mode="before")(_as_text)


class ExamplePlan(_Model):
    """The example plan file, as written in Swedish."""

    fictional: bool = Field(False, alias="påhittat")
    frame: _Frame = Field(default_factory=_Frame, alias="ram")
    answers: dict[str, dict[str, str]] = Field(default_factory=dict, alias="svar")
    goals: list[_Goal] = Field(default_factory=list, alias="mål")
    mapping: dict[str, list[dict[str, Any]]] = Field(default_factory=dict, alias="kartläggning")
    action: _Action = Field(default_factory=_Action, alias="agera")
    support: _Support = Field(default_factory=_Support, alias="stöd")
    followup: _FollowUp = Field(default_factory=_FollowUp, alias="uppföljning")
    implementation: _Implementation = Field(default_factory=_Implementation,
                                            alias="genomförande")
    _answers = field_validator("answers", mode="before")(_keys_of("mål", "kartläggning", "stöd"))


def _strings(value: Any, loc: tuple = ()):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*loc, i))


def _area_key(guide: PlanGuide, name: str) -> str | None:
    for area in guide.content_areas:
        if name.casefold() in (area.name.casefold(), area.key):
            return area.key
    return None


def load_example_plan(data: Path) -> dict | None:
    """Load ``<data>/plan_exempel.yml`` as a plan document; raise DataError on any problem.

    None when the county has no example plan of its own.
    """
    path = example_file(data, EXAMPLE_FILE)
    if path is None:
        return None
    guide = plan_guide(data)
    raw, text, shown = read_mapping(path, "”ram:” och ”mål:”")
    plan = validated(ExamplePlan, raw, text, shown, context={"guide": guide})
    county = load_county(data)
    principals = county.principal_choices()
    organisations = {county.organisation_of(p): p for p in principals}
    problems: list[Problem] = []

    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(shown, row=yaml_line_of(text, loc), field=dotted(loc),
                                message=message))

    for loc, value in _strings(raw):
        if looks_like_contact_details(value):
            problem(loc, "Texten ser ut att innehålla en e-postadress eller ett telefonnummer. "
                         "Ange roller och organisationer, aldrig personliga kontaktuppgifter.")
    options = ", ".join(f"”{p}”" for p in principals)
    for i, p in enumerate(plan.frame.principals):
        if p not in principals:
            problem(("ram", "huvudmän", i), f"”{p}” är varken regionen eller en av kommunerna. "
                                           f"Skriv en av: {options}.")
    for step, answers in plan.answers.items():
        allowed = ANSWER_KEYS[ANSWER_STEPS[step]]
        for key in answers:
            if key not in allowed:
                problem(("svar", step, key), "Okänd fråga. Tillåtna nycklar här: "
                                             f"{', '.join(allowed)}.")
    for i, goal in enumerate(plan.goals):
        if goal.date and (msg := date_problem(goal.date)):
            problem(("mål", i, "datum"), msg)
    tables: dict[str, list[dict]] = {}
    for key, rows in plan.mapping.items():
        if key not in TABLE_KEYS:
            problem(("kartläggning", key), "Okänd tabell. Tillåtna tabeller: "
                                           f"{', '.join(TABLE_KEYS)}.")
            continue
        spec = guide.table_by_key[TABLE_KEYS[key]]
        records = [(yaml_line_of(text, ("kartläggning", key, i)), r if isinstance(r, dict) else {})
                   for i, r in enumerate(rows)]
        try:
            tables[spec.key] = rows_from_records(spec, records, shown, principals, organisations)
        except DataError as exc:
            problems.extend(exc.problems)
    n_goals = len(plan.goals)
    for i, ini in enumerate(plan.action.initiatives):
        if not ini.area and not ini.title:
            problem(("agera", "insatser", i), "Ange ”område” (ett av innehållsområdena) eller "
                                              "”titel” för en egen insats.")
        elif ini.area and _area_key(guide, ini.area) is None:
            names = ", ".join(f"”{a.name}”" for a in guide.content_areas)
            problem(("agera", "insatser", i, "område"), f"Okänt innehållsområde. Skriv ett av: "
                                                        f"{names}.")
        for j, number in enumerate(ini.goals):
            if not 1 <= number <= n_goals:
                problem(("agera", "insatser", i, "mål", j), f"Det finns inget mål {number}; "
                                                            f"planen har {n_goals} mål.")
    for i, pair in enumerate(plan.action.pairs):
        if pair.principal and pair.principal not in county.municipality_names:
            problem(("agera", "parhästar", i, "huvudman"), "Skriv en av kommunerna: "
                    f"{', '.join(county.municipality_names)}.")
    for i, ind in enumerate(plan.followup.indicators):
        if ind.goal > n_goals:
            problem(("uppföljning", "indikatorer", i, "mål"),
                    f"Det finns inget mål {ind.goal}; planen har {n_goals} mål.")
    for i, meeting in enumerate(plan.followup.calendar):
        if msg := date_problem(meeting.date):
            problem(("uppföljning", "kalender", i, "datum"), msg)
    for i, role in enumerate(plan.implementation.roles):
        if role.principal and role.principal not in principals:
            problem(("genomförande", "roller", i, "huvudman"),
                    f"”{role.principal}” är varken regionen, en av kommunerna, "
                    f"”Gemensam” eller ett av områdena. Skriv en av: {options}.")
        if role.area and role.area not in county.area_names:
            problem(("genomförande", "roller", i, "område"),
                    f"”{role.area}” är inte ett av länets områden. Skriv ett av: "
                    f"{', '.join(county.area_names) or '(länet har inga områden)'}.")
    for i, line in enumerate(plan.implementation.fixed):
        if line.principal and line.principal not in principals:
            problem(("genomförande", "fasta_kostnader", i, "huvudman"),
                    f"”{line.principal}” är varken regionen, en av kommunerna, ”Gemensam” "
                    f"eller ett av områdena. Skriv en av: {options}.")
    if plan.implementation.start and (msg := date_problem(plan.implementation.start)):
        problem(("genomförande", "start"), msg)
    for i, milestone in enumerate(plan.implementation.milestones):
        if milestone.date and (msg := date_problem(milestone.date)):
            problem(("genomförande", "etappmål", i, "datum"), msg)
    if problems:
        raise DataError(problems)
    return _to_doc(plan, tables, guide)


def _number(value: float | None) -> Any:
    if value is None:
        return ""
    return int(value) if value == int(value) else value


def _to_doc(plan: ExamplePlan, tables: dict[str, list[dict]], guide: PlanGuide) -> dict:
    goal_ids = [f"g{i}" for i in range(1, len(plan.goals) + 1)]
    doc: dict[str, Any] = {
        "frame": {"title": plan.frame.name, "period": plan.frame.period,
                  "level": plan.frame.level, "principals": list(plan.frame.principals)},
        "answers": {ANSWER_STEPS[step]: {ANSWER_KEYS[ANSWER_STEPS[step]][k]: v
                                         for k, v in answers.items()}
                    for step, answers in plan.answers.items()},
        "goals": {gid: g.model_dump(exclude_none=True) for gid, g in zip(goal_ids, plan.goals)},
        "mapping": {"tables": {key: {"rows": {f"r{i}": row for i, row in enumerate(rows, 1)}}
                               for key, rows in tables.items()}},
        "action": {
            "principles": {f"p{i}": {"text": t} for i, t in enumerate(plan.action.principles, 1)},
            "levels": {k: v.model_dump() for k, v in plan.action.levels.items()},
            "pairs": {f"h{i}": p.model_dump() for i, p in enumerate(plan.action.pairs, 1)},
            "initiatives": {
                f"i{i}": {"area": (_area_key(guide, ini.area) or "") if ini.area else "",
                          "title": ini.title, "description": ini.description, "lead": ini.lead,
                          "goals": [goal_ids[n - 1] for n in ini.goals],
                          "priority": ini.priority}
                for i, ini in enumerate(plan.action.initiatives, 1)},
        },
        "support": {"forums": {f"s{i}": {**f.model_dump(), "forum_id": ""}
                               for i, f in enumerate(plan.support.forums, 1)}},
        "followup": {
            "indicators": {f"k{i}": {**ind.model_dump(), "goal": goal_ids[ind.goal - 1]}
                           for i, ind in enumerate(plan.followup.indicators, 1)},
            "calendar": {f"c{i}": m.model_dump() for i, m in enumerate(plan.followup.calendar, 1)},
        },
        "implementation": {
            "cost_per_fte_month": _number(plan.implementation.cost_per_fte_month),
            "start": plan.implementation.start,
            "roles": {f"r{i}": {**r.model_dump(), "persons": _number(r.persons),
                                "share": r.share if isinstance(r.share, str) else
                                _number(r.share), "months": _number(r.months)}
                      for i, r in enumerate(plan.implementation.roles, 1)},
            "fixed": {f"k{i}": {**f.model_dump(), "amount": _number(f.amount)}
                      for i, f in enumerate(plan.implementation.fixed, 1)},
            "milestones": {f"m{i}": {**m.model_dump(), "month": _number(m.month)}
                           for i, m in enumerate(plan.implementation.milestones, 1)},
        },
    }
    return doc


def example_plan(data: Path | None = None) -> dict | None:
    """The example plan of the project's data folder (or ``data``), or None when it has none."""
    from naravard.core.paths import data_dir

    return load_example_plan(data or data_dir())


def check_example_plan(data: Path) -> None:
    """The checker for ``naravard check``: validate the example plan if the county has one."""
    try:
        load_county(data)
        load_examples(data)
        plan_guide(data)
    except DataError:
        return  # county.yml, exempel.yml or plan_guide.yml is broken; their checkers report it
    load_example_plan(data)
