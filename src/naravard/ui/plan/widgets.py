"""What every page of the plan worksheet shares: the page context, cards, checks and sources.

A page is a function ``page(ctx) -> list of widgets`` that draws from the saved document each
time it is shown. :class:`PageContext` gives it the session, the county, the plan's wording
(``data/plan_guide.yml``) and the hooks to redraw the page or the progress chart after a change.
The styling is the plan section of ``static/worksheet.css``.
"""

from __future__ import annotations

import logging
import re
from typing import Callable

import ipywidgets as w

from naravard.core.store import new_id
from naravard.core.text import escape, readable_text
from naravard.plan.catalog import PlanGuide, plan_guide
from naravard.plan.forums_link import forum_map_records
from naravard.plan.model import Plan, county_plan
from naravard.ui.common import Session, autosaved_text
from naravard.ui.records import add_record, button, checks, max_length, no_contact_details, \
    remove_record

log = logging.getLogger("naravard.ui")

SOURCE_SKR = "Källa: SKR, Stöd vid framtagande av plan för gemensam primärvård (2023)."
SOURCE_EKHOLM = "Källa: Ekholm och Caesar, Genvägen till Nära Vård (2024)."
SOURCE_GOVERNO = "Källa: Governo, offert om genomförandeplaner i Västerbotten (2022)."

TEXT = max_length(4000)
SHORT = max_length(500)
ROLE_TEXT = checks(max_length(300), no_contact_details)


def help_html(text: str) -> w.HTML:
    """A line of guidance on a page."""
    return w.HTML(f"<p class='naravard-help'>{escape(text)}</p>")


def source_html(source: str) -> str:
    """A source reference under a card or an example, as HTML."""
    return f"<p class='plan-source'>{escape(source)}</p>"


def card(*children: w.Widget, title: str = "", css: str = "") -> w.VBox:
    """A white card with a heading; lone buttons keep their natural width."""
    items = ([w.HTML(f"<h2>{escape(title)}</h2>")] if title else []) + [
        w.HBox([c]) if isinstance(c, w.Button) else c for c in children]
    box = w.VBox(items)
    box.add_class("naravard-card")
    if css:
        box.add_class(css)
    return box


def gapped(box: w.Box) -> w.Box:
    """Space between the items of a row."""
    box.add_class("plan-gap")
    return box


def record_row(*children: w.Widget, css: str = "", wrap: bool = False) -> w.HBox:
    """A row of fields for one record (``wrap``: onto several lines when narrow)."""
    line = w.HBox(list(children))
    if wrap:
        line.layout = w.Layout(flex_flow="row wrap")
    line.add_class("plan-row")
    if css:
        line.add_class(css)
    return line


def chip(guide: PlanGuide, priority: str) -> str:
    """A coloured label for an initiative's priority ("Ingen färg" when it has none)."""
    if priority not in guide.priorities:
        return '<span class="plan-chip plan-chip-none">Ingen färg</span>'
    colour = guide.priority_colours[priority]
    text = readable_text(colour) if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else "#000000"
    return (f'<span class="plan-chip" style="background:{escape(colour)};color:{text}">'
            f"{escape(guide.priorities[priority][0])}</span>")


class PageContext:
    """The session, county and wording a page draws from, and what it calls after a change."""

    def __init__(self, session: Session, redraw: Callable[[], None],
                 refresh_progress: Callable[[], None]):
        self.s = session
        self.redraw = redraw
        self.refresh_progress = refresh_progress
        self.county = session.county
        self.principals = self.county.principals()
        #: Region, municipalities, "Gemensam" and the county's areas (County.principal_choices).
        self.principal_options = self.county.principal_options()
        self.municipality_options = [(m.organisation, m.name)
                                     for m in self.county.municipalities]

    # -- reading -----------------------------------------------------------------------------
    @property
    def guide(self) -> PlanGuide:
        """The plan's wording from data/plan_guide.yml (read again when the file changes)."""
        return plan_guide()

    def doc(self) -> dict:
        return self.s.read()

    def plan(self) -> Plan:
        return county_plan(self.doc(), self.county, self.guide)

    def forum_doc(self) -> dict:
        """The workshop's forum map document ({} when it cannot be read)."""
        try:
            return self.s.workspace.read("forum_mapping")
        except Exception:  # noqa: BLE001 - a broken forum map must not stop the plan
            log.exception("Forumkartan kunde inte läsas")
            return {}

    def forum_map(self) -> list[dict]:
        return forum_map_records(self.forum_doc())

    # -- shared pieces -----------------------------------------------------------------------
    def answers(self, step: str) -> list[w.Widget]:
        """A text field per guiding question of ``step``."""
        return [autosaved_text(self.s, ("answers", step, key), question, multiline=True, rows=3,
                               check=TEXT)
                for key, question in self.guide.questions.get(step, {}).items()]

    def remove_button(self, path: tuple, rid: str, what: str) -> w.Button:
        """A button that removes one record (kept in the history, so "Ångra" brings it back)."""
        def remove() -> None:
            if remove_record(self.s, path, rid):
                self.s.status.info(f"{what} togs bort. Ångra längst ned om det var fel.")
                self.redraw()
        return button(f"Ta bort {what.lower()}", remove, self.s, tooltip=f"Ta bort {what.lower()}",
                      css="plan-remove")

    def add_button(self, label: str, path: tuple, prefix: str, record: dict,
                   css: str = "") -> w.Button:
        """A button that adds a record under ``path`` and redraws the page."""
        def add() -> None:
            if add_record(self.s, path, new_id(prefix), dict(record)):
                self.redraw()
        return button(label, add, self.s, css=css)

    def update_and_redraw(self, change: Callable[[dict], object], *,
                          snapshot: bool = False) -> bool:
        """Apply ``change`` to the saved plan and redraw the page; True when it was saved."""
        if self.s.update(change, snapshot=snapshot) is not None:
            self.redraw()
            return True
        return False
