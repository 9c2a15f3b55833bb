"""Figur: fem steg till en gemensam plan för primärvården, med vägledande frågor.

Stegens namn är desamma som i listan över de fem stegen i SKR:s stödmaterial för en plan för
gemensam primärvård. Frågan i steg 1 och frågorna i steg 2 är materialets egna i förkortad form;
frågorna i steg 3–5 är handbokens sammanfattning av hur materialet beskriver stegen.
Ritas helt lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas

# (nummer, stegets namn, vägledande frågor i handbokens ord)
STEPS: list[tuple[int, str, str]] = [
    (1, "Gemensamma mål",
     "Vad vill vi uppnå med primärvården i länet? Utgå från det gemensamma varför och "
     "länets målbild för nära vård, och formulera konkreta mål för planen."),
    (2, "Kartlägga förutsättningar",
     "Hur ser invånarnas behov ut? Vilka behöver involveras, till exempel privata "
     "utförare? Vad fungerar bra och vad behöver utvecklas? Hur ser mötesplatserna ut? "
     "Vilka stödresurser finns? Vilka förväntningar finns på ett samarbete?"),
    (3, "Hur vi ska agera tillsammans",
     "Hur främjar vi samverkanskulturen? Vägledande principer, definierade "
     "ledningsnivåer, parhästar över gränserna och gemensam träning i nya arbetssätt."),
    (4, "Säkra stödet till mikronivån",
     "Hur fungerar stödet i dag och vilka stödsystem behövs framåt? En tillgänglig "
     "systemledning löser ut frågor som har fastnat på mikronivå."),
    (5, "Gemensam uppföljning",
     "Hur ska de gemensamma resultaten följas och med vilka mått? Gemensamma data och "
     "uppföljning på mikro-, meso- och makronivå."),
]

WIDTH = 640
ROW = 112         # höjd per steg, inklusive mellanrum
BOX = 96          # höjd på rutorna
LEFT_W = 204      # bredd på rutan med stegets namn
GAP = 14
WRAP = 55         # tecken per rad i frågetexten
NAME_LH = 19      # radavstånd, stegets namn
TEXT_LH = 18      # radavstånd, frågetext


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def _centre(mid: float, text: str, line_height: float) -> float:
    """Y for the first line so that a block of lines is centred on mid (Vega sets line one)."""
    return mid - (text.count("\n") * line_height) / 2


def five_steps() -> alt.LayerChart:
    """De fem stegen till en gemensam plan för primärvården, uppifrån och ned, med frågor."""
    height = ROW * len(STEPS) - (ROW - BOX)
    rects, names, numbers, questions, arrows = [], [], [], [], []
    for i, (number, name, question) in enumerate(STEPS):
        top = i * ROW
        mid = top + BOX / 2
        rects.append({"x0": 0, "x1": LEFT_W, "y0": top, "y1": top + BOX,
                      "fill": PALETTE["gemensam"]})
        rects.append({"x0": LEFT_W + GAP, "x1": WIDTH, "y0": top, "y1": top + BOX,
                      "fill": PALETTE["light"]})
        numbers.append({"x": 25, "y": mid, "text": str(number)})
        name_lines = _wrap(name, 15)
        question_lines = _wrap(question, WRAP)
        names.append({"x": 50, "y": _centre(mid, name_lines, NAME_LH), "text": name_lines})
        questions.append({"x": LEFT_W + GAP + 12, "y": _centre(mid, question_lines, TEXT_LH),
                          "text": question_lines})
        if i < len(STEPS) - 1:
            arrows.append({"x": LEFT_W / 2, "y": top + BOX + (ROW - BOX) / 2})

    canvas = Canvas(WIDTH, height)
    xs, ys = canvas.xs, canvas.ys

    boxes = canvas.boxes(rects)
    circles = alt.Chart(pd.DataFrame(numbers)).mark_circle(
        size=900, color="white", opacity=1).encode(x=alt.X("x:Q", scale=xs),
                                                   y=alt.Y("y:Q", scale=ys))
    number_text = alt.Chart(pd.DataFrame(numbers)).mark_text(
        font=FONT, fontSize=18, fontWeight="bold", color=PALETTE["gemensam"],
        baseline="middle").encode(x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys),
                                  text="text:N")
    name_text = alt.Chart(pd.DataFrame(names)).mark_text(
        font=FONT, fontSize=15.5, fontWeight="bold", color="white", align="left",
        baseline="middle", lineBreak="\n", lineHeight=NAME_LH).encode(
        x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys), text="text:N")
    question_text = alt.Chart(pd.DataFrame(questions)).mark_text(
        font=FONT, fontSize=14.5, color="#222", align="left", baseline="middle",
        lineBreak="\n", lineHeight=TEXT_LH).encode(
        x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys), text="text:N")
    arrow_marks = alt.Chart(pd.DataFrame(arrows)).mark_point(
        shape="triangle-down", filled=True, size=160, color=PALETTE["neutral"],
        opacity=1).encode(x=alt.X("x:Q", scale=xs), y=alt.Y("y:Q", scale=ys))

    return alt.layer(boxes, arrow_marks, circles, number_text, name_text,
                     question_text).properties(
        width=WIDTH, height=height, padding=6).configure_view(stroke=None)
