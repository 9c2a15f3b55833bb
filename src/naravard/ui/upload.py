"""A file upload button for Voilà that refuses large files in the browser, before sending."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Callable

import anywidget
import traitlets

from naravard.core.spreadsheet import MAX_BYTES

log = logging.getLogger("naravard.ui")


def _js(name: str) -> str:
    return resources.files("naravard").joinpath("static", name).read_text(encoding="utf-8")


class UploadButton(anywidget.AnyWidget):
    """A button that opens the file dialog and hands the chosen file to ``on_file``.

    Files larger than ``max_bytes`` (by default the importers' limit,
    :data:`naravard.core.spreadsheet.MAX_BYTES`) never leave the browser:
    ``on_too_large(name, size)`` is called instead, so the worksheet can say so in Swedish.
    """

    _esm = _js("upload.js")
    label = traitlets.Unicode("Välj fil …").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(MAX_BYTES).tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, on_file: Callable[[str, bytes], None],
                 on_too_large: Callable[[str, int], None], **kwargs):
        super().__init__(label=label, **kwargs)
        self._on_file = on_file
        self._on_too_large = on_too_large
        self.on_msg(self._handle)

    def _handle(self, _widget, content, buffers) -> None:
        if not isinstance(content, dict):
            return
        name = str(content.get("name") or "fil")
        if content.get("type") == "too_large":
            self._on_too_large(name, int(content.get("size") or 0))
        elif content.get("type") == "file" and buffers:
            self.receive(name, bytes(buffers[0]))

    def receive(self, name: str, data: bytes) -> None:
        """Handle a file (also callable from Python, e.g. in tests)."""
        if len(data) > self.max_bytes:
            self._on_too_large(name, len(data))
            return
        self.busy = True
        try:
            self._on_file(name, data)
        finally:
            self.busy = False
