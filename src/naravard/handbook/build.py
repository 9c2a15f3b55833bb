"""Build the handbook: check data/, run Jupyter Book, finish the site for offline use."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from naravard.app.datacheck import check_all
from naravard.core.problems import DataError

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


def _jupyter_book() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


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
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    html_dir = root / "book" / "_build" / "html"
    ok = proc.returncode == 0 and (html_dir / "intro.html").exists()
    if ok:
        localise_html(html_dir)
        from naravard.app.vegabundle import ensure_bundle

        ensure_bundle(root / "book" / "_build" / "naravard-static")
    if not quiet:
        warnings = [l for l in output.splitlines()
                    if ("WARNING" in l or "ERROR" in l) and "IPKernelApp" not in l]
        for line in warnings:
            print(line, file=sys.stderr)
    return BuildResult(ok=ok, seconds=seconds, output=output, html_dir=html_dir)
