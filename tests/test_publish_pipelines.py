"""The publish pipelines a county's fork switches on: GitHub Actions to GitHub Pages and GitLab CI
to GitLab Pages. Both are valid for their code host (checked offline by linters from registry
packages) and run check, the tests without a browser, the build, the PDF and the publishing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
SITE = "book/_build/html"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github() -> dict:
    return load(GITHUB)


def github_triggers() -> dict:
    workflow = github()
    # YAML 1.1 reads the bare key `on` as True.
    return workflow.get("on", workflow.get(True))


def github_steps() -> list[dict]:
    return github()["jobs"]["build"]["steps"]


def github_commands() -> list[str]:
    return [step["run"] for step in github_steps() if "run" in step]


def gitlab_commands(job: str) -> list[str]:
    config = load(GITLAB)
    spec = config[job]
    base = config.get(spec.get("extends", ""), {}) if isinstance(spec.get("extends"), str) else {}
    return [*base.get("before_script", []), *spec.get("before_script", []), *spec["script"]]


def position(commands: list[str], pattern: str) -> int:
    """Index of the first command matching the regular expression pattern."""
    for i, command in enumerate(commands):
        if re.search(pattern, command):
            return i
    raise AssertionError(f"no command matches {pattern!r} in {commands}")


#: What publishing takes, in order: install from the lock, Chromium, check, build, PDF.
INSTALL = r"bash scripts/setup_env\.sh test"
CHROMIUM = r"apt-get install -y chromium"
CHECK = r"\.venv/bin/naravard check"
TESTS = r'\.venv/bin/python -m pytest -m "not browser"'
BUILD = r"\.venv/bin/naravard build$"
PDF = r"\.venv/bin/naravard build --pdf"


def run_tool(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


def tool(name: str) -> str:
    """The linter's executable, next to this Python or on PATH (both linters are in the lock)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} saknas: kör bash scripts/setup_env.sh test"
    return found


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    return run_tool([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                     str(path)])


# --- Valid for the code host ---------------------------------------------------------------

def test_github_workflow_passes_zizmor():
    proc = run_tool([tool("zizmor"), "--offline", "--strict-collection", "--no-progress",
                     "--color", "never",
                     str(GITHUB)])
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_github_workflow_matches_the_vendored_github_schema():
    proc = check_jsonschema("vendor.github-workflows", GITHUB)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_gitlab_ci_matches_the_vendored_gitlab_schema():
    proc = check_jsonschema("vendor.gitlab-ci", GITLAB)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_gitlab_schema_check_catches_a_misspelt_key(tmp_path):
    broken = tmp_path / ".gitlab-ci.yml"
    text = GITLAB.read_text(encoding="utf-8")
    broken.write_text(text.replace("\n  script:", "\n  scritp:", 1), encoding="utf-8")
    proc = check_jsonschema("vendor.gitlab-ci", broken)
    assert proc.returncode != 0 and "scritp" in proc.stdout


# --- GitHub Actions -> GitHub Pages --------------------------------------------------------

def test_github_workflow_runs_on_pushes_and_by_hand():
    triggers = github_triggers()
    assert "push" in triggers and "workflow_dispatch" in triggers


def test_github_workflow_publishes_only_the_default_branch_whatever_its_name():
    condition = github()["jobs"]["build"]["if"]
    assert condition == "github.ref_name == github.event.repository.default_branch"


def test_github_workflow_uses_the_projects_python():
    setup = next(s for s in github_steps() if s.get("uses", "").startswith("actions/setup-python"))
    assert str(setup["with"]["python-version"]) == "3.11"


def test_github_workflow_installs_checks_tests_builds_and_prints_in_that_order():
    commands = github_commands()
    order = [position(commands, p) for p in (INSTALL, CHROMIUM, CHECK, TESTS, BUILD, PDF)]
    assert order == sorted(order)


def test_github_workflow_uploads_the_built_site_after_the_pdf():
    steps = github_steps()
    upload = next(i for i, s in enumerate(steps)
                  if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps[upload]["with"]["path"] == SITE
    assert upload > max(i for i, s in enumerate(steps) if "--pdf" in s.get("run", ""))


def test_github_workflow_deploys_with_the_permissions_and_concurrency_pages_requires():
    deploy = github()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_github_workflow_grants_nothing_by_default():
    assert github()["permissions"] == {}


# --- GitLab CI -> GitLab Pages -------------------------------------------------------------

def test_gitlab_uses_the_projects_python_image():
    assert load(GITLAB)[".naravard"]["image"] == "python:3.11"


def test_gitlab_test_stage_checks_and_runs_the_tests_without_a_browser():
    config = load(GITLAB)
    assert config["test"]["stage"] == "test"
    commands = gitlab_commands("test")
    order = [position(commands, p) for p in (CHROMIUM, INSTALL, CHECK, TESTS)]
    assert order == sorted(order)


def test_gitlab_pages_job_comes_after_the_tests():
    config = load(GITLAB)
    assert config["stages"].index(config["pages"]["stage"]) > config["stages"].index("test")


def test_gitlab_pages_job_runs_only_on_the_default_branch():
    rules = load(GITLAB)["pages"]["rules"]
    assert rules == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_gitlab_pages_job_builds_prints_and_publishes_the_site_as_public():
    commands = gitlab_commands("pages")
    order = [position(commands, p) for p in (CHECK, BUILD, PDF, rf"cp -r {SITE} public$")]
    assert order == sorted(order)
    assert load(GITLAB)["pages"]["artifacts"]["paths"] == ["public"]


# --- Nothing for a fork to edit ------------------------------------------------------------

@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_pipeline_needs_no_secret_and_names_no_repository(path):
    text = path.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert not re.search(r"github\.io|gitlab\.io|https?://", text)
