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


# -- areas, names and messages for a real county ------------------------------------------------

@pytest.mark.parametrize("name, organisation", [
    ("Umeå", "Umeå kommun"), ("Malå", "Malå kommun"), ("Skellefteå", "Skellefteå kommun"),
    ("Storuman", "Storumans kommun"), ("Bjurholm", "Bjurholms kommun"),
    ("Vindeln", "Vindelns kommun"), ("Lycksele", "Lycksele kommun"), ("Åsele", "Åsele kommun"),
    ("Sorsele", "Sorsele kommun"), ("Vilhelmina", "Vilhelmina kommun"),
    ("Dorotea", "Dorotea kommun"), ("Norsjö", "Norsjö kommun"),
    ("Nordmaling", "Nordmalings kommun"), ("Robertsfors", "Robertsfors kommun"),
    ("Vännäs", "Vännäs kommun"), ("Kalix", "Kalix kommun"), ("Stockholm", "Stockholms stad"),
    ("Göteborg", "Göteborgs stad"), ("Falun", "Falu kommun"), ("Gotland", "Region Gotland")])
def test_organisation_names_follow_the_genitive_rule_and_known_official_names(name, organisation):
    from naravard.core.county import municipal_organisation

    assert municipal_organisation(name) == organisation


def test_an_explicit_organisation_name_wins_over_the_rule(data_copy):
    replace_in(data_copy / "county.yml", "  - namn: Norrvik\n",
               "  - namn: Norrvik\n    organisation: Norrviks stad\n")
    assert load_county(data_copy).organisation_of("Norrvik") == "Norrviks stad"


def test_areas_group_municipalities_and_are_principal_choices():
    county = load_county(DATA)
    assert [a.name for a in county.areas] == ["Norra området", "Södra området"]
    assert county.area_of("Ekeås").name == "Södra området"
    assert county.principal_choices() == [
        "Region Exempellän", "Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås", "Gemensam",
        "Norra området", "Södra området"]
    assert ("Norra området (närvårdsområde)", "Norra området") in county.principal_options()
    assert ("Norrviks kommun", "Norrvik") in county.principal_options()


def test_a_county_without_areas_still_loads(data_copy):
    text = (data_copy / "county.yml").read_text(encoding="utf-8")
    start, end = text.index("# Områden som"), text.index("systemledning:")
    (data_copy / "county.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    county = load_county(data_copy)
    assert county.areas == [] and county.principal_choices()[-1] == "Gemensam"


def test_an_area_naming_an_unknown_municipality_says_row_and_key(data_copy):
    replace_in(data_copy / "county.yml", "kommuner: [Norrvik, Sjöstad]",
               "kommuner: [Norrvik, Sjöstaden]")
    [problem] = problems_of(data_copy)
    assert problem.field == "områden[1].kommuner[2]"
    assert "”Sjöstaden”" in problem.message and "”Sjöstad”" in problem.message
    lines = (data_copy / "county.yml").read_text(encoding="utf-8").splitlines()
    assert "Sjöstaden" in lines[problem.row - 1]


def test_an_area_may_be_the_principal_of_a_systemledning_seat(data_copy):
    replace_in(data_copy / "county.yml", "huvudman: Ekeås", "huvudman: Södra området")
    assert load_county(data_copy).members[-1].principal == "Södra området"


def test_an_area_named_like_a_municipality_is_refused(data_copy):
    replace_in(data_copy / "county.yml", "namn: Norra området", "namn: Norrvik")
    [problem] = problems_of(data_copy)
    assert problem.field == "områden[1].namn" and "eget namn" in problem.message


def test_a_municipality_listed_twice_names_both_rows(data_copy):
    replace_in(data_copy / "county.yml", "namn: Ekeås", "namn: Norrvik")
    [problem] = problems_of(data_copy)
    assert problem.field == "kommuner[5].namn"
    assert "rad 16" in problem.message and f"rad {problem.row}" in problem.message


@pytest.mark.parametrize("written", ["130 000", "130\u00a0000", "130\u202f000"])
def test_inhabitants_with_swedish_thousands_separators_are_accepted(data_copy, written):
    replace_in(data_copy / "county.yml", "invånare: 58200", f"invånare: {written}")
    assert load_county(data_copy).municipalities[0].inhabitants == 130000


def test_inhabitants_with_a_misplaced_space_say_what_is_wrong(data_copy):
    replace_in(data_copy / "county.yml", "invånare: 58200", "invånare: 13 0000")
    [problem] = problems_of(data_copy)
    assert problem.field == "kommuner[1].invånare"
    assert "mellanslag mellan tusentalen" in problem.message


def test_suggestions_in_messages_use_the_county_own_names(fork_data):
    from tests.conftest import replace_in as edit

    edit(fork_data / "county.yml", "region: Region Testlän\n", "")
    [problem] = problems_of(fork_data)
    assert "Exempellän" not in problem.message
    assert "region: Region Testlän" in problem.message
    edit(fork_data / "county.yml", "namn: Testlän\n", "namn: Testlän\nregion: Region Testlän\n")
    edit(fork_data / "county.yml", "    huvudman: Betaby", "    huvudmann: Betaby")
    found = problems_of(fork_data)
    assert not any("Exempellän" in p.message or "Norrvik" in p.message for p in found)
