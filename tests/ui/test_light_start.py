"""A worksheet opens without loading a chart, table or office library.

Each worksheet's notebook is run as its kernel runs it, in a fresh Python, for the example
workshop (the fullest first view). Altair, pandas, python-docx, openpyxl and vl-convert are
loaded only when a chart is shown or a file is made; the visible charts wait for the page.
"""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

from naravard.core.worksheets import WORKSHEETS
from tests.conftest import ROOT

HEAVY = ("altair", "pandas", "docx", "openpyxl", "vl_convert")

RUN_NOTEBOOK = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
result = shell.run_cell(sys.stdin.read())
result.raise_error()
app = shell.user_ns["app"]
print(json.dumps({"heavy": [m for m in %r if m in sys.modules],
                  "title": "naravard-header" in repr(app)}))
"""


def notebook_code(key: str) -> str:
    nb = nbformat.read(ROOT / "worksheets" / WORKSHEETS[key].notebook, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("key", list(WORKSHEETS))
def test_opening_a_worksheet_loads_no_chart_table_or_office_library(key, tmp_path):
    env = {"NARAVARD_WORKSPACE": str(tmp_path / "workspace"), "QUERY_STRING": "workshop=exempel",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", RUN_NOTEBOOK % (HEAVY,)],
                            input=notebook_code(key), capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["title"], f"{key} visade ingen rubrik"
    assert report["heavy"] == [], f"{key} laddar {report['heavy']} när sidan öppnas"
