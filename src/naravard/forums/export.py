"""``naravard export forums``: the saved forum map of a workshop as a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from naravard.forums.fileio import FORMATS, export_bytes, export_filename
from naravard.forums.model import DOC, ForumMap


def cmd_export(args: argparse.Namespace) -> int:
    """Write the workshop's forum map in the chosen format; Swedish messages, exit code."""
    from naravard.core.county import current_county
    from naravard.core.store import StoreError, open_workspace

    try:
        ws = open_workspace(args.workshop)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        doc = ws.read(DOC)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not ForumMap.from_doc(doc).forums:
        print(f"Workshoppen ”{ws.workshop}” har inga forum sparade ännu. Lägg till forum i "
              "arbetsbladet Kartlägg beslutsforum eller välj en annan workshop med --workshop.",
              file=sys.stderr)
        return 1
    county = current_county()
    data = export_bytes(doc, args.format, county_name=county.name,
                        principals=county.principals())
    out = Path(args.out) if args.out else Path(export_filename(ws.workshop, args.format))
    if out.is_dir():
        out = out / export_filename(ws.workshop, args.format)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        print(f"Kunde inte skriva {out}: {exc.strerror}. Välj en annan plats med --out.",
              file=sys.stderr)
        return 1
    n = len(ForumMap.from_doc(doc).forums)
    print(f"Forumkartan ({n} forum) är sparad som {FORMATS[args.format]} i {out}")
    return 0


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``forums`` under ``naravard export``."""
    p = subparsers.add_parser("forums", help="forumkartan (Kartlägg beslutsforum)")
    p.add_argument("--format", choices=list(FORMATS), default="xlsx",
                   help="filformat: xlsx (standard), csv, graphml eller json")
    p.add_argument("--workshop", default="exempel", help="workshoppens namn (standard exempel)")
    p.add_argument("--out", help="fil eller mapp att spara i (standard: aktuell mapp)")
    p.set_defaults(func=cmd_export)
    return p
