"""The handbook's theme: Swedish texts, no thebe, no console errors, nothing missing, a favicon."""

from __future__ import annotations

import re
import urllib.request

import pytest

from tests.a11y.conftest import book_pages

pytestmark = [pytest.mark.browser, pytest.mark.book]

#: English theme texts that used to reach readers (names, tooltips, landmarks).
ENGLISH = ("Color mode", "Light", "Dark", "System Settings", "next page", "previous page",
           "Site navigation", "On this page", "Back to top", "Skip to main content",
           "Search", "Main", "Version warning")


def test_no_handbook_page_logs_a_console_error_or_misses_a_file(room, built_site):
    errors: list[str] = []
    page = room.page
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for rel in book_pages(built_site["html"]):
        page.goto(f"{room.base}/bok/{rel}", wait_until="load")
        page.wait_for_timeout(150)
    assert errors == []
    assert room.failed == []
    assert room.blocked == []


def test_the_theme_speaks_swedish_and_loads_no_thebe(built_site):
    html = (built_site["html"] / "intro.html").read_text(encoding="utf-8")
    shown = re.findall(r'(?:aria-label|title|data-bs-title)="([^"]*)"', html)
    assert not [text for text in shown if text in ENGLISH]
    assert "Färgläge" in shown and "nästa sida" in shown
    assert "thebe" not in html.lower()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert len(scripts) == len(set(scripts))


def test_the_reference_list_is_a_list_of_items(built_site):
    html = (built_site["html"] / "referenser.html").read_text(encoding="utf-8")
    assert 'role="doc-biblioentry"' not in html
    assert html.count('role="listitem"') > 10


def test_the_favicon_is_served_and_linked(server, built_site):
    with urllib.request.urlopen(server + "/favicon.ico", timeout=30) as response:
        assert response.status == 200
        assert response.read(4) == b"\x00\x00\x01\x00"  # an ICO file
    html = (built_site["html"] / "intro.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="icon" href="_static/favicon.ico"', html)
