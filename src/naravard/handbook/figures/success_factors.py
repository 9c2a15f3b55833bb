"""Figur: de åtta generiska framgångsfaktorerna i två kolumner, med kärnan i varje faktor.

Faktorernas namn följer Löpare Johanssons sammanställning (som i tabellen i kapitel 8); raden under
namnet är handbokens sammanfattning av faktorns kärna. Ritas helt lokalt (altair).
"""

from __future__ import annotations

import textwrap

import altair as alt

from naravard.core.charts import PALETTE
from naravard.handbook.figures.canvas import Canvas

# (nummer, faktorns namn, kärnan i handbokens ord)
FACTORS: list[tuple[int, str, str]] = [
    (1, "Gemensamt se hela vårdsystemet", "Parterna ser helheten, inte bara sin egen del."),
    (2, "Se patientens perspektiv i en helhet",
     "Vård, omsorg, funktion och sociala förhållanden ses ihop."),
    (3, "Hålla fokus på rätt tjänstelogik",
     "För de mest sjuka går kontinuitet före allt annat."),
    (4, "Utveckla en samägd vårdlösning",
     "En gemensam idealbild i stället för hopfogade insatser."),
    (5, "Etablera äkta teamsamverkan", "Teamet arbetar som kollegor i samma verksamhet."),
    (6, "Lärande uppföljning som bränsle", "Resultaten används i återkommande lärmöten."),
    (7, "Engagerade systemägare som röjer vägen",
     "Förtroendevalda och chefer tar hand om hinder i avtal och styrning."),
    (8, "Ett införandestöd för att hålla i och hålla ut",
     "Facilitering, insyn i resultat och löpande problemlösning."),
]

WIDTH = 680
COL_W = 330
GAP_X = 20
ROW = 104
BOX = 92
WRAP_NAME = 30
WRAP_TEXT = 40
NAME_LH = 18
TEXT_LH = 16


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def success_factors() -> alt.LayerChart:
    """De åtta framgångsfaktorerna som numrerade rutor i två kolumner, 1–4 till vänster."""
    rows = (len(FACTORS) + 1) // 2
    height = rows * ROW - (ROW - BOX)
    rects, numbers, names, texts = [], [], [], []
    for i, (number, name, core) in enumerate(FACTORS):
        col, row = divmod(i, rows)
        x0 = col * (COL_W + GAP_X)
        top = row * ROW
        rects.append({"x0": x0, "x1": x0 + COL_W, "y0": top, "y1": top + BOX,
                      "fill": PALETTE["light"]})
        rects.append({"x0": x0, "x1": x0 + 44, "y0": top, "y1": top + BOX,
                      "fill": PALETTE["gemensam"]})
        numbers.append({"x": x0 + 22, "y": top + BOX / 2, "text": str(number)})
        name_lines = _wrap(name, WRAP_NAME)
        text_lines = _wrap(core, WRAP_TEXT)
        names.append({"x": x0 + 56, "y": top + 14, "text": name_lines})
        n_name = name_lines.count("\n") + 1
        texts.append({"x": x0 + 56, "y": top + 14 + n_name * NAME_LH + 4, "text": text_lines})

    canvas = Canvas(WIDTH, height)

    text_layer = canvas.texts

    number_text = text_layer(numbers, fontSize=20, fontWeight="bold", color="white",
                             baseline="middle")
    name_text = text_layer(names, fontSize=14.5, fontWeight="bold", color="#1b3a26",
                           align="left", baseline="top", lineBreak="\n", lineHeight=NAME_LH)
    core_text = text_layer(texts, fontSize=13, color="#222", align="left", baseline="top",
                           lineBreak="\n", lineHeight=TEXT_LH)
    return alt.layer(canvas.boxes(rects), number_text, name_text, core_text).properties(
        width=WIDTH, height=height, padding=6).configure_view(stroke=None)
