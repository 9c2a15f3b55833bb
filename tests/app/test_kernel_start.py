"""A worksheet kernel skips the IRI grammar that jsonschema would parse for every first chart.

jsonschema loads ``rfc3987_syntax`` only to check the formats "iri" and "iri-reference"; the
Vega-Lite schema altair validates against uses neither, so charts validate exactly as before.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import altair

from naravard.app.kernel import SKIPPED_MODULES
from tests.conftest import ROOT

SCHEMAS = Path(altair.__file__).parent / "vegalite"


def test_the_vega_lite_schema_checks_no_iri_format():
    formats = set()
    for schema in SCHEMAS.rglob("vega-lite-schema.json"):
        formats |= set(re.findall(r'"format":\s*"([^"]+)"', schema.read_text("utf-8")))
    assert formats, "altair ships no Vega-Lite schema"
    assert not {"iri", "iri-reference"} & formats


def test_a_worksheet_kernel_validates_charts_without_the_iri_grammar():
    code = (
        "import sys, json\n"
        "from naravard.app.kernel import skip_unused_modules\n"
        "skip_unused_modules()\n"
        "import altair as alt\n"
        "spec = alt.Chart(alt.Data(values=[{'a': 1}])).mark_bar().encode(x='a:Q').to_dict()\n"
        "try:\n"
        "    alt.Chart(alt.Data(values=[])).mark_bar().encode(x=alt.X('a:Q', bin=5)).to_dict()\n"
        "    refused = False\n"
        "except Exception:\n"
        "    refused = True\n"
        f"print(json.dumps([m in sys.modules and sys.modules[m] is not None "
        f"for m in {list(SKIPPED_MODULES)!r}] + [spec['mark']['type'], refused]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True, timeout=120)
    *loaded, mark, refused = json.loads(result.stdout)
    assert not any(loaded)
    assert mark == "bar" and refused  # valid charts pass, invalid ones are still refused
