"""The Word reference template: the styles every exported Word file is built on.

``data/dokumentmall.docx`` holds the styles (fonts, colours, spacing), the page size and
margins, and the page header and footer. A county opens it in Word, changes the styles or puts
its logo in the header, and saves it: every export then looks that way, with no change to the
code. Text in the template's body is not used. Without the file the built-in template of
:func:`make_template` is used, and a style the county's file lacks is taken from it, so the two
always have the same styles. ``scripts/make_docx_template.py`` writes the built-in template to
``data/``.

python-docx is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

TEMPLATE_FILE = "dokumentmall.docx"

#: The Word paragraph style of each paragraph style in the block model.
PARA_STYLE_NAMES = {"": "Normal", "lead": "Ingress", "note": "Anmärkning", "meta": "Metatext",
                    "question": "Fråga", "subquestion": "Delfråga"}
QUOTE_SOURCE = "Citatkälla"
WRITING_LINE = "Skrivrad"
TABLE_TEXT = "Tabelltext"
TABLE_HEADER = "Tabellrubrik"
TABLE_STYLE = "Tabell med rubrikrad"
TOC_STYLES = ("TOC 1", "TOC 2", "TOC 3")

#: Every style the Word renderer uses; a template lacking one gets the built-in one.
USED_STYLES = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Caption",
               "Quote", "List Bullet", "List Number", "TOC Heading", "Footer", "Table Grid",
               *PARA_STYLE_NAMES.values(), QUOTE_SOURCE, WRITING_LINE, TABLE_TEXT, TABLE_HEADER,
               TABLE_STYLE, *TOC_STYLES)

FONT = "Calibri"
HEADING_COLOUR = (0x1D, 0x4E, 0x5F)
MUTED_COLOUR = (0x3A, 0x4A, 0x5C)
NOTE_COLOUR = (0x5A, 0x67, 0x77)
LINE_COLOUR = (0xB0, 0xB8, 0xC2)
HEADER_FILL = "DCE6F0"


class TemplateError(ValueError):
    """The county's template cannot be used; the message says why, in Swedish."""


def template_path(data: Path | None = None) -> Path | None:
    """``data/dokumentmall.docx`` when the county has one, else None."""
    if data is None:
        from naravard.core.paths import data_dir

        try:
            data = data_dir()
        except FileNotFoundError:
            return None
    path = data / TEMPLATE_FILE
    return path if path.is_file() else None


def find_style(document, name: str):
    """The style called ``name`` (Word's own spelling or its lower-case form), or None."""
    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        pass
    wanted = name.casefold()
    style_id = _style_id(name)
    for style in styles:
        if (style.name or "").casefold() == wanted or style.style_id == style_id:
            return style
    return None


def _font(style, *, name: str | None = None, size: float | None = None,
          colour: tuple[int, int, int] | None = None, bold: bool | None = None,
          italic: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = style.font
    if name:
        font.name = name
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
    if size:
        font.size = Pt(size)
    if colour:
        font.color.rgb = RGBColor(*colour)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _style_id(name: str) -> str:
    """An ASCII style id, as Word makes them ("Anmärkning" -> "Anmarkning")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "".join(c for c in plain if c.isalnum())


def _paragraph_style(document, name: str, base: str = "Normal", **font):
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _style_id(name)
    style.base_style = document.styles[base]
    style.quick_style = True
    _font(style, **font)
    return style


def _table_style(document) -> None:
    """A table style on Table Grid whose first row is shaded; Word repeats and restyles it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.style_id = _style_id(TABLE_STYLE)
    style.base_style = document.styles["Table Grid"]
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:jc w:val="center"/></w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
        "</w:tblStylePr>"))


