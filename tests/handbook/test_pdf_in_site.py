"""`naravard build --pdf` puts the PDF into the HTML site and links it from the start page, so
that publishing the site publishes the PDF; a site without a PDF offers no link to one."""

from __future__ import annotations

from pathlib import Path

import pytest

from naravard.handbook import pdf as pdf_module
from naravard.handbook.build import PDF_LINK_TEXT, PDF_NAME, link_pdf

START = """<!DOCTYPE html>
<html lang="sv"><head><title>Systemledning</title></head>
<body><main><article class="bd-article" role="main">
<section id="systemledning"><h1>Systemledning för Nära vård<a class="headerlink">#</a></h1>
<p><em>En metodhandbok</em></p>
</section></article></main></body></html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    html = tmp_path / "book" / "_build" / "html"
    html.mkdir(parents=True)
    (html / "intro.html").write_text(START, encoding="utf-8")
    return html


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    path = tmp_path / "book" / "_build" / "pdf" / PDF_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 2_400_000)
    return path


def start_page(site: Path) -> str:
    return (site / "intro.html").read_text(encoding="utf-8")


def test_the_pdf_is_copied_into_the_site(site, printed):
    link_pdf(site, printed)
    assert (site / PDF_NAME).read_bytes() == printed.read_bytes()


def test_the_start_page_links_the_pdf_under_its_title(site, printed):
    link_pdf(site, printed)
    page = start_page(site)
    link = f'<a href="{PDF_NAME}" type="application/pdf" download>{PDF_LINK_TEXT}</a>'
    assert link in page
    assert page.index("</h1>") < page.index(link) < page.index("<em>En metodhandbok")


def test_the_link_gives_the_size_in_swedish(site, printed):
    link_pdf(site, printed)
    assert "(A4, 2,4 MB)" in start_page(site)


def test_linking_again_leaves_one_link_and_the_page_otherwise_unchanged(site, printed):
    link_pdf(site, printed)
    once = start_page(site)
    link_pdf(site, printed)
    assert start_page(site) == once
    assert once.count(PDF_LINK_TEXT) == 1


def test_a_site_without_a_pdf_has_no_link(site, tmp_path):
    assert link_pdf(site, None) is False
    link_pdf(site, tmp_path / "missing.pdf")
    assert PDF_LINK_TEXT not in start_page(site)
    assert not (site / PDF_NAME).exists()


def test_a_build_without_pdf_removes_the_earlier_copy_and_link(site, printed):
    link_pdf(site, printed)
    link_pdf(site, None)
    assert start_page(site) == START
    assert not (site / PDF_NAME).exists()


def test_build_pdf_links_what_it_printed(site, printed, monkeypatch):
    root = site.parents[2]
    monkeypatch.setattr(pdf_module, "build_singlehtml", lambda r: r / "singlehtml.html")
    monkeypatch.setattr(pdf_module, "print_pdf", lambda page, target: printed)
    assert pdf_module.build_pdf(root) == printed
    assert PDF_LINK_TEXT in start_page(site)
    assert (site / PDF_NAME).exists()
