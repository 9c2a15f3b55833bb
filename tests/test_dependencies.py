"""pyproject.toml, requirements.lock and environment.yml agree: every package is locked at one
exact, hash-checked version that pyproject.toml allows, and conda installs that same lock."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"

#: The platforms the lock is for (Python 3.11): Linux, macOS and Windows.
PLATFORMS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
}


@dataclass(frozen=True)
class Locked:
    name: str
    pin: str
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self, platform: str, python: str = "3.11.9") -> bool:
        """Whether pip installs this entry on ``platform`` with Python ``python``."""
        if self.marker is None:
            return True
        env = {**default_environment(), **PLATFORMS[platform],
               "python_full_version": python, "python_version": python.rsplit(".", 1)[0],
               "implementation_name": "cpython", "platform_python_implementation": "CPython"}
        return self.marker.evaluate(env)


def lock_entries() -> list[Locked]:
    """The requirements in requirements.lock, each with its marker and hashes."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement, _, options = line.partition(" --")
        req = Requirement(requirement.strip())
        hashes = tuple(re.findall(r"--hash=sha256:([0-9a-f]{64})\b", " --" + options))
        entries.append(Locked(canonicalize_name(req.name), str(req.specifier), req.marker, hashes))
    return entries


def locked_versions(platform: str = "linux", python: str = "3.11.9") -> dict[str, str]:
    """Package name -> exact version that the lock installs on ``platform``."""
    out = {}
    for entry in lock_entries():
        if entry.applies(platform, python):
            assert entry.name not in out, f"{entry.name} is locked twice for {platform}"
            out[entry.name] = entry.pin.removeprefix("==")
    return out


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pyproject_requirements() -> list[Requirement]:
    """Runtime dependencies and every extra."""
    project = pyproject()["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def conda_environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_every_lock_entry_is_one_exact_version():
    loose = [f"{e.name}{e.pin}" for e in lock_entries()
             if not re.fullmatch(r"==[^*,<>=!~]+", e.pin)]
    assert not loose, f"not pinned with ==: {loose}"


def test_every_lock_entry_has_a_sha256_hash():
    missing = [e.name for e in lock_entries() if not e.hashes]
    assert not missing, f"no --hash=sha256: for {missing}"


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_pyproject_requirement_is_locked_at_a_version_it_allows(platform):
    locked = locked_versions(platform)
    problems = []
    for req in pyproject_requirements():
        version = locked.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is missing from requirements.lock")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} does not satisfy '{req.specifier}'")
    assert not problems, "; ".join(problems)


@pytest.mark.parametrize("python", ["3.11.0", "3.11.9", "3.12.0"])
def test_lock_holds_one_version_per_package_for_each_python(python):
    assert locked_versions("linux", python)


def test_build_backend_and_pip_are_locked_for_an_offline_editable_install():
    locked = locked_versions()
    build = [Requirement(r) for r in pyproject()["build-system"]["requires"]]
    for req in [*build, Requirement("pip")]:
        name = canonicalize_name(req.name)
        assert name in locked and req.specifier.contains(locked[name]), req


def test_lock_names_its_update_command():
    header = LOCK.read_text(encoding="utf-8").splitlines()[:3]
    assert "#    bash scripts/lock.sh" in header


def test_environment_yml_uses_the_locked_python():
    python = next(d for d in conda_environment()["dependencies"]
                  if isinstance(d, str) and re.match(r"python\b", d))
    version = python.split("=")[-1]
    assert version == "3.11"
    assert SpecifierSet(pyproject()["project"]["requires-python"]).contains(f"{version}.0")


def test_environment_yml_installs_only_locked_versions():
    """Every conda or pip entry is the lock itself or pinned to the lock's version."""
    locked = locked_versions()
    problems = []
    entries = []
    for dep in conda_environment()["dependencies"]:
        entries += dep["pip"] if isinstance(dep, dict) else [dep]
    for entry in entries:
        if entry == "-r requirements.lock":
            continue
        name, _, version = re.match(r"^([A-Za-z0-9_.\-]+)\s*(=*\s*(.*))$", entry).groups()
        name = canonicalize_name(name)
        if name in ("python", "pip") and not version:
            continue
        if name != "python" and locked.get(name) != version.lstrip("=").strip():
            problems.append(f"{entry!r} (lock: {locked.get(name)})")
    assert not problems, f"environment.yml differs from requirements.lock: {problems}"


def test_environment_yml_installs_the_lock_through_pip():
    pip = next(d["pip"] for d in conda_environment()["dependencies"] if isinstance(d, dict))
    assert "-r requirements.lock" in pip


def test_setup_script_installs_the_lock_with_hash_checking():
    script = (ROOT / "scripts" / "setup_env.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in script
    assert re.search(r"want=.*requirements\.lock", script), "stamp must follow the lock"


def test_jupyter_book_is_held_below_version_2():
    specs = {canonicalize_name(r.name): r.specifier for r in pyproject_requirements()}
    assert specs["jupyter-book"] == SpecifierSet(">=1.0.4,<2")
    assert locked_versions()["jupyter-book"].startswith("1.")
