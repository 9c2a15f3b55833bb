"""Where the project's folders are: data/, book/, worksheets/ and the workspace."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "NARAVARD_DATA"
WORKSPACE_ENV = "NARAVARD_WORKSPACE"
ROOT_ENV = "NARAVARD_ROOT"


def project_root(start: Path | None = None) -> Path:
    """Return the repository root: $NARAVARD_ROOT, or the nearest parent holding data/county.yml."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "data" / "county.yml").is_file() and (candidate / "book").is_dir():
            return candidate
    # Installed in development mode: the package lives in <root>/src/naravard.
    pkg_root = Path(__file__).resolve().parents[3]
    if (pkg_root / "data" / "county.yml").is_file():
        return pkg_root
    raise FileNotFoundError(
        "Hittar inte projektets rotmapp (en mapp med data/county.yml och book/). "
        "Kör kommandot inifrån projektmappen eller sätt miljövariabeln NARAVARD_ROOT."
    )


def data_dir() -> Path:
    """Return the county data folder: $NARAVARD_DATA or <root>/data."""
    env = os.environ.get(DATA_ENV)
    return Path(env).resolve() if env else project_root() / "data"


def book_dir() -> Path:
    return project_root() / "book"


def worksheets_dir() -> Path:
    return project_root() / "worksheets"


def built_book_dir() -> Path:
    return book_dir() / "_build" / "html"
