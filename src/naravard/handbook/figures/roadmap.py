"""Figur: färdplanen för de första tolv månaderna, ritad från data/fardplan.yml.

En rad per aktivitet, grupperade i spår; staplar för det som pågår över tid och romber för
milstolpar. Ritas helt lokalt (altair). Textalternativet är
:func:`naravard.handbook.roadmap.describe` och checklistan på samma sida.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas
from naravard.handbook.roadmap import MONTHS, Roadmap, current_roadmap

LABEL_W = 350      # the column with the activities' names
MONTH_W = 34       # one month
ROW = 24           # one activity
LANE_ROW = 28      # a lane's heading
HEAD = 30          # the month numbers on top
LANE_COLOURS = [PALETTE["region"], PALETTE["kommun"], PALETTE["gemensam"], PALETTE["accent"],
                PALETTE["neutral"]]


def _x(month: float) -> float:
    return LABEL_W + (month - 1) * MONTH_W


def roadmap_chart(roadmap: Roadmap | None = None) -> alt.LayerChart:
    """Färdplanen som ett tidsdiagram: månad 1–12 från vänster till höger, spår uppifrån."""
    roadmap = roadmap or current_roadmap()
    width = LABEL_W + MONTHS * MONTH_W
    stripes, months, lanes, names, bars, diamonds = [], [], [], [], [], []
    y = HEAD
    for i, (lane, activities) in enumerate(roadmap.by_lane()):
        if not activities:
            continue
        colour = LANE_COLOURS[i % len(LANE_COLOURS)]
        lanes.append({"x": 4, "y": y + LANE_ROW / 2 + 2, "text": lane.name, "colour": colour})
        y += LANE_ROW
        for a in activities:
            mid = y + ROW / 2
            names.append({"x": 16, "y": mid, "text": a.name})
            if a.milestone and a.start == a.end:
                diamonds.append({"x": _x(a.start + 0.5), "y": mid, "colour": colour})
            else:
                bars.append({"x0": _x(a.start) + 3, "x1": _x(a.end + 1) - 3, "y0": mid - 7,
                             "y1": mid + 7, "fill": colour})
            y += ROW
    height = y + 6
    for m in range(1, MONTHS + 1):
        months.append({"x": _x(m + 0.5), "y": HEAD / 2, "text": str(m)})
        if m % 2:
            stripes.append({"x0": _x(m), "x1": _x(m + 1), "y0": HEAD - 4, "y1": height,
                            "fill": PALETTE["light"]})

    canvas = Canvas(width, height)
    layers = [canvas.boxes(stripes).mark_rect(cornerRadius=0)]
    if bars:
        layers.append(canvas.boxes(bars).mark_rect(cornerRadius=4))
    if diamonds:
        layers.append(canvas.pos(alt.Chart(pd.DataFrame(diamonds)).mark_point(
            shape="diamond", filled=True, size=190, opacity=1)).encode(
            color=alt.Color("colour:N", scale=None)))
    layers += [
        canvas.pos(alt.Chart(pd.DataFrame(months)).mark_text(
            font=FONT, fontSize=13, fontWeight="bold", color="#333", baseline="middle")).encode(
            text="text:N"),
        canvas.pos(alt.Chart(pd.DataFrame([{"x": LABEL_W - 8, "y": HEAD / 2,
                                            "text": "Månad"}])).mark_text(
            font=FONT, fontSize=13, color="#333", align="right", baseline="middle")).encode(
            text="text:N"),
        canvas.pos(alt.Chart(pd.DataFrame(lanes)).mark_text(
            font=FONT, fontSize=14.5, fontWeight="bold", align="left", baseline="middle")).encode(
            text="text:N", color=alt.Color("colour:N", scale=None)),
        canvas.pos(alt.Chart(pd.DataFrame(names)).mark_text(
            font=FONT, fontSize=13, color="#222", align="left", baseline="middle")).encode(
            text="text:N"),
    ]
    return alt.layer(*layers).properties(width=width, height=height,
                                         padding=6).configure_view(stroke=None)
