"""The plan's wording from ``data/plan_guide.yml``: steps, questions, tables and catalogues.

A county rewords the plan worksheet by editing the file, not the code. This module loads it,
checks it with the same Swedish messages as ``county.yml`` (file, row and key) and makes sure
the codes the program relies on are there: the seven steps, the six tables of step 2 with the
population columns, the three levels and colours, and the process leader and working group
roles. :func:`plan_guide` returns the guide of the project's data folder, read again only when
the file changes.

``STEPS`` and ``TABLE_BY_KEY`` are the steps and tables as read-only constants for code that
has no plan at hand: each use reads the current guide of the data folder, so importing them
reads no file. Code that works on a plan uses the plan's own ``guide``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Literal

from pydantic import Field, field_validator

from naravard.core.datafile import DataModel, load_model
from naravard.core.problems import Problem, dotted, yaml_line_of

GUIDE_FILE = "plan_guide.yml"

#: The steps the worksheet has a page for.
STEP_KEYS = ("goals", "mapping", "action", "support", "followup", "implementation",
             "priorities")
#: Steps whose guiding questions the worksheet shows (the others are tables and lists).
QUESTION_STEPS = ("goals", "mapping", "support")
#: Questions the completeness check names.
REQUIRED_QUESTIONS = {"goals": ("aim",)}
#: Tables the example plan fills, and the columns the worksheet reads (population chart).
REQUIRED_TABLES = ("population", "services", "resources", "competence", "premises", "digital")
REQUIRED_COLUMNS = {"population": {"area": "text", "inhabitants": "number"}}
#: Levels shared with the forum map, and the colours of the prioritising.
LEVEL_KEYS = ("makro", "meso", "mikro")
PRIORITY_KEYS = ("röd", "gul", "grön")
#: Roles the process-leader check and the example roles use.
REQUIRED_ROLES = ("processledare", "arbetsgrupp")

_KINDS = {"text": "text", "tal": "number", "huvudman": "principal"}
_CODE = re.compile(r"^[a-zåäö][a-zåäö0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# --- what the program works with -------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One page of the plan: the five steps, then implementation and prioritising."""

    key: str
    number: str
    title: str

    @property
    def heading(self) -> str:
        return f"Steg {self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Column:
    """A column of a mapping table. ``kind`` is "text", "number" or "principal"."""

    key: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class TableSpec:
    """A structured table in step 2, with the question it answers."""

    key: str
    title: str
    question: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class ContentArea:
    """An area a joint plan can cover, from SKR's support material."""

    key: str
    group: str
    name: str


@dataclass(frozen=True, eq=False)
class PlanGuide:
    """Everything in ``data/plan_guide.yml``, in the shapes the worksheet and exports use."""

    steps: tuple[Step, ...]
    #: Guiding questions per step: {step key: {question key: text}}.
    questions: dict[str, dict[str, str]]
    tables: tuple[TableSpec, ...]
    content_groups: tuple[str, ...]
    content_areas: tuple[ContentArea, ...]
    #: {level key: name}, and {level key: (who, responsibility)} as hints in empty fields.
    levels: dict[str, str]
    level_hints: dict[str, tuple[str, str]]
    example_principles: tuple[str, ...]
    #: {colour key: (name, which residents, what it means for the plan)}, in ``priority_order``.
    priorities: dict[str, tuple[str, str, str]]
    priority_order: tuple[str, ...]
    priority_colours: dict[str, str]
    triple_aim: dict[str, str]
    frequencies: dict[str, str]
    role_kinds: dict[str, str]
    #: Suggested time shares in percent of a full-time post, per role kind.
    default_shares: dict[str, float | str]
    example_milestones: tuple[str, ...]

    @cached_property
    def step_by_key(self) -> dict[str, Step]:
        return {s.key: s for s in self.steps}

    @cached_property
    def table_by_key(self) -> dict[str, TableSpec]:
        return {t.key: t for t in self.tables}

    @cached_property
    def area_by_key(self) -> dict[str, ContentArea]:
        return {a.key: a for a in self.content_areas}


# --- the file as written ------------------------------------------------------------------------


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError(f"”{value}” går inte att använda som kod. Skriv små bokstäver, siffror "
                         "och understreck, till exempel ”egen_roll”.")
    return value


class _Named(DataModel):
    code: str = Field(alias="kod")
    name: str = Field(alias="namn", min_length=1)
    _code = field_validator("code")(_code)


class _Question(DataModel):
    code: str = Field(alias="kod", json_schema_extra={"exempel": "kod: aim"})
    text: str = Field(min_length=1, json_schema_extra={"exempel": "text: Vad vill vi uppnå?"})
    _code = field_validator("code")(_code)


class _Step(DataModel):
    code: str = Field(alias="kod", min_length=1, json_schema_extra={"exempel": "kod: goals"})
    number: str = Field("", alias="nummer")
    title: str = Field(alias="rubrik", min_length=1,
                       json_schema_extra={"exempel": "rubrik: Gemensamma mål"})
    questions: list[_Question] = Field(default_factory=list, alias="frågor")


