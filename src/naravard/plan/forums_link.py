"""The plan's forums (step 4) matched against the workshop's forum map.

The forum map worksheet saves the county's forums; the plan names the ones that decide, support
and take escalated questions. :func:`support_rows` says for each whether the map still knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from naravard.plan.model import Plan
from naravard.plan.values import as_text

IN_MAP = "I forumkartan"
MISSING_FROM_MAP = "Saknas i forumkartan"
TYPED = "Inskrivet här"


def forum_map_records(forum_doc: dict | None) -> list[dict]:
    """The named forums of a ``forum_mapping`` document, each with ``id``, ``name``, ``level`` …"""
    from naravard.forums import forum_records

    return [dict(r) for r in forum_records(forum_doc or {}) if as_text(r.get("name"))]


@dataclass(frozen=True)
class SupportRow:
    """A forum the plan relies on, and whether the forum map knows it."""

    id: str
    name: str
    level: str
    principal: str
    decides: bool
    supports: bool
    escalation: bool
    note: str
    status: str


def support_rows(plan: Plan, forum_map: list[dict]) -> list[SupportRow]:
    """The plan's forums with their roles, matched against the forum map by id or by name."""
    by_id = {r["id"]: r for r in forum_map if r.get("id")}
    by_name = {as_text(r.get("name")).casefold(): r for r in forum_map}
    rows = []
    for sid, f in plan.support_forums().items():
        if not (f.get("decides") or f.get("supports") or f.get("escalation")):
            continue
        forum_id = as_text(f.get("forum_id"))
        name = as_text(f.get("name")).casefold()
        match = by_id.get(forum_id) if forum_id else by_name.get(name)
        if match is None and forum_id:
            match = by_name.get(name)
        if match is not None:
            status = IN_MAP
        else:
            status = MISSING_FROM_MAP if forum_id else TYPED
        source = match or f
        rows.append(SupportRow(
            sid, as_text(source.get("name")) or as_text(f.get("name")),
            as_text(source.get("level")), as_text(source.get("principal")),
            bool(f.get("decides")), bool(f.get("supports")), bool(f.get("escalation")),
            as_text(f.get("note")), status))
    return rows


def unknown_map_forums(plan: Plan, forum_map: list[dict]) -> dict[str, dict]:
    """The plan's forums picked from the map that the map no longer has, by their plan id."""
    known = {str(f.get("id")) for f in forum_map}
    return {sid: rec for sid, rec in plan.support_forums().items()
            if rec.get("forum_id") and str(rec.get("forum_id")) not in known}
