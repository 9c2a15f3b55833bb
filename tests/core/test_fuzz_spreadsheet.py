"""Property-based fuzzing of the one reader (hypothesis, bounded): any bytes, CSV-like text and
damaged workbooks give a table or a DataError worded in Swedish – never another exception."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from naravard.core.problems import DataError
from naravard.core.spreadsheet import read_spreadsheet

from tests.core.malformed import english_in, mutate

FUZZ = settings(max_examples=150, deadline=3000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
CSV_TEXT = st.text(alphabet=st.sampled_from(list('ab;,\t"\r\n=\'1E9é\x00 ')), max_size=300)


def valid_workbook() -> bytes:
    wb = Workbook()
    for row in (["namn", "nivå"], ["Ett", "makro"], [1.5, None]):
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


WORKBOOK = valid_workbook()


def outcome(name: str, data: bytes) -> None:
    try:
        read_spreadsheet(name, data)
    except DataError as exc:
        assert exc.problems
        assert [english_in(p.message) for p in exc.problems] == [None] * len(exc.problems)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["f.csv", "f.xlsx", "f", "f.txt"]))
def test_any_bytes_give_a_table_or_a_swedish_refusal(data, name):
    outcome(name, data)


@FUZZ
@given(CSV_TEXT, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_csv_like_text_gives_a_table_or_a_swedish_refusal(text, encoding):
    outcome("f.csv", text.encode(encoding, errors="replace"))


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
       st.one_of(st.none(), st.integers(0, len(WORKBOOK))))
def test_damaged_workbook_gives_a_table_or_a_swedish_refusal(flips, cut):
    outcome("f.xlsx", mutate(WORKBOOK, flips, cut))
