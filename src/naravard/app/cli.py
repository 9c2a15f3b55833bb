"""``naravard``: check data/, build the handbook, serve book and worksheets, export what a
workshop saved (:mod:`naravard.app.export`), manage workshops."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from naravard.core.problems import DataError, format_problems

_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument saknas: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde behövs",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig flagga: %(option)s kan betyda %(matches)s",
}


def _swedish_argparse() -> None:
    """Let argparse's own messages (usage, errors, --help) speak Swedish."""
    argparse._ = lambda text: _ARGPARSE_SV.get(text, text)  # type: ignore[attr-defined]


def _root() -> Path:
    from naravard.core.paths import project_root

    return project_root()


def cmd_check(args: argparse.Namespace) -> int:
    from naravard.app.datacheck import check_all
    from naravard.core.examples import ignored_note
    from naravard.core.paths import data_dir

    data = Path(args.data).resolve() if args.data else data_dir()
    problems = check_all(data)
    note = ignored_note(data)
    if note:
        print(note)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        print("\nRätta felen ovan och kör `naravard check` igen.", file=sys.stderr)
        return 1
    print(f"Allt i {data} är i ordning.")
    return 0


def _without_noise(output: str) -> str:
    return "\n".join(line for line in output.splitlines() if "[IPKernelApp] WARNING" not in line)


def cmd_build(args: argparse.Namespace) -> int:
    from naravard.handbook.build import build_book, is_problem

    root = _root()
    try:
        result = build_book(root, strict=not args.allow_warnings, rebuild_all=args.all)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        print("\nHandboken byggdes inte. Rätta felen i data/ och försök igen.", file=sys.stderr)
        return 1
    if not result.ok:
        if not any(map(is_problem, result.output.splitlines())):  # none shown above
            print(_without_noise(result.output)[-4000:], file=sys.stderr)
        print("\nBygget misslyckades eller gav varningar (se ovan). Rätta dem, eller bygg med "
              "--allow-warnings för att ändå se resultatet.", file=sys.stderr)
        return 1
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    print(f"Handboken är byggd på {seconds} s: {result.html_dir / 'intro.html'}")
    if args.pdf:
        from naravard.handbook.pdf import build_pdf

        try:
            pdf = build_pdf(root)
        except RuntimeError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        print(f"PDF: {pdf}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from naravard.app.datacheck import check_all
    from naravard.app.server import ServeError, ServeOptions, serve

    from naravard.core.paths import data_dir

    root = _root()
    problems = check_all(data_dir())
    if problems:
        print(format_problems(problems), file=sys.stderr)
        print("\nServern startades inte. Rätta felen i data/ först.", file=sys.stderr)
        return 1
    if not (root / "book" / "_build" / "html" / "intro.html").exists():
        print("Obs: handboken är inte byggd ännu. Kör `naravard build` för att kunna läsa den.",
              file=sys.stderr)
    try:
        serve(root, ServeOptions(port=args.port, lan=args.lan, token=args.token,
                                 preheat=args.preheat, open_browser=args.open))
    except ServeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Servern är stoppad.")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """check + build + serve: what the README's first command runs."""
    if cmd_check(argparse.Namespace(data=None)) != 0:
        return 1
    if cmd_build(argparse.Namespace(allow_warnings=False, all=False, pdf=False)) != 0:
        return 1
    return cmd_serve(args)


def cmd_workshops(args: argparse.Namespace) -> int:
    from naravard.core.store import list_workshops, workspace_root

    root = workspace_root()
    names = list_workshops(root)
    if not names:
        print(f"Inga workshoppar är sparade i {root}.")
    for name in names:
        print(name)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from naravard.core.store import open_workspace
    from naravard.core.text import format_date

    ws = open_workspace(args.workshop)
    versions = ws.history(args.doc)
    if not versions:
        print(f"Ingen historik för {args.doc} i workshoppen {ws.workshop}.")
    for v in versions:
        print(f"{v.id}  {format_date(v.saved_at, with_time=True)}")
    undone = ws.history(args.doc, undone=True)
    if undone:
        print("\nVersioner som lämnades när någon tryckte på ”Ångra”:")
        for v in undone:
            print(f"{v.id}  {format_date(v.saved_at, with_time=True)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from naravard.core.store import StoreError, open_workspace

    ws = open_workspace(args.workshop)
    try:
        ws.restore(args.doc, args.version)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Versionen {args.version} är återställd. Den tidigare finns kvar i historiken.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="naravard",
        description="Systemledning för Nära vård: handbok och arbetsblad.",
    )
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO")
    sub.required = True

    c = sub.add_parser("check", help="kontrollera allt i data/")
    c.add_argument("--data", help="annan datamapp än projektets data/")
    c.set_defaults(func=cmd_check)

    b = sub.add_parser("build", help="bygg handboken (book/_build/html)")
    b.add_argument("--all", action="store_true", help="bygg om alla sidor")
    b.add_argument("--allow-warnings", action="store_true",
                   help="bygg även om Sphinx varnar (varningar stoppar annars bygget)")
    b.add_argument("--pdf", action="store_true", help="gör också en PDF av hela handboken")
    b.set_defaults(func=cmd_build)

    for name, func, helptext in (("serve", cmd_serve, "visa handboken och arbetsbladen"),
                                 ("start", cmd_start, "check + build + serve")):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("--port", type=int, default=8866, help="port (standard 8866)")
        s.add_argument("--lan", action="store_true",
                       help="låt deltagare i rummet ansluta över lokala nätverket med åtkomstkod")
        s.add_argument("--token", help="egen åtkomstkod för --lan (annars slumpas en)")
        s.add_argument("--preheat", type=int, default=0, metavar="N",
                       help="håll N förvärmda kärnor redo så att arbetsbladen öppnas snabbare")
        s.add_argument("--open", action="store_true", help="öppna webbläsaren")
        s.set_defaults(func=func)

    from naravard.app.export import add_export_parser

    add_export_parser(sub)

    wk = sub.add_parser("workshops", help="lista sparade workshoppar")
    wk.set_defaults(func=cmd_workshops)

    h = sub.add_parser("history", help="lista tidigare versioner av ett arbetsblad")
    h.add_argument("workshop", metavar="WORKSHOP")
    h.add_argument("doc", metavar="ARBETSBLAD",
                   help="forum_mapping, insight_360 eller plan_primarvard")
    h.set_defaults(func=cmd_history)

    r = sub.add_parser("restore", help="återställ en tidigare version")
    r.add_argument("workshop", metavar="WORKSHOP")
    r.add_argument("doc", metavar="ARBETSBLAD")
    r.add_argument("version", metavar="VERSION", help="versionens id från naravard history")
    r.set_defaults(func=cmd_restore)
    return p


def main(argv: list[str] | None = None) -> int:
    _swedish_argparse()
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
