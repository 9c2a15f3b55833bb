"""``naravard``: check data/, build the handbook, serve book and worksheets, export what a
workshop saved (:mod:`naravard.app.export`), manage workshops."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from naravard.core.problems import DataError, format_problems
from naravard.core.worksheets import WORKSHEETS as WORKSHEET_KEYS

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
    from naravard.app.datacheck import check_all, check_notes
    from naravard.core.paths import data_dir

    data = Path(args.data).resolve() if args.data else data_dir()
    problems = check_all(data)
    for note in check_notes(data):
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


def _positive_minutes(text: str) -> float:
    """``--idle-minutes``: a number of minutes above zero (decimals allowed, 0,5 or 0.5)."""
    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        minutes = float("nan")
    if not minutes > 0 or minutes == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} är inget antal minuter; ange ett tal större "
                                         "än 0, till exempel --idle-minutes 5")
    return minutes


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
                                 preheat=args.preheat, open_browser=args.open,
                                 idle_minutes=args.idle_minutes, room=args.room,
                                 room_worksheet=args.room_worksheet))
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


class Refusal(Exception):
    """A command that cannot run as asked: one Swedish line that says what to do, and an exit
    code (2 for a name that can never be valid, 1 for one that does not exist)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def cmd_workshops(args: argparse.Namespace) -> int:
    """List the saved workshops (marking those with an access code), or set or remove a code."""
    from naravard.core.access import has_code
    from naravard.core.store import list_workshops, workspace_root

    if args.code or args.remove_code:
        return _set_or_remove_code(args.code, args.remove_code)
    root = workspace_root()
    names = list_workshops(root)
    if not names:
        print(f"Inga workshoppar är sparade i {root}.")
    for name in names:
        print(f"{name}  (kod krävs)" if has_code(root / name) else name)
    return 0


