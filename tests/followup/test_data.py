"""The follow-up's data files: factors and scale, the starter set of indicators, the example –
validated with Swedish messages naming file, row and key, and part of `naravard check`."""

from __future__ import annotations

import pytest

from naravard.app.datacheck import check_all
from naravard.core.problems import DataError
from naravard.followup.example import load_example
from naravard.followup.guide import load_guide
from naravard.followup.indicators import load_starter_set
from naravard.plan.catalog import load_plan_guide

from tests.conftest import DATA, replace_in


def test_the_guide_has_the_eight_success_factors_and_an_anchored_scale(guide):
    assert len(guide.factors) == 8
    assert [s.value for s in guide.scale] == [1, 2, 3, 4, 5]
    assert all(s.anchor for s in guide.scale)
    assert guide.factor_name("larande") == "Uppföljning som driver lärandet"


def test_the_starter_set_has_10_to_20_indicators_in_the_plans_triple_aim_frame():
    starter = load_starter_set(DATA)
    plan = load_plan_guide(DATA)
    assert 10 <= len(starter) <= 20
    assert {i.dimension for i in starter} == set(plan.triple_aim)
    assert all(i.frequency in plan.frequencies for i in starter)
    assert all(i.definition and i.unit and i.source for i in starter)
    assert {i.direction for i in starter} == {"högre", "lägre"}


def test_an_unknown_triple_aim_dimension_is_named_with_row_and_key(data_copy):
    replace_in(data_copy / "indikatorer.yml", "triple_aim: kostnad", "triple_aim: pengar")
    with pytest.raises(DataError) as info:
        load_starter_set(data_copy)
    problem = info.value.problems[0]
    assert problem.file.endswith("indikatorer.yml") and problem.row
    assert "Okänd dimension ”pengar”" in problem.message
    assert problem.field.endswith(".triple_aim")


def test_a_duplicate_factor_code_is_refused(data_copy):
    replace_in(data_copy / "uppfoljning.yml", "kod: patient", "kod: helhet")
    with pytest.raises(DataError, match="står två gånger"):
        load_guide(data_copy)


def test_a_scale_with_a_gap_is_refused(data_copy):
    replace_in(data_copy / "uppfoljning.yml", "värde: 3", "värde: 7")
    with pytest.raises(DataError, match="heltal i följd"):
        load_guide(data_copy)


def test_naravard_check_reports_the_followup_files(data_copy):
    assert check_all(data_copy) == []
    replace_in(data_copy / "uppfoljning_exempel.yml", "huvudman: Ekeås", "huvudman: Okända")
    problems = check_all(data_copy)
    assert any("uppfoljning_exempel.yml" in p.file and "Okänd huvudman ”Okända”" in p.message
               for p in problems)


def test_the_example_is_invented_and_complete(example, guide):
    assert len(example["rounds"]) == 2
    first = example["rounds"]["r01"]
    assert len(first["participants"]) == 8
    assert set(first["participants"]["p01"]["scores"]) == set(guide.codes)
    assert set(example["values"]) == set(example["indicators"])
    text = (DATA / "uppfoljning_exempel.yml").read_text(encoding="utf-8")
    assert "påhittat" in text.split("\n\n")[0]


def test_the_example_is_not_used_for_another_county(fork_data):
    assert load_example(fork_data) is None
