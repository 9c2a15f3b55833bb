"""Validate everything in data/ and report every problem at once, in Swedish."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from naravard.core.county import load_county
from naravard.core.examples import check_examples
from naravard.documents.template import check_template
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
                           _check_plan, check_insight_data, check_template]


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
