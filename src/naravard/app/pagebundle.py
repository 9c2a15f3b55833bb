"""The worksheet page's scripts in one file, fetched while the kernel still works.

A Voilà page names its main script (``voila.js``) only at the very end, after the notebook has
run. That script then fetches some ninety small webpack chunks, its own and the widget
extensions', in four waves, one after the other: a hundred requests per page, which cost the
browser and the server more CPU than drawing the page itself, and a room of 30 makes 3 000 of
them at the same minute.

``naravard serve`` therefore joins the chunks a worksheet page loads into one file
(:func:`write_page_bundle`), which the page's head asks for at once (``<link rel=preload>``) and
runs just before ``voila.js``. A chunk that has run is installed in webpack's chunk list
(``self.webpackChunk…``), so webpack fetches none of them again; a chunk not in the file is
fetched as before, so the page never depends on the list being complete.

Which chunks a page loads is recorded from real pages for one Voilà version
(``benchmarks/record_page_chunks.py`` writes :data:`CHUNKS_FILE`). With another Voilà version,
a missing chunk or ``NARAVARD_PAGE_BUNDLE=off`` the pages load the chunks one by one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Iterable

from naravard.core.store import atomic_write_text

log = logging.getLogger("naravard.app.pagebundle")

#: The chunks a worksheet page loads, recorded for one Voilà version.
CHUNKS_FILE = Path(__file__).with_name("page_chunks.json")
#: ``off`` serves the pages without the bundle (to record the chunks, or to compare).
SWITCH_ENV = "NARAVARD_PAGE_BUNDLE"
STATIC_PREFIX = "voila/static/"
LABEXTENSIONS_PREFIX = "voila/labextensions/"


def recorded_chunks() -> tuple[str | None, list[str]]:
    """(Voilà version, chunk paths relative to the server's base URL) as recorded."""
    try:
        data = json.loads(CHUNKS_FILE.read_text("utf-8"))
    except (OSError, ValueError):
        return None, []
    return data.get("voila"), list(data.get("chunks", []))


def chunk_source(path: str, static_paths: Iterable[str | Path],
                 labextension_paths: Iterable[str | Path]) -> Path | None:
    """The file Voilà serves for ``path`` (``voila/static/…`` or ``voila/labextensions/…``):
    the first folder that has it, as Voilà's own handlers look."""
    if path.startswith(STATIC_PREFIX):
        rest, folders = path[len(STATIC_PREFIX):], static_paths
    elif path.startswith(LABEXTENSIONS_PREFIX):
        rest, folders = path[len(LABEXTENSIONS_PREFIX):], labextension_paths
    else:
        return None
    if ".." in Path(rest).parts:
        return None
    for folder in folders:
        candidate = Path(folder) / rest
        if candidate.is_file():
            return candidate
    return None


def write_page_bundle(folder: Path, static_paths: Iterable[str | Path],
                      labextension_paths: Iterable[str | Path]) -> str | None:
    """Join the recorded chunks into ``folder/page-<hash>.js``; return its file name, or None
    (pages then load the chunks one by one) when switched off, recorded for another Voilà
    version or when a chunk is missing."""
    if os.environ.get(SWITCH_ENV, "").lower() in ("off", "0", "nej"):
        return None
    import voila

    version, chunks = recorded_chunks()
    if not chunks or version != voila.__version__:
        log.info("Sidornas skriptpaket används inte: inspelat för Voilà %s, installerad %s "
                 "(spela in igen med benchmarks/record_page_chunks.py)", version,
                 voila.__version__)
        return None
    static_paths, labextension_paths = list(static_paths), list(labextension_paths)
    parts: list[str] = []
    for chunk in chunks:
        source = chunk_source(chunk, static_paths, labextension_paths)
        if source is None:
            log.info("Sidornas skriptpaket används inte: %s saknas", chunk)
            return None
        code = source.read_text("utf-8")
        # Each chunk in its own function, as if it were its own file: its "use strict" (or
        # its absence) holds for it alone, and a line comment at its end ends there.
        parts.append(f"/* {chunk} */\n(function () {{\n{code}\n}})();\n")
    text = "".join(parts)
    name = f"page-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.js"
    target = folder / name
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("page-*.js"):
            old.unlink(missing_ok=True)
        atomic_write_text(target, text)
    return name
