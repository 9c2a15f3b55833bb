"""The insight model: relevance verdict, classification, coverage of perspectives and principals,
spread measures, the widest gaps, quotes and theme suggestions – on the example study in data/
and on small hand-made studies whose answers are known."""

from __future__ import annotations

import copy

import pytest

from naravard.app.datacheck import check_all
from naravard.insight.guide import load_guide
from naravard.insight.study import Study, next_pseudonym, question_phrase
from naravard.insight.analysis import (coverage, frequent_words, gap_sentence, group_spread,
                                       keyword_matches, positions_frame, quotes_by_theme,
                                       representative_quotes, scale_spread, suggest_verdict,
                                       widest_gaps, zone_of)
from naravard.insight.example import example_doc, example_study

from tests.conftest import DATA, replace_in


def person(pseudonym, principal, perspective, answers=None, tags=None):
    return {"pseudonym": pseudonym, "role": "Roll", "principal": principal,
            "perspective": perspective, "answers": answers or {}, "tags": tags or {}}


def study_with(respondents: dict, positions: dict | None = None, **extra) -> Study:
    doc = {"respondents": respondents, **extra}
    if positions is not None:
        doc["scales"] = {"s1": {"left": "Vänster", "right": "Höger", "positions": positions}}
    return Study.from_doc(doc)


# --- the example study -------------------------------------------------------------------------


def test_the_example_study_has_ten_to_fourteen_interviews_across_region_and_municipalities(
        county):
    study = example_study(DATA)
    done = study.interviewed()
    assert 10 <= len(done) <= 14
    principals = {r.principal for r in done}
    assert county.region in principals
    assert set(county.municipality_names) <= principals


def test_the_example_study_shows_a_visible_spread(guide, county):
    frame = positions_frame(example_study(DATA), guide, county)
    spread = scale_spread(frame)
    assert len(spread) >= 3
    assert (spread["range"] >= 5).all()
    assert widest_gaps(frame, top=1)[0].size >= 5


def test_the_example_study_is_checked_by_naravard_check():
    assert check_all(DATA) == []


def test_a_broken_example_study_is_reported_with_file_row_and_field(data_copy):
    replace_in(data_copy / "insight_example.yml", "perspektiv: samverkan", "perspektiv: okänd")
    replace_in(data_copy / "insight_example.yml", "roll: Vårdcentralschef",
               "roll: Vårdcentralschef, 070-123 45 67")
    problems = [str(p) for p in check_all(data_copy)]
    assert any("insight_example.yml, rad" in p and "Okänt perspektiv ”okänd”" in p
               and "intervjuer[9].perspektiv" in p for p in problems)
    assert any("telefonnummer" in p and "intervjuer[12].roll" in p for p in problems)


def test_a_guide_with_two_questions_of_the_same_heading_is_refused(data_copy):
    replace_in(data_copy / "insight_guide.yml", "kort: 2 Viktigast för att lösa frågan",
               "kort: 3 Vad vi själva behöver göra")
    problems = [str(p) for p in check_all(data_copy)]
    assert any("insight_guide.yml, rad" in p and "står två gånger" in p for p in problems)


def test_the_guide_lists_the_four_angles_and_the_four_follow_up_questions(guide):
    fields = guide.answer_fields()
    assert [f.number for f in fields] == ["1A", "1B", "1C", "1D", "2", "3", "4", "5"]
    assert "{fraga}" in fields[0].lead


# --- steps 1–3 ---------------------------------------------------------------------------------


def test_the_question_is_named_by_its_title_or_as_question_x():
    assert question_phrase("Statsbidragen?") == "frågan ”Statsbidragen”"
    assert question_phrase("  ") == "fråga X"


def test_all_reasons_ticked_suggests_yes(guide):
    verdict, reason = suggest_verdict(guide, {i.code: True for i in guide.relevance})
    assert verdict == "ja"
    assert "hemma i systemledningen" in reason


def test_a_missing_decisive_reason_never_suggests_yes(guide):
    checks = {i.code: not i.decisive for i in guide.relevance}
    verdict, reason = suggest_verdict(guide, checks)
    assert verdict == "delvis"
    assert "inte:" in reason


def test_few_reasons_and_no_decisive_one_suggests_no(guide):
    optional = [i.code for i in guide.relevance if not i.decisive]
    assert suggest_verdict(guide, {optional[0]: True})[0] == "nej"


