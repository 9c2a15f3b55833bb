"""The Tight–Loose–Tight check of the plan's goals."""

from __future__ import annotations

import pytest

from naravard.plan.checks import structure_terms, tlt_check
from naravard.plan.progress import completeness

from tests.plan.conftest import TODAY, GOOD_GOAL, kinds


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


def test_the_example_plan_is_partly_filled_and_flags_exactly_one_goal(example):
    progress = {p.step.key: p for p in completeness(example, today=TODAY)}
    flagged = [gid for gid, g in example.goals().items() if tlt_check(g, TODAY)]
    assert flagged == ["g4"]
    assert progress["goals"].status == "Flaggat"
    assert any(p.missing for p in progress.values())
    assert any(p.status == "Klart" for p in progress.values())
    assert "Tabellen ”Digitalt stöd” är tom." in progress["mapping"].missing


def test_every_finding_has_a_short_summary_for_tables():
    findings = tlt_check({"text": "Fler vårdplatser", "date": "snart"}, TODAY)
    assert [f.summary for f in findings] == [
        "Målet handlar om struktur (”vårdplatser”)", "Mått saknas", "Utgångsvärde saknas",
        "Målvärde saknas", "Datumet går inte att läsa"]


# -- process-leader pairs, per area -------------------------------------------------------------

def _leaders(county, *roles):
    from naravard.plan.cost import cost_summary
    from naravard.plan.model import county_plan

    plan = county_plan({"implementation": {"roles": {
        f"r{i}": {"kind": "processledare", "principal": p, "area": a, "persons": 1,
                  "share": 25, "months": 12} for i, (p, a) in enumerate(roles)}}}, county)
    from naravard.plan.checks import leader_pair_problems

    return leader_pair_problems(plan, cost_summary(plan).roles)


def test_one_county_wide_pair_of_region_and_municipality_passes(county):
    assert _leaders(county, (county.region, ""), ("Norrvik", "")) == []


def test_two_region_leaders_are_not_a_pair(county):
    assert _leaders(county, (county.region, ""), (county.region, "")) == [
        "Processledarna är inte ett par med en från regionen och en från en kommun."]


def test_pairs_are_checked_per_area_with_a_municipality_of_that_area(county):
    problems = _leaders(county, (county.region, "Norra området"), ("Norrvik", "Norra området"),
                        (county.region, "Södra området"), ("Sjöstad", "Södra området"))
    assert problems == ["Processledarna i Södra området är inte ett par med en från regionen "
                        "och en från en kommun i området (Åkerby, Bergslund och Ekeås)."]


def test_when_leaders_belong_to_areas_every_area_needs_its_pair(county):
    problems = _leaders(county, (county.region, "Norra området"), ("Sjöstad", "Norra området"))
    assert problems == ["Södra området har inga processledare. Lägg till ett par, en från "
                        "regionen och en från en kommun i området."]
