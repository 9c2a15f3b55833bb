"""The plan accessor: documents saved by earlier versions still read."""

from __future__ import annotations

from naravard.plan.model import Plan


def test_a_plan_saved_by_the_first_version_keeps_its_goal_text(county):
    plan = Plan({"goals": {"text": "Färre fall bland äldre"}}, county.principals())
    assert [g["text"] for g in plan.goals().values()] == ["Färre fall bland äldre"]


def test_milestones_may_be_given_in_months_from_the_start_until_dates_are_set(county):
    import datetime as dt

    from naravard.plan.model import county_plan

    plan = county_plan({"implementation": {"start": "2027-01-15", "milestones": {
        "a": {"title": "Uppföljning", "month": "6"},
        "b": {"title": "Start", "month": 1},
        "c": {"title": "Beslut", "date": "2027-01-31"}}}}, county)
    assert [m["title"] for _, m in plan.milestones()] == ["Beslut", "Start", "Uppföljning"]
    assert plan.milestone_date({"month": 6}) == dt.date(2027, 7, 15)
    assert county_plan({}, county).milestone_date({"month": 6}) is None
