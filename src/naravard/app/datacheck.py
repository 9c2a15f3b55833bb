"""Validate everything in data/ and report every problem at once, in Swedish."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from naravard.core.county import load_county
from naravard.core.examples import check_examples
from naravard.documents.template import check_template
from naravard.handbook.mandate import check_mandate
from naravard.handbook.roadmap import check_roadmap
from naravard.followup.example import check_followup_data
from naravard.forums.example import check_example as _check_forums
from naravard.insight.example import check_insight_data
from naravard.plan.example import check_example_plan as _check_plan
from naravard.plan.catalog import check_plan_guide
from naravard.core.problems import DataError, Problem

Checker = Callable[[Path], None]


def _check_county(data: Path) -> None:
    load_county(data)


#: One checker per data file; each raises DataError listing its problems. The worksheet
#: modules add theirs here so that `naravard check` and the build see every file.
CHECKERS: list[Checker] = [_check_county, check_examples, _check_forums, check_plan_guide,
                           _check_plan, check_insight_data, check_followup_data,
                           check_template]
CHECKERS += [check_mandate, check_roadmap]


def check_all(data: Path) -> list[Problem]:
    """Run every checker; return all problems found (an empty list means all is well)."""
    problems: list[Problem] = []
    if not data.is_dir():
        return [Problem(str(data), "Mappen data/ saknas. Kopiera den från projektets exempel.")]
    for checker in CHECKERS:
        try:
            checker(data)
        except DataError as exc:
            problems.extend(exc.problems)
    return problems


def organisation_note(data: Path) -> str | None:
    """The organisation names ``check`` derived from the municipalities' names, one per line,
    so a user sees them before the build ("Umeå kommun", "Storumans kommun"); None when every
    municipality has its own ``organisation`` or county.yml is broken."""
    try:
        county = load_county(data)
    except DataError:
        return None
    derived = county.derived_organisations()
    if not derived:
        return None
    lines = [f"  {name} → {org}" for name, org in derived]
    return ("Organisationsnamn härledda ur kommunernas namn (skriv ”organisation: …” under "
            "kommunen i county.yml om ett namn är fel):\n" + "\n".join(lines))


def check_notes(data: Path) -> list[str]:
    """What ``naravard check`` prints besides the problems: ignored example files and the
    derived organisation names."""
    from naravard.core.examples import ignored_note

    return [note for note in (ignored_note(data), organisation_note(data)) if note]

