"""The plan's implementation step: a fixed cost line, a time-share range, roles of an area and
milestones in months from the start, typed in the worksheet and saved."""

from __future__ import annotations

import ipywidgets as w
import pytest

from naravard.core.store import Workspace
from naravard.plan.model import DOC
from naravard.ui.common import start_session
from naravard.ui.plan.page import PlanWorksheet

from tests.ui.plan.test_page import buttons, fields, goto, html, walk


@pytest.fixture
def sheet(workspace_dir) -> PlanWorksheet:
    return PlanWorksheet(start_session(DOC, workshop="kostnad"))


def saved(workspace_dir) -> dict:
    return Workspace(workspace_dir, "kostnad").read(DOC)["implementation"]


def dropdowns(widget, label: str) -> list[w.Dropdown]:
    return [box.field for box in walk(widget)
            if hasattr(box, "field") and isinstance(box.field, w.Dropdown)
            and box.field.description.startswith(label)]


def test_a_fixed_offer_excluding_vat_is_added_to_the_cost(sheet, workspace_dir):
    page = goto(sheet, "implementation")
    buttons(page, "Lägg till fast kostnad")[0].click()
    page = sheet.page
    fields(page, "Vad")[0].value = "Konsultstöd enligt offert"
    fields(page, "Belopp")[0].value = "480 000"
    fields(page, "Period")[0].value = "4 månader"
    dropdowns(page, "Moms")[0].value = "exkl"
    dropdowns(page, "Huvudman")[-1].value = "Gemensam"
    [line] = saved(workspace_dir)["fixed"].values()
    assert line == {"title": "Konsultstöd enligt offert", "principal": "Gemensam",
                    "amount": "480 000", "period": "4 månader", "vat": "exkl"}
    cost = html(sheet.page)
    assert "480\u00a0000 kr exkl. moms" in cost and "gemensamt och områden" in cost


def test_a_time_share_range_and_an_area_are_saved_and_costed_as_min_and_max(sheet, workspace_dir):
    page = goto(sheet, "implementation")
    fields(page, "Kostnad per heltid")[0].value = "50 000"
    buttons(page, "Lägg till roll")[0].click()
    page = sheet.page
    fields(page, "Antal personer")[0].value = "6"
    fields(page, "Tidsandel")[0].value = "10–15 %"
    fields(page, "Månader")[0].value = "4"
    assert [o[1] for o in dropdowns(page, "Område")[0].options] == [
        "", "Norra området", "Södra området"]
    dropdowns(page, "Område")[0].value = "Södra området"
    dropdowns(page, "Huvudman")[0].value = "Södra området"
    [role] = saved(workspace_dir)["roles"].values()
    assert (role["share"], role["area"], role["principal"]) == (
        "10–15 %", "Södra området", "Södra området")
    assert "120\u00a0000–180\u00a0000 kr" in html(sheet.page)


def test_an_unreadable_time_share_is_refused_and_not_saved(sheet, workspace_dir):
    page = goto(sheet, "implementation")
    buttons(page, "Lägg till roll")[0].click()
    page = sheet.page
    fields(page, "Tidsandel")[0].value = "en hel del"
    assert "går inte att läsa som tidsandel" in html(sheet.page)
    [role] = saved(workspace_dir)["roles"].values()
    assert role["share"] == ""


def test_a_milestone_in_months_from_the_start_is_saved_without_a_date(sheet, workspace_dir):
    page = goto(sheet, "implementation")
    fields(page, "Start för genomförandet")[0].value = "2027-01-15"
    buttons(page, "Lägg till etappmål")[0].click()
    page = sheet.page
    fields(page, "Etappmål")[0].value = "Arbetsgruppen är utsedd"
    fields(page, "eller månad från start")[0].value = "2"
    [milestone] = saved(workspace_dir)["milestones"].values()
    assert (milestone["date"], milestone["month"]) == ("", "2")
    assert saved(workspace_dir)["start"] == "2027-01-15"
