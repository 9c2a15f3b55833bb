"""The cost of the implementation from time shares, and the one cost table."""

from __future__ import annotations

import pytest

from naravard.plan.cost import COST_COLUMNS, cost_summary, cost_table
from naravard.plan.model import Plan


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
