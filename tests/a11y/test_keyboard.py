"""Keyboard-only flows in every worksheet (WCAG 2.1.1): Tab, Enter, Space, arrows and typing.
The focus is visible (an outline of 2 px or more) and confirmations reach the live region."""

from __future__ import annotations

import pytest

from tests.a11y.keyboard import focus_ring, focused, tab_to, tab_until
from tests.browser_support import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.book]


def assert_visible_focus(page) -> None:
    ring = focus_ring(page)
    assert ring["style"] != "none" and ring["width"] >= 2, (focused(page), ring)


def saved_and_announced(page) -> None:
    status = page.locator(".naravard-status[role=status][aria-live=polite]")
    status.locator(".naravard-ok, .naravard-info").first.wait_for(timeout=30_000)


def test_a_forum_and_a_relation_are_added_with_the_keyboard_alone(room):
    page = open_worksheet(room, "forum_mapping", "tangentbord-forum")
    for forum in ("Länsgruppen för Nära vård", "Vårdsamverkan Norrvik"):
        tab_to(page, "Namn", "input")
        assert_visible_focus(page)
        page.keyboard.type(forum, delay=40)
        tab_to(page, "Lägg till forum", "button")
        assert_visible_focus(page)
        page.keyboard.press("Enter")
        page.locator(".forum-table td", has_text=forum).first.wait_for(timeout=30_000)
        saved_and_announced(page)
    # The relations tab: focus the tab bar, move with the arrow key, open with Enter.
    tab_to(page, "Karta", backwards=True)
    page.keyboard.press("ArrowRight")
    assert focused(page)["name"] == "Relationer"
    page.keyboard.press("Enter")
    tab_to(page, "Från forum", "select")
    assert_visible_focus(page)
    page.keyboard.press("Home")  # the first forum (in alphabetical order)
    tab_to(page, "Till forum", "select")
    page.keyboard.press("End")  # the last one
    tab_to(page, "Lägg till relation", "button")
    page.keyboard.press("Space")
    table = page.locator(".naravard-app table", has_text="Vårdsamverkan Norrvik").last
    table.wait_for(timeout=30_000)
    saved_and_announced(page)
    assert room.blocked == []


def test_a_goal_is_written_and_the_plan_exported_with_the_keyboard_alone(room):
    page = open_worksheet(room, "plan_primarvard", "tangentbord-plan")
    tab_to(page, "1 Mål", "button")
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.locator(".naravard-steps .mod-active", has_text="1 Mål").wait_for(timeout=30_000)
    page.get_by_role("button", name="Lägg till mål").wait_for(timeout=30_000)
    tab_to(page, "Lägg till mål", "button")
    page.keyboard.press("Enter")
    page.locator(".plan-goal-text textarea").first.wait_for(timeout=30_000)
    box = page.locator(".plan-goal-text textarea").first
    name = box.evaluate("el => el.getAttribute('aria-label') || "
                        "(document.querySelector(`label[for='${el.id}']`) || {}).textContent")
    tab_to(page, " ".join(name.split()), "textarea")
    assert_visible_focus(page)
    page.keyboard.type("Färre äldre skadas av fall i Norrvik", delay=40)
    saved_and_announced(page)
    tab_to(page, "Översikt och export", "button", backwards=True)
    page.keyboard.press("Enter")
    page.locator(".naravard-steps .mod-active", has_text="Översikt").wait_for(timeout=30_000)
    label = "Ladda ner planen som Word (DOCX)"
    page.get_by_role("button", name=label).wait_for(timeout=30_000)
    tab_to(page, label, "button")
    assert_visible_focus(page)
    with page.expect_download(timeout=120_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "gemensam-plan-tangentbord-plan.docx"
    assert room.blocked == []


def test_an_interview_is_added_and_tagged_with_a_theme_with_the_keyboard_alone(room):
    page = open_worksheet(room, "insight_360", "tangentbord-insikt")
    tab_to(page, "Ny intervju", "button")
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    page.locator(".insight-step-6 textarea").first.wait_for(timeout=30_000)
    tab_until(page, "el.tagName === 'TEXTAREA' && el.closest('.insight-step-6')",
              "intervjuns första svar")
    assert_visible_focus(page)
    page.keyboard.type("Statsbidragen kommer sent och fördelas olika.", delay=20)
    saved_and_announced(page)
    tab_to(page, "Tema", "input")
    page.keyboard.type("Statsbidrag", delay=40)
    tab_to(page, "Lägg till tema", "button")
    page.keyboard.press("Enter")
    page.locator(".insight-step-7 select option", has_text="Statsbidrag").first.wait_for(
        state="attached", timeout=30_000)
    in_synthesis = "() => !!document.activeElement.closest('.insight-step-7')"
    tab_to(page, "Välj intervju", "select")
    if not page.evaluate(in_synthesis):  # the interviews step has one too; the next is ours
        tab_to(page, "Välj intervju", "select")
    assert page.evaluate(in_synthesis)
    page.keyboard.press("End")  # the interview just added
    page.locator(".insight-answer", has_text="Statsbidragen kommer sent").wait_for(timeout=30_000)
    tab_until(page, "el.tagName === 'INPUT' && el.closest('.jupyter-widget-tagsinput')",
              "fältet för teman")
    assert_visible_focus(page)
    page.keyboard.type("Statsbidrag", delay=40)
    page.keyboard.press("Enter")
    page.locator(".jupyter-widget-tag", has_text="Statsbidrag").first.wait_for(timeout=30_000)
    saved_and_announced(page)
    assert room.blocked == []

