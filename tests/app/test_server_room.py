"""The server holds a room: timeouts sized for 30 pages at once, kernels with no page attached
shut down after ``--idle-minutes`` while open pages keep theirs, and ``/logout`` and Voilà's
template folder answer a proper status instead of a server error."""

from __future__ import annotations

import asyncio
import http.client
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from traitlets.config import Config
from voila.app import Voila
from voila.configuration import VoilaConfiguration
from voila.execute import VoilaExecutor

from naravard.app.server import (NaravardKernelManager, ROOM_TIMEOUT_S, ServeOptions,
                                 cull_seconds, voila_argv)
from tests.browser_support import free_port, wait_for
from tests.conftest import build_env, copy_project

#: --idle-minutes for the live server: 6 seconds, checked every second.
IDLE_MINUTES = "0.1"
IDLE_S, INTERVAL_S = cull_seconds(float(IDLE_MINUTES))
#: Worst case before a kernel with no page is gone, with slack for a loaded CI machine.
CULL_BOUND_S = IDLE_S + INTERVAL_S + 20


def _run_in_thread(coro):
    """asyncio.run in its own thread: the browser tests leave an event loop running here."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _config(options: ServeOptions) -> Config:
    app = Voila()
    app.parse_command_line(voila_argv(Path("worksheets"), options, None))
    return app.config


def test_the_executor_waits_a_rooms_time_for_output_and_kernel_start():
    executor = VoilaExecutor(nb=None, config=_config(ServeOptions()))
    assert executor.iopub_timeout == ROOM_TIMEOUT_S >= 300
    assert executor.startup_timeout == ROOM_TIMEOUT_S


def test_kernels_are_managed_by_naravards_kernel_manager():
    configuration = VoilaConfiguration(config=_config(ServeOptions()))
    assert configuration.multi_kernel_manager_class is NaravardKernelManager


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_kernels_talk_to_the_server_over_unix_sockets_not_tcp_ports():
    # 30 kernels started at once raced other connections for free TCP ports and died.
    from jupyter_client.ioloop import AsyncIOLoopKernelManager

    manager = AsyncIOLoopKernelManager(config=_config(ServeOptions()))
    assert manager.transport == "ipc"


def test_idle_minutes_set_the_cull_timeout_and_keep_connected_kernels():
    manager = NaravardKernelManager(config=_config(ServeOptions(idle_minutes=2)))
    assert manager.cull_idle_timeout == 120
    assert 0 < manager.cull_interval <= 60
    assert manager.cull_connected is False and manager.cull_busy is False


def test_the_default_idle_time_stops_an_unattached_kernel_within_six_minutes():
    idle, interval = cull_seconds(ServeOptions().idle_minutes)
    assert idle + interval <= 6 * 60


@pytest.mark.parametrize("value", ["0", "-1", "fem", "inf"])
def test_serve_refuses_an_idle_time_that_is_not_above_zero_in_swedish(value):
    result = subprocess.run([sys.executable, "-m", "naravard.app.cli", "serve",
                             "--idle-minutes", value], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "ange ett tal större än 0" in result.stderr
    assert "Traceback" not in result.stderr


def _kernel_exists(port: int, kernel_id: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernels/{kernel_id}",
                                    timeout=10):
            return True
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        raise


def _open_worksheet(port: int) -> str:
    """GET a worksheet as a bare HTTP client would (no websocket); return its kernel's id."""
    url = f"http://127.0.0.1:{port}/voila/render/forum_mapping.ipynb?workshop=rum"
    with urllib.request.urlopen(url, timeout=300) as page:
        html = page.read().decode("utf-8")
    return re.search(r'kernelId": "([0-9a-f-]+)"', html).group(1)


def _seconds_until_gone(port: int, kernel_id: str, bound: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < bound:
        if not _kernel_exists(port, kernel_id):
            return time.monotonic() - start
        time.sleep(0.5)
    return float("inf")


def _status(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        conn.close()


async def _attached_page(port: int) -> dict:
    """Open a worksheet and attach to its kernel as the page does; hold it past the idle time,
    then close the page."""
    from tornado.websocket import websocket_connect

    kernel_id = _open_worksheet(port)
    socket = await websocket_connect(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels")
    await asyncio.sleep(IDLE_S + 3 * INTERVAL_S + 3)
    kept = _kernel_exists(port, kernel_id)
    socket.close()
    return {"kernel": kernel_id, "kept_while_open": kept}


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> dict:
    root = copy_project(tmp_path_factory.mktemp("room"))
    workspace = tmp_path_factory.mktemp("workspace")
    port = free_port()
    terminal = root / "terminal.txt"
    with open(terminal, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "naravard.app.cli", "serve", "--port",
                                 str(port), "--idle-minutes", IDLE_MINUTES], cwd=root,
                                env=build_env(root, workspace), stdout=out,
                                stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/", timeout=120)
            bare = _open_worksheet(port)
            bare_gone_s = _seconds_until_gone(port, bare, CULL_BOUND_S)
            attached = _run_in_thread(_attached_page(port))
            attached_gone_s = _seconds_until_gone(port, attached["kernel"], CULL_BOUND_S)
            logout = _status(port, "/logout")
            template_folder = _status(port, "/voila/templates/naravard/static/")
            template_root = _status(port, "/voila/templates/")
            time.sleep(1)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return {"bare_gone_s": bare_gone_s, "attached_gone_s": attached_gone_s,
            "kept_while_open": attached["kept_while_open"], "logout": logout,
            "template_folder": template_folder, "template_root": template_root,
            "terminal": terminal.read_text(encoding="utf-8"),
            "log": (workspace / "naravard.log").read_text(encoding="utf-8")}


def test_a_bare_get_of_a_worksheet_does_not_hold_a_kernel_past_the_idle_time(room):
    assert room["bare_gone_s"] <= CULL_BOUND_S, room["log"][-3000:]


def test_a_kernel_with_its_page_attached_is_kept_past_the_idle_time(room):
    assert room["kept_while_open"], room["log"][-3000:]


def test_a_closed_pages_kernel_is_shut_down_after_the_idle_time(room):
    assert room["attached_gone_s"] <= CULL_BOUND_S, room["log"][-3000:]


def test_logout_redirects_to_the_start_page(room):
    status, location = room["logout"]
    assert status == 302
    assert location.endswith("/") and "logout" not in location


@pytest.mark.parametrize("which", ["template_folder", "template_root"])
def test_a_voila_template_folder_answers_not_found(room, which):
    assert room[which][0] == 404


@pytest.mark.parametrize("noise", ["Uncaught exception", "/logout", "/voila/templates",
                                   "Culling"])
def test_the_terminal_shows_no_error_for_logout_templates_or_culling(room, noise):
    assert noise not in room["terminal"]
