"""Property-based fuzzing of step 2's table import (hypothesis, bounded): made-up CSV text and
numbers give rows or a DataError worded in Swedish – never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naravard.core.problems import DataError
from naravard.plan.catalog import TABLE_BY_KEY
from naravard.plan.tables import read_table_file

from tests.core.malformed import english_in

FUZZ = settings(max_examples=150, deadline=3000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
POPULATION = TABLE_BY_KEY["population"]
HEAD = ";".join(c.label for c in POPULATION.columns)
CELL = st.one_of(st.text(alphabet=st.sampled_from(list("0123456789 ,.-+eE%kr\"=;")), max_size=30),
                 st.sampled_from(["1E999", "1" * 400, "nan", "inf", "-0", "1e308"]))


def only_swedish(data: bytes) -> None:
    try:
        read_table_file("tabell.csv", data, POPULATION, ["Norrvik"])
    except DataError as exc:
        assert [english_in(p.message) for p in exc.problems] == [None] * len(exc.problems)


@FUZZ
@given(st.lists(st.lists(CELL, min_size=1, max_size=len(POPULATION.columns) + 1), max_size=6))
def test_made_up_rows_give_rows_or_swedish_refusal(rows):
    body = "\r\n".join(";".join(row) for row in rows)
    only_swedish(("\ufeff" + HEAD + "\r\n" + body).encode())


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_swedish_refusal(data):
    only_swedish(data)
