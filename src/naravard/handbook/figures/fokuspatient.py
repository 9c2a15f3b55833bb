"""Figur: FokusPatient-processen – roller på tre nivåer och sex praktiska steg.

Innehållet bygger på förslaget till process i Ekholm och Caesar (2024), Genvägen till
Nära Vård (Västra Värmland). Ritas helt lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas

# (nivå, roll, beskrivning i handbokens ord)
ROLES: list[tuple[str, str, str]] = [
    ("Makronivå", "StyrGrupp",
     "Kommundirektörerna, regionens hälso- och sjukvårdsdirektör och vid behov fler. "
     "Ger uppdrag och mandat, tar de större besluten."),
    ("Mesonivå", "Genomförandekommitté",
     "Ny kommitté som leder omställningen: stödjer grupperna, löser samordningsproblem "
     "och bereder beslut om organisation och finansiering."),
    ("Mikronivå", "NäraVårdGrupp",
     "Alla som i vardagen bidrar till att lösa FokusPatientens behov. Arbetar enligt "
     "Tight–Loose–Tight och löser problemen i dag."),
    ("I centrum", "FokusPatient",
     "En verklig person med stora behov. Hen väljer en Kontaktperson i gruppen, "
     "som ger relationskontinuitet."),
]
STEPS: list[str] = [
    "Beslut och självständighet i arbetet",
    "Identifiering av samordningsbehov",
    "Val av personal med tätast kontakt",
    "Initiala möten och samarbete",
    "Veckovisa möten och uppföljning",
    "Långsiktig uppföljning och utveckling",
]
SHADES = ["#1d4e5f", "#2a6a7d", PALETTE["gemensam"], PALETTE["accent"]]

WIDTH = 640
TOP = 26
ROW = 84
BOX = 72
ROLE_X = (0, 206)
DESC_X = (216, 524)
STEP_TITLE_Y = TOP + ROW * len(ROLES) + 18
STEP_TOP = STEP_TITLE_Y + 18
STEP_H = 58
STEP_GAP = 12


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False,
                                   break_on_hyphens=False))


def _first_line_y(mid: float, text: str, line_height: float) -> float:
    return mid - (text.count("\n") * line_height) / 2


def fokuspatient_process() -> alt.LayerChart:
    """Roller på makro-, meso- och mikronivå kring FokusPatienten, och de sex stegen."""
    height = STEP_TOP + 2 * STEP_H + STEP_GAP + 4
    rects, role_names, level_names, desc, titles = [], [], [], [], []
    for i, (level, role, text) in enumerate(ROLES):
        top = TOP + i * ROW
        mid = top + BOX / 2
        rects.append({"x0": ROLE_X[0], "x1": ROLE_X[1], "y0": top, "y1": top + BOX,
                      "fill": SHADES[i]})
        rects.append({"x0": DESC_X[0], "x1": DESC_X[1], "y0": top, "y1": top + BOX,
                      "fill": PALETTE["light"]})
        level_names.append({"x": ROLE_X[0] + 12, "y": mid - 11, "text": level.upper()})
        role_names.append({"x": ROLE_X[0] + 12, "y": mid + 10, "text": role})
        lines = _wrap(text, 45)
        desc.append({"x": DESC_X[0] + 10, "y": _first_line_y(mid, lines, 16), "text": lines})
    titles.append({"x": 0, "y": TOP / 2 - 2, "text": "Roller"})
    titles.append({"x": 0, "y": STEP_TITLE_Y, "text": "Sex praktiska steg"})

    # Pilar: uppdrag nedåt, problem uppåt.
    rows_top, rows_bottom = TOP + 6, TOP + ROW * 3 - (ROW - BOX) - 6
    arrow_x_down, arrow_x_up = 546, 600
    rules = pd.DataFrame([
        {"x": arrow_x_down, "y": rows_top, "x2": arrow_x_down, "y2": rows_bottom - 8},
        {"x": arrow_x_up, "y": rows_top + 8, "x2": arrow_x_up, "y2": rows_bottom},
    ])
    heads = pd.DataFrame([
        {"x": arrow_x_down, "y": rows_bottom - 6, "shape": "triangle-down"},
        {"x": arrow_x_up, "y": rows_top + 6, "shape": "triangle-up"},
    ])
    arrow_labels = pd.DataFrame([
        {"x": arrow_x_down + 15, "y": (rows_top + rows_bottom) / 2,
         "text": "Uppdrag och mandat"},
        {"x": arrow_x_up + 15, "y": (rows_top + rows_bottom) / 2,
         "text": "Problem som inte löses hissas upp"},
    ])

    cols = 3
    step_w = (WIDTH - STEP_GAP * (cols - 1)) / cols
    step_nums, step_text, chevrons = [], [], []
    for i, label in enumerate(STEPS):
        row, col = divmod(i, cols)
        x0 = col * (step_w + STEP_GAP)
        y0 = STEP_TOP + row * (STEP_H + STEP_GAP)
        rects.append({"x0": x0, "x1": x0 + step_w, "y0": y0, "y1": y0 + STEP_H,
                      "fill": "#f4efe6"})
        step_nums.append({"x": x0 + 12, "y": y0 + STEP_H / 2, "text": str(i + 1)})
        lines = _wrap(label, 21)
        step_text.append({"x": x0 + 34, "y": _first_line_y(y0 + STEP_H / 2, lines, 16),
                          "text": lines})
        if col < cols - 1:
            chevrons.append({"x": x0 + step_w + STEP_GAP / 2, "y": y0 + STEP_H / 2})

    canvas = Canvas(WIDTH, height)
    xs, ys = canvas.xs, canvas.ys

    pos = canvas.pos

    boxes = canvas.boxes(rects)
    title_text = pos(alt.Chart(pd.DataFrame(titles)).mark_text(
        font=FONT, fontSize=13, fontWeight="bold", color=PALETTE["neutral"], align="left",
        baseline="middle")).encode(text="text:N")
    level_text = pos(alt.Chart(pd.DataFrame(level_names)).mark_text(
        font=FONT, fontSize=11, fontWeight="bold", color="white", opacity=0.85,
        align="left", baseline="middle")).encode(text="text:N")
    role_text = pos(alt.Chart(pd.DataFrame(role_names)).mark_text(
        font=FONT, fontSize=15.5, fontWeight="bold", color="white", align="left",
        baseline="middle")).encode(text="text:N")
    desc_text = pos(alt.Chart(pd.DataFrame(desc)).mark_text(
        font=FONT, fontSize=13, color="#222", align="left", baseline="middle",
        lineBreak="\n", lineHeight=16)).encode(text="text:N")
    arrow_rules = alt.Chart(rules).mark_rule(strokeWidth=3, color=PALETTE["neutral"]).encode(
        x=alt.X("x:Q", scale=xs, axis=None), y=alt.Y("y:Q", scale=ys, axis=None),
        x2="x2:Q", y2="y2:Q")
    arrow_heads = pos(alt.Chart(heads).mark_point(filled=True, size=170, opacity=1,
                                                  color=PALETTE["neutral"])).encode(
        shape=alt.Shape("shape:N", scale=None))
    arrow_text = pos(alt.Chart(arrow_labels).mark_text(
        font=FONT, fontSize=12.5, color="#333", angle=270, align="center",
        baseline="middle")).encode(text="text:N")
    num_text = pos(alt.Chart(pd.DataFrame(step_nums)).mark_text(
        font=FONT, fontSize=18, fontWeight="bold", color="#5b3b12", align="left",
        baseline="middle")).encode(text="text:N")
    step_label = pos(alt.Chart(pd.DataFrame(step_text)).mark_text(
        font=FONT, fontSize=13.5, color="#222", align="left", baseline="middle",
        lineBreak="\n", lineHeight=16)).encode(text="text:N")
    chevron_marks = pos(alt.Chart(pd.DataFrame(chevrons)).mark_point(
        shape="triangle-right", filled=True, size=70, color=PALETTE["neutral"], opacity=1))

    return alt.layer(boxes, title_text, level_text, role_text, desc_text, arrow_rules,
                     arrow_heads, arrow_text, num_text, step_label,
                     chevron_marks).properties(width=WIDTH, height=height,
                                               padding=6).configure_view(stroke=None)
