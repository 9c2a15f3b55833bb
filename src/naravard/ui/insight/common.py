"""What the parts of the insight worksheet share: the context, step cards and checked text fields.

Messages (``error_html``, ``ok_html``), ``labelled`` and the session come from
:mod:`naravard.ui.common`; the styling is the insight section of ``static/worksheet.css``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import ipywidgets as w

from naravard.core.county import County
from naravard.insight.guide import Guide
from naravard.insight.study import Study
from naravard.core.pii import pii_problem
from naravard.core.store import Path_
from naravard.core.text import escape
from naravard.ui.common import Session, autosaved_text


@dataclass
class Ctx:
    """The session, the guide and the county, and a way to redraw everything after a change."""

    session: Session
    guide: Guide
    county: County
    refresh: Callable[[], None] = field(default=lambda: None)
    reload: Callable[[], None] = field(default=lambda: None)

    def read(self) -> dict:
        """The saved document."""
        return self.session.read()

    def study(self, doc: dict | None = None) -> Study:
        """The saved document (or ``doc``) read as a :class:`Study`."""
        return Study.from_doc(self.read() if doc is None else doc)

    def principal_options(self) -> list[tuple[str, str]]:
        """Dropdown options ``(name, code)`` for every principal a respondent can belong to."""
        return [(self.guide.principal_name(c, self.county), c)
                for c in self.guide.principal_codes(self.county)]

    def perspective_options(self) -> list[tuple[str, str]]:
        """Dropdown options ``(name, code)`` for the guide's perspectives."""
        return [(p.name, p.code) for p in self.guide.perspectives]

    def say(self, message: str) -> None:
        """Show an informative message in the status line."""
        self.session.status.info(message)

    def fail(self, message: str) -> None:
        """Show an error in the status line."""
        self.session.status.error(message)


def step_card(number: int, title: str, help_text: str, *children: w.Widget) -> w.VBox:
    """A numbered step of the worksheet; the heading is the target of the step menu."""
    head = w.HTML(f'<h2 id="insikt-steg-{number}">Steg {number}. {escape(title)}</h2>'
                  f'<p class="naravard-help">{escape(help_text)}</p>')
    box = w.VBox([head, *children])
    box.add_class("naravard-card")
    box.add_class(f"insight-step-{number}")
    return box


def part(title: str, *children: w.Widget, help_text: str = "") -> w.VBox:
    """A titled part inside a step."""
    helper = f'<p class="naravard-help">{escape(help_text)}</p>' if help_text else ""
    box = w.VBox([w.HTML(f"<h3>{escape(title)}</h3>{helper}"), *children])
    box.add_class("insight-part")
    return box


def pii_text(ctx: Ctx, path: Path_, label: str, *, required: str | None = None,
             **kwargs: Any) -> w.VBox:
    """An autosaved text field that refuses personal data (and, if ``required``, emptiness)."""
    def check(value: str) -> str | None:
        if required and not value.strip():
            return required
        return pii_problem(value)

    return autosaved_text(ctx.session, path, label, check=check, **kwargs)
