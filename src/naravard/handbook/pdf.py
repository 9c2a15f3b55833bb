"""The whole handbook as one A4 PDF, printed offline by Chromium from the single-page build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PDF_NAME = "systemledning-for-nara-vard.pdf"
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#555;'
          'font-family:sans-serif">Systemledning för Nära vård – sida '
          '<span class="pageNumber"></span> av <span class="totalPages"></span></div>')


def build_singlehtml(root: Path) -> Path:
    """Build the single-page HTML version (reuses the executed-notebook cache)."""
    from naravard.handbook.build import _jupyter_book, localise_html

    cmd = [*_jupyter_book(), "build", str(root / "book"), "--builder", "singlehtml",
           "--keep-going", "-W", "-n"]
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    out = root / "book" / "_build" / "singlehtml"
    page = out / "intro.html"
    if proc.returncode != 0 or not page.exists():
        raise RuntimeError("Enkelsidesversionen av handboken kunde inte byggas:\n"
                           + (proc.stdout + proc.stderr)[-3000:])
    localise_html(out)
    return page


def print_pdf(page: Path, target: Path, chromium: Path = CHROMIUM) -> Path:
    """Print an HTML file to PDF with Chromium; any request off this machine is refused."""
    if not chromium.exists():
        raise RuntimeError(
            "Chromium saknas. Installera Debians paket (sudo apt-get install chromium) eller kör "
            "scripts/test.sh, som installerar det.")
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.route("**/*", route)
            tab = context.new_page()
            tab.goto(page.resolve().as_uri(), wait_until="networkidle")
            tab.emulate_media(media="print")
            tab.pdf(path=str(target), format="A4", prefer_css_page_size=True,
                    print_background=False, outline=True, tagged=True,
                    display_header_footer=True, header_template="<span></span>",
                    footer_template=FOOTER,
                    margin={"top": "18mm", "bottom": "20mm", "left": "18mm", "right": "18mm"})
        finally:
            browser.close()
    if blocked:
        print("Obs: sidan försökte hämta " + ", ".join(blocked) + " – det stoppades.",
              file=sys.stderr)
    return target


def build_pdf(root: Path) -> Path:
    """Build the single-page HTML and print it to book/_build/pdf/<name>.pdf."""
    page = build_singlehtml(root)
    return print_pdf(page, root / "book" / "_build" / "pdf" / PDF_NAME)
