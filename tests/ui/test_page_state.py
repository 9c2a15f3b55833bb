"""The page gets every widget's state in one answer, for every worksheet.

A Voilà page asks the kernel for all widget states at once (ipywidgets' control comm,
``request_states``). If any widget cannot answer, the kernel prints an error, the page waits
for ipywidgets' 4 s timeout and then asks widget by widget: every worksheet took 4 s longer to
open. These tests run each worksheet's own notebook cell on the example workshop and answer the
page's request through ipywidgets' real handler.
"""

from __future__ import annotations

import json

import ipywidgets as w
import pytest
from ipywidgets.widgets import widget as widget_module

from naravard.core.worksheets import WORKSHEETS
from tests.conftest import ROOT


class Comm:
    """Stands in for the page's end of the control comm: keeps what the kernel sends."""

    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, data: dict, buffers=None) -> None:
        self.sent.append(data)


def run_notebook(key: str) -> None:
    """Run the worksheet's notebook cells as Voilà does (outside a kernel ``display`` prints)."""
    notebook = json.loads((ROOT / "worksheets" / WORKSHEETS[key].notebook).read_text("utf-8"))
    namespace: dict = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), key, "exec"), namespace)  # noqa: S102


def request_states() -> dict:
    comm = Comm()
    saved = w.Widget._control_comm
    w.Widget._control_comm = comm
    try:
        w.Widget._handle_control_comm_msg({"content": {"data": {"method": "request_states"}}})
    finally:
        w.Widget._control_comm = saved
    (answer,) = comm.sent
    assert answer["method"] == "update_states"
    return answer["states"]


@pytest.mark.parametrize("key", list(WORKSHEETS))
def test_the_page_gets_every_widget_state_of_the_worksheet_in_one_answer(key, workspace_dir,
                                                                          capsys):
    before = set(widget_module._instances)
    run_notebook(key)
    built = set(widget_module._instances) - before
    assert built, "the notebook built no widgets"
    states = request_states()
    assert built <= set(states)
    assert "Traceback" not in capsys.readouterr().err
