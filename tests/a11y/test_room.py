"""A look fit for a room: at 1366×768 and at projector size 1920×1080 every text in every
worksheet is 16 px or more, the selected tab or step stands out, the focus ring is 2 px or
more, and the presentation mode makes the type larger and is remembered. Screenshots go to
/tmp/naravard-a11y/ for a human look."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.a11y.keyboard import focus_ring
from tests.browser_support import WORKSHEETS, OfflinePage

pytestmark = [pytest.mark.browser, pytest.mark.book]

SHOTS = Path("/tmp/naravard-a11y")
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}

#: Elements with their own text (not charts: their type is set by the chart theme) and
#: the computed font size of each, smallest first.
SMALL_TEXT = """() => {
    const out = [];
    const app = document.querySelector(".naravard-app");
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (!node.textContent.trim() || !el || el.closest("svg, .vg-tooltip")) continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 16) out.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
    }
    return out;
}"""


@pytest.fixture(scope="module")
def pages(browser, server):
    made = []

    def make(size: str) -> OfflinePage:
        width, height = SIZES[size]
        o = OfflinePage(browser, server, viewport={"width": width, "height": height})
        made.append(o)
        return o

    yield make
    for o in made:
        o.close()


def open_sheet(o: OfflinePage, name: str, workshop: str):
    page = o.page
    page.goto(f"{o.base}/voila/render/{name}.ipynb?workshop={workshop}")
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    page.wait_for_timeout(1500)
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", WORKSHEETS)
def test_every_text_in_the_worksheet_is_at_least_16_px(pages, examples_workshop, name, size):
    o = pages(size)
    page = open_sheet(o, name, examples_workshop)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"))
    assert page.evaluate(SMALL_TEXT) == []
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("() => !!document.activeElement.closest('.naravard-app')"):
            break
        page.keyboard.press("Tab")
    ring = focus_ring(page)
    assert ring["style"] != "none" and ring["width"] >= 2
    page.screenshot(path=str(SHOTS / f"{name}-{size}-fokus.png"))


def test_the_selected_tab_and_step_stand_out(pages, examples_workshop):
    o = pages("1920x1080")
    for name, selected, other in (
            ("forum_mapping", ".lm-TabBar-tab.lm-mod-current",
             ".lm-TabBar-tab:not(.lm-mod-current)"),
            ("plan_primarvard", ".naravard-steps .mod-active",
             ".naravard-steps button:not(.mod-active)")):
        page = open_sheet(o, name, examples_workshop)
        style = "el => { const s = getComputedStyle(el); " \
                "return [s.backgroundColor, s.fontWeight, s.boxShadow]; }"
        chosen = page.locator(selected).first.evaluate(style)
        rest = page.locator(other).first.evaluate(style)
        assert chosen[0] != rest[0] and int(chosen[1]) >= 700, (name, chosen, rest)


def test_presentation_mode_makes_the_type_larger_and_is_remembered(pages, examples_workshop):
    o = pages("1920x1080")
    page = open_sheet(o, "plan_primarvard", examples_workshop)
    size = "() => parseFloat(getComputedStyle(document.querySelector('.naravard-app')).fontSize)"
    assert page.evaluate(size) == 16
    toggle = page.get_by_role("button", name="Presentationsläge")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(size) >= 20
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "plan_primarvard-presentation.png"))
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    assert page.evaluate(size) >= 20
    page.get_by_role("button", name="Presentationsläge").click()
    assert page.evaluate(size) == 16


def test_presentation_mode_makes_checkbox_captions_as_large_as_the_rest(pages, examples_workshop):
    o = pages("1366x768")
    page = o.page
    page.goto(f"{o.base}/voila/render/forum_mapping.ipynb?workshop={examples_workshop}"
              "&presentation=1")
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    caption = page.locator(".naravard-app .widget-checkbox",
                           has_text="Forumet är länets systemledning").first
    size = caption.evaluate("el => parseFloat(getComputedStyle("
                            "el.querySelector('.widget-label-basic span') || el).fontSize)")
    box = caption.locator("input[type=checkbox]").bounding_box()
    page.goto(f"{o.base}/voila/render/forum_mapping.ipynb?workshop={examples_workshop}"
              "&presentation=0")  # the mode is remembered: leave it off for the next test
    assert size >= 20
    assert box["width"] >= 18 and box["height"] >= 18
