"""A document as one self-contained HTML page: escaped text, one stylesheet, inline SVG charts.

The page needs nothing from the network: the stylesheet is inline and each figure is an SVG
image in a ``data:`` address. It prints well (page breaks, no toolbar) and can offer a print
button. Tables use :func:`naravard.core.text.table_html`, the same escaped tables as the
worksheets.
"""

from __future__ import annotations

import base64
import re
from typing import Callable, Iterable

from naravard.core.text import escape, table_html
from naravard.documents.blocks import (Block, Bullets, Document, Figure, Heading, Lines,
                                       NoteSpace, PageBreak, Para, Quote, Table, Toc)

#: Renders the figure with the given key as SVG text.
SvgRenderer = Callable[[str], str]

STYLESHEET = """
body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: #1d2733;
       max-width: 56rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; }
h1 { font-size: 1.9rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; color: #1d4e5f; border-bottom: 2px solid #d5dde6; }
h3 { font-size: 1.15rem; margin-top: 1.4rem; color: #1d4e5f; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
.subtitle { font-size: 1.1rem; font-weight: 600; color: #3a4a5c; margin: 0.2rem 0; }
.meta { color: #3a4a5c; margin: 0.2rem 0; }
.lead { font-size: 1.15rem; font-weight: 600; }
.note { color: #5a6777; font-style: italic; border-left: 3px solid #d5dde6;
        padding-left: 0.6rem; }
.question, .subquestion { font-weight: 600; margin: 1rem 0 0.2rem; }
.subquestion { margin-left: 1rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; width: 100%; }
th, td { border: 1px solid #c9d3de; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #eef3f8; } caption { text-align: left; color: #3a4a5c; padding: 0.3rem 0; }
blockquote { margin: 0.6rem 0; padding: 0.3rem 0.9rem; border-left: 4px solid #a3336d;
             background: #faf3f7; }
blockquote footer { color: #3a4a5c; font-size: 0.9rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; }
figcaption { color: #3a4a5c; font-size: 0.95rem; }
.notes { border-bottom: 1px solid #9aa5b1; margin: 0.3rem 0 1rem; }
.lines div { border-bottom: 1px solid #9aa5b1; padding: 0.8rem 0 0.1rem; }
nav ol { columns: 2; }
.toolbar { margin: 1rem 0; } .toolbar button { font-size: 1rem; padding: 0.4rem 1rem; }
@media print {
  body { margin: 0; max-width: none; } .toolbar { display: none; }
  .page-break { break-after: page; }
  h2, h3, .question, .subquestion { break-after: avoid; }
  figure, blockquote, tr { break-inside: avoid; }
}
"""


def _slug(text: str, used: set[str]) -> str:
    """A unique anchor for a heading (Swedish letters kept)."""
    base = re.sub(r"[^a-z0-9åäö]+", "-", text.lower()).strip("-") or "avsnitt"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _anchors(blocks: Iterable[Block]) -> dict[int, str]:
    used: set[str] = set()
    return {id(b): _slug(b.text, used) for b in blocks if isinstance(b, Heading)}


def _figure(block: Figure, render_svg: SvgRenderer) -> str:
    data = base64.b64encode(render_svg(block.key).encode("utf-8")).decode("ascii")
    return (f'<figure><img alt="{escape(block.alt)}" src="data:image/svg+xml;base64,{data}">'
            f"<figcaption>{escape(block.caption)}</figcaption></figure>")


def _toc(toc: Toc, blocks: list[Block], anchors: dict[int, str]) -> str:
    items = "".join(f'<li><a href="#{anchors[id(b)]}">{escape(b.text)}</a></li>'
                    for b in blocks if isinstance(b, Heading) and b.level == 1)
    return f"<nav><h2>{escape(toc.title)}</h2><ol>{items}</ol></nav>"


def blocks_html(blocks: Iterable[Block], render_svg: SvgRenderer | None = None) -> str:
    """The blocks as escaped HTML; figures only when ``render_svg`` is given."""
    blocks = list(blocks)
    anchors = _anchors(blocks)
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            parts.append(f'<{tag} id="{anchors[id(block)]}">{escape(block.text)}</{tag}>')
        elif isinstance(block, Para):
            cls = f' class="{block.style}"' if block.style else ""
            parts.append(f"<p{cls}>{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            parts.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items)
                         + f"</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_html(block.header, block.rows, caption=block.caption or None))
        elif isinstance(block, Figure):
            if render_svg is not None:
                parts.append(_figure(block, render_svg))
        elif isinstance(block, Quote):
            parts.append(f"<blockquote><p>”{escape(block.text)}”</p><footer>"
                         f"{escape(block.source)}</footer></blockquote>")
        elif isinstance(block, NoteSpace):
            parts.append(f'<div class="notes" style="height: {1.4 * block.lines:.1f}rem"></div>')
        elif isinstance(block, Lines):
            parts.append('<div class="lines">' + "".join(f"<div>{escape(label)}:</div>"
                                                         for label in block.labels) + "</div>")
        elif isinstance(block, Toc):
            parts.append(_toc(block, blocks, anchors))
        elif isinstance(block, PageBreak):
            parts.append('<div class="page-break"></div>')
    return "\n".join(parts)


def title_html(doc: Document) -> str:
    """The title and title page as an HTML ``<header>``."""
    page = doc.title_page
    parts = [f"<header><h1>{escape(doc.title)}</h1>"]
    if page.subtitle:
        parts.append(f'<p class="subtitle">{escape(page.subtitle)}</p>')
    parts += [f'<p class="meta">{escape(line)}</p>' for line in page.lines]
    if page.note:
        parts.append(f'<p class="note">{escape(page.note)}</p>')
    parts.append("</header>")
    return "".join(parts)


def to_html(doc: Document, render_svg: SvgRenderer | None = None,
            print_button: bool = False) -> str:
    """One self-contained HTML page of the document (figures only when ``render_svg`` is given)."""
    lang = doc.lang.split("-")[0]
    parts = ["<!DOCTYPE html>", f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(doc.title)}</title><style>{STYLESHEET}</style></head><body>"]
    if print_button:
        parts.append('<div class="toolbar"><button type="button" onclick="window.print()">'
                     "Skriv ut</button></div>")
    parts.append(title_html(doc))
    if doc.title_page.own_page:
        parts.append('<div class="page-break"></div>')
    parts.append("<main>")
    parts.append(blocks_html(doc.blocks, render_svg))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