class _Column(_Named):
    kind: Literal["text", "tal", "huvudman"] = Field("text", alias="typ")


class _Table(DataModel):
    code: str = Field(alias="kod", json_schema_extra={"exempel": "kod: population"})
    title: str = Field(alias="rubrik", min_length=1)
    question: str = Field(alias="fråga", min_length=1)
    columns: list[_Column] = Field(alias="kolumner", min_length=1)
    _code = field_validator("code")(_code)


class _Group(DataModel):
    name: str = Field(alias="grupp", min_length=1,
                      json_schema_extra={"exempel": "grupp: Kompetens"})
    areas: list[_Named] = Field(alias="områden", min_length=1)


class _Level(_Named):
    who: str = Field("", alias="vilka")
    responsibility: str = Field("", alias="ansvar")


class _Priority(_Named):
    who: str = Field(alias="vilka", min_length=1)
    meaning: str = Field(alias="betydelse", min_length=1)
    colour: str = Field(alias="färg", json_schema_extra={"exempel": "färg: \"#c0392b\""})

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _COLOUR.match(value):
            raise ValueError(f"”{value}” är ingen färg. Skriv den som #rrggbb inom citattecken, "
                             "till exempel \"#c0392b\".")
        return value


class _Role(_Named):
    share: float | str | None = Field(None, alias="tidsandel",
                                      json_schema_extra={"exempel": "tidsandel: 10–15"})

    @field_validator("share")
    @classmethod
    def _share(cls, value: float | str | None) -> float | str | None:
        """A percentage of a full-time post, or a range such as "10–15"."""
        from naravard.plan.values import parse_share

        try:
            parse_share(value)
        except ValueError:
            raise ValueError("Tidsandelen anges i procent av en heltid, från 0 till 100, "
                             "eller som ett spann, till exempel 10–15.") from None
        return value


class _GuideFile(DataModel):
    steps: list[_Step] = Field(alias="steg", min_length=1)
    tables: list[_Table] = Field(alias="tabeller", min_length=1)
    content: list[_Group] = Field(alias="innehåll", min_length=1)
    levels: list[_Level] = Field(alias="ledningsnivåer", min_length=1)
    example_principles: list[str] = Field(default_factory=list, alias="exempel_principer")
    priorities: list[_Priority] = Field(alias="prioriteringar", min_length=1)
    triple_aim: list[_Named] = Field(alias="triple_aim", min_length=1)
    frequencies: list[_Named] = Field(alias="frekvenser", min_length=1)
    roles: list[_Role] = Field(alias="roller", min_length=1)
    example_milestones: list[str] = Field(default_factory=list, alias="exempel_etappmål")


# --- checks the schema cannot make --------------------------------------------------------------

#: Keyed lists of the file -> their field in the model.
_FIELD_OF = {"ledningsnivåer": "levels", "prioriteringar": "priorities",
             "triple_aim": "triple_aim", "frekvenser": "frequencies", "roller": "roles"}


def _guide_problems(guide: _GuideFile, text: str, file: str) -> list[Problem]:
    problems: list[Problem] = []

    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(file, message, row=yaml_line_of(text, loc),
                                field=dotted(loc) or None))

    def unique(items: Iterable[tuple[str, tuple]], what: str) -> list[str]:
        seen: list[str] = []
        for value, loc in items:
            if value.casefold() in (s.casefold() for s in seen):
                problem(loc, f"{what} ”{value}” står två gånger. Ändra den ena så att de "
                             "skiljer sig åt.")
            seen.append(value)
        return seen

    def required(present: list[str], needed: Iterable[str], loc: tuple, what: str,
                 exact: bool = False) -> None:
        for code in needed:
            if code not in present:
                problem(loc, f"{what} med koden ”{code}” saknas. Programmet behöver den; "
                             "lägg tillbaka den (texterna får ni ändra).")
        if exact:
            for i, code in enumerate(present):
                if code not in needed:
                    problem((*loc, i, "kod"), f"Okänd kod ”{code}”. Tillåtna koder här: "
                                              f"{', '.join(needed)}.")

    steps = unique([(s.code, ("steg", i, "kod")) for i, s in enumerate(guide.steps)], "Koden")
    required(steps, STEP_KEYS, ("steg",), "Steget", exact=True)
    for i, step in enumerate(guide.steps):
        codes = unique([(q.code, ("steg", i, "frågor", j, "kod"))
                        for j, q in enumerate(step.questions)], "Koden")
        if step.questions and step.code not in QUESTION_STEPS:
            problem(("steg", i, "frågor"), "Arbetsbladet visar frågor bara i stegen "
                                           f"{', '.join(QUESTION_STEPS)}. Flytta frågorna dit "
                                           "eller ta bort dem.")
        required(codes, REQUIRED_QUESTIONS.get(step.code, ()), ("steg", i, "frågor"), "Frågan")

    tables = unique([(t.code, ("tabeller", i, "kod")) for i, t in enumerate(guide.tables)],
                    "Koden")
    required(tables, REQUIRED_TABLES, ("tabeller",), "Tabellen")
    for i, table in enumerate(guide.tables):
        loc = ("tabeller", i, "kolumner")
        unique([(c.code, (*loc, j, "kod")) for j, c in enumerate(table.columns)], "Koden")
        unique([(c.name, (*loc, j, "namn")) for j, c in enumerate(table.columns)], "Kolumnen")
        kinds = {c.code: _KINDS[c.kind] for c in table.columns}
        for code, kind in REQUIRED_COLUMNS.get(table.code, {}).items():
            if code not in kinds:
                problem(loc, f"Kolumnen med koden ”{code}” saknas. Programmet behöver den; lägg "
                             "tillbaka den (namnet får ni ändra).")
            elif kinds[code] != kind:
                shown = next(k for k, v in _KINDS.items() if v == kind)
                problem(loc, f"Kolumnen ”{code}” ska ha typ: {shown}.")

    unique([(g.name, ("innehåll", i, "grupp")) for i, g in enumerate(guide.content)], "Gruppen")
    areas = [(a, ("innehåll", i, "områden", j)) for i, g in enumerate(guide.content)
             for j, a in enumerate(g.areas)]
    unique([(a.code, (*loc, "kod")) for a, loc in areas], "Koden")
    unique([(a.name, (*loc, "namn")) for a, loc in areas], "Området")

    for key, what, needed, exact in (
            ("ledningsnivåer", "Nivån", LEVEL_KEYS, True),
            ("prioriteringar", "Färgen", PRIORITY_KEYS, True),
            ("triple_aim", "Dimensionen", (), False),
            ("frekvenser", "Frekvensen", (), False),
            ("roller", "Rollen", REQUIRED_ROLES, False)):
        items = getattr(guide, _FIELD_OF[key])
        codes = unique([(x.code, (key, i, "kod")) for i, x in enumerate(items)], "Koden")
        unique([(x.name, (key, i, "namn")) for i, x in enumerate(items)], "Namnet")
        required(codes, needed, (key,), what, exact=exact)
    return problems



