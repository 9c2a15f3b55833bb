"""Problems found in user input, reported in Swedish with file, row and field."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, worded for the person who must fix it."""

    file: str
    message: str
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", rad {self.row}"
        if self.field:
            where += f", fält ”{self.field}”"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """Raised when data cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    n = len(problems)
    head = "1 problem hittades:" if n == 1 else f"{n} problem hittades:"
    return "\n".join([head, *(f"  – {p}" for p in problems)])


# --- locating keys in YAML ---------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _composed(text: str) -> yaml.Node | None:
    """The YAML node tree of ``text``, composed once however many keys are located in it
    (the nodes are only read). libyaml when installed; the same marks either way."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Return the 1-based line of the YAML node at path ``loc`` (keys and list indexes).

    Walks as deep as the path exists, so a missing key reports the line of its parent.
    """
    try:
        node = _composed(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if key_node.value == part:
                    found = (key_node, value_node)
                    break
            if found is None:
                return line
            line = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def dotted(loc: tuple[Any, ...]) -> str:
    """Render a key path as the user sees it: ``kommuner[2].namn`` (1-based list positions)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def relpath(path: Path) -> str:
    """Show a path relative to the working directory when that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
