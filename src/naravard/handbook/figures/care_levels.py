"""Figur: makro-, meso- och mikronivån – vad varje nivå är och vad systemledarskap ger där.

Nivåernas innehåll och nyttan på varje nivå följer SKR:s stöd för en plan för gemensam
primärvård (avsnitten om fördelar med systemledarskap och om ansvar på mikro-, meso- och
makronivå), sammanfattat med handbokens egna ord. Ritas helt lokalt (altair), utan nätverk.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE
from naravard.handbook.figures.canvas import Canvas

# (nivå, undertitel, vilka som finns på nivån, vad systemledarskap ger på nivån)
LEVELS: list[tuple[str, str, str, list[str]]] = [
    ("Makronivå", "Styrning och ledning",
     "Chefer med övergripande ansvar, till exempel chefen för regionens primärvård "
     "och kommunernas socialchefer och vård- och omsorgschefer. Bär det "
     "systemövergripande ansvaret, sätter kursen, håller fast vid målen och tar fram "
     "vägledande principer.",
     ["Lättare att nå de mål som satts upp",
      "Bättre villkor för teamet närmast invånaren",
      "Färre patienter behöver söka akuten",
      "Lokaler, utbud och kompetens planeras gemensamt",
      "Bättre grund för utvecklingsarbete och forskning"]),
    ("Mesonivå", "Verksamhetsnivån",
     "Verksamhetschefer i regionen, kommunerna och hos privata utförare, med stöd av "
     "facilitatorer. Etablerar och genomför, löser ut övergripande frågor och länkar "
     "strategin till det dagliga arbetet.",
     ["Forum där verksamheterna samordnar sig",
      "Bättre stöd till mikronivån",
      "Klart vem som gör vad; gemensam resursplanering",
      "Gemensam planering av kompetensutveckling",
      "Delat ansvar för invånare som behöver samordning"]),
    ("Mikronivå", "Teamet kring invånaren",
     "Verksamhetsnära chefer och yrkesgrupper i utförarverksamheterna, i lokala "
     "samordningsgrupper där region och kommun möts. Verkställer och driver det "
     "löpande arbetet.",
     ["Personcentrerat arbete, skapat med invånaren",
      "Vet vem som gör vad och vilka resurser som finns",
      "Förutsättningar att använda bästa kunskapen",
      "En ledning som visar riktning och vill se resultat"]),
]

COLOURS = [PALETTE["region"], PALETTE["gemensam"], PALETTE["kommun"]]

WIDTH = 840
ROW = 162          # höjd per nivå, inklusive mellanrum
BOX = 144          # höjd på rutorna
HEAD = 34          # höjd på kolumnrubrikerna
NAME_W = 140       # bredd på rutan med nivåns namn
WHO_W = 310        # bredd på kolumnen ”Vilka finns här”
GAP = 10
WHO_WRAP = 40      # tecken per rad i kolumnen ”Vilka finns här”
GAIN_WRAP = 51     # tecken per rad i kolumnen om nyttan
LINE = 18          # radavstånd i brödtexten


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False))


def _bullet_lines(items: list[str], width: int) -> list[tuple[bool, str]]:
    """Raderna i en punktlista: (första raden i en punkt?, text), radbrutna till width tecken."""
    lines: list[tuple[bool, str]] = []
    for item in items:
        for j, line in enumerate(textwrap.wrap(item, width=width, break_long_words=False)):
            lines.append((j == 0, line))
    return lines


def _first_line_y(mid: float, text: str, line: float) -> float:
    """Y för första raden så att ett flerradigt textblock hamnar mitt i rutan."""
    return mid - (text.count("\n") * line) / 2


def micro_meso_macro() -> alt.LayerChart:
    """Makro-, meso- och mikronivån uppifrån och ned: vilka som finns där och nyttan där."""
    height = HEAD + ROW * len(LEVELS) - (ROW - BOX)
    who_x0 = NAME_W + GAP
    gain_x0 = who_x0 + WHO_W + GAP
    rects, names, subs, whos, gains, dots, heads, arrows = [], [], [], [], [], [], [], []
    heads.append({"x": who_x0 + 10, "y": HEAD / 2 - 2, "text": "Vilka finns här"})
    heads.append({"x": gain_x0 + 10, "y": HEAD / 2 - 2,
                  "text": "Vad systemledarskap ger på nivån"})
    for i, (name, sub, who, gain) in enumerate(LEVELS):
        top = HEAD + i * ROW
        mid = top + BOX / 2
        rects.append({"x0": 0, "x1": NAME_W, "y0": top, "y1": top + BOX, "fill": COLOURS[i]})
        rects.append({"x0": who_x0, "x1": who_x0 + WHO_W, "y0": top, "y1": top + BOX,
                      "fill": PALETTE["light"]})
        rects.append({"x0": gain_x0, "x1": WIDTH, "y0": top, "y1": top + BOX,
                      "fill": "#f3f6f3"})
        names.append({"x": 12, "y": mid - 14, "text": name})
        sub_s = _wrap(sub, 16)
        subs.append({"x": 12, "y": mid + 12, "text": sub_s})
        who_s = _wrap(who, WHO_WRAP)
        whos.append({"x": who_x0 + 10, "y": _first_line_y(mid, who_s, LINE),
                     "text": who_s})
        # Punktlistan ritas rad för rad så att radbrutna punkter får hängande indrag.
        gain_lines = _bullet_lines(gain, GAIN_WRAP)
        y = mid - (len(gain_lines) - 1) * LINE / 2
        for first, line in gain_lines:
            gains.append({"x": gain_x0 + 24, "y": y, "text": line})
            if first:
                dots.append({"x": gain_x0 + 12, "y": y, "text": "•"})
            y += LINE
        if i < len(LEVELS) - 1:
            arrows.append({"x": NAME_W / 2, "y": top + BOX + (ROW - BOX) / 2})

    canvas = Canvas(WIDTH, height)

    _pos = canvas.pos

    boxes = canvas.boxes(rects)
    head_text = _pos(alt.Chart(pd.DataFrame(heads)).mark_text(
        font=FONT, fontSize=15, fontWeight="bold", color="#222", align="left",
        baseline="middle")).encode(text="text:N")
    name_text = _pos(alt.Chart(pd.DataFrame(names)).mark_text(
        font=FONT, fontSize=18, fontWeight="bold", color="white", align="left",
        baseline="middle")).encode(text="text:N")
    sub_text = _pos(alt.Chart(pd.DataFrame(subs)).mark_text(
        font=FONT, fontSize=14, color="white", align="left", baseline="middle",
        lineBreak="\n", lineHeight=17)).encode(text="text:N")
    who_text = _pos(alt.Chart(pd.DataFrame(whos)).mark_text(
        font=FONT, fontSize=14, color="#222", align="left", baseline="middle",
        lineBreak="\n", lineHeight=LINE)).encode(text="text:N")
    gain_text = _pos(alt.Chart(pd.DataFrame(gains)).mark_text(
        font=FONT, fontSize=14, color="#222", align="left",
        baseline="middle")).encode(text="text:N")
    dot_text = _pos(alt.Chart(pd.DataFrame(dots)).mark_text(
        font=FONT, fontSize=14, color="#222", align="left",
        baseline="middle")).encode(text="text:N")
    arrow_marks = _pos(alt.Chart(pd.DataFrame(arrows)).mark_point(
        shape="triangle-down", filled=True, size=140, color=PALETTE["neutral"], opacity=1))

    return alt.layer(boxes, arrow_marks, head_text, name_text, sub_text, who_text,
                     dot_text, gain_text).properties(
        width=WIDTH, height=height, padding=6).configure_view(stroke=None)
