"""The shared document model and its renderers: HTML escapes and needs no network, Word is in
Swedish with a table of contents and is built on the county's template, Markdown escapes."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from naravard.core.problems import DataError
from naravard.documents.blocks import (Bullets, Document, Figure, Heading, Lines, PageBreak, Para,
                                       Quote, Table, TitlePage, Toc)
from naravard.documents.docx import to_docx
from naravard.documents.html import blocks_html, to_html
from naravard.documents.markdown import to_markdown
from naravard.documents.template import (TEMPLATE_FILE, USED_STYLES, TemplateError,
                                         check_template, find_style, open_template,
                                         template_path)

from tests.conftest import DATA

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = DATA / TEMPLATE_FILE


def user_document() -> Document:
    """A document in which every block carries text a participant could have typed."""
    return Document(
        f"Plan {SCRIPT}",
        [Toc(), PageBreak(), Heading(f"Steg 1 {SCRIPT}"), Para(f"Svar {SCRIPT} & mer"),
         Para(f"Not {SCRIPT}", "note"), Bullets([f"Punkt {SCRIPT}"]),
         Table(["Mål", f"Mått {SCRIPT}"], [[f"Mål | *fet* {SCRIPT}", None]], f"Tabell {SCRIPT}"),
         Figure("tidslinje", f"Bildtext {SCRIPT}", f"Alt {SCRIPT}", text=f"Text {SCRIPT}"),
         Quote(f"Citat {SCRIPT}", f"Källa {SCRIPT}"), Lines([f"Namn {SCRIPT}"]),
         Heading("Avsnitt två", 2)],
        TitlePage(f"Exempellän {SCRIPT}", [f"Rad {SCRIPT}"], f"Påhittat {SCRIPT}", own_page=True),
        footer="Plan")


def word(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def tiny_png(_key: str) -> bytes:
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
                            "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_html_escapes_every_text_a_user_typed():
    html = to_html(user_document(), render_svg=lambda key: "<svg/>")
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 14


def test_html_draws_figures_inline_and_needs_nothing_from_the_network():
    html = to_html(user_document(), render_svg=lambda key: "<svg/>")
    assert html.count('src="data:image/svg+xml;base64,') == 1
    assert not re.search(r"""(src|href)=["']https?:""", html) and "<link" not in html


def test_html_leaves_figures_out_without_a_renderer():
    assert "<figure" not in blocks_html(user_document().blocks)


def test_html_lists_the_chapters_in_its_contents_with_working_anchors():
    html = to_html(Document("T", [Toc(), Heading("Steg 1. Mål"), Heading("Steg 1. Mål")]))
    assert '<a href="#steg-1-mål">' in html and '<h2 id="steg-1-mål-2">' in html


def test_markdown_escapes_user_text_and_keeps_table_rows_intact():
    md = to_markdown(user_document())
    assert SCRIPT not in md and r"\<script\>alert(1)\</script\>" in md
    row = next(line for line in md.splitlines() if line.startswith("| Mål \\|"))
    assert r"\| \*fet\*" in row and row.count(" | ") == 1


def test_markdown_puts_a_figures_text_in_its_place():
    md = to_markdown(Document("T", [Figure("x", "Bildtext", "Alt", text="Se bilden i Word.")]))
    assert "*Se bilden i Word.*" in md and "Bildtext" not in md


def test_word_has_a_table_of_contents_field_that_word_updates_on_opening():
    document = word(to_docx(user_document(), template=TEMPLATE))
    body = document.element.body.xml
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-2" \\h \\z \\u </w:instrText>', body)
    assert [p.text for p in document.paragraphs if p.style.name == "TOC 2"] == ["Avsnitt två"]
    settings = [child.tag.split("}")[1] for child in document.settings.element]
    assert settings.count("updateFields") == 1
    assert settings.index("updateFields") < settings.index("compat"), "Word needs schema order"


def test_word_is_in_swedish():
    content = to_docx(user_document(), template=TEMPLATE)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        styles = z.read("word/styles.xml").decode()
    assert styles.count('w:val="sv-SE"') >= 2  # the document defaults and Normal
    assert word(content).core_properties.language == "sv-SE"


