"""Tight–Loose–Tight som en cykel: tydliga mål, lokal frihet, uppföljning och lärande.

Faserna följer Ekholm och Caesar (2024), som för modellen hänvisar till Hope och Fraser (2003).
Figuren ritar de tre faserna som rutor på en cirkel med pilar medurs mellan dem; i
mitten står det som håller ihop cykeln, att uppföljningen ger lärdomar som skärper nästa
omgångs mål.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE

#: (rubrik, beskrivning i korta rader, fas-typ) för de tre faserna, i ordning.
PHASES = (
    ("1  Tight: tydliga mål",
     ["Ledningen bestämmer vad som ska bli", "bättre för invånarna och hur det mäts.",
      "Inte strukturmått som antal vårdplatser."],
     "tight"),
    ("2  Loose: lokal frihet",
     ["De som gör jobbet väljer själva väg", "till målet, utifrån lokala förutsättningar",
      "och den enskildes behov."],
     "loose"),
    ("3  Tight: uppföljning",
     ["Resultaten följs upp öppet, helst i realtid.", "Varje enhet visar sitt bidrag",
      "och enheterna lär av varandra."],
     "tight"),
)
CENTRE_TEXT = ["Lärdomarna", "skärper nästa", "varvs mål"]

_FILL = {"tight": "#dbe6f4", "loose": "#fbe3c9"}
_STROKE = {"tight": PALETTE["region"], "loose": PALETTE["kommun"]}

_WIDTH = 660
_HEIGHT = 530
_X_DOMAIN = (-1.75, 1.75)
_Y_DOMAIN = (-1.05, 1.3)
_RADIUS = 0.95
_ANGLES = (90.0, -30.0, 210.0)  # degrees: top, lower right, lower left (clockwise order)
_BOX_W = 1.5
_BOX_H = 0.56
_PAD = 0.06


def _centres() -> list[tuple[float, float]]:
    return [(_RADIUS * math.cos(math.radians(a)), _RADIUS * math.sin(math.radians(a)))
            for a in _ANGLES]


def _inside_a_box(x: float, y: float, centres: list[tuple[float, float]]) -> bool:
    return any(abs(x - cx) <= _BOX_W / 2 + _PAD and abs(y - cy) <= _BOX_H / 2 + _PAD
               for cx, cy in centres)


def _px_per_unit() -> tuple[float, float]:
    return (_WIDTH / (_X_DOMAIN[1] - _X_DOMAIN[0]), _HEIGHT / (_Y_DOMAIN[1] - _Y_DOMAIN[0]))


def _arrows() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clockwise arcs between the boxes (as polylines) and an arrowhead at the end of each."""
    centres = _centres()
    sx, sy = _px_per_unit()
    lines, heads = [], []
    for i, start in enumerate(_ANGLES):
        end = _ANGLES[(i + 1) % len(_ANGLES)]
        sweep = (start - end) % 360.0  # clockwise = decreasing angle
        steps = 240
        run: list[tuple[float, float, float]] = []
        best: list[tuple[float, float, float]] = []
        for k in range(steps + 1):
            t = math.radians(start - sweep * k / steps)
            x, y = _RADIUS * math.cos(t), _RADIUS * math.sin(t)
            if _inside_a_box(x, y, centres):
                if len(run) > len(best):
                    best = run
                run = []
            else:
                run.append((x, y, t))
        if len(run) > len(best):
            best = run
        if len(best) < 2:
            continue
        for order, (x, y, _) in enumerate(best):
            lines.append({"pil": i, "ordning": order, "x": x, "y": y})
        x, y, t = best[-1]
        dx, dy = math.sin(t) * sx, -math.cos(t) * sy  # direction of travel, in pixels
        heads.append({"x": x, "y": y, "vinkel": math.degrees(math.atan2(dx, dy))})
    return pd.DataFrame(lines), pd.DataFrame(heads)


def _boxes() -> pd.DataFrame:
    rows = []
    for (title, lines, kind), (cx, cy) in zip(PHASES, _centres()):
        rows.append({
            "x0": cx - _BOX_W / 2, "x1": cx + _BOX_W / 2,
            "y0": cy - _BOX_H / 2, "y1": cy + _BOX_H / 2,
            "cx": cx, "cy": cy, "typ": kind, "rubrik": title,
            "text": "\n".join(lines),
        })
    return pd.DataFrame(rows)


def tlt_cycle() -> alt.LayerChart:
    """Tight–Loose–Tight som en cykel med tre faser och korta svenska beskrivningar."""
    x_scale = alt.Scale(domain=list(_X_DOMAIN), nice=False)
    y_scale = alt.Scale(domain=list(_Y_DOMAIN), nice=False)
    no_axis = None

    line_df, head_df = _arrows()
    arcs = alt.Chart(line_df).mark_line(color=PALETTE["neutral"], strokeWidth=3).encode(
        x=alt.X("x:Q", scale=x_scale, axis=no_axis),
        y=alt.Y("y:Q", scale=y_scale, axis=no_axis),
        detail="pil:N",
        order="ordning:Q",
    )
    heads = alt.Chart(head_df).mark_point(shape="triangle", filled=True, size=260,
                                          color=PALETTE["neutral"], opacity=1).encode(
        x=alt.X("x:Q", scale=x_scale, axis=no_axis),
        y=alt.Y("y:Q", scale=y_scale, axis=no_axis),
        angle=alt.Angle("vinkel:Q", scale=None),
    )

    boxes_df = _boxes()
    kinds = ["tight", "loose"]
    boxes = alt.Chart(boxes_df).mark_rect(cornerRadius=14, strokeWidth=2.5).encode(
        x=alt.X("x0:Q", scale=x_scale, axis=no_axis), x2="x1:Q",
        y=alt.Y("y0:Q", scale=y_scale, axis=no_axis), y2="y1:Q",
        fill=alt.Fill("typ:N", scale=alt.Scale(domain=kinds,
                                               range=[_FILL[k] for k in kinds]), legend=None),
        stroke=alt.Stroke("typ:N", scale=alt.Scale(domain=kinds,
                                                   range=[_STROKE[k] for k in kinds]),
                          legend=None),
    )
    text_base = alt.Chart(boxes_df).encode(
        x=alt.X("cx:Q", scale=x_scale, axis=no_axis),
        y=alt.Y("cy:Q", scale=y_scale, axis=no_axis),
    )
    titles = text_base.mark_text(fontSize=16, fontWeight="bold", dy=-34, color="#111",
                                 font=FONT).encode(text="rubrik:N")
    bodies = text_base.mark_text(fontSize=13, dy=-8, baseline="top", lineHeight=17,
                                 lineBreak="\n", color="#222", font=FONT).encode(text="text:N")

    centre = alt.Chart(pd.DataFrame({"x": [0.0], "y": [0.06], "t": ["\n".join(CENTRE_TEXT)]}))
    centre_text = centre.mark_text(fontSize=14, fontStyle="italic", lineBreak="\n",
                                   lineHeight=18, color="#333", font=FONT).encode(
        x=alt.X("x:Q", scale=x_scale, axis=no_axis),
        y=alt.Y("y:Q", scale=y_scale, axis=no_axis),
        text="t:N",
    )

    return alt.layer(arcs, heads, boxes, titles, bodies, centre_text).properties(
        width=_WIDTH, height=_HEIGHT
    ).configure_view(stroke=None)
