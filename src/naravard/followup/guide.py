"""The wording of the self-assessment in ``data/uppfoljning.yml``: factors, scale, questions.

The eight success factors follow Löpare Johansson's summary of generic success factors in the
change to Nära vård; the texts are the handbook's own words and a county may rewrite them. The
scale has anchored steps (1–5 in the shipped file). ``naravard check`` validates the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from naravard.core.datafile import DataModel, load_model
from naravard.core.problems import Problem, yaml_line_of

GUIDE_FILE = "uppfoljning.yml"
#: The keys of the learning meeting's questions, which the program relies on.
MEETING_KEYS = ("indikator_upp", "indikator_ned", "indikator_punkt", "faktor_upp", "faktor_ned",
                "faktor_spridning")


class _Step(DataModel):
    value: int = Field(alias="värde", ge=0, le=100, json_schema_extra={"exempel": "värde: 1"})
    name: str = Field(alias="namn", min_length=1, json_schema_extra={"exempel": "namn: Saknas"})
    anchor: str = Field(alias="ankare", min_length=1,
                        json_schema_extra={"exempel": "ankare: Vi ser inte faktorn i dag."})


class _Factor(DataModel):
    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z0-9_]+$",
                      json_schema_extra={"exempel": "kod: helhet"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Se hela vårdsystemet tillsammans"})
    description: str = Field(alias="beskrivning", min_length=1)
    question: str = Field("", alias="fråga")


class _GuideFile(DataModel):
    scale: list[_Step] = Field(alias="skala", min_length=2)
    factors: list[_Factor] = Field(alias="faktorer", min_length=1)
    meeting: dict[str, str] = Field(alias="lärmöte")


@dataclass(frozen=True)
class Factor:
    """One success factor: code (saved), name, description and a question for the meeting."""

    code: str
    name: str
    description: str
    question: str


@dataclass(frozen=True)
class ScaleStep:
    """One anchored step of the rating scale."""

    value: int
    name: str
    anchor: str

    @property
    def label(self) -> str:
        return f"{self.value} {self.name}"


@dataclass(frozen=True)
class FollowupGuide:
    """Factors, scale and learning-meeting questions, as the county wrote them."""

    factors: tuple[Factor, ...]
    scale: tuple[ScaleStep, ...]
    meeting: dict[str, str]

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.factors]

    def factor(self, code: str) -> Factor | None:
        return next((f for f in self.factors if f.code == code), None)

    def factor_name(self, code: str) -> str:
        factor = self.factor(code)
        return factor.name if factor else code

    @property
    def low(self) -> int:
        return self.scale[0].value

    @property
    def high(self) -> int:
        return self.scale[-1].value

    def step(self, value: int) -> ScaleStep | None:
        return next((s for s in self.scale if s.value == value), None)

    def score_problem(self, value: object) -> str | None:
        """A Swedish message when ``value`` is not a step of the scale; None when it is."""
        if isinstance(value, bool) or not isinstance(value, int) or self.step(value) is None:
            return (f"Skattningen ska vara ett heltal från {self.low} till {self.high}, ett av "
                    "skalans steg.")
        return None


def _problems(f: _GuideFile, text: str, shown: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple, message: str) -> None:
        problems.append(Problem(shown, message, row=yaml_line_of(text, loc),
                                field=".".join(str(p) for p in loc)))

    seen: set[str] = set()
    for i, factor in enumerate(f.factors):
        if factor.code in seen:
            add(("faktorer", i, "kod"), f"Koden ”{factor.code}” står två gånger. Ge varje faktor "
                                        "en egen kod.")
        seen.add(factor.code)
    values = [s.value for s in f.scale]
    if values != sorted(set(values)) or values != list(range(values[0], values[0] + len(values))):
        add(("skala",), "Skalans värden ska vara heltal i följd från lägst till högst, till "
                        "exempel 1, 2, 3, 4, 5.")
    for key in MEETING_KEYS:
        if not (f.meeting.get(key) or "").strip():
            add(("lärmöte",), f"Frågan ”{key}” saknas under lärmöte. Skriv till exempel: "
                              f"{key}: Vad har vi gjort annorlunda?")
    for key in f.meeting:
        if key not in MEETING_KEYS:
            add(("lärmöte", key), f"Okänd nyckel ”{key}”. Tillåtna nycklar här: "
                                  + ", ".join(MEETING_KEYS) + ".")
    return problems


def load_guide(data: Path) -> FollowupGuide:
    """Load and check ``<data>/uppfoljning.yml``; DataError listing every problem."""
    f = load_model(data / GUIDE_FILE, _GuideFile, "självskattningen i arbetsbladet uppfoljning",
                   _problems)
    return FollowupGuide(
        factors=tuple(Factor(x.code, x.name, x.description, x.question) for x in f.factors),
        scale=tuple(ScaleStep(s.value, s.name, s.anchor) for s in f.scale),
        meeting=dict(f.meeting))


def current_guide(data: Path | None = None) -> FollowupGuide:
    """The guide of the project's data folder, cached until the file changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), GUIDE_FILE, load_guide)


def check_guide(data: Path) -> None:
    """Checker for ``naravard check``."""
    load_guide(data)
