"""The plan model: the Tight–Loose–Tight check, completeness, cost from time shares, the link to
the forum map, the example plan in data/, and the cost and completeness tables shared by the
handbook, the worksheet and the export."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard.core.county import current_county
from naravard.plan.checks import structure_terms, tlt_check
from naravard.plan.cost import COST_COLUMNS, cost_summary, cost_table
from naravard.plan.example import example_plan
from naravard.plan.forums_link import (IN_MAP, MISSING_FROM_MAP, TYPED, forum_map_records,
                                       support_rows)
from naravard.plan.model import Plan
from naravard.plan.progress import PROGRESS_COLUMNS, completeness, progress_rows
from naravard.plan.values import parse_date, parse_number

from .conftest import DATA

TODAY = dt.date(2026, 11, 25)
GOOD_GOAL = {
    "text": "Färre äldre skadas av fall",
    "measure": "Fallskador med sjukhusvård per 1 000 invånare 80 år och äldre",
    "baseline": "32 (2025)", "target": "24", "date": "2029-12-31",
}


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)


@pytest.fixture(scope="module")
def example(county):
    return Plan(example_plan(DATA), county.principals())


def kinds(goal: dict) -> list[tuple[str, str]]:
    return [(f.field, f.kind) for f in tlt_check(goal, TODAY)]


# --- Tight–Loose–Tight ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Färre äldre skadas av fall",
    "Kortare väntan på bedömning för barn och unga med psykisk ohälsa",
    "Fler invånare med stora behov har en fast vårdkontakt",
    "Hållbara arbetsplatser där medarbetarna stannar",
    "Invånarna upplever att vården hänger ihop i hela kedjan",
])
def test_a_measurable_change_for_residents_passes_the_check(text):
    assert tlt_check({**GOOD_GOAL, "text": text}, TODAY) == []


@pytest.mark.parametrize("text, term", [
    ("20 fler vårdplatser i Norrvik", "vårdplatser"),
    ("Fler korttidsplatser", "korttidsplatser"),
    ("30 nya sängar på sjukhuset", "sängar"),
    ("Inrätta en gemensam enhet för hemsjukvård", "enhet"),
    ("Bilda ett nytt forum för primärvården", "nytt forum"),
    ("Öppna en ny mottagning i Sjöstad", "ny mottagning"),
    ("Starta en ny arbetsgrupp för SIP", "ny arbetsgrupp"),
])
def test_a_goal_that_names_a_structure_is_flagged_and_the_reason_names_the_word(text, term):
    findings = [f for f in tlt_check({**GOOD_GOAL, "text": text}, TODAY) if f.kind == "struktur"]
    assert len(findings) == 1
    assert f"”{term}”" in findings[0].message
    assert "förändring för invånarna" in findings[0].message


def test_a_structure_measure_is_flagged_even_when_the_goal_text_is_good():
    goal = {**GOOD_GOAL, "measure": "Antal vårdplatser i kommunen"}
    assert ("measure", "struktur") in kinds(goal)
    assert "Måttet handlar om struktur" in tlt_check(goal, TODAY)[0].message


@pytest.mark.parametrize("missing, reason", [
    ("measure", "Mått saknas"),
    ("baseline", "Utgångsvärde saknas"),
    ("target", "Målvärde saknas"),
    ("date", "Datum saknas"),
])
def test_a_goal_without_measure_baseline_target_or_date_is_flagged_with_the_reason(missing,
                                                                                  reason):
    findings = tlt_check({**GOOD_GOAL, missing: ""}, TODAY)
    assert [(f.field, f.kind) for f in findings] == [(missing, "saknas")]
    assert findings[0].message.startswith(reason)


def test_an_unreadable_or_past_date_is_flagged():
    assert "går inte att läsa" in tlt_check({**GOOD_GOAL, "date": "snart"}, TODAY)[0].message
    assert "har redan passerat" in tlt_check({**GOOD_GOAL, "date": "2025-01-01"},
                                             TODAY)[0].message


def test_a_target_equal_to_the_baseline_describes_no_change():
    findings = tlt_check({**GOOD_GOAL, "baseline": "24 (2025)", "target": "24"}, TODAY)
    assert [f.kind for f in findings] == ["förändring"]


def test_words_that_only_look_like_structures_are_not_flagged():
    assert structure_terms("Hållbara arbetsplatser och fler mötesplatser med invånarna") == []
    assert structure_terms("Vården ska hänga ihop som en helhet") == []


# --- reading numbers and dates --------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("12 300", 12300), ("4,5", 4.5), ("25 %", 25),
                                         ("68\u00a0000 kr", 68000), ("", None), (7, 7)])
def test_numbers_are_read_as_swedes_write_them(text, value):
    assert parse_number(text) == value


def test_a_word_is_not_a_number_and_the_message_says_what_to_write():
    with pytest.raises(ValueError, match="är inte ett tal. Skriv till exempel 12 300"):
        parse_number("tolv")


@pytest.mark.parametrize("text, date", [
    ("2028-12-31", dt.date(2028, 12, 31)), ("31 december 2028", dt.date(2028, 12, 31)),
    ("juni 2028", dt.date(2028, 6, 30)), ("2028", dt.date(2028, 12, 31)),
    ("2028-02", dt.date(2028, 2, 29)),
])
def test_dates_are_read_in_iso_and_swedish_form(text, date):
    assert parse_date(text) == date


# --- cost from time shares -------------------------------------------------------------------------

def test_cost_is_persons_times_share_times_months_times_the_monthly_cost(county):
    plan = Plan({"implementation": {
        "cost_per_fte_month": "60 000",
        "roles": {"a": {"kind": "processledare", "principal": county.region, "persons": 1,
                        "share": "25", "months": 12},
                  "b": {"kind": "processledare", "principal": "Norrvik", "persons": "1",
                        "share": "25 %", "months": "12"},
                  "c": {"kind": "arbetsgrupp", "principal": "Sjöstad", "persons": 4,
                        "share": 10, "months": 6}}}}, county.principals())
    costs = cost_summary(plan)
    assert [r.cost for r in costs.roles] == [180000, 180000, 144000]
    assert costs.total_fte == pytest.approx(0.9)
    assert costs.total_cost == 504000
    assert costs.region_cost == 180000 and costs.municipal_cost == 324000
    assert costs.incomplete == []


def test_a_role_without_time_share_has_no_cost_and_is_listed_as_incomplete(county):
    plan = Plan({"implementation": {"cost_per_fte_month": 60000, "roles": {
        "a": {"kind": "arbetsgrupp", "title": "Arbetsgrupp", "persons": 3, "months": 12}}}},
        county.principals())
    costs = cost_summary(plan)
    assert costs.roles[0].cost is None and costs.total_cost == 0
    assert costs.incomplete == ["Arbetsgrupp"]


def test_the_example_plan_costs_what_its_time_shares_say(example):
    costs = cost_summary(example)
    assert costs.total_fte == pytest.approx(1.3)
    assert costs.total_cost == pytest.approx(1.3 * 18 * 68000)


# --- completeness ----------------------------------------------------------------------------------

def test_an_empty_plan_has_every_step_open_and_nothing_done(county):
    progress = completeness(Plan({}, county.principals()), today=TODAY)
    assert [p.step.key for p in progress] == ["goals", "mapping", "action", "support",
                                              "followup", "implementation", "priorities"]
    assert all(p.done == 0 and p.total > 0 and p.status == "Inte påbörjat" for p in progress)
    assert "Inga mål är skrivna." in progress[0].missing


def test_a_flagged_goal_makes_step_one_flagged_with_the_reason(county):
    plan = Plan({"answers": {"goals": {"aim": "Färre fall"}},
                 "goals": {"g1": GOOD_GOAL, "g2": {**GOOD_GOAL, "text": "Fler vårdplatser"}}},
                county.principals())
    step = completeness(plan, today=TODAY)[0]
    assert (step.done, step.total) == (3, 4)
    assert step.status == "Flaggat"
    assert step.missing == ["Mål 2 klarar inte Tight–Loose–Tight-kontrollen."]
    assert any("Mål 2" in f and "”vårdplatser”" in f for f in step.flagged)


def test_follow_up_is_complete_when_every_goal_has_a_full_indicator_and_all_three_aims(county):
    indicators = {f"k{i}": {"goal": "g1", "name": "Indikator", "source": "Vårddata",
                            "frequency": "kvartal", "owner": "Analysenheten", "dimension": d}
                  for i, d in enumerate(("hälsa", "upplevelse", "kostnad"))}
    plan = Plan({"goals": {"g1": GOOD_GOAL}, "followup": {
        "indicators": indicators, "calendar": {"c1": {"date": "2027-03-01", "what": "Möte"}}}},
        county.principals())
    step = next(p for p in completeness(plan, today=TODAY) if p.step.key == "followup")
    assert step.missing == [] and step.status == "Klart"


def test_process_leaders_must_come_in_a_pair_from_region_and_municipality(county):
    roles = {"a": {"kind": "processledare", "principal": county.region, "persons": 1,
                   "share": 25, "months": 12}}
    plan = Plan({"implementation": {"roles": roles}}, county.principals())
    step = next(p for p in completeness(plan, today=TODAY) if p.step.key == "implementation")
    assert any("inte ett par" in m for m in step.missing)
    roles["b"] = {**roles["a"], "principal": "Norrvik"}
    step = next(p for p in completeness(Plan({"implementation": {"roles": roles}},
                                              county.principals()), today=TODAY)
                if p.step.key == "implementation")
    assert not any("inte ett par" in m for m in step.missing)


def test_the_example_plan_is_partly_filled_and_flags_exactly_one_goal(example):
    progress = {p.step.key: p for p in completeness(example, today=TODAY)}
    flagged = [gid for gid, g in example.goals().items() if tlt_check(g, TODAY)]
    assert flagged == ["g4"]
    assert progress["goals"].status == "Flaggat"
    assert any(p.missing for p in progress.values())
    assert any(p.status == "Klart" for p in progress.values())
    assert "Tabellen ”Digitalt stöd” är tom." in progress["mapping"].missing


# --- the forum map link ----------------------------------------------------------------------------

FORUM_DOC = {"forums": {
    "f1": {"name": "Systemledningen för Nära vård", "level": "makro", "principal": "Gemensam",
           "type": "beslutande", "mission": "", "mandate": ""},
    "f2": {"name": "Vårdsamverkan Norrvik", "level": "mikro", "principal": "Gemensam",
           "type": "samverkande", "mission": "", "mandate": ""},
}}


def test_the_forum_map_is_read_from_the_forum_mapping_document():
    records = forum_map_records(FORUM_DOC)
    assert {(r["id"], r["name"], r["level"]) for r in records} == {
        ("f1", "Systemledningen för Nära vård", "makro"), ("f2", "Vårdsamverkan Norrvik", "mikro")}
    assert forum_map_records({}) == []


def test_plan_forums_are_matched_to_the_map_by_id_or_name_and_missing_ones_are_flagged(county):
    plan = Plan({"support": {"forums": {
        "s1": {"forum_id": "f1", "name": "Systemledningen för Nära vård", "decides": True},
        "s2": {"name": "vårdsamverkan norrvik", "supports": True},
        "s3": {"forum_id": "f9", "name": "Nedlagt forum", "escalation": True},
        "s4": {"name": "Eget forum", "supports": True},
        "s5": {"name": "Inget valt"}}}}, county.principals())
    rows = {r.id: r for r in support_rows(plan, forum_map_records(FORUM_DOC))}
    assert rows["s1"].status == IN_MAP and rows["s1"].level == "makro"
    assert rows["s2"].status == IN_MAP and rows["s2"].name == "Vårdsamverkan Norrvik"
    assert rows["s3"].status == MISSING_FROM_MAP
    assert rows["s4"].status == TYPED
    assert "s5" not in rows
    step = next(p for p in completeness(plan, forum_map_records(FORUM_DOC), TODAY)
                if p.step.key == "support")
    assert step.flagged == ["Forumet ”Nedlagt forum” finns inte längre i forumkartan."]


def test_the_example_plan_names_forums_that_are_in_the_example_forum_map(example):
    from naravard.forums.example import load_example

    rows = support_rows(example, forum_map_records(load_example(DATA)))
    assert rows and all(r.status == IN_MAP for r in rows)


def test_a_plan_saved_by_the_first_version_keeps_its_goal_text(county):
    plan = Plan({"goals": {"text": "Färre fall bland äldre"}}, county.principals())
    assert [g["text"] for g in plan.goals().values()] == ["Färre fall bland äldre"]


def test_every_finding_has_a_short_summary_for_tables():
    findings = tlt_check({"text": "Fler vårdplatser", "date": "snart"}, TODAY)
    assert [f.summary for f in findings] == [
        "Målet handlar om struktur (”vårdplatser”)", "Mått saknas", "Utgångsvärde saknas",
        "Målvärde saknas", "Datumet går inte att läsa"]


def test_chapter_13_tables_are_built_from_the_example_plan_in_data():
    from naravard.plan.book import example_cost_table, example_goals_table

    goals = example_goals_table().data
    assert goals.count("Klarar kontrollen.") == 3
    assert "Flaggas: Målet handlar om struktur (”korttidsplatser”, ”ny mottagning”)" in goals
    assert "1\u00a0591\u00a0200\u00a0kr" in example_cost_table().data


# --- the cost and completeness tables shared by the handbook, the worksheet and the export ---

def test_the_cost_table_has_a_row_per_role_and_then_the_total(example, county):
    header, rows = cost_table(example, county)
    assert header == list(COST_COLUMNS.values())
    assert len(rows) == len(example.roles()) + 1
    assert rows[-1][0] == "Totalt"
    assert rows[-1][-2:] == ["1,30", "1\u00a0591\u00a0200 kr"]


def test_the_cost_table_shows_only_the_columns_asked_for_in_that_order(example, county):
    header, rows = cost_table(example, county, ("cost", "role"))
    assert header == ["Kostnad", "Roll"]
    assert all(len(r) == 2 for r in rows)


def test_a_cost_that_cannot_be_computed_yet_shows_as_a_dash(county):
    plan = Plan({"implementation": {"cost_per_fte_month": 60000, "roles": {
        "a": {"kind": "arbetsgrupp", "title": "Arbetsgrupp", "persons": 3, "months": 12}}}},
        county.principals())
    _, rows = cost_table(plan, county, ("role", "share", "fte", "cost"))
    assert rows[0] == ["Arbetsgrupp", "–", "–", "–"]


def test_the_handbook_keeps_each_amount_and_kr_on_one_line(example, county):
    _, rows = cost_table(example, county, ("cost",), unbroken=True)
    assert rows[-1] == ["1\u00a0591\u00a0200\u00a0kr"]


def test_the_completeness_table_has_a_row_per_step_with_what_is_left(example):
    rows = progress_rows(completeness(example, today=TODAY))
    assert len(PROGRESS_COLUMNS) == len(rows[0].cells())
    assert [r.step for r in rows][:2] == ["Steg 1. Gemensamma mål",
                                          "Steg 2. Kartlägga förutsättningar"]
    assert "Tabellen ”Digitalt stöd” är tom." in rows[1].todo
    done = [r for r in rows if r.status == "Klart"]
    assert done and all(r.todo == "–" for r in done)
