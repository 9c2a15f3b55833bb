"""Build the handbook: check data/, run Jupyter Book, finish the site for offline use."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from naravard.app.datacheck import check_all
from naravard.core.problems import DataError
from naravard.core.text import format_number

# Interface strings of the book theme that have no Swedish translation upstream.
THEME_STRINGS_SV = {
    "Skip to main content": "Hoppa till innehållet",
    "Back to top": "Till början",
    "Toggle navigation": "Visa eller dölj navigering",
    "Toggle primary sidebar": "Visa eller dölj innehållsförteckningen",
    "Toggle secondary sidebar": "Visa eller dölj sidans innehåll",
    "Fullscreen mode": "Helskärmsläge",
    "Light/dark mode": "Ljust eller mörkt läge",
    "Search this book...": "Sök i handboken …",
    "Search...": "Sök …",
    "Search": "Sök",
    "Link to this heading": "Länk till rubriken",
    "Link to this image": "Länk till bilden",
    "Link to this table": "Länk till tabellen",
    "Link to this definition": "Länk till definitionen",
    "Link to this code": "Länk till koden",
    "Contents": "Innehåll",
    "Print to PDF": "Skriv ut som PDF",
    "Download this page": "Ladda ner sidan",
    "Download source file": "Ladda ner källfilen",
    "previous": "föregående",
    "next": "nästa",
}


#: The whole handbook as one PDF, in book/_build/pdf/ and, once printed, in the site itself.
PDF_NAME = "systemledning-for-nara-vard.pdf"
PDF_LINK_TEXT = "Ladda ner hela handboken som PDF"
_PDF_LINK = re.compile(r'\n?<p class="naravard-pdf">.*?</p>\n?', re.S)


@dataclass
class BuildResult:
    ok: bool
    seconds: float
    output: str
    html_dir: Path


def localise_html(html_dir: Path) -> int:
    """Translate the theme's remaining English interface strings in the built pages."""
    patterns = []
    for en, sv in THEME_STRINGS_SV.items():
        esc = re.escape(en)
        patterns.append((re.compile(r'((?:title|aria-label|placeholder|data-tooltip)="\s*)'
                                    + esc + r'(\s*")'), sv))
        patterns.append((re.compile(r'(>|</i>|</span>)(\s*)' + esc + r'(\s*<)'), sv))
    changed = 0
    for page in html_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = text
        for rx, sv in patterns:
            if rx.groups == 2:
                new = rx.sub(lambda m, sv=sv: m.group(1) + sv + m.group(2), new)
            else:
                new = rx.sub(lambda m, sv=sv: m.group(1) + m.group(2) + sv + m.group(3), new)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def link_pdf(html_dir: Path, pdf: Path | None) -> bool:
    """Copy the PDF into the site and link it under the start page's title; without a PDF,
    remove an earlier copy and link so that the site never offers a missing or stale PDF."""
    start = html_dir / "intro.html"
    if not start.exists():
        return False
    page = start.read_text(encoding="utf-8")
    new = _PDF_LINK.sub("", page)
    target = html_dir / PDF_NAME
    if pdf is None or not pdf.exists():
        target.unlink(missing_ok=True)
    else:
        if pdf.resolve() != target.resolve():
            shutil.copyfile(pdf, target)
        size = format_number(target.stat().st_size / 1_000_000, 1)
        link = (f'<p class="naravard-pdf"><a href="{PDF_NAME}" type="application/pdf" download>'
                f"{PDF_LINK_TEXT}</a> (A4, {size} MB)</p>\n")
        at = _after_title(new)
        new = new[:at] + "\n" + link + new[at:]
    if new != page:
        start.write_text(new, encoding="utf-8")
    return target.exists()


def _after_title(page: str) -> int:
    """Where the start page's title ends (the top of the body if it has none)."""
    heading = page.find("</h1>", max(page.find("<article"), 0))
    if heading >= 0:
        return heading + len("</h1>")
    body = page.find("<body")
    return page.find(">", body) + 1 if body >= 0 else 0


def _jupyter_book() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STATUS = re.compile(r"^(?P<what>reading sources|writing output|copying images)\.\.\. "
                     r"\[\s*(?P<pct>\d+)%\] (?P<doc>\S+)")
