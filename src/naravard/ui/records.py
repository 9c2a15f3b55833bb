"""Autosaved choices, check boxes and rows of records for worksheets that edit lists.

A worksheet keeps each list as a dict of records keyed by a short id (see
:func:`naravard.core.store.new_id`), so rows are added and removed one at a time through
the store and two participants never overwrite each other's rows. Text fields are
:func:`naravard.ui.common.autosaved_text`; this module adds what such lists need around them.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as w

from naravard.core.county import looks_like_contact_details
from naravard.core.store import Path_, delete_path, get_path
from naravard.ui.common import Session, caption

Check = Callable[[str], "str | None"]


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything inside it (frees the browser side when a page is redrawn)."""
    for child in getattr(widget, "children", ()) or ():
        close_tree(child)
    widget.close()


def checks(*fns: Check) -> Check:
    """Combine field checks: the first Swedish message wins."""
    def run(value: str) -> str | None:
        for fn in fns:
            problem = fn(value)
            if problem:
                return problem
        return None
    return run


def max_length(limit: int) -> Check:
    """Refuse text longer than ``limit`` characters."""
    def check(value: str) -> str | None:
        if len(value) > limit:
            return f"Texten är för lång ({len(value)} tecken; högst {limit})."
        return None
    return check


def no_contact_details(value: str) -> str | None:
    """Refuse e-mail addresses and phone numbers: roles only, never personal contact details."""
    if looks_like_contact_details(value):
        return ("Texten ser ut att innehålla en e-postadress eller ett telefonnummer. Skriv "
                "roller och organisationer, aldrig personliga kontaktuppgifter.")
    return None


def autosaved_choice(session: Session, path: Path_, label: str,
                     options: Sequence[tuple[str, str]], *, value: Any = None,
                     empty: str | None = "– välj –",
                     on_change: Callable[[str], None] | None = None) -> w.VBox:
    """A drop-down list that saves the chosen value at once (``options``: (shown, saved))."""
    saved = get_path(session.read(), path, "") if value is None else value
    choices = ([(empty, "")] if empty is not None else []) + list(options)
    values = [v for _, v in choices]
    dropdown = w.Dropdown(options=choices, value=saved if saved in values else values[0],
                          layout=w.Layout(width="auto"))
    dropdown.add_class("naravard-field")

    def changed(change: dict) -> None:
        session.save(path, change["new"])
        if on_change:
            on_change(change["new"])

    dropdown.observe(session.guarded(changed), names="value")
    box = w.VBox(caption(label, dropdown))
    box.add_class("naravard-field-box")
    box.field = dropdown  # type: ignore[attr-defined]
    return box


def autosaved_flag(session: Session, path: Path_, label: str, *, value: Any = None,
                   on_change: Callable[[bool], None] | None = None) -> w.Checkbox:
    """A check box that saves true/false at once."""
    saved = bool(get_path(session.read(), path, False) if value is None else value)
    box = w.Checkbox(value=saved, description=label, indent=False,
                     layout=w.Layout(width="auto"))

    def changed(change: dict) -> None:
        session.save(path, bool(change["new"]))
        if on_change:
            on_change(bool(change["new"]))

    box.observe(session.guarded(changed), names="value")
    return box


def add_record(session: Session, path: Path_, record_id: str, record: dict) -> bool:
    """Save a new record under ``path``; True when it was saved."""
    return session.save((*path, record_id), record) is not None


def remove_record(session: Session, path: Path_, record_id: str) -> bool:
    """Remove one record; the previous version goes to the history so "Ångra" brings it back."""
    done = session.update(lambda d: delete_path(d, (*path, record_id)), snapshot=True)
    return done is not None


def button(label: str, on_click: Callable[[], None], session: Session, *,
           style: str = "", tooltip: str = "", css: str = "") -> w.Button:
    """A button whose errors become a Swedish status line."""
    b = w.Button(description=label, button_style=style, tooltip=tooltip or label,
                 layout=w.Layout(width="auto"))
    if css:
        b.add_class(css)
    b.on_click(session.guarded(lambda _b: on_click()))
    return b
