"""What the tabs of the follow-up worksheet share: the context, cards and checked fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import ipywidgets as w

from naravard.core.county import County
from naravard.core.pii import pii_problem
from naravard.core.store import Path_
from naravard.core.text import escape
from naravard.followup.guide import FollowupGuide
from naravard.followup.meeting import FollowupView, compute
from naravard.followup.model import Followup, principals, units
from naravard.ui.common import Session, autosaved_text
from naravard.ui.records import close_tree


@dataclass
class Ctx:
    """The session, the wording, the county and the round the page shows."""

    session: Session
    guide: FollowupGuide
    county: County
    round_id: str = ""
    refresh: Callable[[], None] = field(default=lambda: None)
    _view: tuple[dict, str, FollowupView] | None = field(default=None, init=False, repr=False)

    def read(self) -> dict:
        return self.session.read()

    def followup(self) -> Followup:
        return Followup(self.read())

    def view(self) -> FollowupView:
        """The computed view of the saved document and the chosen round (cached per version)."""
        doc = self.read()
        if self._view is not None and self._view[0] is doc and self._view[1] == self.round_id:
            return self._view[2]
        view = compute(doc, self.guide, self.round_id or None)
        self._view = (doc, self.round_id, view)
        return view

    def forget(self) -> None:
        self._view = None

    def principal_options(self) -> list[tuple[str, str]]:
        """Who a participant can represent; the one list of principals (the county's)."""
        return [(self.county.organisation_of(p), p) for p in principals(self.county)]

    def unit_options(self) -> list[tuple[str, str]]:
        """Where a value can be measured: the whole county, the principals and any areas."""
        return [(u, u) for u in units(self.county)]


def card(title: str, *children: w.Widget, help_text: str = "") -> w.VBox:
    """A titled card inside a tab."""
    helper = f'<p class="naravard-help">{escape(help_text)}</p>' if help_text else ""
    box = w.VBox([w.HTML(f"<h3>{escape(title)}</h3>{helper}"), *children])
    box.add_class("naravard-card")
    box.add_class("followup-card")
    return box


def pii_text(session: Session, path: Path_, label: str, **kwargs: Any) -> w.VBox:
    """An autosaved text field that refuses personal contact details and health data."""
    return autosaved_text(session, path, label, check=pii_problem, **kwargs)


def message_box() -> w.HTML:
    box = w.HTML("")
    box.add_class("naravard-field-message")
    return box


class Tab:
    """A tab of the follow-up sheet: a box rebuilt from the saved document by ``build``."""

    css_class = ""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.widget = w.VBox()
        self.widget.add_class(self.css_class)

    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    def refresh(self) -> None:
        """Draw the tab anew and close the widgets it replaces."""
        old = list(self.widget.children)
        self.widget.children = self.build()
        for child in old:
            close_tree(child)
