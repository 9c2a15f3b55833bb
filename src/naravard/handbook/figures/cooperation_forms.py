"""Figur: spektrumet av samverkansformer, från avtal till egen organisation.

Formerna och grupperna följer kapitel 9: associationsformerna i rapporten om Västra Värmland,
lästa i handbokens fyra grupper. Ordningen längs pilen, efter hur mycket gemensam organisation
formen kräver, är handbokens. Medarbetardriven organisation ligger tvärs över spektrumet eftersom
den är ett sätt att fördela beslutsmakt och inte en juridisk form. Ritas helt lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas

# (grupp, former, vad gruppen innebär) i ordning längs spektrumet
GROUPS: list[tuple[str, list[str], str]] = [
    ("Samverkan utan ny organisation", ["Avtalssamverkan"],
     "Ansvaret stannar hos var och en"),
    ("Gemensamma offentliga organ",
     ["Gemensam nämnd", "Kommunalförbund", "Samordningsförbund"],
     "Offentligrättsliga organ som parterna bildar tillsammans"),
    ("Former som även privata aktörer använder",
     ["Bolag", "Ekonomisk förening", "Personalkooperativ", "Stiftelse"],
     "Privaträttsliga former med egen styrelse"),
]
ACROSS = ("Medarbetardriven organisation",
          "Ett sätt att fördela beslutsmakt, inte en juridisk form – går att kombinera med formerna")

WIDTH = 700
COL_GAP = 14
ARROW_Y = 18
BOX_TOP = 46
BOX_H = 176
ACROSS_TOP = BOX_TOP + BOX_H + 16
ACROSS_H = 54
HEIGHT = ACROSS_TOP + ACROSS_H


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def cooperation_forms() -> alt.LayerChart:
    """Tre grupper av samverkansformer längs en pil från avtal till egen organisation."""
    col_w = (WIDTH - COL_GAP * (len(GROUPS) - 1)) / len(GROUPS)
    shades = ["#cfe3d6", "#8fbf9f", PALETTE["gemensam"]]
    dark = [False, False, True]
    rects, heads, forms, notes = [], [], [], []
    for i, (group, members, note) in enumerate(GROUPS):
        x0 = i * (col_w + COL_GAP)
        centre = x0 + col_w / 2
        colour = "white" if dark[i] else "#1b3a26"
        rects.append({"x0": x0, "x1": x0 + col_w, "y0": BOX_TOP, "y1": BOX_TOP + BOX_H,
                      "fill": shades[i]})
        heads.append({"x": centre, "y": BOX_TOP + 12, "text": _wrap(group, 24),
                      "colour": colour})
        forms.append({"x": centre, "y": BOX_TOP + 62, "text": "\n".join(members),
                      "colour": colour})
        notes.append({"x": centre, "y": BOX_TOP + BOX_H - 36, "text": _wrap(note, 28),
                      "colour": colour})
    rects.append({"x0": 0, "x1": WIDTH, "y0": ACROSS_TOP, "y1": ACROSS_TOP + ACROSS_H,
                  "fill": PALETTE["light"]})
    heads.append({"x": WIDTH / 2, "y": ACROSS_TOP + 9, "text": ACROSS[0], "colour": "#1b3a26"})
    notes.append({"x": WIDTH / 2, "y": ACROSS_TOP + 30, "text": ACROSS[1], "colour": "#222"})

    canvas = Canvas(WIDTH, HEIGHT)
    xs, ys = canvas.xs, canvas.ys
    rule = alt.Chart(pd.DataFrame([{"x": 150, "x2": WIDTH - 160, "y": ARROW_Y}])).mark_rule(
        color=PALETTE["neutral"], strokeWidth=3).encode(
        x=alt.X("x:Q", scale=xs, axis=None), x2="x2:Q", y=alt.Y("y:Q", scale=ys, axis=None))
    tip = alt.Chart(pd.DataFrame([{"x": WIDTH - 160, "y": ARROW_Y}])).mark_point(
        shape="triangle-right", filled=True, size=200, color=PALETTE["neutral"],
        opacity=1).encode(x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None))
    ends = [{"x": 0, "y": ARROW_Y, "text": "Avtal mellan parterna", "align": "left"},
            {"x": WIDTH, "y": ARROW_Y, "text": "Egen organisation", "align": "right"}]

    text_layer = canvas.texts

    end_left = alt.Chart(pd.DataFrame(ends[:1])).mark_text(
        font=FONT, fontSize=13.5, fontWeight="bold", color="#333", align="left",
        baseline="middle").encode(x=alt.X("x:Q", scale=xs, axis=None),
                                  y=alt.Y("y:Q", scale=ys, axis=None),
                                  text="text:N")
    end_right = alt.Chart(pd.DataFrame(ends[1:])).mark_text(
        font=FONT, fontSize=13.5, fontWeight="bold", color="#333", align="right",
        baseline="middle").encode(x=alt.X("x:Q", scale=xs, axis=None),
                                  y=alt.Y("y:Q", scale=ys, axis=None),
                                  text="text:N")
    head_text = text_layer(heads, fontSize=14, fontWeight="bold", baseline="top",
                           lineBreak="\n", lineHeight=17)
    form_text = text_layer(forms, fontSize=13.5, baseline="top", lineBreak="\n",
                           lineHeight=18)
    note_text = text_layer(notes, fontSize=12, fontStyle="italic", baseline="top",
                           lineBreak="\n", lineHeight=14)
    return alt.layer(canvas.boxes(rects), rule, tip, end_left, end_right, head_text,
                     form_text, note_text).properties(
        width=WIDTH, height=HEIGHT, padding=6).configure_view(stroke=None)
