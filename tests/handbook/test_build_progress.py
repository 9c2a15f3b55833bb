"""`naravard build` and `naravard build --pdf` tell the facilitator what they are doing: each
chapter as Sphinx reads it, the chapters whose code runs and the later steps, with the elapsed
time, in Swedish; warnings still in full."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from naravard.handbook.build import BuildProgress
from naravard.handbook.pdf import count_pages
from tests.conftest import ROOT

BOOK = ROOT / "book"


@pytest.fixture
def progress():
    out, err = io.StringIO(), io.StringIO()
    return BuildProgress(BOOK, out=out, err=err), out, err


def test_each_chapter_read_is_named_by_its_heading_with_the_elapsed_time(progress):
    p, out, _ = progress
    p.feed("\x1b[01mreading sources... \x1b[39;49;00m[  5%] "
           "\x1b[35mchapters/01_nara_vard\x1b[39;49;00m\n")
    assert out.getvalue() == "    0:00  läser in   5 %  1 Nära vård och omställningen\n"


def test_a_chapter_whose_code_runs_says_so(progress):
    p, out, _ = progress
    p.feed(f"{BOOK}/chapters/05_tight_loose_tight.md: Executing notebook using local CWD "
           "[mystnb]")
    assert "kör kapitlets kod" in out.getvalue()


def test_the_pages_to_read_are_counted(progress):
    p, out, _ = progress
    p.feed("updating environment: [new config] 19 added, 0 changed, 0 removed")
    p.feed("updating environment: 0 added, 0 changed, 0 removed")
    assert out.getvalue().splitlines()[0].endswith("19 sidor att läsa in")
    assert out.getvalue().splitlines()[1].endswith("inga sidor har ändrats sedan förra bygget")


def test_writing_the_pages_is_one_line_not_one_per_page(progress):
    p, out, _ = progress
    p.feed("writing output... [  5%] chapters/01_nara_vard")
    p.feed("writing output... [ 11%] chapters/02_systemledarskap")
    assert out.getvalue().count("skriver sidorna") == 1


def test_the_handbooks_own_notes_are_passed_on(progress):
    p, out, _ = progress
    p.feed("naravard: data/ har ändrats – tömmer körcachen /x/.jupyter_cache")
    assert "data/ har ändrats – tömmer körcachen" in out.getvalue()


def test_warnings_are_shown_in_full_on_stderr(progress):
    p, out, err = progress
    line = "/b/chapters/05.md:12: WARNING: undefined label: 'saknas' [ref.ref]"
    p.feed(line)
    assert err.getvalue() == line + "\n" and out.getvalue() == ""


@pytest.mark.parametrize("line", [
    "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.",
    "/b/chapters/01_nara_vard.md: Executed notebook in 4.83 seconds [mystnb]",
    "Running Jupyter-Book v1.0.4.post1",
    "The HTML pages are in book/_build/html.",
])
def test_routine_output_is_not_shown(progress, line):
    p, out, err = progress
    p.feed(line)
    assert out.getvalue() == "" and err.getvalue() == ""


def test_the_pdf_pages_are_counted(tmp_path: Path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2 /Kids [2 0 R 3 0 R]>>\n"
                    b"2 0 obj <</Type /Page /Parent 1 0 R>>\n3 0 obj <</Type/Page>>\n%%EOF")
    assert count_pages(pdf) == 2
