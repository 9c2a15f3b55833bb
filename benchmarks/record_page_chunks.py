"""Record which script chunks a worksheet page loads, for the page bundle.

``naravard serve`` joins these chunks into one file that the page fetches at once
(``src/naravard/app/pagebundle.py``). Run this after upgrading Voilà, ipywidgets or anywidget
(``tests/app/test_page_bundle.py`` says when): it serves the worksheets without the bundle,
opens every worksheet of the registry in Chromium (everything but localhost blocked), opens
each tab and step, and writes the chunks fetched, in order, to
``src/naravard/app/page_chunks.json``.

Usage: .venv/bin/python benchmarks/record_page_chunks.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import (CHROMIUM, CHROMIUM_ARGS, JS_INTERACTIVE, copy_site,  # noqa: E402
                         new_context, start_naravard)
from naravard.app.pagebundle import CHUNKS_FILE, SWITCH_ENV  # noqa: E402
from naravard.core.worksheets import WORKSHEETS  # noqa: E402

#: Chunks (not the main script, not an extension's entry point), relative to the base URL.
CHUNK = re.compile(r"^/(voila/static/\d+\.voila\.js|voila/labextensions/.+/static/"
                   r"(?!remoteEntry\.)[^/]+\.js)$")
#: What a page's tabs and steps look like (as the accessibility walk finds them).
CONTROLS = "[role=tab], .naravard-steps button"


async def chunks_of(browser, url: str) -> list[str]:
    """The chunk paths a page fetches, in order, with every tab and step opened."""
    ctx = await new_context(browser)
    page = await ctx.new_page()
    fetched: list[str] = []

    def on_request(request) -> None:
        path = re.sub(r"^https?://[^/]+", "", request.url).split("?")[0]
        match = CHUNK.match(path)
        if match and match.group(1) not in fetched:
            fetched.append(match.group(1))

    page.on("request", on_request)
    await page.goto(url, timeout=300_000)
    await page.wait_for_function(JS_INTERACTIVE, timeout=300_000)
    for i in range(await page.locator(CONTROLS).count()):
        control = page.locator(CONTROLS).nth(i)
        if await control.is_visible() and await control.is_enabled():
            await control.click()
            await page.wait_for_timeout(500)
    await page.wait_for_timeout(1000)
    await ctx.close()
    return fetched


async def record() -> list[str]:
    from playwright.async_api import async_playwright

    os.environ[SWITCH_ENV] = "off"
    tmp = Path(tempfile.mkdtemp(prefix="naravard-chunks-"))
    server = start_naravard(copy_site(tmp / "site"), tmp / "workspace")
    chunks: list[str] = []
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for sheet in WORKSHEETS.values():
                got = await chunks_of(browser, f"{server.base}/voila/render/{sheet.notebook}")
                print(f"  {sheet.key}: {len(got)} delar", flush=True)
                chunks += [c for c in got if c not in chunks]
            await browser.close()
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return chunks


def main() -> int:
    import voila

    chunks = asyncio.run(record())
    if not chunks:
        sys.exit("Inga delar hämtades – fungerar sidorna?")
    data = {"voila": voila.__version__, "recorded": dt.date.today().isoformat(),
            "chunks": chunks}
    CHUNKS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chunks)} delar för Voilà {voila.__version__} skrivna till {CHUNKS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