def test_nothing_ticked_asks_for_ticks(guide):
    assert suggest_verdict(guide, {}) == ("", "Kryssa i det som stämmer för frågan.")


@pytest.mark.parametrize("agreement, certainty, zone", [
    (0.9, 0.9, "enkel"), (0.9, 0.5, "komplicerad"), (0.5, 0.5, "komplex"), (0.1, 0.1, "kaotisk"),
])
def test_the_two_sliders_give_the_stacey_zone(agreement, certainty, zone):
    assert zone_of({"agreement": agreement, "certainty": certainty}) == zone


def test_an_unsaved_classification_counts_as_complex():
    assert zone_of({}) == "komplex"


# --- step 4: coverage --------------------------------------------------------------------------


def test_coverage_names_needed_perspectives_nobody_covers(guide, county):
    study = study_with({"a": person("IP 01", "Norrvik", "ledning", {"viktigast": "x"})},
                       carriers={"perspectives": ["ledning", "invanare", "politik"],
                                 "principals": ["Norrvik", "Ekeås"]})
    cov = coverage(study, guide, county)
    assert cov.uncovered_perspectives == ["Invånare och patienter", "Förtroendevalda"]
    assert cov.uncovered_principals == ["Ekeås kommun"]


def test_a_planned_but_not_interviewed_person_counts_as_planned_only(guide, county):
    study = study_with({"a": person("IP 01", "Ekeås", "invanare")},
                       carriers={"perspectives": ["invanare"], "principals": ["Ekeås"]})
    cov = coverage(study, guide, county)
    assert cov.uncovered_perspectives == []
    assert cov.planned_only_perspectives == ["Invånare och patienter"]
    row = cov.perspectives.set_index("code").loc["invanare"]
    assert (row["planned"], row["interviewed"]) == (1, 0)


def test_coverage_counts_each_perspective_and_principal_pair(guide, county):
    study = study_with({
        "a": person("IP 01", "Norrvik", "ledning", {"viktigast": "x"}),
        "b": person("IP 02", "Norrvik", "ledning", {"viktigast": "y"}),
        "c": person("IP 03", "Region Exempellän", "ledning"),
    })
    table = coverage(study, guide, county).table.set_index(["perspective", "principal"])
    assert table.loc[("ledning", "Norrvik"), "interviewed"] == 2
    assert table.loc[("ledning", "Region Exempellän"), "planned"] == 1
    assert table.loc[("ledning", "Region Exempellän"), "interviewed"] == 0


def test_the_next_pseudonym_skips_those_in_use():
    study = study_with({"a": person("IP 01", "Norrvik", "ledning"),
                        "b": person("IP 03", "Norrvik", "ledning")})
    assert next_pseudonym(study) == "IP 04"


# --- step 7: spread, gaps, quotes, words -------------------------------------------------------


@pytest.fixture
def two_camps():
    """Two region managers at 8 and 10, three municipal ones at 0, 2 and 1."""
    respondents = {
        "r1": person("IP 01", "Region Exempellän", "ledning", {"viktigast": "a"}),
        "r2": person("IP 02", "Region Exempellän", "verksamhet", {"viktigast": "b"}),
        "k1": person("IP 03", "Norrvik", "ledning", {"viktigast": "c"}),
        "k2": person("IP 04", "Sjöstad", "ledning", {"viktigast": "d"}),
        "k3": person("IP 05", "Sjöstad", "verksamhet", {"viktigast": "e"}),
    }
    return study_with(respondents, {"r1": 8, "r2": 10, "k1": 0, "k2": 2, "k3": 1})


def test_spread_per_scale_is_range_mean_and_standard_deviation(two_camps, guide, county):
    row = scale_spread(positions_frame(two_camps, guide, county)).iloc[0]
    assert (row["n"], row["min"], row["max"], row["range"]) == (5, 0, 10, 10)
    assert row["mean"] == pytest.approx(4.2)
    assert row["std"] == pytest.approx(4.02, abs=1e-2)  # population standard deviation


def test_spread_by_principal_gives_each_group_its_mean(two_camps, guide, county):
    spread = group_spread(positions_frame(two_camps, guide, county), "principal")
    means = dict(zip(spread["group"], spread["mean"]))
    assert means == {"Region Exempellän": 9.0, "Norrviks kommun": 0.0,
                     "Sjöstads kommun": pytest.approx(1.5)}


