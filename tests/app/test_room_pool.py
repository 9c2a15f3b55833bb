"""`naravard serve --room N`: N preheated kernels for the worksheet a room opens at once.

The pool is sized per worksheet (Voilà's ``kernel_pools_config``): the room's worksheet gets N
kernels, the others ``--preheat`` (none by default). A page taken from the pool gets the
workshop named in its address; the used kernel is replaced only after the room's rush.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from naravard.app.cli import parser
from naravard.app.server import (ROOM_REFILL_DELAY_S, ROOM_RESERVE, ServeError, ServeOptions,
                                 kernel_pools, room_refill, voila_argv)
from tests.browser_support import free_port, wait_for
from tests.conftest import build_env, copy_project


def test_a_room_gets_its_own_pool_for_its_worksheet_and_none_for_the_others():
    pools = kernel_pools(ServeOptions(room=30, room_worksheet="plan_primarvard"))
    assert pools == {"default": {"pool_size": 0}, "plan_primarvard.ipynb": {"pool_size": 30}}


def test_preheat_and_room_together_keep_one_for_each_and_the_room_for_its_worksheet():
    pools = kernel_pools(ServeOptions(preheat=1, room=20, room_worksheet="insight_360"))
    assert pools == {"default": {"pool_size": 1}, "insight_360.ipynb": {"pool_size": 20}}


def test_without_preheat_or_room_nothing_is_preheated():
    options = ServeOptions()
    assert kernel_pools(options) == {}
    assert not any("preheat" in a for a in voila_argv(Path("ark"), options, None))


def test_a_room_replaces_used_kernels_only_after_the_rush():
    argv = voila_argv(Path("ark"), ServeOptions(room=30), None)
    assert "--preheat_kernel=True" in argv
    assert f"--VoilaKernelManager.fill_delay={ROOM_REFILL_DELAY_S:g}" in argv


def test_after_the_rush_a_room_keeps_a_few_kernels_in_reserve_not_a_second_room():
    assert room_refill(ServeOptions(room=30, room_worksheet="plan_primarvard")) == {
        "plan_primarvard.ipynb": ROOM_RESERVE}
    assert room_refill(ServeOptions(room=30, preheat=5)) == {"forum_mapping.ipynb": 5}
    assert room_refill(ServeOptions(room=2)) == {"forum_mapping.ipynb": 2}
    assert room_refill(ServeOptions(preheat=1)) == {}


def test_an_unknown_room_worksheet_is_refused_in_swedish():
    with pytest.raises(ServeError, match="Okänt arbetsblad för rummet"):
        kernel_pools(ServeOptions(room=5, room_worksheet="kalkyl"))


def test_the_command_line_takes_the_room_size_and_its_worksheet():
    args = parser().parse_args(["serve", "--room", "30", "--room-worksheet", "plan_primarvard"])
    assert (args.room, args.room_worksheet) == (30, "plan_primarvard")


def _kernels(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children(recursive=True)
            if "kernel_main" in " ".join(p.cmdline())]


def test_a_served_room_preheats_its_worksheet_and_a_page_gets_the_workshop_it_asked_for(
        tmp_path):
    root = copy_project(tmp_path / "site")
    workspace = tmp_path / "workspace"
    port = free_port()
    terminal = tmp_path / "terminal.txt"
    with terminal.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "naravard.app.cli", "serve", "--port",
                                 str(port), "--room", "2", "--room-worksheet", "plan_primarvard"],
                                cwd=root, env=build_env(root, workspace), stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/", timeout=120)
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and "Förvärmt" not in terminal.read_text("utf-8"):
            time.sleep(0.5)
        said = terminal.read_text("utf-8")
        assert "Förvärmt: Gemensam plan för primärvården öppnas direkt." in said, said[-2000:]
        assert "Förvärmer 2 kärnor för Gemensam plan för primärvården" in said
        assert len(_kernels(proc.pid)) == 2
        url = f"http://127.0.0.1:{port}/voila/render/plan_primarvard.ipynb?workshop=rum-a"
        with urllib.request.urlopen(url, timeout=240) as page:
            page.read()
        log = (workspace / "naravard.log").read_text("utf-8")
        assert "Using pre-heated kernel" in log
        assert (workspace / "rum-a").is_dir()
        assert len(_kernels(proc.pid)) == 2  # the used kernel is replaced after the rush
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
