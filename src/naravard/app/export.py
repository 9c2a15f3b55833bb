"""``naravard export {forums,insight,plan}``: what a workshop saved, as a file; and
``naravard export mandat``: the systemledning's mandate template filled with the county.

One function, :func:`cmd_export`, serves every worksheet: it opens the workshop, reads the saved
document (for the default workshop with nothing saved: the county's example, where the
worksheet has one), calls the slice's ``export_*`` function and writes the file. What differs
per worksheet – formats, messages, the example – is one :class:`ExportTarget` in
:data:`TARGETS`; each slice only provides its export function and its formats.

The slices are imported only when an export runs, so that ``naravard --help`` and the other
commands start without loading them; the formats are therefore named here as well, and a test
checks that they are the slices' own (``tests/test_cli.py``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from naravard.core.text import join_swedish

Exporter = Callable[[argparse.Namespace, dict, object, object], tuple[bytes, str, str]]


@dataclass(frozen=True)
class Example:
    """The county's example that the default workshop falls back on.

    ``module`` is the slice's example module; it has ``EXAMPLE_FILE`` and the function named
    ``loader``, which returns the example document or None.
    """

    module: str
    loader: str
    what: str  # "exempelplan"
    definite: str  # "exempelplanen"
    own: str  # what the workshop lacks: "plan"

    def load(self) -> dict | None:
        return getattr(importlib.import_module(self.module), self.loader)()

    @property
    def file(self) -> str:
        return importlib.import_module(self.module).EXAMPLE_FILE


@dataclass(frozen=True)
class ExportTarget:
    """One worksheet under ``naravard export``: its formats, messages and export function."""

    name: str
    help: str
    worksheet: str  # the workspace document
    formats: tuple[str, ...]
    default_format: str
    export: Exporter
    #: Printed when the workshop has nothing to export; {workshop} and {note} are filled in.
    empty: str
    #: Printed after the file is written; {out} is filled in, and what :attr:`details` gives.
    saved: str
    example: Example | None = None
    has_content: Callable[[dict], bool] = bool
    details: Callable[[argparse.Namespace, dict], dict] = lambda args, doc: {}
    documents: tuple[str, ...] = ()


def _forum_count(doc: dict) -> int:
    from naravard.forums.model import ForumMap

    return len(ForumMap.from_doc(doc).forums)


def _forum_format_label(fmt: str) -> str:
    from naravard.forums.export import FORMATS

    return FORMATS[fmt]


def _export_forums(args, doc, county, ws):
    from naravard.forums.export import export_forums

    return export_forums(doc, county, ws.workshop, args.format)


def _export_insight(args, doc, county, ws):
    from naravard.insight.export import export_insight
    from naravard.insight.guide import current_guide
    from naravard.insight.study import Study

    return export_insight(Study.from_doc(doc), current_guide(), county, ws.workshop,
                          args.dokument, args.format)


def _export_plan(args, doc, county, ws):
    from naravard.plan.export import export_plan

    return export_plan(doc, county, ws.workshop, args.format, ws.read("forum_mapping"))


def _export_followup(args, doc, county, ws):
    from naravard.followup.export import export_followup
    from naravard.followup.guide import current_guide

    return export_followup(doc, current_guide(), county, ws.workshop, args.format)


def _followup_has_content(doc: dict) -> bool:
    return bool(doc.get("rounds") or doc.get("values"))


TARGETS: dict[str, ExportTarget] = {t.name: t for t in (
    ExportTarget(
        "forums", "forumkartan (Kartlägg beslutsforum)", "forum_mapping",
        ("xlsx", "csv", "graphml", "json"), "xlsx", _export_forums,
        empty=("Workshoppen ”{workshop}” har inga forum sparade ännu. Lägg till forum i "
               "arbetsbladet Kartlägg beslutsforum eller välj en annan workshop med --workshop."),
        saved="Forumkartan ({count} forum) är sparad som {label} i {out}",
        has_content=lambda doc: _forum_count(doc) > 0,
        details=lambda args, doc: {"count": _forum_count(doc),
                                   "label": _forum_format_label(args.format)}),
    ExportTarget(
        "insight", "insiktsinsamlingen i 360 grader: rapport eller intervjuguide",
        "insight_360", ("docx", "html"), "docx", _export_insight,
        empty=("Workshoppen ”{workshop}” har ingen sparad insiktsstudie. {note}Öppna "
               "arbetsbladet insight_360 med ?workshop={workshop} och fyll i det först."),
        saved="{what} är sparad i {out}.",
        example=Example("naravard.insight.example", "example_doc", "exempelstudie",
                        "exempelstudien", "studie"),
        details=lambda args, doc: {"what": "Rapporten" if args.dokument == "rapport"
                                   else "Intervjuguiden"},
        documents=("rapport", "intervjuguide")),
    ExportTarget(
        "plan", "den gemensamma planen för primärvården", "plan_primarvard",
        ("docx", "md", "html"), "docx", _export_plan,
        empty=("Workshoppen ”{workshop}” har ingen sparad plan. {note}Öppna arbetsbladet "
               "plan_primarvard med ?workshop={workshop} och fyll i planen först."),
        saved="Planen är sparad i {out}.",
        example=Example("naravard.plan.example", "example_plan", "exempelplan", "exempelplanen",
                        "plan")),
    ExportTarget(
        "uppfoljning", "uppföljningen av omställningen: självskattning och körningsdiagram",
        "uppfoljning", ("docx", "html"), "docx", _export_followup,
        empty=("Workshoppen ”{workshop}” har ingen sparad uppföljning. {note}Öppna "
               "arbetsbladet uppfoljning med ?workshop={workshop} och gör en självskattning "
               "eller lägg in indikatorvärden först."),
        saved="Uppföljningsrapporten är sparad i {out}.",
        example=Example("naravard.followup.example", "example_doc", "exempeluppföljning",
                        "exempeluppföljningen", "uppföljning"),
        has_content=_followup_has_content),
)}


def _read(target: ExportTarget, ws) -> tuple[dict, bool]:
    """The saved document, or the example for the default workshop; (document, from_example)."""
    if target.example is None:
        return ws.read(target.worksheet), False
    from naravard.core.examples import saved_or_example

    return saved_or_example(ws, target.worksheet, target.example.load)


def _write(out_arg: str | None, filename: str, content: bytes) -> tuple[Path, str | None]:
    """Write the file to ``--out`` (a file or a folder; the current folder without it).
    Returns where, and a Swedish message when it cannot be written."""
    out = Path(out_arg) if out_arg else Path.cwd() / filename
    if out.is_dir():
        out = out / filename
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as exc:
        return out, (f"Kunde inte spara filen {out}: {exc.strerror or exc}. Välj en annan "
                     "plats med --out.")
    return out, None


def cmd_export(args: argparse.Namespace) -> int:
    """Write what the workshop saved in one worksheet to a file; Swedish messages, exit code."""
    from naravard.core.county import current_county
    from naravard.core.examples import default_workshop, no_example_note
    from naravard.core.store import (StoreError, UnknownWorkshop, WorkshopNameError,
                                     check_workshop_name, open_workspace)

    target = TARGETS[args.what]
    default = default_workshop()
    try:
        name = check_workshop_name(args.workshop or default)
    except WorkshopNameError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        # Only the default workshop may be created here (it falls back on the county's
        # example); a mistyped name must not leave an empty workshop behind.
        ws = open_workspace(name, create=name == default)
    except UnknownWorkshop as exc:
        print(f"{target.empty.format(workshop=name, note='')} {exc.hint}", file=sys.stderr)
        return 1
    from naravard.core.access import AccessDenied, require_code

    try:
        require_code(ws.path, ws.workshop, getattr(args, "kod", None))
    except AccessDenied as exc:
        print(f"{exc} Ange den med --kod.", file=sys.stderr)
        return 1
    try:
        doc, from_example = _read(target, ws)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not doc or not target.has_content(doc):
        example = target.example
        note = no_example_note(ws.workshop, example.file, example.what) if example else ""
        print(target.empty.format(workshop=ws.workshop, note=note), file=sys.stderr)
        return 1
    if from_example:
        example = target.example
        print(f"Workshoppen ”{ws.workshop}” har ingen egen {example.own} sparad; exporterar "
              f"{example.definite} från data/{example.file}.", file=sys.stderr)
    try:
        content, filename, _mime = target.export(args, doc, current_county(), ws)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    out, problem = _write(args.out, filename, content)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(target.saved.format(out=out, **target.details(args, doc)))
    return 0


def _choices_help(choices) -> str:
    """"docx (standard) eller html", "xlsx (standard), csv, graphml eller json"."""
    first, *others = choices
    if len(others) == 1:
        return f"{first} (standard) eller {others[0]}"
    return f"{first} (standard), " + join_swedish(others, "eller")


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    """``naravard export VAD [--dokument …] [--format …] [--workshop NAMN] [--out FIL]``."""
    e = subparsers.add_parser("export", help="exportera det som sparats i en workshop")
    targets = e.add_subparsers(dest="what", metavar="VAD")
    targets.required = True
    for target in TARGETS.values():
        p = targets.add_parser(target.name, help=target.help)
        if target.documents:
            p.add_argument("--dokument", choices=list(target.documents),
                           default=target.documents[0], help=_choices_help(target.documents))
        formats = [target.default_format,
                   *(f for f in target.formats if f != target.default_format)]
        p.add_argument("--format", choices=list(target.formats), default=target.default_format,
                       help=_choices_help(formats))
        p.add_argument("--workshop", default=None,
                       help="workshoppens namn (standard: länets förvalda workshop, som "
                            "startsidan föreslår; ”exempel” för exempellänet)")
        p.add_argument("--out", help="fil eller mapp att spara i (standard: aktuell mapp)")
        p.add_argument("--kod", default=None,
                       help="workshoppens kod, om facilitatorn har satt en (naravard workshops "
                            "--code)")
        p.set_defaults(func=cmd_export)
    m = targets.add_parser("mandat", help="mallen för systemledningens mandat och "
                                          "arbetsordning, ifylld med länet ur county.yml")
    m.add_argument("--format", choices=list(MANDATE_FORMATS), default=MANDATE_FORMATS[0],
                   help=_choices_help(MANDATE_FORMATS))
    m.add_argument("--out", help="fil eller mapp att spara i (standard: aktuell mapp)")
    m.set_defaults(func=cmd_export_mandate)
    return e


#: The formats of ``naravard export mandat``, the default first.
MANDATE_FORMATS = ("docx", "html", "md")


def cmd_export_mandate(args: argparse.Namespace) -> int:
    """Write the mandate template, filled with the county, to a file (no workshop needed)."""
    from naravard.handbook.mandate import export_mandate

    content, filename = export_mandate(args.format)
    out, problem = _write(args.out, filename, content)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Mallen för mandat och arbetsordning är sparad i {out}.")
    return 0
