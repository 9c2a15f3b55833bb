"""Shared by the plan tests: the example county and plan from data/, a good goal, a fixed today."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard.core.county import current_county
from naravard.plan.checks import tlt_check
from naravard.plan.example import example_plan
from naravard.plan.model import Plan

from tests.conftest import DATA

TODAY = dt.date(2026, 11, 25)
GOOD_GOAL = {
    "text": "Färre äldre skadas av fall",
    "measure": "Fallskador med sjukhusvård per 1 000 invånare 80 år och äldre",
    "baseline": "32 (2025)", "target": "24", "date": "2029-12-31",
}


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)


@pytest.fixture(scope="module")
def example(county):
    return Plan(example_plan(DATA), county.principals())


def kinds(goal: dict) -> list[tuple[str, str]]:
    """The (field, kind) of every finding of the check on ``goal``."""
    return [(f.field, f.kind) for f in tlt_check(goal, TODAY)]
