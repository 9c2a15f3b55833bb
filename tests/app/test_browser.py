"""Real-browser tests in Debian's Chromium: `naravard serve` on the example county, with every
request to anything but localhost blocked."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.a11y.walk import seed_examples
from tests.browser_support import WORKSHEETS, OfflinePage, open_worksheet, running_server

pytestmark = [pytest.mark.browser, pytest.mark.book]

def test_start_page_links_the_book_and_every_worksheet(offline):
    o = offline()
    o.page.goto(o.base + "/")
    assert "Exempellän" in o.page.inner_text("body")
    assert o.page.locator('a[href="/bok/intro.html"]').count() == 1
    for name in WORKSHEETS:
        assert o.page.locator(f'button[formaction="/voila/render/{name}.ipynb"]').count() == 1
    assert o.blocked == []


def test_book_pages_load_offline_with_their_figures(offline):
    o = offline()
    o.page.goto(o.base + "/bok/intro.html")
    assert "Exempellän" in o.page.inner_text("main")
    o.page.goto(o.base + "/bok/chapters/16_anpassa.html")
    assert "Norrviks kommun" in o.page.inner_text("main")
    images = o.page.locator("main img")
    for i in range(images.count()):
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    assert o.blocked == []
    assert o.failed == []


def test_book_search_works_offline(offline):
    o = offline()
    o.page.goto(o.base + "/bok/search.html?q=systemledning")
    o.page.wait_for_selector("#search-results li", timeout=30_000)
    assert o.page.locator("#search-results li").count() > 0
    assert o.blocked == []


@pytest.mark.parametrize("name", WORKSHEETS)
def test_worksheet_shows_widgets_and_a_chart_offline(offline, built_site, name):
    # With the example material saved, every worksheet's first view has a chart (an empty
    # follow-up sheet has no round to draw yet).
    seed_examples(built_site["root"] / "data", built_site["workspace"], "webblasare-exempel")
    o = offline()
    page = open_worksheet(o, name, "webblasare-exempel")
    tabs = page.locator('[role="tab"]')
    chart = page.locator(".naravard-chart svg").first
    # The chart is on the first view, or (the follow-up sheet) behind one of the tabs.
    for i in range(-1, tabs.count()):
        if i >= 0:
            tabs.nth(i).click()
        try:
            chart.wait_for(state="visible", timeout=60_000 if i < 0 else 30_000)
            break
        except PlaywrightTimeout:
            continue
    assert chart.is_visible()
    assert page.locator(".jupyter-widgets").count() > 3
    assert "Exempellän" in page.inner_text(".naravard-header")
    assert "Traceback" not in page.inner_text("body")
    assert o.blocked == []


def test_a_typed_value_survives_a_page_reload(offline):
    o = offline()
    page = open_worksheet(o, "insight_360", "omladdning")
    field = page.locator(".naravard-field input").first
    field.fill("Hur hanterar vi statsbidragen tillsammans?")
    page.wait_for_selector(".naravard-ok", timeout=30_000)
    page.reload()
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    assert page.locator(".naravard-field input").first.input_value() == \
        "Hur hanterar vi statsbidragen tillsammans?"
    assert o.blocked == []


def test_lan_mode_lets_nobody_in_without_the_access_token(built_site, browser):
    with running_server(built_site, "--lan", "--token", "hemlig-kod-123") as (base, _proc):
        for path in ("/", "/bok/intro.html", "/voila/render/insight_360.ipynb",
                     "/naravard/static/vega.mjs"):
            request = urllib.request.Request(base + path)
            opener = urllib.request.build_opener(_NoRedirect)
            with pytest.raises(urllib.error.HTTPError) as info:
                opener.open(request, timeout=30)
            assert info.value.code in (302, 403), path
        o = OfflinePage(browser, base)
        try:
            o.page.goto(base + "/?token=hemlig-kod-123")
            assert "Exempellän" in o.page.inner_text("body")
            o.page.goto(base + "/bok/intro.html")  # the login cookie now lets the reader in
            assert "Exempellän" in o.page.inner_text("main")
            page = open_worksheet(o, "insight_360", "lan")
            page.wait_for_selector(".naravard-chart svg", timeout=60_000)
            assert o.blocked == []
        finally:
            o.close()


def test_preheated_kernels_still_open_the_workshop_named_in_the_address(built_site, browser):
    with running_server(built_site, "--preheat", "1") as (base, _proc):
        log = built_site["root"] / f"serve-{base.rsplit(':', 1)[1]}.log"
        deadline = time.time() + 180
        while time.time() < deadline and log.read_text().count("Förvärmt:") < 3:
            time.sleep(1)
        o = OfflinePage(browser, base)
        try:
            page = open_worksheet(o, "insight_360", "forvarmd")
            page.wait_for_selector(".naravard-chart svg", timeout=60_000)
            assert page.inner_text(".naravard-workshop") == "forvarmd"
            assert o.blocked == []
        finally:
            o.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
