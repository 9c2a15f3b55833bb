"""Step 2's tables: numbers too large for a plan (a 400-digit integer, 1E999, an infinite Excel
cell) are refused in Swedish with row and column, and the template has no formula cell."""

from __future__ import annotations

import pytest

from naravard.core.problems import DataError
from naravard.plan.catalog import TABLE_BY_KEY
from naravard.plan.tables import read_table_file, template_csv
from naravard.plan.values import parse_number

from tests.core.malformed import english_in, inline_row, workbook

POPULATION = TABLE_BY_KEY["population"]


@pytest.mark.parametrize("value", ["1" * 400, "1E999", 10 ** 400, float("inf"), "9" * 20])
def test_huge_number_is_refused_in_swedish(value):
    with pytest.raises(ValueError) as excinfo:
        parse_number(value)
    assert english_in(str(excinfo.value)) is None


def test_long_text_is_no_number_and_is_read_quickly():
    with pytest.raises(ValueError):
        parse_number("1" + " " * 60_000 + "1")


def test_infinite_excel_cell_is_refused_with_row_and_column():
    label = POPULATION.columns[1].label
    head = b'<row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c><c r="B1" ' \
           b't="inlineStr"><is><t>%s</t></is></c></row>' % (POPULATION.columns[0].label.encode(),
                                                          label.encode())
    data = workbook(head + b'<row r="2"><c r="A2" t="inlineStr"><is><t>Norrvik</t></is></c>'
                           b'<c r="B2"><v>1E999</v></c></row>')
    with pytest.raises(DataError) as excinfo:
        read_table_file("tal.xlsx", data, POPULATION)
    assert [(p.row, p.field) for p in excinfo.value.problems] == [(2, label)]


def test_template_headings_are_plain_text():
    assert not template_csv(POPULATION).decode("utf-8-sig").startswith(("=", "+", "-", "@"))


def test_inline_row_helper_builds_a_readable_table():
    rows = read_table_file("ok.xlsx", workbook(inline_row(1, POPULATION.columns[0].label)
                                               + inline_row(2, "Norrvik")), POPULATION)
    assert rows == [{POPULATION.columns[0].key: "Norrvik"}]
