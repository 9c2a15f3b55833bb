"""Swedish author–year citations: "(Ekholm och Caesar, 2024)", "m.fl." for three or more."""

from __future__ import annotations

from dataclasses import dataclass, field

import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Text
from pybtex.style.template import join, node
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

STYLE_NAME = "author_year_sv"


def _brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


@node
def _sv_names(children, data, role, full):
    """Authors in a citation: "A", "A och B", "A m.fl."; BibTeX "and others" means "m.fl."."""
    entry = data["entry"]
    try:
        persons = entry.persons[role]
    except KeyError:
        from pybtex.style.template import FieldIsMissing

        raise FieldIsMissing(role, entry) from None
    style = data["style"]
    real = [p for p in persons if str(p).strip().lower() != "others"]
    truncated = len(real) < len(persons)
    if not full and len(real) >= 3:
        real, truncated = real[:1], True
    names = [style.person.style_plugin.format(p, style.person.abbreviate) for p in real]
    text = join(sep=", ", sep2=" och ", last_sep=" och ")[names].format_data(data)
    return Text(text, " m.fl.") if truncated else text


@dataclass
class SwedishPersonStyle(PersonStyle):
    """Person names for citations, joined with "och" and shortened with "m.fl."."""

    def names(self, role: str, full: bool):
        return _sv_names(role=role, full=full)


def _persons() -> PersonStyle:
    return SwedishPersonStyle(sep=", ", sep2=" och ", last_sep=" och ", other=" m.fl.")


@dataclass
class SwedishAuthorYearStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = field(default_factory=_brackets)
    bracket_textual: BracketStyle = field(default_factory=_brackets)
    bracket_author: BracketStyle = field(default_factory=_brackets)
    bracket_label: BracketStyle = field(default_factory=_brackets)
    bracket_year: BracketStyle = field(default_factory=_brackets)
    person: PersonStyle = field(default_factory=_persons)


def register() -> None:
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", STYLE_NAME, SwedishAuthorYearStyle, force=True
    )
