"""Shared by the insight tests: the example county and interview guide from data/."""

from __future__ import annotations

import pytest

from naravard.core.county import current_county
from naravard.insight.guide import current_guide

from tests.conftest import DATA


@pytest.fixture(scope="module")
def guide():
    return current_guide(DATA)


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)
