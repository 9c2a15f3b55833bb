"""The handbook's starter set of indicators (``data/indikatorer.yml``) and the indicator record.

Each indicator belongs to one of Triple Aim's dimensions and has a follow-up frequency, both as
codes of ``data/plan_guide.yml``, so the plan worksheet's step 5 and this worksheet speak the
same language. ``kind`` says how the value is made: ``värde`` (a measured value, drawn in an
I-chart) or ``andel`` (a count out of a total, drawn in a p-chart).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from naravard.core.datafile import DataModel, load_model
from naravard.core.problems import Problem, yaml_line_of

INDICATORS_FILE = "indikatorer.yml"
KINDS = {"värde": "Värde (I-diagram)", "andel": "Andel av totalt (p-diagram)"}
DIRECTIONS = {"högre": "Högre är bättre", "lägre": "Lägre är bättre"}


@dataclass(frozen=True)
class Indicator:
    """An indicator as the worksheet uses it, whatever its origin (starter set, plan, own)."""

    code: str
    name: str
    definition: str = ""
    unit: str = ""
    direction: str = "högre"  # "högre" or "lägre"
    dimension: str = ""  # a Triple Aim code of plan_guide.yml
    source: str = ""
    frequency: str = ""  # a frequency code of plan_guide.yml
    kind: str = "värde"  # "värde" or "andel"
    target: float | None = None

    @property
    def proportion(self) -> bool:
        return self.kind == "andel"

    @property
    def higher_is_better(self) -> bool:
        return self.direction != "lägre"


class _Indicator(DataModel):
    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z0-9_]+$",
                      json_schema_extra={"exempel": "kod: undvikbar_slutenvard"})
    name: str = Field(alias="namn", min_length=1)
    definition: str = Field(min_length=1)
    unit: str = Field(alias="enhet", min_length=1,
                      json_schema_extra={"exempel": "enhet: per 100 000 invånare"})
    direction: Literal["högre", "lägre"] = Field(alias="riktning",
                                                 json_schema_extra={"exempel": "riktning: lägre"})
    dimension: str = Field(alias="triple_aim", min_length=1,
                           json_schema_extra={"exempel": "triple_aim: hälsa"})
    source: str = Field(alias="källa", min_length=1)
    frequency: str = Field(alias="frekvens", min_length=1,
                           json_schema_extra={"exempel": "frekvens: år"})
    kind: Literal["värde", "andel"] = Field("värde", alias="typ",
                                            json_schema_extra={"exempel": "typ: andel"})


class _IndicatorsFile(DataModel):
    indicators: list[_Indicator] = Field(alias="indikatorer", min_length=1)


def _problems_for(data: Path):
    from naravard.plan.catalog import load_plan_guide

    def check(f: _IndicatorsFile, text: str, shown: str) -> list[Problem]:
        problems: list[Problem] = []
        try:
            plan = load_plan_guide(data)
        except Exception:  # noqa: BLE001 - plan_guide.yml reports its own problems
            plan = None
        seen: set[str] = set()
        for i, ind in enumerate(f.indicators):
            def add(key: str, message: str) -> None:
                problems.append(Problem(shown, message, row=yaml_line_of(
                    text, ("indikatorer", i, key)), field=f"indikatorer[{i + 1}].{key}"))

            if ind.code in seen:
                add("kod", f"Koden ”{ind.code}” står två gånger. Ge varje indikator en egen kod.")
            seen.add(ind.code)
            if plan is not None and ind.dimension not in plan.triple_aim:
                add("triple_aim", f"Okänd dimension ”{ind.dimension}”. Skriv en av: "
                    + ", ".join(plan.triple_aim) + " (se triple_aim i data/plan_guide.yml).")
            if plan is not None and ind.frequency not in plan.frequencies:
                add("frekvens", f"Okänd frekvens ”{ind.frequency}”. Skriv en av: "
                    + ", ".join(plan.frequencies) + " (se frekvenser i data/plan_guide.yml).")
        return problems

    return check


def load_starter_set(data: Path) -> tuple[Indicator, ...]:
    """Load and check ``<data>/indikatorer.yml``; DataError listing every problem."""
    f = load_model(data / INDICATORS_FILE, _IndicatorsFile, "startuppsättningen av indikatorer",
                   _problems_for(data))
    return tuple(Indicator(code=i.code, name=i.name, definition=i.definition, unit=i.unit,
                           direction=i.direction, dimension=i.dimension, source=i.source,
                           frequency=i.frequency, kind=i.kind) for i in f.indicators)


def starter_set(data: Path | None = None) -> tuple[Indicator, ...]:
    """The starter set of the project's data folder, cached until the file changes."""
    from naravard.core.cache import cached_load
    from naravard.core.paths import data_dir

    return cached_load(data or data_dir(), INDICATORS_FILE, load_starter_set)


def check_starter_set(data: Path) -> None:
    """Checker for ``naravard check``."""
    load_starter_set(data)
