"""The twelve-month roadmap: data/fardplan.yml read, validated and turned into a checklist.

The figure is drawn by :mod:`naravard.handbook.figures.roadmap`; this module has no heavy
imports so that ``naravard check`` stays fast.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from naravard.core.datafile import DataModel, LocatedError, load_model
from naravard.core.problems import Problem, dotted, yaml_line_of

ROADMAP_FILE = "fardplan.yml"
MONTHS = 12
_CHAPTER = re.compile(r"^kap-(\d\d)([a-z]?)$")


def _month(value: int) -> int:
    if not 1 <= value <= MONTHS:
        raise ValueError(f"Månaden ska vara ett heltal från 1 till {MONTHS}, inte {value}.")
    return value


class Lane(DataModel):
    """A row of the roadmap: who or what the activities in it belong to."""

    key: str = Field(alias="id", min_length=1, json_schema_extra={"exempel": "id: plan"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Den gemensamma planen"})


class Activity(DataModel):
    """One thing to do, from one month to another, and what is true when it is done."""

    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Planmöte 1 – ram och mål"})
    lane: str = Field(alias="spår", min_length=1, json_schema_extra={"exempel": "spår: plan"})
    start: int = Field(alias="från", json_schema_extra={"exempel": "från: 5"})
    end: int = Field(alias="till", json_schema_extra={"exempel": "till: 6"})
    milestone: bool = Field(False, alias="milstolpe",
                            json_schema_extra={"exempel": "milstolpe: true"})
    done_when: str = Field(alias="klart_när", min_length=1,
                           json_schema_extra={"exempel": "klart_när: Planen är beslutad."})
    chapter: str | None = Field(None, alias="kapitel",
                                json_schema_extra={"exempel": "kapitel: kap-13"})

    _check_months = field_validator("start", "end")(_month)

    @field_validator("chapter")
    @classmethod
    def _check_chapter(cls, value: str | None) -> str | None:
        if value is not None and not _CHAPTER.match(value):
            raise ValueError(f"”{value}” är ingen kapitelhänvisning. Skriv till exempel kap-13 "
                             "eller kap-03a.")
        return value

    @model_validator(mode="after")
    def _check_order(self) -> "Activity":
        if self.end < self.start:
            raise LocatedError(("till",), f"Aktiviteten slutar (månad {self.end}) före den "
                                          f"börjar (månad {self.start}). Byt plats på talen.")
        return self

    @property
    def months(self) -> str:
        """"månad 3" or "månad 3–5"."""
        return f"månad {self.start}" if self.start == self.end else \
            f"månad {self.start}–{self.end}"

    @property
    def chapter_name(self) -> str:
        """"kapitel 3a" for kap-03a, empty when no chapter is given."""
        match = _CHAPTER.match(self.chapter or "")
        return f"kapitel {int(match[1])}{match[2]}" if match else ""


class Roadmap(DataModel):
    """The roadmap: a title, the lanes and the activities."""

    title: str = Field(alias="titel", min_length=1,
                       json_schema_extra={"exempel": "titel: Färdplan för de första tolv månaderna"})
    lanes: list[Lane] = Field(alias="spår", min_length=1,
                              json_schema_extra={"exempel": "”- id: plan” med ”namn: …” under"})
    activities: list[Activity] = Field(
        alias="aktiviteter", min_length=1,
        json_schema_extra={"exempel": "”- namn: …” med spår, från, till och klart_när under"})

    def lane_names(self) -> dict[str, str]:
        return {lane.key: lane.name for lane in self.lanes}

    def by_lane(self) -> list[tuple[Lane, list[Activity]]]:
        """The lanes in order, each with its activities in order of start month."""
        return [(lane, sorted((a for a in self.activities if a.lane == lane.key),
                              key=lambda a: (a.start, a.end)))
                for lane in self.lanes]

    def by_month(self) -> list[tuple[int, list[Activity]]]:
        """Months that something starts in, with the activities that start then."""
        months = sorted({a.start for a in self.activities})
        return [(m, [a for a in self.activities if a.start == m]) for m in months]


def _problems(roadmap: Roadmap, text: str, shown: str) -> list[Problem]:
    """Duplicate lane keys and activities in lanes that do not exist."""
    problems = []

    def problem(loc: tuple, message: str) -> None:
        problems.append(Problem(shown, message, yaml_line_of(text, loc), dotted(loc)))

    seen: set[str] = set()
    for i, lane in enumerate(roadmap.lanes):
        if lane.key in seen:
            problem(("spår", i, "id"), f"Spåret ”{lane.key}” står två gånger. Ge det ett "
                                       "annat id eller ta bort dubbletten.")
        seen.add(lane.key)
    known = ", ".join(f"”{k}”" for k in roadmap.lane_names())
    for i, activity in enumerate(roadmap.activities):
        if activity.lane not in seen:
            problem(("aktiviteter", i, "spår"), f"Spåret ”{activity.lane}” finns inte under "
                                                f"spår:. Skriv ett av: {known}.")
    return problems


def load_roadmap(data: Path) -> Roadmap:
    """Read and validate ``<data>/fardplan.yml``; DataError names file, row and key."""
    return load_model(data / ROADMAP_FILE, Roadmap,
                      "färdplanen för de första tolv månaderna (kapitel 13a)", _problems)


def current_roadmap(data: Path | None = None) -> Roadmap:
    """The roadmap of the project's data folder, cached until fardplan.yml changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), ROADMAP_FILE, load_roadmap)


def check_roadmap(data: Path) -> None:
    """The checker for ``naravard check`` and the build."""
    load_roadmap(data)


def checklist_rows(roadmap: Roadmap) -> list[tuple[str, str, str, str, str]]:
    """One row per activity, by start month: when, lane, what, done when, chapter."""
    names = roadmap.lane_names()
    rows = []
    for _, activities in roadmap.by_month():
        for a in activities:
            when = a.months[0].upper() + a.months[1:]
            rows.append((when, names[a.lane], a.name, a.done_when, a.chapter_name or "–"))
    return rows


def describe(roadmap: Roadmap) -> str:
    """The roadmap in a few sentences, lane by lane: the figure's text alternative."""
    parts = []
    for lane, activities in roadmap.by_lane():
        if not activities:
            continue
        first, last = min(a.start for a in activities), max(a.end for a in activities)
        span = f"månad {first}" if first == last else f"månad {first} till {last}"
        items = "; ".join(f"{a.name} ({a.months})" for a in activities)
        parts.append(f"{lane.name}, {span}: {items}.")
    return " ".join(parts)


def checklist_html(roadmap: Roadmap | None = None):
    """The checklist as a table for the handbook's page (IPython HTML): a box to tick, when,
    what, what is true when it is done and where to read more."""
    from naravard.handbook.tables import html_table

    roadmap = roadmap or current_roadmap()
    rows = [("☐", when, what, done, chapter)
            for when, _lane, what, done, chapter in checklist_rows(roadmap)]
    return html_table(["Klar", "När", "Aktivitet", "Klart när", "Läs mer"], rows,
                      caption=f"Checklista: {roadmap.title.lower()}")


def text_html(roadmap: Roadmap | None = None):
    """The figure's text alternative, shown under it for every reader (IPython HTML)."""
    from IPython.display import HTML

    from naravard.core.text import escape

    roadmap = roadmap or current_roadmap()
    return HTML("<details><summary>Figuren som text</summary><p>"
                f"{escape(describe(roadmap))}</p></details>")
