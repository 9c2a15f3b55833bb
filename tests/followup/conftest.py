"""Shared by the follow-up tests: the guide, the county and the example from data/."""

from __future__ import annotations

import pytest

from naravard.core.county import current_county
from naravard.followup.example import load_example
from naravard.followup.guide import load_guide

from tests.conftest import DATA


@pytest.fixture(scope="module")
def guide():
    return load_guide(DATA)


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)


@pytest.fixture
def example(county):
    return load_example(DATA, county)
