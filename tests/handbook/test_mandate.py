"""The systemledning's mandate: data/mandat.yml filled with the county, rendered as DOCX, HTML
and Markdown, written into the built site by the downloads extension and exported by the CLI;
broken template text is refused in Swedish with file, row and key."""

from __future__ import annotations

import io

import pytest
from docx import Document

from naravard.app.datacheck import check_all
from naravard.core.county import load_county
from naravard.core.problems import DataError
from naravard.handbook.downloads import DOWNLOAD_DIR, _uri, write_downloads
from naravard.handbook.mandate import (MANDATE_FILENAME, export_mandate, load_mandate,
                                       mandate_document, mandate_docx)
from naravard.documents.blocks import Heading, Lines, Table

from tests.conftest import DATA, replace_in


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_mandate_in_data_validates_and_has_the_sections_a_director_asked_for():
    mandate = load_mandate(DATA)
    headings = " ".join(s.heading for s in mandate.sections).lower()
    for topic in ("syfte", "sammansättning", "ordförande", "beslut", "enigheten", "politiska",
                  "sekretariat", "mötesrytm"):
        assert topic in headings, topic


def test_the_mandate_is_filled_with_the_county_and_lists_every_seat():
    county = load_county(DATA)
    doc = mandate_document(county, load_mandate(DATA))
    assert "Exempellän" in doc.title
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert len(table.rows) == len(county.members)
    assert ("3", "Kommundirektör", "Norrviks kommun") in table.rows
    signatures = next(b for b in doc.blocks if isinstance(b, Lines))
    assert len(signatures.labels) == 1 + len(county.municipalities)
    assert all("{" not in h.text for h in doc.blocks if isinstance(h, Heading))


def test_the_mandate_docx_names_a_forked_county_and_not_the_example(fork_data):
    text = docx_text(mandate_docx(load_county(fork_data), load_mandate(fork_data)))
    assert "Testlän" in text and "Region Testlän" in text and "Alfastads kommun" in text
    assert "Exempellän" not in text and "Norrvik" not in text


def test_the_downloads_extension_writes_the_current_countys_docx(fork_data, tmp_path):
    written = write_downloads(tmp_path, fork_data)
    target = tmp_path / DOWNLOAD_DIR / MANDATE_FILENAME
    assert target in written
    assert "Testlän" in docx_text(target.read_bytes())


@pytest.mark.parametrize("docname, uri", [
    ("chapters/03a_mandat", f"../{DOWNLOAD_DIR}/{MANDATE_FILENAME}"),
    ("intro", f"{DOWNLOAD_DIR}/{MANDATE_FILENAME}"),
])
def test_the_download_link_is_relative_to_the_page_it_ends_up_on(docname, uri):
    assert _uri(docname, MANDATE_FILENAME) == uri


@pytest.mark.parametrize("fmt, marker", [("html", "<!DOCTYPE html>"), ("md", "# Mandat")])
def test_the_mandate_exports_as_html_and_markdown(fmt, marker):
    content, name = export_mandate(fmt, load_county(DATA))
    text = content.decode("utf-8")
    assert name.endswith(f".{fmt}") and marker in text and "Exempellän" in text


def test_naravard_export_mandat_writes_the_forked_countys_file(fork_data, tmp_path, capsys):
    from naravard.app.cli import main

    out = tmp_path / "ut"
    out.mkdir()
    assert main(["export", "mandat", "--out", str(out)]) == 0
    assert "Mallen för mandat och arbetsordning är sparad" in capsys.readouterr().out
    assert "Testlän" in docx_text((out / MANDATE_FILENAME).read_bytes())


def test_an_unknown_word_in_braces_is_refused_naming_the_row_and_key(data_copy):
    replace_in(data_copy / "mandat.yml", "genom tydliga gemensamma mål", "genom {målen}")
    with pytest.raises(DataError) as caught:
        load_mandate(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("mandat.yml")
    assert problem.field == "avsnitt[1].text[2]"
    lines = (data_copy / "mandat.yml").read_text(encoding="utf-8").splitlines()
    # the row of the list item (a folded text starts on the line after its "- >-")
    assert lines[problem.row - 1].strip().startswith("- ")
    assert "Systemledningen ska se till helheten" in "".join(lines[problem.row - 1:problem.row + 1])
    assert "Okänt ord inom klamrar: {målen}" in problem.message
    assert "{lan}" in problem.message


def test_a_lone_brace_is_refused_in_swedish(data_copy):
    replace_in(data_copy / "mandat.yml", "rubrik: 7 Sekretariat", "rubrik: 7 Sekretariat {")
    with pytest.raises(DataError, match="klammer"):
        load_mandate(data_copy)


def test_an_empty_section_is_refused(data_copy):
    replace_in(data_copy / "mandat.yml", """  - rubrik: 9 Uppföljning och översyn
    text:""", """  - rubrik: 9 Uppföljning och översyn
    annat:""")
    with pytest.raises(DataError) as caught:
        load_mandate(data_copy)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "Okänd nyckel ”annat”" in messages


def test_naravard_check_reports_a_broken_mandate_with_the_others(data_copy):
    replace_in(data_copy / "mandat.yml", "titel: Mandat", "titlar: Mandat")
    problems = check_all(data_copy)
    assert any(p.file.endswith("mandat.yml") and p.field == "titlar" for p in problems)
    assert any(p.file.endswith("mandat.yml") and p.field == "titel"
               and "Nyckeln saknas" in p.message for p in problems)


def test_a_missing_mandate_file_is_named_in_swedish(data_copy):
    (data_copy / "mandat.yml").unlink()
    with pytest.raises(DataError, match="Filen saknas. Den behövs för mallen"):
        load_mandate(data_copy)
