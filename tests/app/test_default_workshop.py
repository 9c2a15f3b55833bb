"""The workshop used when none is named follows county.yml: "exempel" for the example county,
a name made from the county's own name otherwise – on the start page, in the worksheets and in
every `naravard export` command."""

from __future__ import annotations

import os
import subprocess
import sys

from naravard.app.landing import landing_page
from naravard.core.county import load_county
from naravard.core.examples import default_workshop, is_example_county

from tests.conftest import DATA, ROOT


def test_the_example_county_keeps_the_workshop_called_exempel():
    assert is_example_county(DATA)
    assert default_workshop(DATA) == "exempel"


def test_another_county_gets_a_workshop_named_after_it(fork_data):
    assert not is_example_county(fork_data)
    assert default_workshop(fork_data) == "testlän"


def test_a_county_name_with_spaces_and_accents_becomes_a_valid_workshop_name(data_copy):
    from tests.fixtures import use_county

    use_county(data_copy)
    assert default_workshop(data_copy) == "västerbottens-län"


def test_the_start_page_fills_in_the_county_default_workshop(fork_data):
    html = landing_page(load_county(fork_data), [], book_built=True)
    assert 'value="testlän"' in html and 'value="exempel"' not in html


def test_the_start_page_lists_the_county_areas():
    html = landing_page(load_county(DATA), [], book_built=True)
    assert "Norra området (närvårdsområde: Norrvik och Sjöstad)" in html


def test_the_requested_workshop_without_a_name_is_the_county_default(fork_data, monkeypatch):
    from naravard.ui.common import requested_workshop

    monkeypatch.delenv("NARAVARD_WORKSHOP", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert requested_workshop() == "testlän"


def test_export_without_workshop_uses_the_county_default(fork_data, workspace_dir, tmp_path):
    from naravard.core.store import Workspace

    Workspace(workspace_dir, "testlän").update(
        "plan_primarvard", lambda d: d.update({"frame": {"title": "Testläns plan"}}))
    env = {**os.environ, "NARAVARD_DATA": str(fork_data),
           "NARAVARD_WORKSPACE": str(workspace_dir)}
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "export", "plan",
                           "--format", "md", "--out", str(tmp_path / "plan.md")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Testläns plan" in (tmp_path / "plan.md").read_text(encoding="utf-8")
    help_text = subprocess.run([sys.executable, "-m", "naravard.app.cli", "export", "plan",
                                "--help"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=300).stdout
    assert "standard: länets förvalda workshop" in help_text
