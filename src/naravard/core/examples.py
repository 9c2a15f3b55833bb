"""Example material in data/: which files describe the example county, and whether they apply.

``data/exempel.yml`` names the county the example files describe (``län``) and lists them
(``filer``). A listed file is used only while ``county.yml`` describes that county; for any
other county it is ignored everywhere – by ``naravard check``, the handbook and the
worksheets – exactly as if it were absent. A county replaces a file with its own material and
removes it from the list (chapter 16). Without ``exempel.yml`` every file in data/ applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from naravard.core.county import load_county
from naravard.core.datafile import DataModel, read_mapping, validated
from naravard.core.problems import DataError, Problem, relpath, yaml_line_of
from naravard.core.text import join_swedish

EXAMPLES_FILE = "exempel.yml"

#: The files the project reads as example material (each loader asks :func:`example_file`).
EXAMPLE_FILES = ("forums.csv", "forum_perspektiv.yml", "plan_exempel.yml", "insight_example.yml",
                 "uppfoljning_exempel.yml")


class _ExamplesModel(DataModel):
    county: str = Field(alias="län", min_length=1,
                        json_schema_extra={"exempel": "län: Exempellän"})
    files: list[str] = Field(default_factory=list, alias="filer",
                             json_schema_extra={"exempel": "en rad ”- forums.csv” per fil"})


@dataclass(frozen=True)
class Examples:
    """What ``data/exempel.yml`` says: the example county and its files."""

    county: str
    files: tuple[str, ...]


def load_examples(data: Path) -> Examples | None:
    """Load and check ``<data>/exempel.yml``; None when there is none; DataError on problems."""
    path = data / EXAMPLES_FILE
    if not path.is_file():
        return None
    raw, text, shown = read_mapping(path, "”län:” och ”filer:”")
    model = validated(_ExamplesModel, raw, text, shown)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, name in enumerate(model.files):
        loc = ("filer", i)

        def problem(message: str) -> None:
            problems.append(Problem(shown, message, row=yaml_line_of(text, loc),
                                    field=f"filer[{i + 1}]"))

        if name not in EXAMPLE_FILES:
            problem(f"”{name}” är inte en exempelfil. Exempelfiler kan vara: "
                    f"{', '.join(EXAMPLE_FILES)}.")
        elif name in seen:
            problem(f"”{name}” står två gånger. Ta bort dubbletten.")
        elif not (data / name).is_file():
            problem(f"Filen {relpath(data / name)} finns inte. Ta bort raden, eller lägg "
                    "tillbaka filen.")
        seen.add(name)
    if problems:
        raise DataError(problems)
    return Examples(county=model.county, files=tuple(model.files))


def _ignored(data: Path, examples: Examples | None) -> list[str]:
    if examples is None or not examples.files:
        return []
    if load_county(data).name == examples.county:
        return []
    return list(examples.files)


def is_example_county(data: Path) -> bool:
    """True when county.yml describes the example county that ``exempel.yml`` names.

    The handbook shows its boxes and sentences about the example county only then (the Sphinx
    tag ``exempellan``); without ``exempel.yml`` there is no example county.
    """
    from naravard.core.cache import cached_load
    from naravard.core.county import current_county

    examples = cached_load(data, EXAMPLES_FILE, load_examples)
    return examples is not None and current_county(data).name == examples.county


def ignored_examples(data: Path) -> list[str]:
    """The listed example files that describe another county than county.yml, in list order."""
    return _ignored(data, load_examples(data))


def example_file(data: Path, name: str) -> Path | None:
    """``<data>/<name>`` when it exists and applies to the county in county.yml, else None.

    Raises DataError when ``exempel.yml`` or ``county.yml`` is broken (``naravard check``
    reports those problems).
    """
    path = data / name
    if not path.is_file() or name in ignored_examples(data):
        return None
    return path


def check_examples(data: Path) -> None:
    """The checker for ``naravard check``: ``exempel.yml`` itself (the county is checked apart)."""
    load_examples(data)


def ignored_note(data: Path) -> str | None:
    """The line ``naravard check`` prints when example files are ignored; None otherwise."""
    try:
        examples = load_examples(data)
        ignored = _ignored(data, examples)
    except DataError:
        return None  # reported as problems by the checkers
    if not ignored or examples is None:
        return None
    county = load_county(data).name
    files = join_swedish(ignored)
    what = "Exempelfilen" if len(ignored) == 1 else "Exempelfilerna"
    them = "den" if len(ignored) == 1 else "dem"
    return (f"{what} {files} beskriver exempellänet och används inte för {county}. "
            f"Byt ut {them} mot ert läns material (kapitel 16).")


def unused_reason(data: Path, name: str) -> str:
    """Why ``data/<name>`` is not used, as one Swedish sentence (worksheets, exports)."""
    examples = load_examples(data)
    if examples is not None and name in _ignored(data, examples):
        return (f"Filen data/{name} beskriver exempellänet och används "
                f"därför inte för {load_county(data).name}.")
    return f"Filen data/{name} finns inte."


def missing_notice(data: Path, name: str, what: str) -> str:
    """The handbook's Swedish notice that the county lacks ``what`` and how to add it.

    ``what`` is the missing material with its determiner, e.g. "ingen exempelplan".
    """
    examples = load_examples(data)
    county = load_county(data).name
    if examples is not None and name in _ignored(data, examples):
        return (f"{county} har {what} ännu: data/{name} beskriver exempellänet och "
                "används därför inte. Ersätt filen med ert läns eget "
                f"material och ta bort raden ”{name}” ur data/{EXAMPLES_FILE}, så visas det "
                "här (kapitel 16).")
    return (f"{county} har {what} ännu. Lägg ert läns eget material i data/{name}, så visas "
            "det här (kapitel 16).")


__all__ = ["EXAMPLES_FILE", "EXAMPLE_FILES", "Examples", "load_examples", "example_file",
           "is_example_county", "default_workshop",
           "ignored_examples", "check_examples", "ignored_note", "unused_reason", "missing_notice"]


def default_workshop(data: Path | None = None) -> str:
    """The workshop used when none is named: "exempel" for the example county, otherwise a
    name made from the county's name ("Västerbottens län" -> "västerbottens-län").

    Falls back to "exempel" while county.yml or exempel.yml is broken (``check`` says why).
    """
    import re
    import unicodedata

    from naravard.core.paths import data_dir
    from naravard.core.store import DEFAULT_WORKSHOP, check_workshop_name

    data = data or data_dir()
    try:
        if is_example_county(data):
            return DEFAULT_WORKSHOP
        from naravard.core.county import current_county

        name = current_county(data).name
    except DataError:
        return DEFAULT_WORKSHOP
    text = unicodedata.normalize("NFC", name).casefold()
    text = "".join(c if c in "åäö" else unicodedata.normalize("NFKD", c)[0] for c in text)
    slug = re.sub(r"[^a-z0-9åäö]+", "-", text).strip("-")[:64].strip("-")
    try:
        return check_workshop_name(slug) if slug else DEFAULT_WORKSHOP
    except ValueError:
        return DEFAULT_WORKSHOP


def saved_or_example(workspace, doc: str, load_example) -> tuple[dict, bool]:
    """A workshop's saved document; for the default workshop with nothing saved, the county's
    example (``load_example()``, None when there is none). Returns (document, from_example)."""
    saved = workspace.read(doc)
    if not saved and workspace.workshop == default_workshop():
        example = load_example()
        if example is not None:
            return example, True
    return saved, False


def no_example_note(workshop: str, name: str, what: str) -> str:
    """For the default workshop: why there is no example ``what`` (file ``name``) to export."""
    from naravard.core.paths import data_dir

    if workshop != default_workshop():
        return ""
    return f"Det finns ingen {what} att exportera i stället: {unused_reason(data_dir(), name)} "
