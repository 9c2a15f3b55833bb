"""The plan and the follow-up share their indicators: step 5 of the plan adds indicators from
the handbook's starter set, and the follow-up offers the plan's step-5 indicators to follow."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import Workspace
from naravard.ui.common import start_session
from naravard.ui.followup.page import FollowupWorksheet
from naravard.ui.plan.page import PlanWorksheet

from tests.ui.followup.test_page import click, find


def test_plan_step_5_adds_an_indicator_from_the_starter_set(workspace_dir):
    ws = Workspace(workspace_dir, "lankprov")
    ws.set("plan_primarvard", ("goals", "g1"), {"text": "Färre akutbesök bland de äldsta"})
    sheet = PlanWorksheet(start_session("plan_primarvard", workshop="lankprov"))
    sheet.steps.value = "followup"
    picker = find(sheet.page, w.Dropdown, "plan-starter-indicator")[0]
    picker.value = "akutbesok_80"
    click(sheet.page, "Lägg till ur startuppsättningen")
    (ind,) = ws.read("plan_primarvard")["followup"]["indicators"].values()
    assert ind["goal"] == "g1" and ind["name"] == "Akutbesök, 80 år och äldre"
    assert ind["dimension"] == "kostnad" and ind["frequency"] == "månad"


def test_the_followup_offers_the_plans_step_5_indicators(workspace_dir):
    ws = Workspace(workspace_dir, "lankprov")
    ws.set("plan_primarvard", ("followup", "indicators", "k1"),
           {"goal": "g1", "name": "Hembesök av läkare", "source": "Journalsystemet",
            "frequency": "månad", "dimension": "upplevelse"})
    ui = FollowupWorksheet(start_session("uppfoljning", workshop="lankprov"))
    ui.tabs.selected_index = 2
    tab = ui.tabs_parts[2].widget
    plan_choice = [d for d in find(tab, w.Dropdown) if ("Hembesök av läkare", "k1") in
                   list(zip(d._options_labels, d._options_values))]
    assert plan_choice, "the plan's indicator is not offered"
    buttons = find(tab, w.Button, description="Följ indikatorn")
    buttons[-1].click()
    (ind,) = ws.read("uppfoljning")["indicators"].values()
    assert ind["origin"] == "plan" and ind["ref"] == "k1" and ind["name"] == "Hembesök av läkare"
