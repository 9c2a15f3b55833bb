"""Property-based fuzzing of the interview-template import (hypothesis, bounded): made-up and
damaged files give interviews or a DataError worded in Swedish – never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naravard.core.county import current_county
from naravard.core.problems import DataError
from naravard.insight.example import example_study
from naravard.insight.guide import current_guide
from naravard.insight.template import read_interviews, template_csv, template_xlsx

from tests.conftest import DATA
from tests.core.malformed import english_in, mutate

FUZZ = settings(max_examples=150, deadline=3000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
GUIDE = current_guide(DATA)
COUNTY = current_county(DATA)
STUDY = example_study(DATA)
XLSX = template_xlsx(GUIDE, COUNTY, STUDY)
CSV = template_csv(GUIDE, COUNTY, STUDY)
FLIPS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6)


def only_swedish(name: str, data: bytes) -> None:
    try:
        read_interviews(name, data, GUIDE, COUNTY)
    except DataError as exc:
        assert [english_in(p.message) for p in exc.problems] == [None] * len(exc.problems)


@FUZZ
@given(FLIPS, st.one_of(st.none(), st.integers(0, len(XLSX))))
def test_damaged_xlsx_template_gives_interviews_or_swedish_refusal(flips, cut):
    only_swedish("mall.xlsx", mutate(XLSX, flips, cut))


@FUZZ
@given(FLIPS, st.one_of(st.none(), st.integers(0, len(CSV))))
def test_damaged_csv_template_gives_interviews_or_swedish_refusal(flips, cut):
    only_swedish("mall.csv", mutate(CSV, flips, cut))


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_interviews_or_swedish_refusal(data):
    only_swedish("mall.csv", data)
