"""Swedish reference list: "och" between authors, "m.fl.", "s.", "uppl.", "red.", "Rapport"."""

from __future__ import annotations

import pybtex.plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import (field, first_of, join, node, optional, optional_field,
                                   sentence, tag, together, words)
from pybtex.richtext import Text

STYLE_NAME = "naravard_sv"


def _is_others(person) -> bool:
    return str(person).strip().lower() in {"others", "m.fl.", "{m.fl.}"}


@node
def sv_names(children, context, role, **kwargs):
    """Names joined the Swedish way; a BibTeX "and others" becomes "m.fl."."""
    persons = context["entry"].persons[role]
    style = context["style"]
    real = [p for p in persons if not _is_others(p)]
    formatted = [style.format_name(p, style.abbreviate_names) for p in real]
    text = join(sep=", ", sep2=" och ", last_sep=" och ")[formatted].format_data(context)
    if len(real) < len(persons):
        text = Text(text, " m.fl.")
    return text


from pybtex.style.formatting.unsrt import date, pages  # noqa: E402  (dashed pages, year)


class SwedishStyle(PlainStyle):
    """pybtex's plain style with Swedish words and separators."""

    default_sorting_style = "author_year_title"

    def format_title(self, e, which_field, as_sentence=True):
        """Titles exactly as written in references.bib (no change of case)."""
        formatted = field(which_field)
        return sentence[formatted] if as_sentence else formatted

    def format_names(self, role, as_sentence=True):
        formatted = sv_names(role)
        return sentence[formatted] if as_sentence else formatted

    def get_article_template(self, e):
        volume_and_pages = first_of[
            optional[join[field("volume"), optional["(", field("number"), ")"], ":", pages]],
            words["s.", pages],
        ]
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[tag("em")[field("journal")], optional[volume_and_pages], date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def format_edition(self, e):
        return optional[words[field("edition"), "uppl."]]

    def format_editor(self, e, as_sentence=True):
        editors = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editors
        result = join(sep=" ")[editors, "(red.)"]
        return sentence[result] if as_sentence else result

    def get_techreport_template(self, e):
        return self._toplevel(
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[first_of[optional_field("type"), "Rapport"], optional_field("number")],
                field("institution"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        )

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (hämtad ", field("urldate"), ")"]],
            optional[self.format_doi(e)],
        ]

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together["kapitel", field("chapter")]],
            optional[together["s.", pages]],
        ]

    @staticmethod
    def _toplevel(*parts):
        return toplevel[parts]


def register() -> None:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, SwedishStyle)
