"""The block model of an exported document: what it says, not how it looks.

Blocks are frozen dataclasses. Sequences given as lists are stored as tuples, so a document is
a plain, comparable value that every renderer reads the same way. Figures carry a key only; the
renderer asks the caller for the picture (SVG for HTML, PNG for Word) and leaves the figure out
when no picture function is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence, Union

#: Paragraph styles a :class:`Para` may have, with what each is for.
PARA_STYLES = {
    "": "body text",
    "lead": "the opening line that states the subject",
    "note": "a remark about the material itself (what is missing, what is invented)",
    "meta": "facts about the text that follows (counts, sources)",
    "question": "a question, followed by its answer or by room for notes",
    "subquestion": "a part of the question before it",
}


def _freeze(obj: object, *names: str) -> None:
    """Store the named sequence fields of a frozen dataclass as tuples."""
    for name in names:
        object.__setattr__(obj, name, tuple(getattr(obj, name)))


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 is a chapter of the document, 2 a section, 3 a subsection."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"Rubriknivån ska vara 1, 2 eller 3, inte {self.level}.")


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text in one of :data:`PARA_STYLES`."""

    text: str
    style: str = ""

    def __post_init__(self) -> None:
        if self.style not in PARA_STYLES:
            raise ValueError(f"Okänd styckestil {self.style!r}. Välj bland: "
                             f"{', '.join(repr(s) for s in PARA_STYLES)}.")


@dataclass(frozen=True)
class Bullets:
    """A bulleted or numbered list."""

    items: Sequence[str]
    numbered: bool = False

    def __post_init__(self) -> None:
        _freeze(self, "items")


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``widths`` are relative column widths (Word)."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    caption: str = ""
    widths: Sequence[float] = ()

    def __post_init__(self) -> None:
        _freeze(self, "header", "widths")
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))


@dataclass(frozen=True)
class Figure:
    """A chart or picture named by ``key``; ``text`` stands in for it in text-only formats."""

    key: str
    caption: str
    alt: str
    text: str = ""


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it."""

    text: str
    source: str


@dataclass(frozen=True)
class NoteSpace:
    """Room to write notes by hand under a question (a printed interview guide)."""

    lines: int = 4


@dataclass(frozen=True)
class Lines:
    """Labelled lines to fill in by hand (``Pseudonym: ____``)."""

    labels: Sequence[str]

    def __post_init__(self) -> None:
        _freeze(self, "labels")


@dataclass(frozen=True)
class Toc:
    """The table of contents: headings down to ``levels``."""

    title: str = "Innehåll"
    levels: int = 2


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (Word, and print from HTML)."""


Block = Union[Heading, Para, Bullets, Table, Figure, Quote, NoteSpace, Lines, Toc, PageBreak]


@dataclass(frozen=True)
class TitlePage:
    """What stands under the title: a subtitle, lines of facts and a remark.

    ``own_page`` gives the title a page of its own (a cover) in Word.
    """

    subtitle: str = ""
    lines: Sequence[str] = ()
    note: str = ""
    own_page: bool = False

    def __post_init__(self) -> None:
        _freeze(self, "lines")


@dataclass(frozen=True)
class Document:
    """A whole document: its title and title page, the blocks, and facts for the file itself.

    ``footer`` is the text before the page number in Word's page footer (none when empty).
    """

    title: str
    blocks: Sequence[Block]
    title_page: TitlePage = field(default_factory=TitlePage)
    lang: str = "sv-SE"
    subject: str = ""
    author: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        _freeze(self, "blocks")

    def headings(self, levels: int = 3) -> list[Heading]:
        """The document's headings down to ``levels``, in order."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= levels]
