"""Sphinx extension: files the handbook generates from data/ and offers for download.

A page links a file with the role ``{nedladdning}`mandat``` (or
``{nedladdning}`Egen länktext <mandat>```). When the HTML (or single-page) build has finished,
every file in :data:`DOWNLOADS` is made from the county's data by the project's document
renderer and written to ``_downloads/naravard/`` in the output, so the link always gives the
current county's file. Loaded by :mod:`naravard.handbook.sphinxext`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxRole

from naravard.core.problems import DataError
from naravard.handbook.mandate import MANDATE_FILENAME

#: Where the generated files are written, relative to the output folder.
DOWNLOAD_DIR = "_downloads/naravard"
_KEY = "naravard_download"


@dataclass(frozen=True)
class Download:
    """A generated file: its name, the link text and ``module:function`` that makes its bytes
    from the data folder (imported only when the file is written)."""

    filename: str
    label: str
    maker: str

    def make(self, data: Path) -> bytes:
        module, _, function = self.maker.partition(":")
        return getattr(importlib.import_module(module), function)(data)


DOWNLOADS: dict[str, Download] = {
    "mandat": Download(MANDATE_FILENAME,
                       "Ladda ner mallen för mandat och arbetsordning som Word-fil",
                       "naravard.handbook.downloads:mandate_file"),
}


def mandate_file(data: Path) -> bytes:
    """The mandate template filled with the county in ``data``, as a Word file."""
    from naravard.core.county import load_county
    from naravard.handbook.mandate import load_mandate, mandate_docx

    return mandate_docx(load_county(data), load_mandate(data))


def _uri(docname: str, filename: str) -> str:
    """The file's address relative to the page that ``docname`` is written to."""
    return "../" * docname.count("/") + f"{DOWNLOAD_DIR}/{filename}"


class DownloadRole(SphinxRole):
    """``{nedladdning}`mandat``` or ``{nedladdning}`Egen text <mandat>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip()
        label, target = "", text
        if text.endswith(">") and "<" in text:
            label, _, target = text[:-1].rpartition("<")
            label, target = label.strip(), target.strip()
        if target not in DOWNLOADS:
            msg = self.inliner.reporter.warning(
                f"Okänd nedladdning ”{target}”. Kända: {', '.join(sorted(DOWNLOADS))}.",
                line=self.lineno)
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        item = DOWNLOADS[target]
        ref = nodes.reference(self.rawtext, label or item.label,
                              refuri=_uri(self.env.docname, item.filename),
                              classes=["naravard-download"])
        ref[_KEY] = target
        return [ref], []


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each link at the file from the page it ends up on (the single-page build puts
    every chapter on the start page)."""
    for ref in doctree.findall(nodes.reference):
        key = ref.get(_KEY)
        if key in DOWNLOADS:
            ref["refuri"] = _uri(docname, DOWNLOADS[key].filename)


def data_folder(app: Sphinx) -> Path:
    """The data folder the build uses (the ``naravard_data`` setting, else the project's)."""
    value = getattr(app.config, "naravard_data", "")
    if value:
        return (Path(app.confdir) / value).resolve()
    from naravard.core.paths import data_dir

    return data_dir()


def write_downloads(outdir: Path, data: Path) -> list[Path]:
    """Make every file in :data:`DOWNLOADS` from ``data`` and write it under ``outdir``."""
    folder = outdir / DOWNLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in DOWNLOADS.values():
        target = folder / item.filename
        target.write_bytes(item.make(data))
        written.append(target)
    return written


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        write_downloads(Path(app.outdir), data_folder(app))
    except DataError as exc:
        raise ExtensionError("Filerna att ladda ner kunde inte göras eftersom data/ innehåller "
                             "fel. Rätta dem och bygg om.\n" + str(exc)) from None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("nedladdning", DownloadRole())
    app.connect("doctree-resolved", _resolve)
    app.connect("build-finished", _on_build_finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
