"""A document as Markdown: plain text that stays readable, with every user text escaped.

Figures are replaced by their ``text`` (nothing when they have none); page breaks and the table
of contents are left to whoever renders the Markdown.
"""

from __future__ import annotations

import re

from naravard.documents.blocks import (Bullets, Document, Figure, Heading, Lines, NoteSpace,
                                       Para, Quote, Table)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: object) -> str:
    """User text safe in Markdown: special characters escaped, lines joined into one."""
    clean = " ".join(str("" if text is None else text).split())
    return _SPECIAL.sub(r"\\\1", clean)


def _para(block: Para) -> str:
    text = md_escape(block.text)
    if block.style == "note":
        return f"*{text}*"
    if block.style in ("lead", "question", "subquestion"):
        return f"**{text}**"
    return text


def to_markdown(doc: Document) -> str:
    """The document as Markdown text."""
    page = doc.title_page
    lines = [f"# {md_escape(doc.title)}", ""]
    if page.subtitle:
        lines += [f"**{md_escape(page.subtitle)}**", ""]
    for line in page.lines:
        lines += [md_escape(line), ""]
    if page.note:
        lines += [f"*{md_escape(page.note)}*", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + md_escape(block.text), ""]
        elif isinstance(block, Para):
            lines += [_para(block), ""]
        elif isinstance(block, Bullets):
            lines += [f"{i}. {md_escape(t)}" if block.numbered else f"- {md_escape(t)}"
                      for i, t in enumerate(block.items, 1)] + [""]
        elif isinstance(block, Table):
            if block.caption:
                lines += [f"*{md_escape(block.caption)}*", ""]
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(md_escape(c) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Figure) and block.text:
            lines += [f"*{md_escape(block.text)}*", ""]
        elif isinstance(block, Quote):
            lines += [f"> ”{md_escape(block.text)}”", ">", f"> – {md_escape(block.source)}", ""]
        elif isinstance(block, NoteSpace):
            lines += ["\\_" * 40, ""]
        elif isinstance(block, Lines):
            lines += [f"{md_escape(label)}: " + "\\_" * 30 + "  " for label in block.labels]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
