"""pyproject.toml and environment.yml list the same packages with the same versions."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return dict(_normalise(r) for r in reqs)


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    reqs = [d for d in env["dependencies"] if isinstance(d, str)]
    out = dict(_normalise(r) for r in reqs)
    out.pop("python", None)
    out.pop("pip", None)
    return out


def test_environment_yml_lists_exactly_the_pyproject_packages():
    assert conda_requirements() == pyproject_requirements()


def test_jupyter_book_is_held_below_version_2():
    assert pyproject_requirements()["jupyter-book"] == ">=1.0.4,<2"