def test_word_numbers_its_pages_in_the_footer():
    document = word(to_docx(user_document(), template=TEMPLATE))
    footer = document.sections[0].footer.paragraphs[-1]
    assert footer.text == "Plan · sida 1" and "PAGE" in footer._p.xml


def test_word_tables_repeat_their_header_row_and_use_the_templates_table_style():
    table = word(to_docx(user_document(), template=TEMPLATE)).tables[0]
    assert table.style.name == "Tabell med rubrikrad"
    assert "<w:tblHeader" in table.rows[0]._tr.xml
    assert [c.paragraphs[0].style.name for c in table.rows[0].cells] == ["Tabellrubrik"] * 2


def test_word_figures_carry_their_alternative_text():
    document = word(to_docx(user_document(), tiny_png, template=TEMPLATE))
    [shape] = document.inline_shapes
    assert shape._inline.docPr.get("descr") == f"Alt {SCRIPT}"


def test_a_restyled_template_restyles_the_export(tmp_path):
    restyled = docx.Document(str(TEMPLATE))
    restyled.styles["Heading 1"].font.name = "Georgia"
    restyled.styles["Anmärkning"].font.italic = False
    restyled.sections[0].header.paragraphs[0].text = "Region Exempellän – logotyp"
    path = tmp_path / TEMPLATE_FILE
    restyled.save(str(path))
    document = word(to_docx(user_document(), template=path))
    [heading] = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert heading.text == f"Steg 1 {SCRIPT}" and heading.style.font.name == "Georgia"
    assert document.styles["Anmärkning"].font.italic is False
    assert document.sections[0].header.paragraphs[0].text == "Region Exempellän – logotyp"


def test_the_templates_own_text_is_left_out(tmp_path):
    template = docx.Document(str(TEMPLATE))
    template.add_paragraph("Skriv inget här")
    path = tmp_path / TEMPLATE_FILE
    template.save(str(path))
    text = [p.text for p in word(to_docx(user_document(), template=path)).paragraphs]
    assert "Skriv inget här" not in text and text[0] == f"Plan {SCRIPT}"


def test_a_template_without_the_projects_styles_gets_them_from_the_built_in_one(tmp_path):
    path = tmp_path / TEMPLATE_FILE
    docx.Document().save(str(path))  # a plain Word file, as a county might start from
    document = open_template(path)
    assert all(find_style(document, name) is not None for name in USED_STYLES)
    notes = [p for p in word(to_docx(user_document(), template=path)).paragraphs
             if p.text == f"Not {SCRIPT}"]
    assert [p.style.name for p in notes] == ["Anmärkning"]


def test_the_template_in_data_has_every_style_the_renderer_uses():
    assert template_path(DATA) == TEMPLATE
    document = docx.Document(str(TEMPLATE))
    assert [name for name in USED_STYLES if find_style(document, name) is None] == []


def test_without_a_template_in_data_the_built_in_one_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("NARAVARD_DATA", str(tmp_path))
    assert template_path() is None
    document = word(to_docx(user_document()))
    assert document.paragraphs[0].style.name == "Title"
    assert [name for name in USED_STYLES if find_style(document, name) is None] == []


def test_a_broken_template_is_refused_in_swedish(tmp_path):
    path = tmp_path / TEMPLATE_FILE
    path.write_text("inte ett Word-dokument", encoding="utf-8")
    with pytest.raises(TemplateError, match="kunde inte öppnas som en Word-fil"):
        to_docx(user_document(), template=path)
    with pytest.raises(DataError, match=TEMPLATE_FILE):
        check_template(tmp_path)


def test_blocks_are_plain_values_whatever_sequence_they_are_given():
    assert Bullets(["a", "b"]) == Bullets(("a", "b"))
    assert Table(["A"], [["1"]]).rows == (("1",),)


def test_an_unknown_paragraph_style_is_refused_in_swedish():
    with pytest.raises(ValueError, match="Okänd styckestil"):
        Para("text", "fetstil")


def test_naravard_check_names_a_broken_word_template(data_copy):
    from naravard.app.datacheck import check_all

    (data_copy / "dokumentmall.docx").write_bytes(b"inte en Word-fil")
    problems = check_all(data_copy)
    assert problems, "a broken template must be reported"
    assert all("dokumentmall.docx" in str(p) for p in problems), problems
