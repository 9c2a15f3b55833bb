"""The plan accessor: documents saved by earlier versions still read."""

from __future__ import annotations

from naravard.plan.model import Plan


def test_a_plan_saved_by_the_first_version_keeps_its_goal_text(county):
    plan = Plan({"goals": {"text": "Färre fall bland äldre"}}, county.principals())
    assert [g["text"] for g in plan.goals().values()] == ["Färre fall bland äldre"]
