"""data/county.yml: the example county loads, and every kind of mistake gets a Swedish message
that names the file, the row, the key and what to write instead."""

from pathlib import Path

import pytest

from naravard.core.county import load_county, looks_like_contact_details
from naravard.core.problems import DataError

from tests.conftest import DATA, replace_in


def problems_of(data: Path):
    with pytest.raises(DataError) as info:
        load_county(data)
    return info.value.problems


def test_example_county_is_exempellan_and_says_it_is_invented():
    county = load_county(DATA)
    assert county.name == "Exempellän"
    assert county.fictional is True
    assert county.region == "Region Exempellän"
    assert len(county.municipalities) == 5
    assert {m.principal for m in county.members} <= set(county.principals())


def test_municipality_organisation_uses_swedish_genitive():
    county = load_county(DATA)
    assert county.organisation_of("Norrvik") == "Norrviks kommun"
    assert county.organisation_of("Ekeås") == "Ekeås kommun"
    assert county.organisation_of("Region Exempellän") == "Region Exempellän"


def test_missing_key_names_file_key_and_example(data_copy):
    replace_in(data_copy / "county.yml", "region: Region Exempellän\n", "")
    [problem] = problems_of(data_copy)
    assert problem.file.endswith("county.yml")
    assert problem.field == "region"
    assert "saknas" in problem.message
    assert "region: Region Exempellän" in problem.message


def test_misspelt_key_names_row_and_allowed_keys(data_copy):
    replace_in(data_copy / "county.yml", "    huvudman: Sjöstad", "    huvudmann: Sjöstad")
    found = problems_of(data_copy)
    unknown = [p for p in found if p.field == "systemledning[4].huvudmann"]
    assert unknown, found
    text = (data_copy / "county.yml").read_text(encoding="utf-8").splitlines()
    assert "huvudmann" in text[unknown[0].row - 1]
    assert "Okänd nyckel" in unknown[0].message and "roll, huvudman" in unknown[0].message


def test_wrong_type_says_what_to_write(data_copy):
    replace_in(data_copy / "county.yml", "invånare: 58200", "invånare: många")
    [problem] = problems_of(data_copy)
    assert problem.field == "kommuner[1].invånare"
    assert "heltal" in problem.message
    assert problem.row == 17


def test_member_with_unknown_principal_lists_the_valid_ones(data_copy):
    replace_in(data_copy / "county.yml", "huvudman: Bergslund", "huvudman: Bergsund")
    [problem] = problems_of(data_copy)
    assert problem.field == "systemledning[6].huvudman"
    assert "”Bergsund”" in problem.message and "”Bergslund”" in problem.message


def test_contact_details_are_refused(data_copy):
    replace_in(data_copy / "county.yml", "roll: Regiondirektör", "roll: Regiondirektör anna@example.se")
    [problem] = problems_of(data_copy)
    assert problem.field == "systemledning[1].roll"
    assert "kontaktuppgifter" in problem.message


def test_duplicate_municipality_is_refused(data_copy):
    replace_in(data_copy / "county.yml", "namn: Ekeås", "namn: Norrvik")
    found = problems_of(data_copy)
    assert any(p.field == "kommuner[5].namn" and "två gånger" in p.message for p in found)


def test_yaml_syntax_error_names_the_row(data_copy):
    replace_in(data_copy / "county.yml", "namn: Exempellän", "namn: [Exempellän")
    [problem] = problems_of(data_copy)
    assert problem.row is not None
    assert "YAML-syntaxen" in problem.message


def test_every_problem_is_reported_at_once(data_copy):
    replace_in(data_copy / "county.yml", "region: Region Exempellän\n", "")
    replace_in(data_copy / "county.yml", "invånare: 58200", "invånare: -3")
    assert len(problems_of(data_copy)) >= 2


@pytest.mark.parametrize("text", ["ring 070-123 45 67", "+46 70 123 45 67", "a.b@region.se"])
def test_contact_details_are_recognised(text):
    assert looks_like_contact_details(text)


@pytest.mark.parametrize("text", ["Kommundirektör", "Region Exempellän", "2 kap. 6 § HSL",
                                  "58200 invånare"])
def test_ordinary_text_is_not_taken_for_contact_details(text):
    assert not looks_like_contact_details(text)