def _to_guide(f: _GuideFile) -> PlanGuide:
    return PlanGuide(
        steps=tuple(Step(s.code, s.number, s.title) for s in f.steps),
        questions={s.code: {q.code: q.text for q in s.questions}
                   for s in f.steps if s.questions},
        tables=tuple(TableSpec(t.code, t.title, t.question,
                               tuple(Column(c.code, c.name, _KINDS[c.kind]) for c in t.columns))
                     for t in f.tables),
        content_groups=tuple(g.name for g in f.content),
        content_areas=tuple(ContentArea(a.code, g.name, a.name)
                            for g in f.content for a in g.areas),
        levels={lv.code: lv.name for lv in f.levels},
        level_hints={lv.code: (lv.who, lv.responsibility) for lv in f.levels},
        example_principles=tuple(f.example_principles),
        priorities={p.code: (p.name, p.who, p.meaning) for p in f.priorities},
        priority_order=tuple(p.code for p in f.priorities),
        priority_colours={p.code: p.colour for p in f.priorities},
        triple_aim={t.code: t.name for t in f.triple_aim},
        frequencies={x.code: x.name for x in f.frequencies},
        role_kinds={r.code: r.name for r in f.roles},
        default_shares={r.code: r.share for r in f.roles if r.share is not None},
        example_milestones=tuple(f.example_milestones),
    )


# --- loading ------------------------------------------------------------------------------------


def load_plan_guide(data: Path) -> PlanGuide:
    """Load and check ``<data>/plan_guide.yml``; raise DataError listing every problem."""
    model = load_model(data / GUIDE_FILE, _GuideFile,
                       "arbetsbladet Gemensam plan för primärvården", _guide_problems)
    return _to_guide(model)


def plan_guide(data: Path | None = None) -> PlanGuide:
    """The guide of the project's data folder, read again only when the file changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), GUIDE_FILE, load_plan_guide)


def check_plan_guide(data: Path) -> None:
    """The checker for ``naravard check``: raise DataError when the guide cannot be used."""
    load_plan_guide(data)


# --- the catalogues as module constants ---------------------------------------------------------


class _SequenceView(Sequence):
    """A catalogue of the data folder's guide that is read when it is used, not when imported."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def _value(self) -> Sequence:
        return getattr(plan_guide(), self._attribute)

    def __getitem__(self, index):  # type: ignore[override]
        return self._value()[index]

    def __len__(self) -> int:
        return len(self._value())

    def __repr__(self) -> str:
        return f"<plan_guide().{self._attribute}>"


class _MappingView(Mapping):
    """Like :class:`_SequenceView`, for the catalogues keyed by code."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def _value(self) -> Mapping:
        return getattr(plan_guide(), self._attribute)

    def __getitem__(self, key):
        return self._value()[key]

    def __iter__(self) -> Iterator:
        return iter(self._value())

    def __len__(self) -> int:
        return len(self._value())

    def __repr__(self) -> str:
        return f"<plan_guide().{self._attribute}>"


STEPS: Sequence[Step] = _SequenceView("steps")
TABLE_BY_KEY: Mapping[str, TableSpec] = _MappingView("table_by_key")
