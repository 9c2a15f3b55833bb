"""The interview guide of the 360-degree insight study, as written in ``data/insight_guide.yml``.

The guide's wording is data a county can change: the running text, the questions (with their
sub-questions 1A, 1B …), the perspectives, the other principals, the relevance checklist and the
stopwords. This module loads it, checks it with Swedish messages that name file, row and key
(:func:`load_guide`), and caches it for the worksheet (:func:`current_guide`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pydantic import Field

from naravard.core.county import County
from naravard.core.datafile import DataModel, load_model
from naravard.core.problems import Problem, yaml_line_of

GUIDE_FILE = "insight_guide.yml"


class SubQuestion(DataModel):
    """One angle of a question, answered on its own (1A, 1B …)."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                    json_schema_extra={"exempel": "id: utmaning_egen"})
    text: str = Field(min_length=1, json_schema_extra={"exempel": "text: … sett från …?"})
    short: str = Field(alias="kort", min_length=1,
                       json_schema_extra={"exempel": "kort: 1A Utmaning för den egna organisationen"})


class GuideQuestion(DataModel):
    """A question of the guide; it has either its own answer (``kort``) or ``delfrågor``."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                    json_schema_extra={"exempel": "id: viktigast"})
    text: str = Field(min_length=1, json_schema_extra={"exempel": "text: Vad är …?"})
    short: str | None = Field(None, alias="kort",
                              json_schema_extra={"exempel": "kort: 2 Viktigast för att lösa frågan"})
    parts: list[SubQuestion] = Field(default_factory=list, alias="delfrågor")


class Perspective(DataModel):
    """A perspective the study may need: residents, staff, managers, politicians …"""

    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                      json_schema_extra={"exempel": "kod: invanare"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Invånare och patienter"})
    description: str = Field("", alias="beskrivning")


class OtherPrincipal(DataModel):
    """A respondent's organisation that is neither the region nor a municipality."""

    code: str = Field(alias="kod", min_length=1, json_schema_extra={"exempel": "kod: Gemensam"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Gemensamt organ"})


class RelevanceItem(DataModel):
    """One reason why a question belongs to the systemledning."""

    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                      json_schema_extra={"exempel": "kod: flera_huvudman"})
    text: str = Field(min_length=1)
    decisive: bool = Field(False, alias="avgörande",
                           json_schema_extra={"exempel": "avgörande: true"})


class GuideTexts(DataModel):
    """The running text of the interview guide."""

    title: str = Field(alias="rubrik", min_length=1)
    to_interviewer: str = Field(alias="till_intervjuaren", min_length=1)
    opening: str = Field(alias="inledning", min_length=1)
    closing: str = Field(alias="avslutning", min_length=1)


@dataclass(frozen=True)
class AnswerField:
    """A question that gets its own answer: a column in the template, a field in the form."""

    id: str
    short: str
    text: str
    number: str
    lead: str = ""


class Guide(DataModel):
    """Everything in ``data/insight_guide.yml``."""

    texts: GuideTexts = Field(alias="intervjuguide")
    questions: list[GuideQuestion] = Field(alias="frågor", min_length=1)
    perspectives: list[Perspective] = Field(alias="perspektiv", min_length=1)
    other_principals: list[OtherPrincipal] = Field(default_factory=list, alias="andra_huvudmän")
    relevance: list[RelevanceItem] = Field(alias="relevans", min_length=1)
    stopwords: list[str] = Field(default_factory=list, alias="stoppord")

    def answer_fields(self) -> list[AnswerField]:
        """The questions that are answered, in guide order (1A, 1B, …, 2, 3 …)."""
        out = []
        for i, q in enumerate(self.questions, start=1):
            if q.parts:
                for j, part in enumerate(q.parts):
                    out.append(AnswerField(part.id, part.short, part.text,
                                           f"{i}{chr(ord('A') + j)}", lead=q.text))
            else:
                out.append(AnswerField(q.id, q.short or q.id, q.text, str(i)))
        return out

    def perspective_name(self, code: str) -> str:
        """The perspective's name, or the code itself when the guide does not know it."""
        return next((p.name for p in self.perspectives if p.code == code), code or "Okänt")

    def perspective_codes(self) -> list[str]:
        """The perspectives' codes in guide order."""
        return [p.code for p in self.perspectives]

    def principal_codes(self, county: County) -> list[str]:
        """Every principal a respondent can belong to: region, municipalities, the others."""
        return [*county.principals(), *(o.code for o in self.other_principals)]

    def principal_name(self, code: str, county: County) -> str:
        """The organisation's name: one of the other principals, or the county's."""
        for o in self.other_principals:
            if o.code == code:
                return o.name
        return county.organisation_of(code) if code else "Okänd"

    def stopword_set(self) -> frozenset[str]:
        """The stopwords, case-folded, to leave out of word counts."""
        return frozenset(w.casefold() for w in self.stopwords)


def _guide_problems(guide: Guide, text: str, file: str) -> list[Problem]:
    problems = []

    def dup(values: Iterable[tuple[str, tuple]], what: str) -> None:
        seen: set[str] = set()
        for value, loc in values:
            key = value.casefold()
            if key in seen:
                problems.append(Problem(file, f"{what} ”{value}” står två gånger. Ändra den "
                                              "ena så att de skiljer sig åt.",
                                        row=yaml_line_of(text, loc)))
            seen.add(key)

    ids = []
    shorts = []
    for i, q in enumerate(guide.questions):
        ids.append((q.id, ("frågor", i, "id")))
        if not q.parts and not q.short:
            problems.append(Problem(file, "Frågan behöver antingen ”kort” (rubriken i mallen) "
                                          "eller ”delfrågor”.", row=yaml_line_of(text, ("frågor", i)),
                                    field=f"frågor[{i + 1}]"))
        if q.short:
            shorts.append((q.short, ("frågor", i, "kort")))
        for j, p in enumerate(q.parts):
            ids.append((p.id, ("frågor", i, "delfrågor", j, "id")))
            shorts.append((p.short, ("frågor", i, "delfrågor", j, "kort")))
    dup(ids, "Id")
    dup(shorts, "Rubriken")
    dup([(p.code, ("perspektiv", i, "kod")) for i, p in enumerate(guide.perspectives)], "Koden")
    dup([(p.name, ("perspektiv", i, "namn")) for i, p in enumerate(guide.perspectives)], "Namnet")
    dup([(r.code, ("relevans", i, "kod")) for i, r in enumerate(guide.relevance)], "Koden")
    return problems


def load_guide(data: Path) -> Guide:
    """Load and check ``<data>/insight_guide.yml``; raise DataError listing every problem."""
    return load_model(data / GUIDE_FILE, Guide, "intervjuguiden", _guide_problems)


def current_guide(data: Path | None = None) -> Guide:
    """The guide of the project's data folder, cached until the file changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), GUIDE_FILE, load_guide)
