"""Widgets shared by the worksheets: an offline chart and a download button that work in Voilà."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Callable

import altair as alt
import anywidget
import traitlets

log = logging.getLogger("naravard.ui")


def _js(name: str) -> str:
    return resources.files("naravard").joinpath("static", name).read_text(encoding="utf-8")


class VegaChart(anywidget.AnyWidget):
    """An interactive altair chart (tooltips) rendered with the locally served vega bundle.

    The JavaScript bundle is fetched once per browser from ``/naravard/static/vega.mjs`` on the
    same server, never from a CDN. Call :meth:`show` with a new chart to update it in place.
    """

    _esm = _js("chart.js")
    spec = traitlets.Dict().tag(sync=True)

    def __init__(self, chart: alt.TopLevelMixin | None = None, **kwargs):
        super().__init__(**kwargs)
        if chart is not None:
            self.show(chart)

    def show(self, chart: alt.TopLevelMixin) -> None:
        self.spec = chart.to_dict()


FileMaker = Callable[[], tuple[bytes, str, str]]


class DownloadButton(anywidget.AnyWidget):
    """A button that builds a file in the kernel and saves it in the participant's browser.

    ``make`` returns ``(content, filename, mime type)``. Errors become a Swedish message through
    ``on_error`` and are logged for the facilitator; the participant never sees a traceback.
    """

    _esm = _js("download.js")
    label = traitlets.Unicode("Ladda ner").tag(sync=True)
    tooltip = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)

    def __init__(self, label: str, make: FileMaker,
                 on_error: Callable[[str], None] | None = None, **kwargs):
        super().__init__(label=label, **kwargs)
        self._make = make
        self._on_error = on_error
        self.downloads = 0
        self.on_msg(self._handle)

    def _handle(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("type") != "request":
            return
        self.deliver()

    def deliver(self) -> None:
        """Build the file and send it to the browser (also callable from Python)."""
        self.busy = True
        try:
            data, filename, mime = self._make()
        except Exception as exc:  # noqa: BLE001 - reported in Swedish, logged in full
            log.exception("Export misslyckades: %s", self.label)
            message = str(exc) if isinstance(exc, ValueError) else (
                "Filen kunde inte skapas. Facilitatorn kan se orsaken i terminalen.")
            if self._on_error:
                self._on_error(message)
            return
        finally:
            self.busy = False
        self.downloads += 1
        self.send({"type": "file", "filename": filename, "mime": mime}, buffers=[data])
