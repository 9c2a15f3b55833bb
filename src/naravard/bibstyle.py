"""Swedish author–year citations: "(Ekholm och Caesar, 2024)", "m.fl." for three or more."""

from __future__ import annotations

from dataclasses import dataclass, field

import sphinxcontrib.bibtex.plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

STYLE_NAME = "author_year_sv"


def _brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ", sep2="; ", last_sep="; ")


def _persons() -> PersonStyle:
    return PersonStyle(sep=", ", sep2=" och ", last_sep=" och ", other=" m.fl.")


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
