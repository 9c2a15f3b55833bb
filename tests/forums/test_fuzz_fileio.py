"""Property-based fuzzing of the forum-map import (hypothesis, bounded): CSV, JSON and GraphML
inputs, damaged or made up, give a map or problems worded in Swedish – never an exception."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naravard.forums.example import load_example
from naravard.forums.fileio import read_upload
from naravard.forums.writers import to_graphml, to_json
from naravard.forums.model import ForumMap

from tests.core.malformed import english_in, mutate

FUZZ = settings(max_examples=150, deadline=3000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
PRINCIPALS = ["Region Exempellän", "Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås"]
EXAMPLE = load_example()
GRAPHML = to_graphml(ForumMap.from_doc(EXAMPLE))
JSON = to_json(EXAMPLE)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4), max_leaves=20)


def only_swedish(name: str, data: bytes) -> None:
    result = read_upload(name, data, PRINCIPALS)
    assert result.ok or result.problems
    assert [english_in(p.message) for p in result.problems] == [None] * len(result.problems)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["k.csv", "k.json", "k.graphml", "k.xlsx"]))
def test_any_bytes_give_a_map_or_swedish_problems(data, name):
    only_swedish(name, data)


@FUZZ
@given(st.dictionaries(st.sampled_from(["forums", "relations", "perspectives", "notes"]),
                       JSON_VALUES, max_size=4))
def test_any_json_document_gives_a_map_or_swedish_problems(doc):
    only_swedish("k.json", json.dumps(doc).encode())


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
       st.one_of(st.none(), st.integers(0, len(JSON))))
def test_damaged_json_export_gives_a_map_or_swedish_problems(flips, cut):
    only_swedish("k.json", mutate(JSON, flips, cut))


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6),
       st.one_of(st.none(), st.integers(0, len(GRAPHML))))
def test_damaged_graphml_export_gives_a_map_or_swedish_problems(flips, cut):
    only_swedish("k.graphml", mutate(GRAPHML, flips, cut))
