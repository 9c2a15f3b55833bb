"""The one reader bounds its work before parsing: zip bombs, sheets that claim every cell Excel
has, sheets without end, workbooks without sheets, CR-only CSV and deep JSON are handled quickly
and refused (when they must be) with one Swedish message."""

from __future__ import annotations

import time

import pytest

from naravard.core.problems import DataError
from naravard.core.spreadsheet import MAX_CELLS, json_depth, read_spreadsheet

from tests.core.malformed import (claimed_dimension, english_in, inline_row, workbook,
                                  zip_bomb)


def refusal(name: str, data: bytes) -> list[str]:
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet(name, data)
    messages = [p.message for p in excinfo.value.problems]
    assert not [english_in(m) for m in messages if english_in(m)]
    return messages


def test_zip_bomb_is_refused_without_unpacking():
    data = zip_bomb()
    started = time.perf_counter()
    assert "uppackad" in refusal("bomb.xlsx", data)[0]
    assert time.perf_counter() - started < 1


def test_claimed_dimension_is_not_trusted():
    started = time.perf_counter()
    table = read_spreadsheet("stor.xlsx", claimed_dimension())
    assert [r.values["namn"] for r in table.rows] == ["Ett"]
    assert time.perf_counter() - started < 1


def test_workbook_without_sheets_is_refused():
    assert "inga kalkylblad" in refusal("tom.xlsx", workbook(b"", sheets=b""))[0]


def test_one_row_with_too_many_cells_is_refused_before_parsing():
    data = workbook(b'<row r="1">' + b"<c/>" * (MAX_CELLS + 1) + b"</row>")
    assert "uppackad" in refusal("bred.xlsx", data)[0]


def test_value_beyond_the_column_limit_names_row_and_column():
    data = workbook(inline_row(1, "namn") + b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x'
                                            b'</t></is></c></row>')
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("bred.xlsx", data)
    problem = excinfo.value.problems[0]
    assert (problem.row, problem.field) == (2, "kolumn XFD")


def test_broken_zip_member_is_one_swedish_message():
    data = bytearray(workbook(inline_row(1, "namn") + inline_row(2, "Ett")))
    start = data.index(b"xl/worksheets/sheet1.xml") + 30
    data[start:start + 20] = b"\xff" * 20
    assert len(refusal("trasig.xlsx", bytes(data))) == 1


def test_cr_only_line_endings_are_read():
    table = read_spreadsheet("mac.csv", b"namn;niv\xc3\xa5\rEtt;makro\rTv\xc3\xa5;meso\r")
    assert [r.values["namn"] for r in table.rows] == ["Ett", "Två"]


def test_escaped_formula_in_csv_reads_back_without_apostrophe():
    table = read_spreadsheet("f.csv", "namn\r\n'=1+1\r\n".encode())
    assert table.rows[0].values["namn"] == "=1+1"


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth('{"a": ["[[[[", {"b": "}}}"}]}') == 3
    assert json_depth("[" * 100_000) == 100_000


def test_unconvertible_number_cell_names_its_row():
    data = workbook(inline_row(1, "namn") + b'<row r="2"><c r="A2"><v>' + b"1" * 5000
                    + b"</v></c></row>")
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("tal.xlsx", data)
    assert [p.row for p in excinfo.value.problems] == [2]
