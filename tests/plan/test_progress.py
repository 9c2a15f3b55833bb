"""How far the plan has come: completeness per step and the one completeness table."""

from __future__ import annotations

from naravard.plan.model import Plan
from naravard.plan.progress import PROGRESS_COLUMNS, completeness, progress_rows

from tests.plan.conftest import TODAY, GOOD_GOAL


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


def test_the_completeness_table_has_a_row_per_step_with_what_is_left(example):
    rows = progress_rows(completeness(example, today=TODAY))
    assert len(PROGRESS_COLUMNS) == len(rows[0].cells())
    assert [r.step for r in rows][:2] == ["Steg 1. Gemensamma mål",
                                          "Steg 2. Kartlägga förutsättningar"]
    assert "Tabellen ”Digitalt stöd” är tom." in rows[1].todo
    done = [r for r in rows if r.status == "Klart"]
    assert done and all(r.todo == "–" for r in done)
