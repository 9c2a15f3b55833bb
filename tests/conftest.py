"""Shared fixtures: the project's real data/, copies of it to break, a temporary workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ for tests that break it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def workspace_dir(tmp_path: Path, monkeypatch) -> Path:
    """An empty workspace root, used by everything that saves workshop input."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("NARAVARD_WORKSPACE", str(root))
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: What a county's fork changes in county.yml: its name, and so its region, and municipalities.
FORK_NAMES = (("Exempellän", "Testlän"), ("Norrvik", "Alfastad"), ("Sjöstad", "Betaby"),
              ("Åkerby", "Gammaboda"), ("Bergslund", "Deltavik"), ("Ekeås", "Epsilonås"))


def fork_county(data: Path) -> None:
    """Edit only data/county.yml the way a county's fork does: another county, not invented."""
    county = data / "county.yml"
    text = county.read_text(encoding="utf-8").replace("påhittat: true", "påhittat: false")
    for old, new in FORK_NAMES:
        text = text.replace(old, new)
    county.write_text(text, encoding="utf-8")


@pytest.fixture
def fork_data(data_copy: Path, monkeypatch) -> Path:
    """A copy of data/ where only county.yml is changed to another county, used as data/."""
    fork_county(data_copy)
    monkeypatch.setenv("NARAVARD_DATA", str(data_copy))
    return data_copy


def copy_project(target: Path) -> Path:
    """Copy what a county's fork holds (book, data, worksheets) to target, without builds."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("book", "data", "worksheets"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    return target


def build_env(root: Path, workspace: Path) -> dict:
    import os

    return {**os.environ, "NARAVARD_ROOT": str(root), "NARAVARD_WORKSPACE": str(workspace),
            "NARAVARD_DATA": str(root / "data")}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> dict:
    """The example county's handbook, built once per test run in a copy of the project."""
    import subprocess
    import sys

    root = copy_project(tmp_path_factory.mktemp("site"))
    workspace = tmp_path_factory.mktemp("workspace")
    env = build_env(root, workspace)
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1800)
    return {"root": root, "workspace": workspace, "env": env, "proc": proc,
            "html": root / "book" / "_build" / "html"}


# Browser fixtures (Chromium with everything but localhost blocked) for every test module.
from tests.browser_support import browser, offline, server  # noqa: E402,F401
