"""A preheated kernel does the workshop-independent work before its page is requested, then
applies the workshop named in the request.

Voilà runs a preheated kernel's notebook before anyone asks for the page; the address (with
``?workshop=``) arrives later through ``voila.utils.get_query_string``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import voila.utils

from naravard.ui.app import run
from naravard.ui.plan.page import build
from tests.conftest import ROOT


@pytest.fixture
def preheated(monkeypatch):
    """A kernel started by Voilà's pool: the query string comes only when the page is asked."""
    order: list[str] = []
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)

    def request() -> str:
        order.append("sidan begärs")
        return "workshop=rum-7"

    monkeypatch.setattr(voila.utils, "get_query_string", request)
    return order


def test_a_preheated_kernel_prepares_first_and_applies_the_workshop_of_the_request(
        preheated, workspace_dir):
    app = run("plan_primarvard", build, prepare=lambda: preheated.append("förberett"))
    assert preheated == ["förberett", "sidan begärs"]
    assert "rum-7" in app.children[1].children[0].value
    assert [p.name for p in workspace_dir.iterdir() if p.is_dir()] == ["rum-7"]


def test_a_failed_preparation_still_opens_the_page(preheated, workspace_dir):
    def broken() -> None:
        raise RuntimeError("trasig")

    app = run("plan_primarvard", build, prepare=broken)
    assert "rum-7" in app.children[1].children[0].value


def test_a_kernel_started_for_its_page_does_not_prepare(monkeypatch, workspace_dir):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "workshop=direkt")
    calls: list[int] = []
    run("plan_primarvard", build, prepare=lambda: calls.append(1))
    assert calls == []


@pytest.mark.parametrize("module", ["forums", "insight", "plan"])
def test_preparing_a_worksheet_loads_its_chart_library_in_advance(module, tmp_path):
    code = (f"import sys\nfrom naravard.ui.{module}.page import prepare\nprepare()\n"
            "print('altair' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=300,
                            env={"NARAVARD_WORKSPACE": str(tmp_path), "PATH": "/usr/bin:/bin",
                                 "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


SHOW_FIRST_VIEW = """
import contextlib, importlib, io, json, sys
from ipywidgets.widgets import widget as registry
from naravard.core.worksheets import WORKSHEETS
from naravard.ui.app import run
from naravard.ui.widgets import VegaChart, WhenShown
page = importlib.import_module(sys.argv[1])
page.prepare()
before = set(sys.modules)
with contextlib.redirect_stdout(io.StringIO()):
    run(sys.argv[2], page.build)
    for widget in list(registry._instances.values()):
        if isinstance(widget, (VegaChart, WhenShown)):  # the page shows it: drawn now
            widget._handle(widget, {"type": "shown"}, [])
print(json.dumps(sorted({m.split(".")[0] for m in set(sys.modules) - before} - {"naravard"})))
"""


@pytest.mark.parametrize("key,module", [("forum_mapping", "forums"), ("insight_360", "insight"),
                                        ("plan_primarvard", "plan"), ("uppfoljning", "followup")])
def test_after_preparing_the_first_view_and_its_charts_load_no_new_library(key, module,
                                                                           tmp_path):
    # What a page costs its preheated kernel is only the workshop's own work: a library first
    # loaded when the page shows a chart (networkx: 0,2 s, pandas: 0,5 s) is paid by every
    # page of a room at the same minute.
    result = subprocess.run(
        [sys.executable, "-c", SHOW_FIRST_VIEW, f"naravard.ui.{module}.page", key],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={"NARAVARD_WORKSPACE": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "QUERY_STRING": "workshop=rum-1"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
