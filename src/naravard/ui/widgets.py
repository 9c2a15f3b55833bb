"""Widgets shared by the worksheets: an offline chart and a download button that work in Voilà."""

from __future__ import annotations

import logging
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable

import anywidget
import traitlets

if TYPE_CHECKING:  # altair is loaded when the first chart is drawn, not at kernel start
    import altair as alt

log = logging.getLogger("naravard.ui")


def _js(name: str) -> str:
    return resources.files("naravard").joinpath("static", name).read_text(encoding="utf-8")


ChartMaker = Callable[[], "alt.TopLevelMixin | dict"]


def as_spec(chart: "alt.TopLevelMixin | dict") -> dict:
    """A Vega-Lite dict from an altair chart (validated) or an already made spec."""
    return chart if isinstance(chart, dict) else chart.to_dict()


class VegaChart(anywidget.AnyWidget):
    """An interactive altair chart (tooltips) rendered with the locally served vega bundle.

    The JavaScript bundle is fetched once per browser from ``/naravard/static/vega.mjs`` on the
    same server, never from a CDN. Call :meth:`show` with a new chart to update it in place.

    :meth:`later` draws a chart only when the page shows it: the worksheet appears without
    waiting for altair, and the browser asks for the chart once the widget is on screen.
    Python code that reads ``spec`` before that gets it computed on the spot.
    """

    _esm = _js("chart.js")
    spec = traitlets.Dict().tag(sync=True)
    #: The chart could not be made; the page says so in Swedish.
    failed = traitlets.Bool(False).tag(sync=True)

    def __init__(self, chart: "alt.TopLevelMixin | dict | None" = None, **kwargs):
        self._make: ChartMaker | None = None
        self._shown = False
        super().__init__(**kwargs)
        self.on_msg(self._handle)
        if chart is not None:
            self.show(chart)

    def show(self, chart: "alt.TopLevelMixin | dict") -> None:
        """Draw ``chart`` now."""
        self._make = None
        self.spec = as_spec(chart)
        self.failed = False

    def later(self, make: ChartMaker) -> None:
        """Draw ``make()`` when the page shows the chart (at once when it already does)."""
        if self._shown:
            self.show(make())
            return
        self._make = make
        self._trait_values.pop("spec", None)  # read again: computed from ``make`` on access

    @property
    def pending(self) -> bool:
        """Whether the chart waits for the page to show it before it is made."""
        return self._make is not None

    @traitlets.default("spec")
    def _spec_on_access(self) -> dict:
        make, self._make = self._make, None
        return as_spec(make()) if make is not None else {}

    @traitlets.observe("spec")
    def _spec_set(self, _change) -> None:
        self._make = None

    def get_state(self, key=None, drop_defaults=False):
        """The widget's state; a pending chart's spec is left out until the page shows it.

        Same signature as :meth:`ipywidgets.Widget.get_state`: the page asks for every widget's
        state at once with ``drop_defaults``, and a signature error there costs the page a 4 s
        fallback (ipywidgets' control-comm timeout).
        """
        if key is None and self._make is not None:
            key = [k for k in self.keys if k != "spec"]
        return super().get_state(key, drop_defaults=drop_defaults)

    def _handle(self, _widget, content: Any, _buffers) -> None:
        if not isinstance(content, dict) or content.get("type") != "shown":
            return
        self._shown = True
        if self._make is None:
            self.send_state("spec")
            return
        try:
            spec = as_spec(self._make())
        except Exception:  # noqa: BLE001 - the page shows a Swedish message, the log the cause
            log.exception("Diagrammet kunde inte ritas")
            self._make = None
            self.failed = True
            return
        self.show(spec)


class WhenShown(anywidget.AnyWidget):
    """An invisible marker that calls ``on_shown`` once the page has drawn it: the part of a
    worksheet below it is built then, after the first view has appeared."""

    _esm = ("export default { render({ model, el }) { el.setAttribute('aria-hidden', 'true'); "
            "model.send({ type: 'shown' }); } };")

    def __init__(self, on_shown: Callable[[], None], **kwargs):
        super().__init__(**kwargs)
        self._on_shown: Callable[[], None] | None = on_shown
        self.on_msg(self._handle)

    def _handle(self, _widget, content: Any, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "shown" and self._on_shown:
            on_shown, self._on_shown = self._on_shown, None
            on_shown()


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


def swedish_readout(slider: Any, decimals: int = 2) -> Any:
    """The slider with its value shown in Swedish ("0,50", not ipywidgets' "0.50") beside it.

    ipywidgets' ``readout_format`` cannot use a decimal comma, so the slider's own readout is
    hidden and a text beside it follows the value. Returns an HBox; ``box.slider`` is the slider.
    """
    import ipywidgets as w

    from naravard.core.text import format_number

    slider.readout = False
    shown = w.HTML()
    shown.add_class("naravard-slider-value")

    def update(_change: Any = None) -> None:
        shown.value = format_number(slider.value, decimals)

    slider.observe(update, names="value")
    update()
    box = w.HBox([slider, shown])
    box.add_class("naravard-slider")
    box.slider = slider  # type: ignore[attr-defined]
    return box

