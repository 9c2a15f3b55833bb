"""The plan leaves the workshop as DOCX, Markdown and HTML, from the worksheet or from
`naravard export plan`; user text is escaped in every format."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import pytest

from naravard.app.cli import main
from naravard.core.county import current_county
from naravard.plan.catalog import STEPS
from naravard.plan.example import example_plan
from naravard.plan.export import export_plan
from naravard.core.store import Workspace

from tests.conftest import DATA

TODAY = dt.date(2026, 11, 25)
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)


@pytest.fixture(scope="module")
def example_docx(county) -> docx.document.Document:
    content, filename, mime = export_plan(example_plan(DATA), county, "exempel", "docx",
                                          today=TODAY)
    assert filename == "gemensam-plan-exempel.docx"
    assert mime.startswith("application/vnd.openxmlformats")
    return docx.Document(io.BytesIO(content))


def headings(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_the_docx_has_a_title_page_with_the_county_from_county_yml(example_docx, county):
    text = "\n".join(p.text for p in example_docx.paragraphs[:14])
    assert "Gemensam plan för primärvården i Exempellän" in headings(example_docx, "Title")
    assert county.name in text and county.region in text
    assert "Norrviks kommun" in text and "25 november 2026" in text
    assert "Exempellän är ett påhittat län" in text


def test_the_docx_has_a_heading_for_every_step(example_docx):
    found = headings(example_docx, "Heading 1")
    for step in STEPS:
        assert step.heading in found
    assert found.index("Steg 1. Gemensamma mål") < found.index("Steg 5. Gemensam uppföljning")


def test_the_docx_has_a_table_of_contents_that_word_updates(example_docx):
    body = example_docx.element.body.xml
    assert re.search(r"<w:instrText[^>]*> TOC \\o", body)
    assert "Steg 2. Kartlägga förutsättningar" in headings(example_docx, "TOC 1")
    settings = [child.tag.split("}")[1] for child in example_docx.settings.element]
    assert settings.count("updateFields") == 1
    assert settings.index("updateFields") < settings.index("compat"), "Word needs schema order"


def test_the_docx_goals_table_holds_every_goal_and_the_tlt_verdict(example_docx):
    table = next(t for t in example_docx.tables
                 if [c.text for c in t.rows[0].cells][:2] == ["Nr", "Mål"])
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[1] for r in rows] == [
        "Färre äldre i Exempellän skadas av fall",
        "Fler av dem med störst behov har en fast kontakt som känner dem",
        "Barn och unga med psykisk ohälsa får snabbare bedömning i första linjen",
        "20 fler korttidsplatser och en ny gemensam mottagning i Sjöstad"]
    assert [r[-1] for r in rows] == ["Klarar kontrollen"] * 3 + ["Flaggat"]
    assert rows[0][5] == "31 december 2029"
    flagged = "\n".join(p.text for p in example_docx.paragraphs)
    assert "Mål 4: Målet handlar om struktur (”korttidsplatser”, ”ny mottagning”)" in flagged


def test_the_docx_shows_the_timeline_as_an_image_rendered_offline(example_docx):
    assert len(example_docx.inline_shapes) >= 1
    images = [part for part in example_docx.part.package.parts
              if part.content_type == "image/png"]
    assert images and all(part.blob.startswith(b"\x89PNG") for part in images)
    captions = headings(example_docx, "Caption")
    assert "Figur: Etappmål och uppföljningsmöten på en tidslinje." in captions


def test_the_docx_cost_table_sums_the_roles(example_docx):
    table = next(t for t in example_docx.tables if t.rows[0].cells[0].text == "Roll")
    assert [c.text for c in table.rows[-1].cells][-3:] == ["1,30", "1,95", "1\u00a0591\u00a0200 kr"]
    assert [c.text for c in table.rows[0].cells][-3:] == [
        "Heltidsekvivalenter", "Årsarbetare under perioden", "Kostnad"]


def test_the_docx_is_a_valid_package_in_swedish(county):
    content, _, _ = export_plan(example_plan(DATA), county, "exempel", "docx", today=TODAY)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert z.testzip() is None
        assert 'w:val="sv-SE"' in z.read("word/styles.xml").decode()


def user_doc() -> dict:
    return {"frame": {"title": f"Plan {SCRIPT}"},
            "goals": {"g1": {"text": f"Mål {SCRIPT} | *fet*", "measure": "Andel", "date": "2030"}},
            "action": {"principles": {"p1": {"text": SCRIPT}}}}


def test_html_export_escapes_user_text_and_needs_nothing_from_the_network(county):
    content, filename, _ = export_plan(user_doc(), county, "w1", "html", today=TODAY)
    html = content.decode()
    assert filename == "gemensam-plan-w1.html"
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(src|href)=["']https?:""", html) and "<link" not in html
    assert html.count('src="data:image/svg+xml;base64,') == 2
    for step in STEPS:
        assert f">{step.heading}</h2>" in html


def test_markdown_export_escapes_user_text_and_keeps_tables_intact(county):
    content, filename, mime = export_plan(user_doc(), county, "w1", "md", today=TODAY)
    md = content.decode()
    assert filename.endswith(".md") and mime.startswith("text/markdown")
    assert SCRIPT not in md and r"\<script\>alert(1)\</script\>" in md
    goal_row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert r"\| \*fet\*" in goal_row and goal_row.count(" | ") == 6


def test_cli_exports_a_saved_workshop_plan(tmp_path, workspace_dir, capsys):
    Workspace(workspace_dir, "lan-2026").replace("plan_primarvard", example_plan(DATA))
    out = tmp_path / "plan.docx"
    assert main(["export", "plan", "--format", "docx", "--workshop", "lan-2026",
                 "--out", str(out)]) == 0
    assert "Planen är sparad i" in capsys.readouterr().out
    assert "Steg 3. Agera gemensamt" in [p.text for p in docx.Document(out).paragraphs]


def test_cli_exports_markdown_into_a_folder(tmp_path, workspace_dir):
    Workspace(workspace_dir, "lan-2026").replace("plan_primarvard", user_doc())
    assert main(["export", "plan", "--format", "md", "--workshop", "lan-2026",
                 "--out", str(tmp_path)]) == 0
    assert (tmp_path / "gemensam-plan-lan-2026.md").read_text(encoding="utf-8").startswith(
        "# Plan \\<script\\>")


def test_cli_refuses_an_empty_workshop_in_swedish(workspace_dir, capsys, tmp_path):
    out = tmp_path / "ut"
    assert main(["export", "plan", "--workshop", "tom", "--out", str(out)]) == 1
    assert "Workshoppen ”tom” har ingen sparad plan" in capsys.readouterr().err
    assert not out.exists()


def test_cli_exports_the_example_plan_for_the_example_workshop(workspace_dir, capsys, tmp_path):
    assert main(["export", "plan", "--format", "html", "--out", str(tmp_path)]) == 0
    assert "exempelplanen från data/plan_exempel.yml" in capsys.readouterr().err
    html = (tmp_path / "gemensam-plan-exempel.html").read_text(encoding="utf-8")
    assert "Färre äldre i Exempellän skadas av fall" in html


def test_cli_refuses_an_unknown_format(capsys):
    with pytest.raises(SystemExit):
        main(["export", "plan", "--format", "pdf"])
    assert "ogiltigt val" in capsys.readouterr().err
