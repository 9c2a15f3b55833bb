"""Real-browser tests in Debian's Chromium: `naravard serve` on the example county, with every
request to anything but localhost blocked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.book]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WORKSHEETS = ["forum_mapping", "insight_360", "plan_primarvard"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # the server answers (perhaps asking for the token)
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} svarade inte")


@contextmanager
def running_server(site: dict, *extra: str):
    port = free_port()
    log = open(site["root"] / f"serve-{port}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "naravard.cli", "serve", "--port", str(port),
                             *extra], cwd=site["root"], env=site["env"], stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(built_site):
    assert built_site["proc"].returncode == 0, built_site["proc"].stderr[-2000:]
    with running_server(built_site) as (base, proc):
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium saknas: kör scripts/test.sh, som installerar Debians chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class OfflinePage:
    """A browser page where everything not on localhost is blocked and recorded."""

    def __init__(self, browser, base: str, **context_args):
        self.base = base
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.context = browser.new_context(accept_downloads=True, **context_args)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("response", self._response)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(browser, server):
    pages = []

    def make(**kwargs) -> OfflinePage:
        p = OfflinePage(browser, server, **kwargs)
        pages.append(p)
        return p

    yield make
    for p in pages:
        p.close()


def open_worksheet(o: OfflinePage, name: str, workshop: str):
    page = o.page
    page.goto(f"{o.base}/voila/render/{name}.ipynb?workshop={workshop}")
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    return page


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
    o.page.goto(o.base + "/bok/chapters/15_anpassa.html")
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
def test_worksheet_shows_widgets_and_a_chart_offline(offline, name):
    o = offline()
    page = open_worksheet(o, name, "webblasare")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
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


def test_a_forum_added_in_the_worksheet_appears_in_chart_and_table_after_reload(offline):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "forumtest")
    page.locator(".naravard-card input[type=text]").first.fill("Länsgrupp <b>NV</b>")
    page.get_by_role("button", name="Lägg till forum").click()
    page.wait_for_selector(".forum-table td", timeout=30_000)
    page.reload()
    page.wait_for_selector(".forum-table td", timeout=120_000)
    assert page.locator(".forum-table td").first.inner_text() == "Länsgrupp <b>NV</b>"
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    assert "Länsgrupp <b>NV</b>" in page.locator(".naravard-chart").text_content()
    assert o.blocked == []


def test_a_removed_forum_comes_back_with_the_undo_button(offline):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "angratest")
    page.locator(".naravard-card input[type=text]").first.fill("Vårdsamverkan Ekeås")
    page.get_by_role("button", name="Lägg till forum").click()
    page.wait_for_selector(".forum-table td", timeout=30_000)
    page.locator("select").filter(has_text="Välj forum att ta bort").select_option(
        label="Vårdsamverkan Ekeås")
    page.get_by_role("button", name="Ta bort").click()
    page.wait_for_selector("text=Inga forum ännu", timeout=30_000)
    page.get_by_role("button", name="Ångra senaste ändringen").click()
    page.wait_for_selector(".forum-table td", timeout=30_000)
    assert page.locator(".forum-table td").first.inner_text() == "Vårdsamverkan Ekeås"
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
        while time.time() < deadline and log.read_text().count("is filled") < 3:
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
