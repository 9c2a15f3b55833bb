"""Reading the example study and its guide loads no table or chart library: the model is light."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import DATA, ROOT

READ_STUDY = f"""
import sys
from pathlib import Path
from naravard.insight.example import example_study
from naravard.insight.analysis import suggest_verdict, zone_of
from naravard.insight.guide import current_guide

data = Path({str(DATA)!r})
study = example_study(data)
guide = current_guide(data)
assert study.interviewed() and guide.answer_fields()
assert suggest_verdict(guide, study.relevance.get("checks") or {{}})[0]
zone_of(study.classification)
print(sorted(m for m in ("pandas", "altair", "docx", "openpyxl", "ipywidgets") if m in sys.modules))
"""


def test_reading_the_example_study_loads_no_pandas_altair_or_office_library():
    result = subprocess.run([sys.executable, "-c", READ_STUDY], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