_EXECUTING = re.compile(r"^(?P<path>\S.*?): Executing notebook")
_UPDATING = re.compile(r"updating environment: .*?(\d+) added, (\d+) changed")
#: Sphinx's later steps (how their status line starts) and what the terminal says.
_STEPS = (
    ("checking consistency", "kontrollerar länkar och källhänvisningar"),
    ("assembling single document", "sätter ihop kapitlen till en sida"),
    ("dumping search index", "bygger sökindexet"),
)


def is_problem(line: str) -> bool:
    """A warning or error in Jupyter Book's output (the kernels' start-up notes aside)."""
    return ("WARNING" in line or "ERROR" in line) and "IPKernelApp" not in line


class BuildProgress:
    """Jupyter Book's streamed output as short Swedish progress lines with the elapsed time:
    each page as it is read, each chapter whose code runs, then the later steps. Warnings
    and errors are passed on in full as they come."""

    def __init__(self, book: Path, out: TextIO | None = None, err: TextIO | None = None):
        self.book = book
        self.out = out
        self.err = err
        self.start = time.perf_counter()
        self._said: set[str] = set()

    def say(self, text: str) -> None:
        seconds = int(time.perf_counter() - self.start)
        print(f"  {seconds // 60:>3}:{seconds % 60:02d}  {text}", file=self.out or sys.stdout,
              flush=True)

    def title(self, docname: str) -> str:
        """A page's heading (``1 Nära vård och omställningen``), else its file name."""
        for suffix in (".md", ".ipynb"):
            path = self.book / f"{docname}{suffix}"
            if path.is_file():
                match = re.search(r"(?m)^# (.+)$", path.read_text(encoding="utf-8"))
                if match:
                    return match.group(1).strip()
        return docname

    def _once(self, key: str, text: str) -> None:
        if key not in self._said:
            self._said.add(key)
            self.say(text)

    def feed(self, raw: str) -> None:
        """Take one line of Jupyter Book's output."""
        line = _ANSI.sub("", raw).rstrip()
        if not line.strip():
            return
        if is_problem(line):
            print(line, file=self.err or sys.stderr, flush=True)
        elif line.startswith("naravard: "):
            self.say(line.removeprefix("naravard: "))
        elif match := _STATUS.match(line):
            what, pct = match["what"], int(match["pct"])
            if what == "reading sources":
                self.say(f"läser in {pct:>3} %  {self.title(match['doc'])}")
            elif what == "writing output":
                self._once(what, "skriver sidorna")
            else:
                self._once(what, "kopierar bilderna")
        elif _EXECUTING.match(line):
            self.say(" " * 16 + "kör kapitlets kod …")
        elif match := _UPDATING.search(line):
            pages = int(match[1]) + int(match[2])
            self.say("inga sidor har ändrats sedan förra bygget" if not pages else
                     "1 sida att läsa in" if pages == 1 else f"{pages} sidor att läsa in")
        else:
            for start, text in _STEPS:
                if line.startswith(start):
                    self._once(start, text)


def run_jupyter_book(cmd: list[str], cwd: Path, progress: BuildProgress | None) -> tuple[int, str]:
    """Run Jupyter Book, feeding each output line to ``progress`` as it comes; returns the exit
    code and the whole output (without colour codes)."""
    import os

    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    lines: list[str] = []
    with subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                          errors="replace") as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(_ANSI.sub("", line))
            if progress is not None:
                progress.feed(line)
    return proc.returncode, "".join(lines)


def build_book(root: Path, *, strict: bool = True, rebuild_all: bool = False,
               quiet: bool = False) -> BuildResult:
    """Check data/, build the handbook to book/_build/html and prepare offline assets."""
    from naravard.core.paths import data_dir

    problems = check_all(data_dir())
    if problems:
        raise DataError(problems)
    cmd = [*_jupyter_book(), "build", str(root / "book"), "--keep-going"]
    if strict:
        cmd += ["-W", "-n"]
    if rebuild_all:
        cmd.append("--all")
    start = time.perf_counter()
    if not quiet:
        print("Bygger handboken …", flush=True)
    progress = None if quiet else BuildProgress(root / "book")
    returncode, output = run_jupyter_book(cmd, root, progress)
    seconds = time.perf_counter() - start
    html_dir = root / "book" / "_build" / "html"
    ok = returncode == 0 and (html_dir / "intro.html").exists()
    if ok:
        localise_html(html_dir)
        link_pdf(html_dir, None)
        from naravard.app.vegabundle import ensure_bundle

        ensure_bundle(root / "book" / "_build" / "naravard-static")
    return BuildResult(ok=ok, seconds=seconds, output=output, html_dir=html_dir)
