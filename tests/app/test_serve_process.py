"""`naravard serve` as the facilitator runs it: a worksheet opened, then stopped with SIGTERM
(`kill <pid>`). It stops cleanly within seconds, its kernels with it, and the terminal showed
only the banner while Jupyter's routine notes went to the log file."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser_support import free_port, wait_for
from tests.conftest import build_env, copy_project


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        state = next(l for l in status.read_text().splitlines() if l.startswith("State:"))
    except (FileNotFoundError, StopIteration):
        return False
    return "zombie" not in state


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict:
    root = copy_project(tmp_path_factory.mktemp("serve"))
    workspace = tmp_path_factory.mktemp("workspace")
    (workspace / "ledning").mkdir()
    port = free_port()
    terminal = root / "terminal.txt"
    with open(terminal, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "naravard.app.cli", "serve", "--port",
                                 str(port)], cwd=root, env=build_env(root, workspace),
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/", timeout=120)
            url = f"http://127.0.0.1:{port}/voila/render/insight_360.ipynb?workshop=ledning"
            with urllib.request.urlopen(url, timeout=180) as page:
                page.read()
            proc.send_signal(signal.SIGTERM)
            start = time.monotonic()
            code = proc.wait(timeout=60)
            seconds = time.monotonic() - start
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return {"pid": proc.pid, "code": code, "seconds": seconds,
            "terminal": terminal.read_text(encoding="utf-8"),
            "log": (workspace / "naravard.log").read_text(encoding="utf-8")}


def test_sigterm_stops_the_server_cleanly_within_seconds(served):
    assert served["code"] == 0, served["terminal"][-2000:]
    assert served["seconds"] < 15
    assert "Servern är stoppad." in served["terminal"]


def test_the_worksheets_kernel_stops_with_the_server(served):
    pids = [int(line.rsplit(":", 1)[1]) for line in served["log"].splitlines()
            if "Starting the kernel at pid:" in line]
    assert pids, "the worksheet's kernel did not start"
    assert not any(_alive(pid) for pid in pids)


def test_the_banner_gives_the_pid_to_stop_and_the_workshops_in_use(served):
    assert f"kill {served['pid']}" in served["terminal"]
    assert "Workshoppar  ledning" in served["terminal"]


@pytest.mark.parametrize("routine", ["without encryption", "is not trusted", "Kernel started",
                                     "[NaravardVoila]", "[IPKernelApp]", "GET /"])
def test_the_terminal_shows_no_routine_jupyter_messages(served, routine):
    assert routine not in served["terminal"]


@pytest.mark.parametrize("routine", ["Starting the kernel", "is not trusted", "Kernel started"])
def test_routine_jupyter_messages_are_in_the_log_file(served, routine):
    assert routine in served["log"]


def test_serve_on_a_busy_port_says_so_in_swedish(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        root = copy_project(tmp_path / "site")
        result = subprocess.run([sys.executable, "-m", "naravard.app.cli", "serve", "--port",
                                 str(port)], cwd=root, env=build_env(root, tmp_path / "ws"),
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"Porten {port} används redan" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
