"""The whole handbook as one A4 PDF, printed offline by Chromium from the single-page build."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from naravard.handbook.build import PDF_NAME, link_pdf

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#555;'
          'font-family:sans-serif">Systemledning för Nära vård – sida '
          '<span class="pageNumber"></span> av <span class="totalPages"></span></div>')


def build_singlehtml(root: Path) -> Path:
    """Build the single-page HTML version (reuses the executed-notebook cache)."""
    from naravard.handbook.build import BuildProgress, _jupyter_book, localise_html, \
        run_jupyter_book

    cmd = [*_jupyter_book(), "build", str(root / "book"), "--builder", "singlehtml",
           "--keep-going", "-W", "-n"]
    start = time.perf_counter()
    print("PDF, steg 1 av 2: bygger handboken som en enda sida …", flush=True)
    returncode, output = run_jupyter_book(cmd, root, BuildProgress(root / "book"))
    out = root / "book" / "_build" / "singlehtml"
    page = out / "intro.html"
    if returncode != 0 or not page.exists():
        raise RuntimeError("Enkelsidesversionen av handboken kunde inte byggas:\n"
                           + output[-3000:])
    localise_html(out)
    print(f"  Enkelsidesversionen är klar på {_seconds(start)} s.", flush=True)
    return page


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.1f}".replace(".", ",")


def count_pages(pdf: Path) -> int | None:
    """The number of pages in a PDF written by Chromium (None when it cannot be told)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    return pages or None


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
    start = time.perf_counter()
    print("PDF, steg 2 av 2: Chromium skriver ut handboken i A4 …", flush=True)
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
    pages = count_pages(target)
    print(f"  Utskriven på {_seconds(start)} s" + (f": {pages} sidor." if pages else "."),
          flush=True)
    return target


def build_pdf(root: Path) -> Path:
    """Build the single-page HTML, print it to book/_build/pdf/<name>.pdf and put a copy into
    the HTML site, linked from its start page, so that publishing the site publishes the PDF."""
    page = build_singlehtml(root)
    pdf = print_pdf(page, root / "book" / "_build" / "pdf" / PDF_NAME)
    link_pdf(root / "book" / "_build" / "html", pdf)
    return pdf
