"""The cost of the implementation from time shares, and the one cost table."""

from __future__ import annotations

import pytest

from naravard.plan.cost import (COST_COLUMNS, cost_summary, cost_table, parse_share,
                                parts_sentence, share_problem)
from naravard.plan.model import Plan, county_plan


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
    assert rows[-1][-3:] == ["1,30", "1,95", "1\u00a0591\u00a0200 kr"]


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


def test_full_time_equivalents_and_person_years_differ_unless_the_role_runs_twelve_months(county):
    plan = Plan({"implementation": {"cost_per_fte_month": 50000, "roles": {
        "a": {"kind": "processledare", "principal": county.region, "persons": 2, "share": 50,
              "months": 6}}}}, county.principals())
    header, rows = cost_table(plan, county, ("fte", "person_years"))
    assert header == ["Heltidsekvivalenter", "Årsarbetare under perioden"]
    assert rows[0] == ["1,00", "0,50"]


@pytest.mark.parametrize("text, expected", [
    ("25", (25, 25)), ("25 %", (25, 25)), ("10–15 %", (10, 15)), ("10-15", (10, 15)),
    ("10 – 15 procent", (10, 15)), ("12,5–20", (12.5, 20)), ("", None)])
def test_time_shares_are_read_as_a_single_value_or_a_range(text, expected):
    assert parse_share(text) == expected


@pytest.mark.parametrize("text", ["mycket", "120", "10–150 %"])
def test_an_unreadable_time_share_is_refused_in_swedish(text):
    assert "tidsandel" in share_problem(text).casefold()


def test_a_time_share_range_is_costed_as_minimum_and_maximum(county):
    plan = Plan({"implementation": {"cost_per_fte_month": 60000, "roles": {
        "a": {"kind": "arbetsgrupp", "title": "Arbetsgrupp", "principal": "Gemensam",
              "persons": 6, "share": "10–15 %", "months": 4}}}}, county.principals())
    costs = cost_summary(plan)
    assert (costs.total_cost, costs.total_cost_max) == (144000, 216000)
    _, rows = cost_table(plan, county, ("share", "fte", "cost"))
    assert rows[0] == ["10–15 %", "0,60–0,90", "144\u00a0000–216\u00a0000 kr"]
    assert rows[-1][-1] == "144\u00a0000–216\u00a0000 kr"


def test_a_fixed_offer_excluding_vat_is_a_cost_line_of_its_own(county):
    plan = Plan({"implementation": {"cost_per_fte_month": 60000, "roles": {
        "a": {"kind": "processledare", "principal": county.region, "persons": 1, "share": 25,
              "months": 4}},
        "fixed": {"k": {"title": "Konsultstöd enligt offert", "principal": "Gemensam",
                        "amount": "480 000", "period": "4 månader", "vat": "exkl"}}}},
        county.principals())
    costs = cost_summary(plan)
    assert costs.total_cost == 60000 + 480000
    assert (costs.region_cost, costs.municipal_cost, costs.joint_cost) == (60000, 0, 480000)
    _, rows = cost_table(plan, county, ("role", "kind", "effort", "cost"))
    assert rows[1] == ["Konsultstöd enligt offert", "Fast kostnad", "4 månader",
                       "480\u00a0000 kr exkl. moms"]
    assert "exkl. moms" in parts_sentence(plan)


def test_roles_of_an_area_and_of_gemensam_count_as_joint_not_as_municipal(county):
    plan = county_plan({"implementation": {"cost_per_fte_month": 10000, "roles": {
        "a": {"kind": "arbetsgrupp", "principal": "Norra området", "persons": 1, "share": 100,
              "months": 1},
        "b": {"kind": "arbetsgrupp", "principal": "Sjöstad", "persons": 1, "share": 100,
              "months": 1}}}}, county)
    costs = cost_summary(plan)
    assert (costs.municipal_cost, costs.joint_cost) == (10000, 10000)
    _, rows = cost_table(plan, county, ("principal",))
    assert rows[0] == ["Norra området (närvårdsområde)"]
