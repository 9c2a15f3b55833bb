"""axe-core (WCAG 2.1 A and AA, experimental rules of those levels included) finds nothing on
any handbook page, on the start page, or in any tab or step of any worksheet, with the example
material loaded so that tables and charts are full. Network blocked: axe comes from disk."""

from __future__ import annotations

import re

import pytest

from tests.a11y.axe import assert_no_violations, axe_violations, report
from tests.a11y.conftest import book_pages
from tests.a11y.walk import views
from tests.browser_support import WORKSHEETS

pytestmark = [pytest.mark.browser, pytest.mark.book]


def test_every_handbook_page_has_no_wcag_violation(room, built_site):
    pages = book_pages(built_site["html"])
    assert len(pages) > 15
    found = []
    for rel in pages:
        room.page.goto(f"{room.base}/bok/{rel}", wait_until="load")
        violations = axe_violations(room.page)
        if violations:
            found.append(report(violations, rel))
    assert not found, "axe-core fann brister:\n" + "\n".join(found)
    assert room.blocked == []


def test_the_start_page_has_no_wcag_violation(room):
    room.page.goto(room.base + "/", wait_until="load")
    assert_no_violations(room.page, "startsidan")


@pytest.mark.parametrize("name", WORKSHEETS)
def test_every_tab_and_step_of_the_worksheet_has_no_wcag_violation(room, examples_workshop,
                                                                    name):
    page = room.page
    page.goto(f"{room.base}/voila/render/{name}.ipynb?workshop={examples_workshop}")
    page.wait_for_selector(".naravard-header h1", timeout=120_000)
    found, seen = [], []
    for view in views(page):
        seen.append(view)
        violations = axe_violations(page)
        if violations:
            found.append(report(violations, f"{name} · {view}"))
    assert not found, "axe-core fann brister:\n" + "\n".join(found)
    names = page.evaluate("() => [...document.querySelectorAll('.naravard-chart')]"
                          ".filter(c => c.querySelector('svg'))"
                          ".map(c => c.getAttribute('role') + ' ' + c.getAttribute('aria-label'))")
    # every chart is one image, named by its description ("Stapeldiagram: …") or "Diagram: …"
    assert all(re.match(r"img \S*[dD]iagram(:|$)", n) for n in names), names
    assert "Traceback" not in page.inner_text("body")
    assert room.blocked == []
