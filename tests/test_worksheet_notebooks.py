"""Each worksheet notebook runs top to bottom on the example county (pytest-notebook),
shows its widgets, and restores what a previous session saved."""

import json

import pytest
from pytest_notebook.nb_regression import NBRegressionFixture

from naravard.core.store import Workspace

from tests.conftest import ROOT

WORKSHEETS = ["forum_mapping", "insight_360", "plan_primarvard", "uppfoljning"]
SEEDED = {
    "forum_mapping": (("forums", "f1"), {"name": "Länsgruppen för Nära vård", "level": "makro",
                                         "principal": "Region Exempellän"}),
    "insight_360": (("question", "title"), "Statsbidragen mellan region och kommun"),
    "plan_primarvard": (("frame", "period"), "2027–2030"),
    "uppfoljning": (("rounds", "r1"), {"name": "Hösten 2026", "date": "2026-10-15"}),
}


def run_notebook(name: str):
    fixture = NBRegressionFixture(
        exec_timeout=180,
        diff_ignore=("/cells/*/outputs", "/cells/*/execution_count", "/metadata"),
    )
    return fixture.check(str(ROOT / "worksheets" / f"{name}.ipynb"))


def outputs(nb) -> list[dict]:
    return [o for cell in nb.cells for o in cell.get("outputs", [])]


def widget_state_text(nb) -> str:
    """Everything the displayed widgets hold, as stored by the executing client."""
    return json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)


@pytest.mark.parametrize("name", WORKSHEETS)
def test_worksheet_runs_and_shows_widgets_for_the_example_county(name, workspace_dir, monkeypatch):
    monkeypatch.setenv("NARAVARD_WORKSHOP", "notebooktest")
    result = run_notebook(name)
    outs = outputs(result.nb_final)
    assert not [o for o in outs if o.get("output_type") == "error"]
    assert not [o for o in outs if o.get("name") == "stderr" and "Traceback" in o.get("text", "")]
    views = [o for o in outs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, "the worksheet displayed no widget"
    state = widget_state_text(result.nb_final)
    assert "Exempellän" in state
    assert "notebooktest" in state


@pytest.mark.parametrize("name", WORKSHEETS)
def test_worksheet_restores_what_was_saved_before_a_kernel_restart(name, workspace_dir,
                                                                   monkeypatch):
    path, value = SEEDED[name]
    Workspace(workspace_dir, "aterstart").set(name, path, value)
    monkeypatch.setenv("NARAVARD_WORKSHOP", "aterstart")
    result = run_notebook(name)
    expected = value["name"] if isinstance(value, dict) else value
    assert expected in widget_state_text(result.nb_final)


def test_worksheet_notebooks_are_thin_entry_points():
    import nbformat

    for name in WORKSHEETS:
        nb = nbformat.read(ROOT / "worksheets" / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert len(code) <= 3
        assert sum(len(c.source.splitlines()) for c in code) <= 12
        assert all(not c.get("outputs") for c in code), "notebooks are stored without outputs"
