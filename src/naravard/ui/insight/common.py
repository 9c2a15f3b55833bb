"""What the parts of the insight worksheet share: the context, step cards and messages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

import ipywidgets as w

from naravard.core.county import County
from naravard.insight.study import Guide, Study
from naravard.core.pii import pii_problem
from naravard.core.store import Path_
from naravard.core.text import escape
from naravard.ui.common import Session, autosaved_text

CSS = """
.insight-nav { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; margin: 0.3rem 0 0.2rem; }
.insight-nav a { color: #1f5fa8; text-decoration: none; font-weight: 600; }
.insight-nav a:hover { text-decoration: underline; }
.insight-check .widget-label-basic, .insight-check label { white-space: normal !important; }
.insight-check { height: auto !important; }
.insight-grid { display: grid !important; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 0 1rem; }
.insight-answer { background: #f6f8fa; border-left: 3px solid #a3336d; padding: 0.3rem 0.7rem;
  margin: 0.5rem 0 0.2rem; white-space: pre-wrap; }
.insight-question { font-weight: 600; margin-top: 0.7rem; }
.insight-lead { color: #3a4a5c; font-style: italic; }
.insight-part { border-top: 1px solid #e3e8ee; margin-top: 0.8rem; padding-top: 0.4rem; }
.insight-part h3 { font-size: 1.1rem; margin: 0.3rem 0; }
.insight-quote { border-left: 4px solid #a3336d; background: #faf3f7; padding: 0.3rem 0.8rem;
  margin: 0.4rem 0; } .insight-quote footer { color: #3a4a5c; font-size: 0.9rem; }
.insight-preview { max-height: 26rem; overflow: auto; border: 1px solid #d5dde6;
  padding: 0.3rem 1rem; border-radius: 6px; background: #fcfcfd; }
.insight-preview .notes { display: none; } .insight-preview .lines { display: none; }
.insight-suggest { color: #3a4a5c; }
.insight-gap { margin: 0.3rem 0; }
.insight-row { align-items: flex-end; flex-wrap: wrap; gap: 0.2rem 0.6rem; }
.insight-slider-row .widget-label { width: 26rem !important; max-width: 26rem; }
.naravard-card[class*="insight-step-"] .jupyter-button { width: auto; max-width: none;
  padding: 0 1rem; }
"""


@dataclass
class Ctx:
    """The session, the guide and the county, and a way to redraw everything after a change."""

    session: Session
    guide: Guide
    county: County
    refresh: Callable[[], None] = field(default=lambda: None)
    reload: Callable[[], None] = field(default=lambda: None)

    def read(self) -> dict:
        return self.session.read()

    def study(self, doc: dict | None = None) -> Study:
        return Study.from_doc(self.read() if doc is None else doc)

    def principal_options(self) -> list[tuple[str, str]]:
        return [(self.guide.principal_name(c, self.county), c)
                for c in self.guide.principal_codes(self.county)]

    def perspective_options(self) -> list[tuple[str, str]]:
        return [(p.name, p.code) for p in self.guide.perspectives]

    def say(self, message: str) -> None:
        self.session.status.info(message)

    def fail(self, message: str) -> None:
        self.session.status.error(message)


def new_id(prefix: str) -> str:
    """A new key for a respondent, theme, scale or action (unique across sessions)."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"


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


def error_html(message: str) -> str:
    return f'<span class="naravard-error" role="alert">{escape(message)}</span>'


def ok_html(message: str) -> str:
    return f'<span class="naravard-ok">{escape(message)}</span>'


def pii_text(ctx: Ctx, path: Path_, label: str, *, required: str | None = None,
             **kwargs: Any) -> w.VBox:
    """An autosaved text field that refuses personal data (and, if ``required``, emptiness)."""
    def check(value: str) -> str | None:
        if required and not value.strip():
            return required
        return pii_problem(value)

    return autosaved_text(ctx.session, path, label, check=check, **kwargs)


def labelled(label: str, widget: w.Widget) -> w.VBox:
    return w.VBox([w.HTML(f'<label class="naravard-label">{escape(label)}</label>'), widget])
