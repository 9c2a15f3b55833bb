"""Browser-test support: start `naravard serve` on a built copy of the project and drive
Debian's Chromium with every request to anything but localhost blocked."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from naravard.core.worksheets import WORKSHEETS as REGISTRY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WORKSHEETS = list(REGISTRY)


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
    proc = subprocess.Popen([sys.executable, "-m", "naravard.app.cli", "serve", "--port", str(port),
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


@pytest.fixture(scope="session")
def server(built_site):
    assert built_site["proc"].returncode == 0, built_site["proc"].stderr[-2000:]
    with running_server(built_site) as (base, proc):
        yield base


@pytest.fixture(scope="session")
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
