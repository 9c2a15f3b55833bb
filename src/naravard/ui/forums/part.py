"""What every tab of the forum sheet shares: the saved document, saving, quiet widget updates."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol

import ipywidgets as w

from naravard.core.county import County
from naravard.core.problems import Problem
from naravard.core.text import escape
from naravard.forums.analysis import Finding
from naravard.forums.model import FieldError, ForumMap
from naravard.ui.common import Session, error_html


def problems_html(problems: list[Problem], css: str) -> str:
    """The problems of a file as a list, each escaped."""
    return f'<ul class="{css}">' + "".join(f"<li>{escape(p)}</li>" for p in problems) + "</ul>"


def show_at(message: w.HTML) -> Callable[[ValueError], None]:
    """An ``on_error`` for :meth:`Session.update` that shows a field's refusal in ``message``."""

    def show(exc: ValueError) -> None:
        if isinstance(exc, FieldError):
            message.value = error_html(str(exc))

    return show


class Sheet(Protocol):
    """What a tab needs from the worksheet it is part of."""

    session: Session
    county: County
    principals: list[str]
    options: list[str]
    doc: dict
    findings: list[Finding]
    tabs: w.Tab

    @property
    def fmap(self) -> ForumMap: ...

    def preview_example(self) -> None: ...


class SheetPart:
    """A tab of the forum sheet. It reads the sheet's saved document and saves through the
    session; the sheet redraws every tab when the session tells it that a change is saved."""

    def __init__(self, sheet: Sheet):
        self.sheet = sheet
        self.session = sheet.session
        self.loading = False
        self.result: Any = None

    @property
    def doc(self) -> dict:
        """The last saved document."""
        return self.sheet.doc

    @property
    def fmap(self) -> ForumMap:
        """The forum map of the last saved document."""
        return self.sheet.fmap

    def save(self, change: Callable[[dict], Any], *, snapshot: bool = False,
             on_error: Callable[[ValueError], None] | None = None) -> bool:
        """Save ``change`` with :meth:`Session.update`; True when saved.

        What ``change`` returned (a new id, a count) is kept in :attr:`result`. A refusal goes
        to ``on_error`` and to the status line, and nothing is saved.
        """
        outcome: dict[str, Any] = {}

        def apply(doc: dict) -> None:
            outcome["value"] = change(doc)

        saved = self.session.update(apply, snapshot=snapshot, on_error=on_error) is not None
        self.result = outcome.get("value") if saved else None
        return saved

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Set widgets from the saved document without their observers saving it again."""
        before, self.loading = self.loading, True
        try:
            yield
        finally:
            self.loading = before

    def set_options(self, dropdown: w.Dropdown, options: list) -> None:
        """Give a dropdown new options, keeping its choice when it is still there."""
        value = dropdown.value
        with self.quiet():
            if list(dropdown.options) != list(options):
                dropdown.options = options
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            if value in values:
                dropdown.value = value
            elif values:
                dropdown.value = values[0]
