"""The second edition's new pages (legal ground, mandate, disagreement, roadmap) are in the
table of contents and built, the mandate's Word file is downloadable from its page and speaks of
the county, and the roadmap page shows its figure and checklist."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.book

NEW_PAGES = {
    "chapters/01a_juridisk_grund": "1a Juridisk grund",
    "chapters/03a_mandat": "3a Mandat och arbetsordning",
    "chapters/09a_nar_enigheten_brister": "9a När enigheten brister",
    "chapters/13a_fardplan": "13a Färdplan för de första tolv månaderna",
}


def _toc_order() -> list[str]:
    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"] for part in toc["parts"] for c in part["chapters"]]


def test_each_new_page_follows_the_chapter_it_belongs_to_in_the_toc():
    order = _toc_order()
    for page in NEW_PAGES:
        number = page.split("/")[1].split("_")[0]
        parent = next(f for f in order if f.startswith(f"chapters/{number[:-1]}_"))
        assert order.index(page) == order.index(parent) + 1, page


@pytest.mark.parametrize("page", NEW_PAGES)
def test_the_new_page_is_built_with_its_heading(built_site, page):
    html = (built_site["html"] / f"{page}.html").read_text(encoding="utf-8")
    assert NEW_PAGES[page] in unescape(re.sub(r"<[^>]+>", "", html))


def _download_link(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    match = re.search(r'<a class="[^"]*naravard-download[^"]*" href="([^"]+)"', html)
    assert match, "the mandate page has no download link"
    return match.group(1)


def test_the_mandate_page_links_a_docx_that_names_the_county(built_site):
    from docx import Document

    page = built_site["html"] / "chapters" / "03a_mandat.html"
    href = _download_link(page)
    assert href.endswith(".docx") and not href.startswith(("http", "/"))
    target = (page.parent / href).resolve()
    assert target.is_file()
    document = Document(io.BytesIO(target.read_bytes()))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Exempellän" in text and "Norrviks kommun" in text


def test_the_mandate_page_shows_the_template_filled_with_the_county(built_site):
    html = (built_site["html"] / "chapters" / "03a_mandat.html").read_text(encoding="utf-8")
    assert 'class="naravard-mandat"' in html
    assert "Systemledningens platser i Exempellän" in html


def test_the_roadmap_page_shows_the_figure_and_the_checklist(built_site):
    html = (built_site["html"] / "chapters" / "13a_fardplan.html").read_text(encoding="utf-8")
    assert 'id="fig-fardplan"' in html
    assert re.search(r'<img[^>]+alt="Tidsdiagram över tolv månader', html)
    assert "Figuren som text" in html
    assert "Checklista: färdplan för de första tolv månaderna" in html
    assert "Planmöte 1 – ram och mål" in html
