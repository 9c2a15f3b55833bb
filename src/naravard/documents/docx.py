"""A document as a Word file, built with python-docx on the reference template.

Every paragraph, heading, caption and table gets a named style from the template
(:mod:`naravard.documents.template`), never direct formatting, so a county that restyles the
template in Word restyles every export. The file is in Swedish, has a table of contents field
and page numbers that Word updates when the file is opened, and tables whose header row repeats
on every page. Figures are PNG pictures with their alternative text.

python-docx is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from naravard.documents.blocks import (Bullets, Document, Figure, Heading, Lines, NoteSpace,
                                       PageBreak, Para, Quote, Table, Toc)
from naravard.documents.template import (PARA_STYLE_NAMES, QUOTE_SOURCE, TABLE_HEADER,
                                         TABLE_STYLE, TABLE_TEXT, WRITING_LINE, open_template,
                                         set_language, template_path)

#: Renders the figure with the given key as PNG bytes.
PngRenderer = Callable[[str], bytes]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOC_HINT = ("Sidnumren i innehållsförteckningen uppdateras när dokumentet öppnas i Word "
            "(högerklicka och välj Uppdatera fält om de saknas).")

#: Settings that come after ``w:updateFields`` in the schema order Word insists on.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                        "rsids", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                        "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                        "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"


# --- fields --------------------------------------------------------------------------------


def _field_char(paragraph, kind: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(node)


def _field_code(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    node = OxmlElement("w:instrText")
    node.set(qn("xml:space"), "preserve")
    node.text = f" {instruction} "
    paragraph.add_run()._r.append(node)


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (``PAGE``, ``TOC …``) in the paragraph, showing ``placeholder`` until
    Word updates it."""
    _field_char(paragraph, "begin")
    _field_code(paragraph, instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


def update_fields_on_open(document) -> None:
    """Ask Word to refresh the table of contents and page numbers when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    node = settings.find(qn("w:updateFields"))
    if node is None:
        node = OxmlElement("w:updateFields")
        later = {qn(f"w:{tag}") for tag in _AFTER_UPDATE_FIELDS} | {_MATH}
        successor = next((child for child in settings if child.tag in later), None)
        if successor is not None:
            successor.addprevious(node)
        else:
            settings.append(node)
    node.set(qn("w:val"), "true")


# --- the blocks ----------------------------------------------------------------------------


class _Writer:
    """Appends the blocks of one document to a Word document."""

    def __init__(self, document, doc: Document, render_png: PngRenderer | None) -> None:
        self.word = document
        self.doc = doc
        self.render_png = render_png
        section = document.sections[-1]
        self.width = section.page_width - section.left_margin - section.right_margin

    def paragraph(self, text: str = "", style: str = "Normal"):
        return self.word.add_paragraph(text, style=style)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def title_page(self) -> None:
        from docx.shared import Pt

        page = self.doc.title_page
        title = self.paragraph(self.doc.title, "Title")
        if page.own_page:
            title.paragraph_format.space_before = Pt(120)
        if page.subtitle:
            self.paragraph(page.subtitle, "Subtitle")
        for line in page.lines:
            self.paragraph(line)
        if page.note:
            self.paragraph(page.note, PARA_STYLE_NAMES["note"])
        if page.own_page:
            self.page_break()

    def footer(self) -> None:
        if not self.doc.footer:
            return
        footer = self.word.sections[-1].footer
        last = footer.paragraphs[-1] if footer.paragraphs else None
        paragraph = last if last is not None and not last.text else footer.add_paragraph()
        paragraph.style = self.word.styles["Footer"]
        paragraph.add_run(f"{self.doc.footer} · sida ")
        add_field(paragraph, "PAGE", "1")

    def toc(self, block: Toc) -> None:
        """A TOC field filled with the headings, so it reads well before Word updates it."""
        self.paragraph(block.title, "TOC Heading")
        entries = self.doc.headings(block.levels)
        first = self.paragraph(style="TOC 1")
        _field_char(first, "begin")
        _field_code(first, f'TOC \\o "1-{block.levels}" \\h \\z \\u')
        _field_char(first, "separate")
        last = first
        for i, heading in enumerate(entries):
            last = first if i == 0 else self.paragraph(style=f"TOC {heading.level}")
            last.add_run(heading.text)
        _field_char(last, "end")
        self.paragraph(TOC_HINT, PARA_STYLE_NAMES["note"])

    def table(self, block: Table) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if block.caption:
            caption = self.paragraph(f"Tabell: {block.caption}", "Caption")
            caption.paragraph_format.keep_with_next = True
        table = self.word.add_table(rows=1, cols=len(block.header))
        table.style = self.word.styles[TABLE_STYLE]
        header = table.rows[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(repeat)
        for cell, text in zip(header.cells, block.header):
            cell.paragraphs[0].text = str(text)
            cell.paragraphs[0].style = self.word.styles[TABLE_HEADER]
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.paragraphs[0].text = "" if text is None else str(text)
                cell.paragraphs[0].style = self.word.styles[TABLE_TEXT]
        if block.widths:
            total = sum(block.widths)
            for row in table.rows:
                for cell, width in zip(row.cells, block.widths):
                    cell.width = int(self.width * width / total)
        self.paragraph()

    def figure(self, block: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if self.render_png is None:
            return
        picture = self.paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = picture.add_run().add_picture(io.BytesIO(self.render_png(block.key)),
                                              width=self.width)
        shape._inline.docPr.set("descr", block.alt)
        self.paragraph(f"Figur: {block.caption}", "Caption")

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.word.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            self.paragraph(block.text, PARA_STYLE_NAMES[block.style])
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                self.paragraph(item, style)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Quote):
            self.paragraph(f"”{block.text}”", "Quote")
            self.paragraph(block.source, QUOTE_SOURCE)
        elif isinstance(block, NoteSpace):
            for _ in range(block.lines):
                self.paragraph("_" * 80, WRITING_LINE)
        elif isinstance(block, Lines):
            for label in block.labels:
                self.paragraph(f"{label}: " + "_" * 50)
        elif isinstance(block, Toc):
            self.toc(block)
        elif isinstance(block, PageBreak):
            self.page_break()


#: Word's limit for a document property (title, subject, author).
CORE_PROPERTY_MAX = 255


def _core_property(text: str) -> str:
    """``text`` within Word's 255-character limit (a county with 15 municipalities lists more
    as the plan's or mandate's author), cut at a word with "…"."""
    if len(text or "") <= CORE_PROPERTY_MAX:
        return text
    return text[:CORE_PROPERTY_MAX - 1].rsplit(" ", 1)[0].rstrip(",") + "…"


def to_docx(doc: Document, render_png: PngRenderer | None = None,
            template: Path | None = None) -> bytes:
    """The document as a Word file on ``template`` (default: the county's data/dokumentmall.docx,
    else the built-in template); figures only when ``render_png`` is given."""
    document = open_template(template or template_path())
    set_language(document, doc.lang)
    update_fields_on_open(document)
    props = document.core_properties
    props.title = _core_property(doc.title)
    props.language = doc.lang
    props.subject = _core_property(doc.subject)
    props.author = _core_property(doc.author)
    writer = _Writer(document, doc, render_png)
    writer.footer()
    writer.title_page()
    for block in doc.blocks:
        writer.block(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
