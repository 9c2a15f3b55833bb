"""Nothing typed is lost: kernel killed, server killed and restarted, two writers, undo with two
participants, a damaged save. Real Chromium against `naravard serve`, everything but localhost
blocked. Every test counts the entries that were typed and are not saved, and asserts 0."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from contextlib import contextmanager

import psutil
import pytest

from naravard.core.store import Workspace
from tests.browser_support import OfflinePage, free_port, open_worksheet, wait_for
from tests.conftest import build_env, copy_project

pytestmark = [pytest.mark.browser]

FIELD = "[class*=naravard-key-] textarea"
#: Any autosaved field in view (the plan's first step has one-line fields).
ANY_FIELD = "[class*=naravard-key-] :is(input, textarea):visible"
BANNER = ".naravard-connection-lost"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the project (the handbook is not needed for worksheets) and its workspace."""
    root = copy_project(tmp_path_factory.mktemp("varaktig"))
    workspace = tmp_path_factory.mktemp("varaktig-arbetsyta")
    return {"root": root, "workspace": workspace, "env": build_env(root, workspace)}


class Server:
    """`naravard serve` on a fixed port, which a test may kill and start again."""

    def __init__(self, site: dict):
        self.site = site
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.site["root"] / f"serve-{self.port}.log", "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "naravard.app.cli", "serve", "--port", str(self.port)],
            cwd=self.site["root"], env=self.site["env"], stdout=log, stderr=subprocess.STDOUT)
        wait_for(self.base + "/")

    def kernels(self) -> list[psutil.Process]:
        return psutil.Process(self.proc.pid).children(recursive=True) if self.proc else []

    def kill(self) -> None:
        """``kill -9`` of the server (its kernels are stopped after it, as a crash leaves them)."""
        kernels = self.kernels()
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(20)
        for k in kernels:
            try:
                k.kill()
            except psutil.NoSuchProcess:
                pass

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            kernels = self.kernels()
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            for k in kernels:
                try:
                    k.kill()
                except psutil.NoSuchProcess:
                    pass


@contextmanager
def serving(site):
    server = Server(site)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pages(browser):
    made: list[OfflinePage] = []

    def make(base: str) -> OfflinePage:
        p = OfflinePage(browser, base)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()


def kernel_pid(server: Server, page) -> int:
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    for proc in server.kernels():
        if any(kernel_id in part for part in proc.cmdline()):
            return proc.pid
    raise AssertionError(f"ingen kärna {kernel_id}")


def type_entry(page, field, text: str) -> None:
    """Type one entry at the end of a field: a line in a text area, ``text; `` in a line."""
    field.focus()
    page.keyboard.press("End")
    multiline = field.evaluate("e => e.tagName") == "TEXTAREA"
    page.keyboard.type(text + ("\n" if multiline else "; "), delay=15)


def wait_saved(page) -> None:
    """Until the page has no typed text waiting for the kernel's confirmation."""
    page.wait_for_function(
        "() => { const s = window.__naravardConnection.state();"
        " return !Object.values(s.pending).some(p => p.page === s.page)"
        " && document.querySelector('.naravard-status .naravard-ok[data-key]'); }",
        timeout=60_000)


def saved_notes(site: dict, workshop: str) -> str:
    return Workspace(site["workspace"], workshop).read("forum_mapping").get("notes", "")


def entries_in(text: str) -> set[str]:
    return set(re.findall(r"Post \d+", text))


def put_back_offers(page) -> int:
    """Click every "Sätt tillbaka" offered after the reload; returns how many."""
    page.wait_for_function(  # an offer is shown, or nothing is left waiting to be offered
        "() => document.querySelector('.naravard-restore') ||"
        " !Object.keys(window.__naravardConnection.state().pending).length", timeout=30_000)
    buttons = page.locator(".naravard-restore-put")
    count = buttons.count()
    for i in range(count):
        buttons.nth(0).click()
    if count:
        wait_saved(page)
    return count


def test_a_killed_kernel_shows_the_banner_and_loses_no_entry(site, pages):
    with serving(site) as server:
        o = pages(server.base)
        page = open_worksheet(o, "forum_mapping", "karnan")
        field = page.locator(FIELD).first
        for i in range(1, 6):
            type_entry(page, field, f"Post {i}")
        wait_saved(page)
        confirmed = entries_in(saved_notes(site, "karnan"))
        os.kill(kernel_pid(server, page), signal.SIGKILL)
        for i in range(6, 11):
            type_entry(page, field, f"Post {i}")
        page.wait_for_selector(BANNER, timeout=30_000)
        banner = page.inner_text(BANNER)
        assert "Anslutningen till servern bröts" in banner
        assert re.search(r"Det du skrev före kl\. \d\d\.\d\d\.\d\d är sparat", banner), banner
        assert field.is_disabled()
        typed = entries_in(field.input_value())
        assert "sparat" not in page.inner_text(".naravard-status").lower().replace("sparas", "")

        page.reload()
        page.wait_for_selector(".naravard-header h1", timeout=120_000)
        assert confirmed <= entries_in(saved_notes(site, "karnan"))  # the banner's promise
        unsaved = typed - entries_in(saved_notes(site, "karnan"))
        assert put_back_offers(page) == (1 if unsaved else 0)  # one field, offered once
        lost = typed - entries_in(saved_notes(site, "karnan"))
        assert lost == set(), f"förlorade: {sorted(lost)}"
        assert o.blocked == []