def _read_code() -> str:
    """The new code: asked for twice (hidden) at a terminal, else one line from stdin, so that
    it never appears in the shell's history or the process list."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Ny kod för workshoppen: ")
    if getpass.getpass("Skriv koden en gång till: ") != first:
        raise Refusal("Koderna var olika; ingen kod är satt.")
    return first


def _set_or_remove_code(code_for: str | None, remove_for: str | None) -> int:
    from naravard.core.access import remove_code, set_code
    from naravard.core.store import (UnknownWorkshop, WorkshopNameError, check_workshop_name,
                                     open_workspace)

    try:
        name = check_workshop_name(code_for or remove_for or "")
        ws = open_workspace(name, create=bool(code_for))
    except WorkshopNameError as exc:
        raise Refusal(str(exc), code=2) from None
    except UnknownWorkshop as exc:
        raise Refusal(str(exc)) from None
    if remove_for:
        had = remove_code(ws.path)
        print(f"Workshoppen ”{ws.workshop}” är öppen utan kod igen." if had else
              f"Workshoppen ”{ws.workshop}” hade ingen kod.")
        return 0
    try:
        set_code(ws.path, _read_code())
    except ValueError as exc:
        raise Refusal(f"{exc} Ingen kod är satt.", code=2) from None
    print(f"Workshoppen ”{ws.workshop}” kräver nu koden. Ge deltagarna adressen med "
          f"?workshop={ws.workshop}&kod=… eller låt dem skriva koden på sidan; exportera med "
          "naravard export … --kod KOD.")
    return 0


def _existing_worksheet(workshop: str, doc: str):
    """The saved workshop, checked before anything is opened: a valid name, a known worksheet
    and a workshop that exists. Raises :class:`Refusal`; never creates a workshop."""
    from naravard.core.store import (UnknownWorkshop, WorkshopNameError, check_workshop_name,
                                     open_workspace)
    from naravard.core.worksheets import WORKSHEETS

    try:
        name = check_workshop_name(workshop)
    except WorkshopNameError as exc:
        raise Refusal(str(exc), code=2) from None
    if doc not in WORKSHEETS:
        shown = "".join(c if c.isprintable() else "\ufffd" for c in doc[:40])
        raise Refusal(f"Arbetsbladet ”{shown}” finns inte. Skriv ett av: "
                      f"{', '.join(WORKSHEETS)}.", code=2)
    try:
        return open_workspace(name, create=False)
    except UnknownWorkshop as exc:
        raise Refusal(str(exc)) from None


def cmd_history(args: argparse.Namespace) -> int:
    """Every saved change of a worksheet, newest first: number, time, who and what. Reads only
    the journal, so it works when the current file is damaged."""
    from naravard.core.text import format_date

    ws = _existing_worksheet(args.workshop, args.doc)
    versions = ws.history(args.doc)
    if not versions:
        print(f"Ingen historik för {args.doc} i workshoppen {ws.workshop}.")
        return 0
    shown = versions if args.all else versions[:args.limit]
    print(f"Historik för {args.doc} i workshoppen {ws.workshop}, nyast först "
          f"({len(shown)} av {len(versions)}):")
    width = max(len(v.id) for v in shown)
    for v in shown:
        kind = KIND_LABELS.get(v.kind, "")
        print(f"  {v.id:>{width}}  {format_date(v.saved_at, with_time=True)}  {v.label}  "
              f"{kind}{v.what}")
    undone = ws.history(args.doc, undone=True)
    if undone:
        print("\nÄldre versioner som lämnades när någon tryckte på ”Ångra”:")
        for v in undone:
            print(f"  {v.id}  {format_date(v.saved_at, with_time=True)}")
    print(f"\nÅterställ läget efter en ändring med: naravard restore {ws.workshop} {args.doc} "
          "NUMMER")
    return 0


#: How history marks entries that are not ordinary changes.
KIND_LABELS = {"undo": "ångrade: ", "restore": "återställde: ", "base": "utgångsläge: ",
               "external": "utanför naravard: ", "snapshot": "ögonblicksbild: "}


def cmd_restore(args: argparse.Namespace) -> int:
    """Make the document as it was after one change current again (a new change, so nothing is
    lost). Works when the current file is damaged."""
    from naravard.core.store import CLI_AUTHOR, StoreError

    ws = _existing_worksheet(args.workshop, args.doc)
    try:
        ws.restore(args.doc, args.version, author=CLI_AUTHOR)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Läget efter ändring {args.version} är återställt. Det som gällde före finns kvar "
          "i historiken.")
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
        s.add_argument("--room", type=int, default=0, metavar="N",
                       help="N deltagare öppnar samma arbetsblad samtidigt: håll N förvärmda "
                            "kärnor redo för det (--room-worksheet)")
        s.add_argument("--room-worksheet", default=None, metavar="ARBETSBLAD",
                       choices=list(WORKSHEET_KEYS),
                       help="arbetsbladet rummet öppnar (standard: " + next(iter(WORKSHEET_KEYS))
                            + "): " + ", ".join(WORKSHEET_KEYS))
        s.add_argument("--open", action="store_true", help="öppna webbläsaren")
        s.add_argument("--idle-minutes", type=_positive_minutes, default=5.0, metavar="N",
                       help="stäng ett arbetsblads kärna när ingen sida har varit ansluten till "
                            "den på N minuter (standard 5); öppna sidor stängs aldrig")
        s.set_defaults(func=func)

    from naravard.app.export import add_export_parser

    add_export_parser(sub)

    wk = sub.add_parser("workshops", help="lista sparade workshoppar, eller sätt en kod")
    codes = wk.add_mutually_exclusive_group()
    codes.add_argument("--code", metavar="WORKSHOP",
                       help="sätt en kod för workshoppen (frågas efter dolt); arbetsbladen och "
                            "exporten öppnar den sedan bara med koden")
    codes.add_argument("--remove-code", metavar="WORKSHOP", help="ta bort workshoppens kod")
    wk.set_defaults(func=cmd_workshops)

    h = sub.add_parser("history", help="lista varje sparad ändring i ett arbetsblad: vem, när, vad")
    h.add_argument("workshop", metavar="WORKSHOP")
    h.add_argument("doc", metavar="ARBETSBLAD",
                   help="forum_mapping, insight_360, plan_primarvard eller uppfoljning")
    h.add_argument("--limit", type=int, default=50, metavar="N",
                   help="visa de N senaste ändringarna (standard 50)")
    h.add_argument("--all", action="store_true", help="visa alla ändringar")
    h.set_defaults(func=cmd_history)

    r = sub.add_parser("restore", help="återställ läget efter en tidigare ändring")
    r.add_argument("workshop", metavar="WORKSHOP")
    r.add_argument("doc", metavar="ARBETSBLAD")
    r.add_argument("version", metavar="VERSION",
                   help="ändringens nummer (eller en äldre versions id) från naravard history")
    r.set_defaults(func=cmd_restore)
    return p


def log_path() -> Path:
    """Where the command writes an unexpected error's traceback: $NARAVARD_LOG, else
    ``naravard.log`` in the workspace (the worksheets' log), else in the temporary folder."""
    env = os.environ.get("NARAVARD_LOG")
    if env:
        return Path(env)
    try:
        from naravard.core.store import workspace_root

        return workspace_root() / "naravard.log"
    except Exception:  # noqa: BLE001 - a broken county file must not hide the first error
        import tempfile

        return Path(tempfile.gettempdir()) / "naravard.log"


def _report_unexpected(argv: list[str] | None) -> int:
    """One Swedish line in the terminal and the traceback in the log file, never on screen."""
    command = " ".join(["naravard", *(sys.argv[1:] if argv is None else argv)][:2])
    entry = (f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} naravard.app.cli ERROR "
             f"Oväntat fel i {command}\n{traceback.format_exc()}")
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(entry)
    except OSError:
        print(f"Ett oväntat fel stoppade {command}, och loggfilen {path} gick inte att skriva. "
              "Kontrollera att arbetsytan är skrivbar och försök igen.", file=sys.stderr)
        return 1
    print(f"Ett oväntat fel stoppade {command}. Orsaken är skriven i loggfilen {path}; "
          "visa den för den som sköter installationen.", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """Run one command. Refusals and errors are one Swedish line and an exit code; an
    unexpected error's traceback goes to the log file (:func:`log_path`), never to the terminal."""
    _swedish_argparse()
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except Refusal as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the guard: never a traceback in the terminal
        return _report_unexpected(argv)


if __name__ == "__main__":
    sys.exit(main())