def test_the_widest_gap_is_between_the_groups_furthest_apart(two_camps, guide, county):
    gap = widest_gaps(positions_frame(two_camps, guide, county), by="principal")[0]
    assert (gap.low_group, gap.high_group, gap.size) == ("Norrviks kommun",
                                                         "Region Exempellän", 9.0)
    assert (gap.low_n, gap.high_n) == (1, 2)
    sentence = gap_sentence(gap)
    assert "Norrviks kommun står i snitt på 0,0 (1 intervjuad)" in sentence
    assert "9,0 steg isär" in sentence


def test_gaps_are_sorted_widest_first_across_both_groupings(two_camps, guide, county):
    gaps = widest_gaps(positions_frame(two_camps, guide, county))
    assert [g.grouping for g in gaps] == ["principal", "perspective"]
    assert gaps[0].size >= gaps[1].size


def test_a_scale_where_everyone_is_in_one_group_has_no_gap(guide, county):
    study = study_with({"a": person("IP 01", "Norrvik", "ledning", {"viktigast": "x"}),
                        "b": person("IP 02", "Norrvik", "ledning", {"viktigast": "y"})},
                       {"a": 1, "b": 9})
    assert widest_gaps(positions_frame(study, guide, county)) == []


def test_positions_outside_the_scale_or_of_removed_people_are_ignored(guide, county):
    study = study_with({"a": person("IP 01", "Norrvik", "ledning", {"viktigast": "x"})},
                       {"a": 4, "gone": 3, "a2": 14})
    frame = positions_frame(study, guide, county)
    assert frame["respondent"].tolist() == ["a"]


def test_quotes_per_theme_carry_role_and_organisation_never_a_name(guide, county):
    study = example_study(DATA)
    quotes = quotes_by_theme(study, guide, county)["mandat"]
    assert quotes
    first = quotes[0]
    assert first.pseudonym.startswith("IP ")
    assert first.principal in ("Region Exempellän", "Norrviks kommun", "Sjöstads kommun",
                               "Åkerby kommun", "Bergslunds kommun", "Ekeås kommun",
                               "Gemensamt organ (till exempel kommunförbund)",
                               "Utanför huvudmännen (invånare, föreningar)")


def test_representative_quotes_cover_different_principals_first(guide, county):
    quotes = quotes_by_theme(example_study(DATA), guide, county)["mandat"]
    chosen = representative_quotes(quotes, 5)
    assert len(chosen) == 5
    assert len({q.principal for q in chosen}) == 5


def test_frequent_words_count_respondents_and_skip_stopwords_and_the_question(guide):
    study = study_with({
        "a": person("IP 01", "Norrvik", "ledning",
                    {"viktigast": "Mandatet är oklart, mandatet", "egen_insats": "och medlen"}),
        "b": person("IP 02", "Ekeås", "ledning", {"viktigast": "Oklart mandatet och statliga"}),
        "c": person("IP 03", "Ekeås", "ledning", {"viktigast": "statliga"}),
    }, question={"title": "Statliga medel"})
    words = dict(frequent_words(study, guide))
    assert words["mandatet"] == 2
    assert words["oklart"] == 2
    assert "och" not in words and "statliga" not in words and "medlen" not in words


def test_theme_keywords_find_the_answers_that_contain_them():
    study = study_with({"a": person("IP 01", "Norrvik", "ledning",
                                    {"viktigast": "Beslut fattas sent", "egen_insats": "Inget"})},
                       themes={"t": {"name": "Mandat", "keywords": "beslut, mandat"}})
    assert keyword_matches(study, study.themes[0]) == [("a", "viktigast")]


def test_a_damaged_document_reads_as_an_empty_study():
    study = Study.from_doc({"respondents": ["not", "a", "dict"], "scales": {"s": "x"}})
    assert study.respondents == [] and study.scales == []


def test_the_example_document_is_a_fresh_copy_each_time():
    first = example_doc(DATA)
    changed = copy.deepcopy(first)
    changed["question"]["title"] = "Ändrad"
    assert example_doc(DATA)["question"]["title"] == first["question"]["title"]


def test_load_guide_reads_the_wording_from_data(guide):
    assert load_guide(DATA).texts.title == guide.texts.title == "Intervjuguide"