def test_a_killed_and_restarted_server_loses_no_entry(site, pages):
    with serving(site) as server:
        o = pages(server.base)
        page = open_worksheet(o, "forum_mapping", "servern")
        field = page.locator(FIELD).first
        for i in range(1, 6):
            type_entry(page, field, f"Post {i}")
        wait_saved(page)
        confirmed = entries_in(saved_notes(site, "servern"))
        type_entry(page, field, "Post 6")
        server.kill()
        for i in range(7, 11):
            type_entry(page, field, f"Post {i}")
        page.wait_for_selector(BANNER, timeout=30_000)
        assert "Anslutningen till servern bröts" in page.inner_text(BANNER)
        typed = entries_in(field.input_value())

        server.start()
        page.reload()
        page.wait_for_selector(".naravard-header h1", timeout=120_000)
        assert confirmed <= entries_in(saved_notes(site, "servern"))
        unsaved = typed - entries_in(saved_notes(site, "servern"))
        assert put_back_offers(page) == (1 if unsaved else 0)  # one field, offered once
        lost = typed - entries_in(saved_notes(site, "servern"))
        assert lost == set(), f"förlorade: {sorted(lost)}"


def test_two_pages_writing_the_same_workshop_lose_no_entry(site, pages):
    with serving(site) as server:
        first, second = pages(server.base), pages(server.base)
        a = open_worksheet(first, "plan_primarvard", "tva-skrivare")
        b = open_worksheet(second, "plan_primarvard", "tva-skrivare")
        field_a, field_b = a.locator(ANY_FIELD).nth(0), b.locator(ANY_FIELD).nth(1)
        for i in range(1, 9):
            type_entry(a, field_a, f"Post {i}")
            type_entry(b, field_b, f"Post {100 + i}")
        wait_saved(a)
        wait_saved(b)
        saved = Workspace(site["workspace"], "tva-skrivare").read("plan_primarvard")
        text = str(saved)
        lost = (entries_in(field_a.input_value()) | entries_in(field_b.input_value())) \
            - entries_in(text)
        assert lost == set(), f"förlorade: {sorted(lost)}"


def test_undo_by_one_participant_keeps_the_other_participants_entries(site, pages):
    with serving(site) as server:
        first, second = pages(server.base), pages(server.base)
        a = open_worksheet(first, "plan_primarvard", "angra-tva")
        b = open_worksheet(second, "plan_primarvard", "angra-tva")
        field_a, field_b = a.locator(ANY_FIELD).nth(0), b.locator(ANY_FIELD).nth(1)
        type_entry(a, field_a, "Post 1")
        wait_saved(a)
        for i in range(101, 106):
            type_entry(b, field_b, f"Post {i}")
        wait_saved(b)
        a.get_by_role("button", name="Ångra senaste ändringen").click()
        a.wait_for_selector("text=Din senaste ändring är ångrad", timeout=30_000)
        text = str(Workspace(site["workspace"], "angra-tva").read("plan_primarvard"))
        lost = {f"Post {i}" for i in range(101, 106)} - entries_in(text)
        assert lost == set(), f"förlorade: {sorted(lost)}"
        assert "Post 1" not in entries_in(text)


def test_a_truncated_save_opens_with_the_work_recovered(site, pages):
    ws = Workspace(site["workspace"], "skadad", author="sida-aaaa0001")
    for i in range(1, 21):
        ws.set("forum_mapping", "notes", "\n".join(f"Post {n}" for n in range(1, i + 1)))
    path = ws.file("forum_mapping")
    path.write_text(path.read_text(encoding="utf-8")[:20], encoding="utf-8")
    with serving(site) as server:
        o = pages(server.base)
        page = open_worksheet(o, "forum_mapping", "skadad")
        shown = page.locator(FIELD).first.input_value()
        lost = {f"Post {i}" for i in range(1, 21)} - entries_in(shown)
        assert lost == set(), f"förlorade: {sorted(lost)}"
        assert "kunde inte starta" not in page.inner_text("body")


def test_a_workshop_with_a_code_opens_only_after_the_code_is_typed(site, pages):
    from naravard.core.access import set_code

    ws = Workspace(site["workspace"], "med-kod", author="sida-aaaa0001")
    ws.set("forum_mapping", "notes", "Post 1")
    set_code(ws.path, "rummets-kod-7")
    with serving(site) as server:
        o = pages(server.base)
        page = o.page
        page.goto(f"{server.base}/voila/render/forum_mapping.ipynb?workshop=med-kod")
        page.wait_for_selector(".naravard-access", timeout=120_000)
        assert "Post 1" not in page.inner_text("body")
        page.fill("input[name=kod]", "rummets-kod-7")
        page.click(".naravard-access-form button")
        page.wait_for_selector(".naravard-header h1", timeout=120_000)
        assert page.locator(FIELD).first.input_value() == "Post 1"
        log = (site["workspace"] / "naravard.log").read_text(encoding="utf-8")
        assert "kod=[dold]" in log and "rummets-kod-7" not in log
