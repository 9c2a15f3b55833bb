"""A fixed-size drawing area for the handbook's box-and-arrow figures (pixel coordinates)."""

from __future__ import annotations

import altair as alt
import pandas as pd


class Canvas:
    """Linear pixel scales without axes, so figures can place marks at x/y like on paper."""

    def __init__(self, width: float, height: float):
        self.xs = alt.Scale(domain=[0, width], range=[0, width], nice=False, zero=False)
        self.ys = alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False)

    def pos(self, chart: alt.Chart) -> alt.Chart:
        """Place a chart's marks at the pixel columns ``x`` and ``y``."""
        return chart.encode(x=alt.X("x:Q", scale=self.xs, axis=None),
                            y=alt.Y("y:Q", scale=self.ys, axis=None))

    def boxes(self, rects: list[dict]) -> alt.Chart:
        """Rounded rectangles from rows with x0, x1, y0, y1 and a fill colour."""
        return alt.Chart(pd.DataFrame(rects)).mark_rect(cornerRadius=6).encode(
            x=alt.X("x0:Q", scale=self.xs, axis=None), x2="x1:Q",
            y=alt.Y("y0:Q", scale=self.ys, axis=None), y2="y1:Q",
            color=alt.Color("fill:N", scale=None))

    def texts(self, rows: list[dict], **mark) -> alt.LayerChart:
        """Text marks at ``x``/``y`` from rows with ``text`` (and ``colour`` when the rows have
        several colours). One layer per colour: a colour encoding beside the boxes' fill colours
        makes Vega-Lite fail, so each colour is a fixed mark property instead."""
        from naravard.core.charts import FONT

        colours = sorted({row.get("colour") for row in rows}, key=str)
        layers = []
        for colour in colours:
            part = [row for row in rows if row.get("colour") == colour]
            style = {"color": colour} if colour else {}
            layers.append(self.pos(alt.Chart(pd.DataFrame(part)).mark_text(
                font=FONT, **style, **mark)).encode(text="text:N"))
        return alt.layer(*layers)

