"""De fyra förflyttningarna i omställningen till Nära vård (kapitel 1).

Källa: SKR:s stöd för plan för gemensam primärvård och färdplanen i Värmland, så som
Ekholm och Caesar (2024) återger den. Figuren ritas helt lokalt, utan nätverk.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from naravard.core.charts import FONT, PALETTE

# Varje förflyttning: (område, från, till). Formuleringarna är handbokens egna.
SHIFTS: list[tuple[str, str, str]] = [
    ("Utgångspunkt", "Organisationen", "Relationen"),
    ("Invånarens roll", "Passiv mottagare", "Aktiv medskapare"),
    ("Arbetssätt", "Reaktivt", "Proaktivt och hälsofrämjande"),
    ("Insatser", "Isolerade insatser", "Samordning utifrån personen"),
]


def shifts_data() -> pd.DataFrame:
    """Förflyttningarna som tabell med en rad per förflyttning."""
    return pd.DataFrame(
        [{"ordning": i, "område": a, "från": f, "till": t} for i, (a, f, t) in enumerate(SHIFTS)]
    )


def four_shifts(width: int = 620) -> alt.LayerChart:
    """Fyra rader där varje rad visar en förflyttning från ett läge till ett annat."""
    df = shifts_data()
    order = list(df["område"])
    y = alt.Y("område:N", sort=order, axis=None)
    base = alt.Chart(df).properties(width=width, height=60 * len(df))

    arrow_line = base.mark_rule(color=PALETTE["neutral"], strokeWidth=2).encode(
        y=y, x=alt.X("x1:Q", scale=alt.Scale(domain=[0, 10]), axis=None), x2="x2:Q"
    ).transform_calculate(x1="3.6", x2="5.75")
    arrow_head = base.mark_point(
        shape="triangle-right", size=160, filled=True, color=PALETTE["neutral"], opacity=1
    ).encode(y=y, x=alt.X("xh:Q", scale=alt.Scale(domain=[0, 10]))).transform_calculate(xh="5.75")

    area = base.mark_text(align="left", font=FONT, fontSize=12, color="#444", dy=-20).encode(
        y=y, x=alt.X("xa:Q", scale=alt.Scale(domain=[0, 10])), text="område:N"
    ).transform_calculate(xa="0")
    from_box = base.mark_text(
        align="left", font=FONT, fontSize=14, color=PALETTE["kommun"], fontWeight="bold", dy=0
    ).encode(y=y, x=alt.X("xf:Q", scale=alt.Scale(domain=[0, 10])), text="från:N").transform_calculate(
        xf="0"
    )
    to_box = base.mark_text(
        align="left", font=FONT, fontSize=14, color=PALETTE["gemensam"], fontWeight="bold", dy=0
    ).encode(y=y, x=alt.X("xt:Q", scale=alt.Scale(domain=[0, 10])), text="till:N").transform_calculate(
        xt="6.1"
    )
    headers = alt.Chart(
        pd.DataFrame({"x": [0.0, 6.1], "text": ["Från", "Till"]})
    ).mark_text(align="left", font=FONT, fontSize=13, color="#222", fontWeight="bold").encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[0, 10])), y=alt.value(-18), text="text:N"
    )
    return alt.layer(arrow_line, arrow_head, area, from_box, to_box, headers).properties(
        title="Fyra förflyttningar i omställningen till Nära vård"
    ).configure_view(stroke=None)
