"""`naravard build --pdf` prints the whole handbook offline to an A4 PDF: chapters in order,
each starting on its own page, with working internal links."""

import re
import subprocess
import sys

import pytest

from tests.handbook.test_structure import CHAPTERS

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def pdf(built_site):
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build", "--pdf"],
                          cwd=built_site["root"], env=built_site["env"], capture_output=True,
                          text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "försökte hämta" not in proc.stderr, "the PDF build tried to reach the network"
    path = built_site["root"] / "book" / "_build" / "pdf" / "systemledning-for-nara-vard.pdf"
    from pypdf import PdfReader

    return PdfReader(str(path))


def chapter_titles() -> list[str]:
    titles = []
    for path in CHAPTERS:
        match = re.search(r"(?m)^# (.+)$", path.read_text(encoding="utf-8"))
        titles.append(match.group(1).strip())
    return titles


def test_pdf_is_a4(pdf):
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3


def test_every_chapter_starts_a_page_in_book_order(pdf):
    first_lines = [(page.extract_text() or "").strip().split("\n", 1)[0] for page in pdf.pages]
    positions = []
    for title in chapter_titles():
        pages = [i for i, line in enumerate(first_lines) if line.startswith(title[:30])]
        assert pages, f"no page starts with the chapter {title!r}"
        positions.append(pages[0])
    assert positions == sorted(positions)
    assert len(pdf.pages) >= len(positions)


def test_pdf_has_working_internal_links(pdf):
    internal = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") == "/Link" and (
                    "/Dest" in a or (a.get("/A") and a["/A"].get("/S") == "/GoTo")):
                internal += 1
    assert internal >= len(CHAPTERS)


def test_pdf_shows_the_county_from_data(pdf):
    text = "".join((p.extract_text() or "") for p in pdf.pages[:6])
    assert "Exempellän" in text


def test_the_built_site_holds_the_pdf_and_links_it_from_the_start_page(pdf, built_site):
    printed = built_site["root"] / "book" / "_build" / "pdf" / "systemledning-for-nara-vard.pdf"
    copy = built_site["html"] / "systemledning-for-nara-vard.pdf"
    assert copy.read_bytes() == printed.read_bytes()
    start = (built_site["html"] / "intro.html").read_text(encoding="utf-8")
    assert 'href="systemledning-for-nara-vard.pdf"' in start
    assert "Ladda ner hela handboken som PDF" in start
