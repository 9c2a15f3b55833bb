"""Focus and typed text survive a worksheet's redraw (WCAG 2.4.3, and no lost typing).

A worksheet that adds a row redraws its list, often with the very button that was pressed; the
keyboard user's focus must stay on that control (static/a11y.js), not fall back to the top of
the page. Text typed just before "Lägg till …" is pressed must be saved whole, however fast the
press follows the typing (the add forms sync their fields on change, ui/forums/form.py)."""

from __future__ import annotations

import pytest

from tests.a11y.keyboard import focused, tab_to
from tests.browser_support import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.book]

NAME = "Länsgruppen för vård och omsorg i Exempellän"


def forum_cells(page) -> list[str]:
    return [t.strip() for t in page.locator(".forum-table tr td:first-child").all_inner_texts()]


def test_focus_stays_on_the_add_button_after_a_forum_is_added_with_the_keyboard(room):
    page = open_worksheet(room, "forum_mapping", "fokus-forum")
    tab_to(page, "Namn", "input")
    page.keyboard.type("Vårdsamverkan Norrvik")
    tab_to(page, "Lägg till forum", "button")
    page.keyboard.press("Enter")
    page.locator(".forum-table td", has_text="Vårdsamverkan Norrvik").first.wait_for(
        timeout=30_000)
    page.wait_for_timeout(500)  # let any redraw after the save settle
    assert focused(page) == {"tag": "button", "role": "", "name": "Lägg till forum"}


def test_focus_moves_to_the_redrawn_button_when_the_plan_redraws_its_goals(room):
    page = open_worksheet(room, "plan_primarvard", "fokus-plan")
    tab_to(page, "1 Mål", "button")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lägg till mål").wait_for(timeout=30_000)
    goals = page.locator(".plan-goal-text textarea").count()
    tab_to(page, "Lägg till mål", "button")
    old = page.evaluate_handle("() => document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('.plan-goal-text textarea').length"
                           f" > {goals}", timeout=30_000)
    # the list (with its button) is drawn anew: the pressed button is gone from the page …
    page.wait_for_function("el => !el.isConnected", arg=old, timeout=30_000)
    # … and focus is on its successor, not on <body> at the top of the page
    page.wait_for_function("() => document.activeElement !== document.body", timeout=10_000)
    assert focused(page) == {"tag": "button", "role": "", "name": "Lägg till mål"}


def test_a_name_typed_and_added_with_enter_at_once_is_saved_whole(room):
    page = open_worksheet(room, "forum_mapping", "fokus-snabb-enter")
    tab_to(page, "Namn", "input")
    page.keyboard.type(NAME)  # no pause between keys, none before Tab and Enter
    page.keyboard.press("Tab")
    tab_to(page, "Lägg till forum", "button")
    page.keyboard.press("Enter")
    page.locator(".forum-table td", has_text="Exempellän").first.wait_for(timeout=30_000)
    assert forum_cells(page) == [NAME]


def test_a_name_typed_and_added_with_a_click_at_once_is_saved_whole(room):
    page = open_worksheet(room, "forum_mapping", "fokus-snabb-klick")
    tab_to(page, "Namn", "input")
    page.keyboard.type(NAME)
    page.get_by_role("button", name="Lägg till forum").click()
    page.locator(".forum-table td", has_text="Exempellän").first.wait_for(timeout=30_000)
    assert forum_cells(page) == [NAME]
