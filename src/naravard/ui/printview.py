"""A button that opens a clean, printable page in a new browser tab (works inside Voilà)."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Callable

import anywidget
import traitlets

log = logging.getLogger("naravard.ui")


class PrintButton(anywidget.AnyWidget):
    """Opens a new tab with the HTML page that ``make`` returns, ready to print.

    The page is built in the kernel at the click. Errors and blocked pop-ups become a Swedish
    message through ``on_error``; the participant never sees a traceback.
    """

    _esm = resources.files("naravard").joinpath("static", "printview.js").read_text("utf-8")
    label = traitlets.Unicode("Öppna utskriftsvy").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, make: Callable[[], str],
                 on_error: Callable[[str], None] | None = None, **kwargs):
        super().__init__(label=label, **kwargs)
        self._make = make
        self._on_error = on_error
        self.opened = 0
        self.on_msg(self._handle)

    def _handle(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "blocked":
            self._report("Webbläsaren stoppade den nya fliken. Tillåt popup-fönster för den här "
                         "sidan och klicka igen.")
        elif content.get("type") == "request":
            self.deliver()

    def _report(self, message: str) -> None:
        if self._on_error:
            self._on_error(message)

    def deliver(self) -> None:
        """Build the page and send it to the browser's new tab (also callable from Python)."""
        self.busy = True
        try:
            html = self._make()
        except Exception as exc:  # noqa: BLE001 - reported in Swedish, logged in full
            log.exception("Utskriftsvyn kunde inte skapas: %s", self.label)
            self.send({"type": "error"})
            self._report(str(exc) if isinstance(exc, ValueError) else
                         "Utskriftsvyn kunde inte skapas. Facilitatorn kan se orsaken i "
                         "terminalen.")
            return
        finally:
            self.busy = False
        self.opened += 1
        self.send({"type": "html", "html": html})
