"""Access codes on the command line: set without echo, listed, required by export, never logged."""

import os
import subprocess
import sys

from naravard.app.server import mask_token
from naravard.core.access import code_matches
from naravard.core.store import Workspace


def run(*args, workspace, stdin=""):
    env = {**os.environ, "NARAVARD_WORKSPACE": str(workspace)}
    return subprocess.run([sys.executable, "-m", "naravard.app.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env)


def test_a_facilitator_sets_a_code_and_only_its_hash_is_kept(tmp_path):
    Workspace(tmp_path, "ledning").set("forum_mapping", "notes", "x")
    result = run("workshops", "--code", "ledning", workspace=tmp_path, stdin="rummets-kod\n")
    assert result.returncode == 0, result.stderr
    assert "kräver nu koden" in result.stdout
    assert "rummets-kod" not in result.stdout
    assert code_matches(tmp_path / "ledning", "rummets-kod")
    assert "ledning  (kod krävs)" in run("workshops", workspace=tmp_path).stdout


def test_a_too_short_code_is_refused_and_sets_nothing(tmp_path):
    Workspace(tmp_path, "ledning")
    result = run("workshops", "--code", "ledning", workspace=tmp_path, stdin="abc\n")
    assert result.returncode == 2
    assert "för kort" in result.stderr
    assert code_matches(tmp_path / "ledning", None)


def test_export_of_a_workshop_with_a_code_needs_the_code(tmp_path):
    ws = Workspace(tmp_path, "ledning")
    ws.set("forum_mapping", ("forums", "f1"), {"name": "Länsgruppen", "level": "makro"})
    run("workshops", "--code", "ledning", workspace=tmp_path, stdin="rummets-kod\n")
    refused = run("export", "forums", "--workshop", "ledning", "--out", str(tmp_path),
                  workspace=tmp_path)
    assert refused.returncode == 1
    assert "Workshoppen kräver en kod" in refused.stderr and "--kod" in refused.stderr
    opened = run("export", "forums", "--workshop", "ledning", "--kod", "rummets-kod",
                 "--out", str(tmp_path), workspace=tmp_path)
    assert opened.returncode == 0, opened.stderr
    assert "1 forum" in opened.stdout


def test_removing_the_code_opens_the_workshop(tmp_path):
    Workspace(tmp_path, "ledning")
    run("workshops", "--code", "ledning", workspace=tmp_path, stdin="rummets-kod\n")
    assert run("workshops", "--remove-code", "ledning", workspace=tmp_path).returncode == 0
    assert code_matches(tmp_path / "ledning", None)


def test_a_code_in_a_page_address_never_reaches_the_log():
    line = "200 GET /voila/render/forum_mapping.ipynb?workshop=ledning&kod=rummets-kod (127.0.0.1)"
    masked = mask_token(line)
    assert "rummets-kod" not in masked and "workshop=ledning" in masked
