"""Cells that stay text in every CSV and XLSX export (OWASP's rules against CSV injection)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from naravard.core.cells import csv_cell, unescape_csv_cell, xlsx_append


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://x")'])
def test_formula_like_csv_cell_gets_an_apostrophe(text):
    assert csv_cell(text) == "'" + text


def test_ordinary_csv_cell_is_unchanged():
    assert [csv_cell(v) for v in ["Vårdcentral", "1-2", 12, None]] == ["Vårdcentral", "1-2", 12,
                                                                         None]


def test_escaped_csv_cell_reads_back_as_written():
    assert unescape_csv_cell(csv_cell("=1+1")) == "=1+1"
    assert unescape_csv_cell("'citat'") == "'citat'"


def test_formula_like_xlsx_cell_is_stored_as_text():
    wb = Workbook()
    xlsx_append(wb.active, ['=HYPERLINK("http://x")', "-5", 3])
    out = io.BytesIO()
    wb.save(out)
    row = load_workbook(io.BytesIO(out.getvalue())).active[1]
    assert [(c.value, c.data_type) for c in row] == [('=HYPERLINK("http://x")', "s"),
                                                     ("-5", "s"), (3, "n")]
