"""Figur: ledningsnivåerna i arbetet med genomförandeplaner, med ansvar och tidsandelar.

Innehållet bygger på Governos offert till Region Västerbotten och länets kommuner (2022):
systemledningsnivå, styrgrupp, processledare och arbetsgrupp. Offerten ger två bedömningar av
arbetsgruppens tid (10 till högst 15 procent av arbetstiden, och på ett annat ställe kanske upp
till hälften av processledarens tid); figuren visar båda. Ritas helt lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas

# (nivå, vilka, ansvar, tidsandel, kommentar till tidsandelen)
LEVELS: list[tuple[str, str, str, str, str]] = [
    ("Systemledningsnivå",
     "En grupp politiker och en grupp ledande tjänstepersoner",
     "Följer arbetet, bygger ett gemensamt ledningstänkande och fattar de beslut som "
     "kan behövas, till exempel om ändrad uppdragsstyrning.",
     "Ingen tidsandel anges", ""),
    ("Styrgrupp",
     "Befintlig styrgrupp, utökad med sjukhusens specialistvård",
     "Beslutar om genomförandeplanen. Får rapport från projektledningen varje månad.",
     "Ingen tidsandel anges", ""),
    ("Processledare",
     "Ett ledningsteam om två: en från regionen, en från kommunen",
     "Leder det operativa arbetet med genomförandeplanen och säkrar samägande, "
     "olika perspektiv och förankring hos båda huvudmännen.",
     "25 % av heltid per person", ""),
    ("Arbetsgrupp",
     "Nyckelverksamheter; en person kan företräda flera kommuner",
     "Bereder och sprider utvecklingsfrågorna i den egna organisationen. "
     "Möts omkring två gånger i månaden.",
     "10–15 % av arbetstiden",
     "På annat ställe: kanske upp till hälften av processledarens tid"),
]
SUPPORT = ("Stöd runt nivåerna: en länsövergripande samordningsgrupp inom befintliga\n"
           "uppdrag och det konsultstöd som offerten gäller, sammanlagt 125 % av en heltid.")

WIDTH = 640
HEADER = 30
ROW = 112
BOX = 100
COL_LEVEL = (0, 212)
COL_TASK = (222, 508)
COL_TIME = (518, 640)
SHADES = ["#1d4e5f", "#2a6a7d", "#3c869b", "#468ea3"]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def _first_line_y(mid: float, text: str, line_height: float) -> float:
    return mid - (text.count("\n") * line_height) / 2


def leadership_levels() -> alt.LayerChart:
    """Fyra ledningsnivåer uppifrån och ned, med vilka som ingår, ansvar och tidsandel."""
    height = HEADER + ROW * len(LEVELS) + 52
    rects, bold, plain, time_text, notes, headers, arrows = [], [], [], [], [], [], []
    for label, x in (("Nivå och vilka", COL_LEVEL[0] + 12), ("Ansvar", COL_TASK[0] + 12),
                     ("Tidsandel", COL_TIME[0] + 12)):
        headers.append({"x": x, "y": HEADER / 2, "text": label})
    for i, (level, who, task, time, note) in enumerate(LEVELS):
        top = HEADER + i * ROW
        mid = top + BOX / 2
        rects.append({"x0": COL_LEVEL[0], "x1": COL_LEVEL[1], "y0": top, "y1": top + BOX,
                      "fill": SHADES[i]})
        rects.append({"x0": COL_TASK[0], "x1": COL_TASK[1], "y0": top, "y1": top + BOX,
                      "fill": PALETTE["light"]})
        rects.append({"x0": COL_TIME[0], "x1": COL_TIME[1], "y0": top, "y1": top + BOX,
                      "fill": "#f4efe6"})
        who_lines = _wrap(who, 28)
        block = 22 + 17 * (who_lines.count("\n") + 1)
        first = mid - block / 2 + 9
        bold.append({"x": COL_LEVEL[0] + 12, "y": first, "text": level})
        plain.append({"x": COL_LEVEL[0] + 12, "y": first + 23, "text": who_lines,
                      "color": "white", "size": 13})
        task_lines = _wrap(task, 39)
        plain.append({"x": COL_TASK[0] + 12, "y": _first_line_y(mid, task_lines, 17),
                      "text": task_lines, "color": "#222", "size": 13.5})
        time_lines = _wrap(time, 13)
        note_lines = _wrap(note, 19) if note else ""
        n_time = time_lines.count("\n") + 1
        n_note = note_lines.count("\n") + 1 if note else 0
        block = n_time * 18 + (n_note * 14 + 4 if note else 0)
        first_time = mid - block / 2 + 9
        time_text.append({"x": COL_TIME[0] + 10, "y": first_time, "text": time_lines})
        if note:
            notes.append({"x": COL_TIME[0] + 10, "y": first_time + n_time * 18 - 2,
                          "text": note_lines})
        if i < len(LEVELS) - 1:
            arrows.append({"x": (COL_LEVEL[0] + COL_LEVEL[1]) / 2,
                           "y": top + BOX + (ROW - BOX) / 2})
    support_y = HEADER + ROW * len(LEVELS) + 8

    canvas = Canvas(WIDTH, height)

    pos = canvas.pos

    boxes = canvas.boxes(rects)
    header_text = pos(alt.Chart(pd.DataFrame(headers)).mark_text(
        font=FONT, fontSize=13, fontWeight="bold", color=PALETTE["neutral"], align="left",
        baseline="middle")).encode(text="text:N")
    level_text = pos(alt.Chart(pd.DataFrame(bold)).mark_text(
        font=FONT, fontSize=16, fontWeight="bold", color="white", align="left",
        baseline="middle")).encode(text="text:N")
    body_text = pos(alt.Chart(pd.DataFrame(plain)).mark_text(
        font=FONT, align="left", baseline="middle", lineBreak="\n", lineHeight=17)).encode(
        text="text:N", color=alt.Color("color:N", scale=None),
        size=alt.Size("size:Q", scale=None))
    share_text = pos(alt.Chart(pd.DataFrame(time_text)).mark_text(
        font=FONT, fontSize=14, fontWeight="bold", color="#5b3b12", align="left",
        baseline="middle", lineBreak="\n", lineHeight=18)).encode(text="text:N")
    note_text = pos(alt.Chart(pd.DataFrame(notes)).mark_text(
        font=FONT, fontSize=11, color="#5b3b12", align="left",
        baseline="middle", lineBreak="\n", lineHeight=14)).encode(text="text:N")
    arrow_marks = pos(alt.Chart(pd.DataFrame(arrows)).mark_point(
        shape="triangle-down", filled=True, size=130, color=PALETTE["neutral"], opacity=1))
    support_data = pd.DataFrame([{"x": 0, "y": support_y, "text": SUPPORT}])
    support = pos(alt.Chart(support_data).mark_text(
        font=FONT, fontSize=12.5, fontStyle="italic", color="#333", align="left",
        baseline="middle", lineBreak="\n", lineHeight=17)).encode(text="text:N")

    return alt.layer(boxes, arrow_marks, header_text, level_text, body_text, share_text,
                     note_text, support).properties(width=WIDTH, height=height,
                                         padding=6).configure_view(stroke=None)
