"""Exports of the insight study: the interview guide and the report as Word and HTML files that
open, hold the questions, the charts and the quotes, and escape what users typed; and the same
files from `naravard export insight`."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from docx import Document

from naravard.app.cli import main
from naravard.insight.study import Study, question_phrase
from naravard.insight.example import example_doc, example_study
from naravard.documents.html import to_html
from naravard.insight.export import export_insight, guide_document, report_document
from naravard.core.store import Workspace

from tests.conftest import DATA

TODAY = dt.date(2026, 11, 25)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_guide_docx_opens_and_holds_every_question_of_the_guide(guide, county):
    study = example_study(DATA)
    data, name, mime = export_insight(study, guide, county, "exempel", "intervjuguide", "docx")
    assert name == "intervjuguide-exempel.docx" and mime.endswith("wordprocessingml.document")
    text = docx_text(data)
    phrase = question_phrase(study.title)
    assert "Intervjuguide: Hanteringen av statliga medel för Nära vård" in text
    assert f"1. Vilken är den största utmaningen med {phrase} …" in text
    for letter, angle in zip("ABCD", ["din egen organisation", "invånarens håll",
                                      "kommunernas håll", "regionens håll"]):
        assert f"{letter}. … sett från {angle}?" in text
    assert f"2. Vad är det allra viktigaste för att lösa {phrase}, som du ser det?" in text
    assert "3. Vad behöver du själv och din organisation göra?" in text
    assert "4. Vad behöver andra delar av systemet göra?" in text
    assert "5. Hur kan din organisation hjälpa de andra i systemet" in text
    assert "Pseudonym: ____" in text and "personnummer" in text


def test_the_guide_without_a_title_speaks_of_question_x(guide, county):
    text = docx_text(export_insight(Study(), guide, county, "tom", "intervjuguide", "docx")[0])
    assert "med fråga X …" in text


def test_the_print_page_of_the_guide_is_a_standalone_page_with_a_print_button(guide, county):
    html = to_html(guide_document(guide, example_study(DATA), county), print_button=True)
    assert html.startswith("<!DOCTYPE html>") and 'lang="sv"' in html
    assert "window.print()" in html and "@media print" in html
    assert "http://" not in html and "https://" not in html


def test_the_report_docx_holds_the_charts_the_gaps_the_quotes_and_the_actions(guide, county):
    study = example_study(DATA)
    data, name, _ = export_insight(study, guide, county, "exempel", "rapport", "docx", TODAY)
    assert name == "insikt-360-exempel.docx"
    images = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
              if n.startswith("word/media/")]
    assert len(images) == 4  # Stacey matrix, coverage and the two spread charts
    text = docx_text(data)
    assert "exporterad 25 november 2026" in text
    assert "13 intervjuade av 14 planerade." in text
    assert "Förtroendevalda" in text
    assert "Där skillnaderna är störst" in text and "steg isär" in text
    assert "”Vi får en summa och ett kort beslut, men vet inte hur den räknats fram" in text
    assert "Regiondirektör, Region Exempellän" in text and "15 juni 2026" in text


def test_the_report_html_has_its_charts_inline_and_needs_no_network(guide, county):
    html = export_insight(example_study(DATA), guide, county, "exempel", "rapport", "html",
                          TODAY)[0].decode("utf-8")
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/svg\+xml;base64,', html)) == 4
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "<blockquote>" in html and "Exempellän är ett påhittat län" in html


def test_user_text_is_escaped_in_the_html_report(guide, county):
    doc = example_doc(DATA)
    doc["question"]["title"] = "<script>alert(1)</script>"
    doc["respondents"]["ip01"]["answers"]["utmaning_kommun"] = "<b>fet</b> & mer"
    doc["actions"]["a01"]["owner"] = "<img src=x onerror=alert(2)>"
    html = to_html(report_document(Study.from_doc(doc), guide, county, "x", TODAY))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt; &amp; mer" in html
    assert "<img src=x" not in html


def test_an_empty_study_still_gives_a_report_that_says_what_is_missing(guide, county):
    doc = report_document(Study(), guide, county, "tom", TODAY)
    html = to_html(doc)
    assert "Ingen är placerad på någon skala ännu." in html
    assert "Inga åtgärder är beslutade ännu." in html


def test_an_unknown_format_is_refused_in_swedish(guide, county):
    with pytest.raises(ValueError, match="Formatet ”md” finns inte"):
        export_insight(Study(), guide, county, "x", "rapport", "md")


def test_the_command_line_exports_a_saved_workshop(workspace_dir, tmp_path, capsys):
    Workspace(workspace_dir, "lan-2026").replace("insight_360", example_doc(DATA))
    out = tmp_path / "rapport.html"
    assert main(["export", "insight", "--workshop", "lan-2026", "--format", "html",
                 "--out", str(out)]) == 0
    assert "Rapporten är sparad" in capsys.readouterr().out
    assert "Hanteringen av statliga medel" in out.read_text(encoding="utf-8")


def test_the_command_line_exports_the_guide_into_a_folder(workspace_dir, tmp_path):
    Workspace(workspace_dir, "lan-2026").replace("insight_360", example_doc(DATA))
    assert main(["export", "insight", "--workshop", "lan-2026", "--dokument", "intervjuguide",
                 "--out", str(tmp_path)]) == 0
    assert "Vad behöver andra delar av systemet göra?" in docx_text(
        (tmp_path / "intervjuguide-lan-2026.docx").read_bytes())


def test_the_example_workshop_falls_back_to_the_example_study(workspace_dir, tmp_path, capsys):
    assert main(["export", "insight", "--out", str(tmp_path)]) == 0
    assert "exporterar exempelstudien" in capsys.readouterr().err
    assert (tmp_path / "insikt-360-exempel.docx").stat().st_size > 10_000


def test_an_empty_workshop_gets_a_swedish_message_and_exit_code_1(workspace_dir, capsys):
    assert main(["export", "insight", "--workshop", "tom"]) == 1
    assert "har ingen sparad insiktsstudie" in capsys.readouterr().err
