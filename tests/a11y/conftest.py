"""One server, one browser and one page for the accessibility tests (module-scoped), with every
worksheet's example material saved in the workshop they open."""

from __future__ import annotations

import pytest

from tests.a11y.walk import WORKSHOP, seed_examples
from tests.browser_support import OfflinePage


@pytest.fixture(scope="session")
def examples_workshop(built_site) -> str:
    """The workshop where every worksheet starts from its example material (tables, charts)."""
    seed_examples(built_site["root"] / "data", built_site["workspace"])
    return WORKSHOP


@pytest.fixture(scope="module")
def room(browser, server):
    """A page at projector size (1366×768) with everything but localhost blocked."""
    o = OfflinePage(browser, server, viewport={"width": 1366, "height": 768})
    yield o
    o.close()


def book_pages(html_dir) -> list[str]:
    """Every HTML page of the built handbook (not the redirect pages), relative to it."""
    pages = []
    for f in sorted(html_dir.rglob("*.html")):
        rel = f.relative_to(html_dir).as_posix()
        if rel.startswith(("_static/", "_sources/", "_images/")):
            continue
        if 'http-equiv="refresh"' in f.read_text(encoding="utf-8", errors="replace").lower():
            continue
        pages.append(rel)
    return pages
