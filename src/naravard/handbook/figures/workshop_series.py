"""Figur: serien om tre träffar, med arbetet före, mellan och efter träffarna.

Syften och innehåll följer Västernorrlands tre träffar som Samhällsnytta beskriver dem (som i
tabellen i kapitel 14); formuleringarna är handbokens korta sammanfattning. Träffarna ritas som
tre rutor på en tidslinje och arbetet mellan dem som smalare rutor under linjen. Ritas helt
lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import PALETTE
from naravard.handbook.figures.canvas import Canvas

# (rubrik, innehåll) för de tre träffarna
MEETINGS: list[tuple[str, str]] = [
    ("Träff 1", "Varför omställningen behövs, invånarens väg genom systemet, "
                "länets forum och gemensamma principer"),
    ("Träff 2", "Parsamtalen, goda exempel och val av en utmaning att "
                "utforska i 360 grader"),
    ("Träff 3", "Var och en ritar forumen, bilderna jämförs och "
                "intervjuerna läggs fram"),
]
# (rubrik, innehåll) för arbetet före, mellan och efter träffarna
BETWEEN: list[tuple[str, str]] = [
    ("Före", "Surdegslistan"),
    ("Mellan 1 och 2", "Parsamtal två och två"),
    ("Mellan 2 och 3", "Intervjuer i 360 grader"),
    ("Efter", "Nästa steg, till exempel en gemensam plan"),
]

WIDTH = 700
MEET_W = 160
MEET_H = 132
BETWEEN_W = 150
TOP = 0
LINE_Y = MEET_H + 28
BETWEEN_TOP = LINE_Y + 22
BETWEEN_H = 80
HEIGHT = BETWEEN_TOP + BETWEEN_H


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def workshop_series() -> alt.LayerChart:
    """Tre träffar på en tidslinje, med surdegslista, parsamtal, intervjuer och nästa steg."""
    slot = WIDTH / len(BETWEEN)            # four slots: före, mellan, mellan, efter
    rects, titles, bodies, ticks = [], [], [], []
    for i, (title, body) in enumerate(MEETINGS):
        centre = slot * (i + 1)           # meetings sit on the boundaries between the slots
        x0 = centre - MEET_W / 2
        rects.append({"x0": x0, "x1": x0 + MEET_W, "y0": TOP, "y1": TOP + MEET_H,
                      "fill": PALETTE["gemensam"]})
        titles.append({"x": centre, "y": TOP + 20, "text": title, "colour": "white"})
        bodies.append({"x": centre, "y": TOP + 44, "text": _wrap(body, 24), "colour": "white"})
        ticks.append({"x": centre, "y": LINE_Y})
    for i, (title, body) in enumerate(BETWEEN):
        centre = slot * i + slot / 2
        x0 = centre - BETWEEN_W / 2
        rects.append({"x0": x0, "x1": x0 + BETWEEN_W, "y0": BETWEEN_TOP,
                      "y1": BETWEEN_TOP + BETWEEN_H, "fill": PALETTE["light"]})
        titles.append({"x": centre, "y": BETWEEN_TOP + 16, "text": title, "colour": "#1b3a26"})
        bodies.append({"x": centre, "y": BETWEEN_TOP + 36, "text": _wrap(body, 20),
                       "colour": "#222"})

    canvas = Canvas(WIDTH, HEIGHT)
    xs, ys = canvas.xs, canvas.ys
    line = alt.Chart(pd.DataFrame([{"x": 4, "x2": WIDTH - 4, "y": LINE_Y}])).mark_rule(
        color=PALETTE["neutral"], strokeWidth=3).encode(
        x=alt.X("x:Q", scale=xs, axis=None), x2="x2:Q", y=alt.Y("y:Q", scale=ys, axis=None))
    arrow = alt.Chart(pd.DataFrame([{"x": WIDTH - 6, "y": LINE_Y}])).mark_point(
        shape="triangle-right", filled=True, size=180, color=PALETTE["neutral"],
        opacity=1).encode(x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None))
    dots = alt.Chart(pd.DataFrame(ticks)).mark_circle(
        size=160, color=PALETTE["gemensam"], opacity=1).encode(
        x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None))

    text_layer = canvas.texts

    title_text = text_layer(titles, fontSize=15, fontWeight="bold", baseline="middle")
    body_text = text_layer(bodies, fontSize=12.5, baseline="top", lineBreak="\n",
                           lineHeight=15)
    return alt.layer(canvas.boxes(rects), line, arrow, dots, title_text, body_text).properties(
        width=WIDTH, height=HEIGHT, padding=6).configure_view(stroke=None)
