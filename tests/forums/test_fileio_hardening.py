"""Forum-map files that cannot hurt: exports with no live formula, and JSON and GraphML imports
bounded before parsing, linear in the file, as strict as the forms, refused only in Swedish."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from openpyxl import load_workbook

from naravard.forums.fileio import read_upload
from naravard.forums.writers import to_csv, to_xlsx
from naravard.forums.model import FieldError, Forum, ForumMap, parse_number

from tests.core.malformed import deep_json, english_in

PRINCIPALS = ["Region Exempellän", "Norrvik"]
HYPERLINK = '=HYPERLINK("http://x")'


def hostile_map() -> ForumMap:
    fmap = ForumMap()
    fmap.forums["f1"] = Forum(name=HYPERLINK, level="makro", principal="Norrvik",
                              members=["=1+1", "@SUM(A1)"])
    return fmap


def json_file(forums: dict, **more) -> bytes:
    return json.dumps({"forums": forums, **more}, indent=1).encode()


def test_csv_export_writes_formula_like_names_as_text():
    rows = list(csv.reader(io.StringIO(to_csv(hostile_map()).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'" + HYPERLINK


def test_csv_export_reads_back_with_the_same_name():
    result = read_upload("k.csv", to_csv(hostile_map()), PRINCIPALS)
    assert [f.name for f in result.fmap.forums.values()] == [HYPERLINK]


def test_xlsx_export_has_no_formula_cell():
    book = load_workbook(io.BytesIO(to_xlsx(hostile_map())))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert HYPERLINK in [c.value for c in cells]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_deep_json_is_refused_in_swedish():
    result = read_upload("djup.json", deep_json(100_000), PRINCIPALS)
    assert [english_in(p.message) for p in result.problems] == [None]


def test_json_import_of_many_forums_is_linear():
    forums = {f"f{i}": {"name": f"Forum {i}", "level": "makro", "principal": "Norrvik"}
              for i in range(2000)}
    started = time.perf_counter()
    assert read_upload("stor.json", json_file(forums), PRINCIPALS).ok
    assert time.perf_counter() - started < 2


def test_json_import_of_twenty_thousand_forums_is_refused_at_once():
    forums = {f"f{i}": {"name": f"Forum {i}", "level": "makro", "principal": "Norrvik"}
              for i in range(20_000)}
    started = time.perf_counter()
    result = read_upload("stor.json", json_file(forums), PRINCIPALS)
    assert not result.ok and "fler än" in result.problems[0].message
    assert time.perf_counter() - started < 2


def test_json_field_of_wrong_type_is_refused_with_row():
    data = json_file({"f1": {"name": ["A"], "level": "makro", "principal": "Norrvik"}})
    result = read_upload("typ.json", data, PRINCIPALS)
    assert [(p.row, p.field) for p in result.problems] == [(3, "f1.name")]


def test_malformed_perspective_is_refused():
    forums = {"f1": {"name": "A", "level": "makro", "principal": "Norrvik"}}
    bad = {"p1": {"participant": "IP 1", "forums": [{"name": "A", "decides": ["x"]}]}}
    result = read_upload("bild.json", json_file(forums, perspectives=bad), PRINCIPALS)
    assert [p.field for p in result.problems] == ["perspectives.p1"]


def test_graphml_parser_detail_stays_out_of_the_message():
    result = read_upload("k.graphml", b"<graphml><graph><node id='a'></graph>", PRINCIPALS)
    assert [english_in(p.message) for p in result.problems] == [None]


def test_graphml_with_entities_is_refused_before_parsing():
    data = (b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa">]><graphml><graph>'
            b'<node id="&a;"/></graph></graphml>')
    assert read_upload("k.graphml", data, PRINCIPALS).problems


def test_a_meeting_frequency_too_large_for_a_float_is_refused_in_swedish():
    with pytest.raises(FieldError, match="mellan 0 och 365"):
        parse_number(10 ** 400)