def set_language(document, lang: str) -> None:
    """Make ``lang`` the language of all text: the document defaults and the Normal style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            targets.append(rpr)
    for rpr in targets:
        node = rpr.find(qn("w:lang"))
        if node is None:
            node = OxmlElement("w:lang")
            rpr.append(node)
        node.set(qn("w:val"), lang)
        node.set(qn("w:eastAsia"), lang)


def _swedish_settings(document, lang: str) -> None:
    """Theme language, decimal comma and list separator as Swedish Word has them."""
    from docx.oxml.ns import qn

    settings = document.settings.element
    for tag, values in (("themeFontLang", {"val": lang}), ("decimalSymbol", {"val": ","}),
                        ("listSeparator", {"val": ";"})):
        node = settings.find(qn(f"w:{tag}"))
        if node is not None:
            for key, value in values.items():
                node.set(qn(f"w:{key}"), value)


def make_template(lang: str = "sv-SE"):
    """The built-in template: python-docx's default with the project's styles, A4 pages."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    styles = document.styles
    _font(styles["Normal"], name=FONT, size=11)
    for name, size in (("Title", 28), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        _font(styles[name], name=FONT, size=size, colour=HEADING_COLOUR)
    _font(styles["Subtitle"], name=FONT, size=14, colour=MUTED_COLOUR, italic=False, bold=True)
    _font(styles["Caption"], colour=MUTED_COLOUR, size=9.5)
    styles["Caption"].paragraph_format.space_before = Pt(4)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(styles["Footer"], size=9, colour=MUTED_COLOUR)

    _paragraph_style(document, "Ingress", size=13, bold=True)
    _paragraph_style(document, "Anmärkning", italic=True, colour=NOTE_COLOUR)
    _paragraph_style(document, "Metatext", italic=True, colour=MUTED_COLOUR)
    question = _paragraph_style(document, "Fråga", bold=True)
    question.paragraph_format.space_after = Pt(2)
    question.paragraph_format.keep_with_next = True
    part = _paragraph_style(document, "Delfråga", base="Fråga")
    part.paragraph_format.left_indent = Cm(0.6)
    source = _paragraph_style(document, QUOTE_SOURCE, size=9, colour=MUTED_COLOUR)
    source.paragraph_format.left_indent = Cm(1)
    line = _paragraph_style(document, WRITING_LINE, colour=LINE_COLOUR)
    line.paragraph_format.space_after = Pt(4)
    text = _paragraph_style(document, TABLE_TEXT, size=9.5)
    text.paragraph_format.space_after = Pt(0)
    _paragraph_style(document, TABLE_HEADER, base=TABLE_TEXT, bold=True)
    for level, name in enumerate(TOC_STYLES, start=1):
        toc = _paragraph_style(document, name)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
    _table_style(document)

    set_language(document, lang)
    _swedish_settings(document, lang)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)
    return document


@functools.lru_cache(maxsize=1)
def _reference():
    """The built-in template, read only: where missing styles are copied from."""
    return make_template()


def add_missing_styles(document) -> list[str]:
    """Copy every used style the document lacks from the built-in template; return their names."""
    reference = _reference()
    added = []
    for name in USED_STYLES:
        if find_style(document, name) is None:
            document.styles.element.append(copy.deepcopy(reference.styles[name].element))
            added.append(name)
    return added


def _clear_body(document) -> None:
    """Remove the template's own text, keeping the page setup (the last section)."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def open_template(path: Path | None = None):
    """A new Word document on the county's template (or the built-in one), with no text yet."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if path is None:
        return make_template()
    try:
        document = docx.Document(str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise TemplateError(
            f"Dokumentmallen {path.name} kunde inte öppnas som en Word-fil ({exc}). Spara den "
            "i Word som Word-dokument (.docx), eller ta bort filen så används den inbyggda "
            "mallen.") from None
    _clear_body(document)
    add_missing_styles(document)
    return document


def check_template(data: Path) -> None:
    """The checker for ``naravard check``: the county's template opens as a Word file."""
    from naravard.core.problems import DataError, Problem, relpath

    path = template_path(data)
    if path is None:
        return
    try:
        open_template(path)
    except TemplateError as exc:
        raise DataError([Problem(relpath(path), str(exc))]) from None
