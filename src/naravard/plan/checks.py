"""The Tight–Loose–Tight check of a goal: a change for residents, measured, with a date.

Following Ekholm and Caesar (2024), a goal should measure the change residents will notice, not
structures (beds, places, units, new forums), and needs a measure, a baseline, a target and a
date. :func:`tlt_check` says in Swedish why a goal does not pass yet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from naravard.core.text import format_date
from naravard.plan.values import as_text, parse_date, parse_number


@dataclass(frozen=True)
class Finding:
    """Why a goal does not yet pass the Tight–Loose–Tight check."""

    field: str
    kind: str  # "struktur", "saknas", "datum" or "förändring"
    message: str
    summary: str = ""  # a few words for tables: "Mått saknas"


_WORD_RE = re.compile(r"[0-9a-zåäöéü-]+", re.IGNORECASE)
_PLACE_EXCEPTIONS = ("arbets", "mötes", "webb", "hem")
_STRUCTURE_NOUNS = (
    "forum", "grupp", "råd", "nämnd", "kommitté", "mottagning", "vårdcentral", "hälsocentral",
    "avdelning", "boende", "lokal", "tjänst", "organisation", "center", "team", "enhet",
)
_STRUCTURE_TRIGGERS = {
    "ny", "nytt", "nya", "fler", "flera", "ytterligare", "inrätta", "inrättas", "inrättar",
    "bilda", "bildas", "bildar", "bygga", "byggs", "bygger", "öppna", "öppnas", "starta",
    "startas", "etablera", "etableras", "anställa", "anställs", "rekrytera", "rekryteras",
}


def _structure_word(token: str) -> bool:
    """Beds, places and units: the structure measures TLT goals should not be."""
    if token.startswith(("säng", "bädd")):
        return True
    if re.search(r"plats(er|en|erna)?$", token) and not token.startswith(_PLACE_EXCEPTIONS):
        return True
    return bool(re.search(r"enhet(er|en|erna)?$", token))


def structure_terms(text: str) -> list[str]:
    """The words in ``text`` that name structures (beds, places, units, new forums …)."""
    tokens = [t.lower().strip("-") for t in _WORD_RE.findall(text or "")]
    found: list[str] = []
    for i, token in enumerate(tokens):
        if _structure_word(token):
            found.append(token)
            continue
        if token in _STRUCTURE_TRIGGERS:
            for nxt in tokens[i + 1:i + 4]:
                if any(noun in nxt for noun in _STRUCTURE_NOUNS) and not _structure_word(nxt):
                    found.append(f"{token} {nxt}" if token in ("ny", "nytt", "nya") else nxt)
                    break
    seen: list[str] = []
    for term in found:
        if term not in seen:
            seen.append(term)
    return seen


def tlt_check(goal: dict, today: dt.date | None = None) -> list[Finding]:
    """Check one goal against Tight–Loose–Tight; an empty list means it passes.

    A goal is flagged when it names structures (beds, places, units, new forums) instead of a
    change for residents, or lacks a measure, a baseline, a target or a date.
    """
    today = today or dt.date.today()
    text = as_text(goal.get("text"))
    findings: list[Finding] = []
    if not text:
        findings.append(Finding("text", "saknas", "Målet saknar text: beskriv vilken förändring "
                                                  "invånarna ska märka.", "Text saknas"))
    for key, where in (("text", "Målet"), ("measure", "Måttet"), ("target", "Målvärdet")):
        terms = structure_terms(as_text(goal.get(key)))
        if terms:
            named = ", ".join(f"”{t}”" for t in terms)
            findings.append(Finding(key, "struktur", (
                f"{where} handlar om struktur ({named}) i stället för om en förändring för "
                "invånarna. Enligt Tight–Loose–Tight ska målen mäta den förändring ni vill nå, "
                "till exempel färre fallskador eller kortare väntetider, inte antal sängar, "
                "platser, enheter eller nya forum. Fråga er vad som ska bli bättre för invånarna."
            ), f"{where} handlar om struktur ({named})"))
    if not as_text(goal.get("measure")):
        findings.append(Finding("measure", "saknas", "Mått saknas: skriv hur förändringen ska "
                                "mätas, till exempel andelen invånare över 75 år med fast "
                                "vårdkontakt.", "Mått saknas"))
    if not as_text(goal.get("baseline")):
        findings.append(Finding("baseline", "saknas", "Utgångsvärde saknas: skriv var ni står i "
                                "dag, annars går det inte att se om det blir bättre.",
                                "Utgångsvärde saknas"))
    if not as_text(goal.get("target")):
        findings.append(Finding("target", "saknas", "Målvärde saknas: skriv vilket värde ni vill "
                                "nå.", "Målvärde saknas"))
    if as_text(goal.get("baseline")) and as_text(goal.get("target")) \
            and _leading_number(goal.get("baseline")) is not None \
            and _leading_number(goal.get("baseline")) == _leading_number(goal.get("target")):
        findings.append(Finding("target", "förändring", "Målvärdet är detsamma som "
                                "utgångsvärdet, så målet beskriver ingen förändring.",
                                "Ingen förändring"))
    raw_date = as_text(goal.get("date"))
    if not raw_date:
        findings.append(Finding("date", "saknas", "Datum saknas: skriv när målet ska vara nått, "
                                "till exempel 2028-12-31.", "Datum saknas"))
    else:
        try:
            when = parse_date(raw_date)
        except ValueError as exc:
            findings.append(Finding("date", "datum", str(exc), "Datumet går inte att läsa"))
        else:
            if when and when < today:
                findings.append(Finding("date", "datum", f"Datumet {format_date(when)} har "
                                        "redan passerat. Skriv ett nytt datum eller följ upp "
                                        "målet.", "Datumet har passerat"))
    return findings


def _leading_number(value: Any) -> float | None:
    m = re.match(r"\s*([0-9][0-9 \u00a0]*(?:[.,][0-9]+)?)", str(value or ""))
    if not m:
        return None
    try:
        return parse_number(m.group(1))
    except ValueError:
        return None


def leader_pair_problems(plan: Any, roles: list) -> list[str]:
    """Why the process leaders are not pairs of one from the region and one from a
    municipality, checked per area (Swedish sentences; empty when all is well).

    A leader belongs to the area named in its ``area``, or to the area that is its principal;
    otherwise it works for the whole county. In an area, the municipal side is a municipality
    of that area (or the area itself). When some leaders belong to areas, every area needs its
    pair.
    """
    from naravard.core.text import join_swedish

    leaders = [r for r in roles if r.kind == "processledare"]
    if not leaders:
        return []
    groups: dict[str, list] = {}
    for r in leaders:
        area = r.area if r.area in plan.areas else (r.principal if r.principal in plan.areas
                                                    else "")
        groups.setdefault(area, []).append(r)
    problems = []
    for area, group in groups.items():
        region = any(plan.is_region(r.principal) for r in group)
        if not area:
            municipal = any(r.principal and not plan.is_region(r.principal) for r in group)
            if not (region and municipal):
                problems.append("Processledarna är inte ett par med en från regionen och en "
                                "från en kommun.")
            continue
        own = set(plan.areas[area])
        municipal = any(r.principal in own or r.principal == area for r in group)
        if not (region and municipal):
            problems.append(f"Processledarna i {area} är inte ett par med en från regionen och "
                            f"en från en kommun i området ({join_swedish(plan.areas[area])}).")
    if any(groups.keys() - {""}):
        for area in plan.areas:
            if area not in groups:
                problems.append(f"{area} har inga processledare. Lägg till ett par, en från "
                                "regionen och en från en kommun i området.")
    return problems
