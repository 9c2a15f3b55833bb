"""The interview template writes a role named like a formula as text (CSV and XLSX), and a
filled template that cannot be read is refused with Swedish messages only."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from naravard.core.problems import DataError
from naravard.insight.example import example_study
from naravard.insight.template import read_interviews, template_csv, template_xlsx

from tests.conftest import DATA
from tests.core.malformed import english_in, zip_bomb

HYPERLINK = '=HYPERLINK("http://x")'


@pytest.fixture(scope="module")
def study():
    study = example_study(DATA)
    first = dataclasses.replace(study.respondents[0], role=HYPERLINK)
    return dataclasses.replace(study, respondents=[first])


def test_csv_template_writes_formula_like_role_as_text(guide, county, study):
    rows = list(csv.reader(io.StringIO(template_csv(guide, county, study).decode("utf-8-sig")),
                           delimiter=";"))
    assert rows[1][1] == "'" + HYPERLINK


def test_xlsx_template_has_no_formula_cell(guide, county, study):
    book = load_workbook(io.BytesIO(template_xlsx(guide, county, study)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert HYPERLINK in [c.value for c in cells]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_zip_bomb_template_is_refused_in_swedish(guide, county):
    with pytest.raises(DataError) as excinfo:
        read_interviews("mall.xlsx", zip_bomb(), guide, county)
    assert [english_in(p.message) for p in excinfo.value.problems] == [None]
