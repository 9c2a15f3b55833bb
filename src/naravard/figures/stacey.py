"""Stacey-matrisen: enighet mot säkerhet om orsak och verkan, med fyra zoner.

Handbokens förenklade version av Staceys matris (Stacey 1996, återgiven i Ekholm och Caesar
2024). Båda axlarna går från 0 (låg) till 1 (hög) och delas i tre lika breda band. Som i
Staceys original ligger hög säkerhet och hög enighet nere till vänster, så att man rör sig
från det enkla mot det kaotiska uppåt och åt höger:

- enkel: både säkerhet och enighet är höga;
- komplicerad: det ena är högt och det andra inte (ense men osäker om vägen, eller säker om
  vägen men oense);
- kaotisk: både säkerhet och enighet är låga;
- komplex: allt däremellan.

``classify`` och ``stacey_matrix`` använder samma gränser (``LOW`` och ``HIGH``), så en punkt
som ritas i diagrammet hamnar alltid i den zon som ``classify`` anger.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from naravard.charts import FONT, PALETTE

#: Under LOW räknas ett värde som lågt, från och med HIGH som högt.
LOW = 1 / 3
HIGH = 2 / 3

ZONES = ("enkel", "komplicerad", "komplex", "kaotisk")
ZONE_TITLES = {
    "enkel": "Enkelt",
    "komplicerad": "Komplicerat",
    "komplex": "Komplext",
    "kaotisk": "Kaotiskt",
}
ZONE_COLOURS = {
    "enkel": "#d9ead3",
    "komplicerad": "#dbe6f4",
    "komplex": "#fbe3c9",
    "kaotisk": "#f2d0dc",
}
POINT_COLUMNS = ("label", "agreement", "certainty")

_WIDTH = 560
_LABEL_FLIP = 0.25  # certainty below this: label to the left of the point
_HEIGHT = 480


def _check_unit(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} måste vara ett tal mellan 0 och 1, inte {value!r}.") from None
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} måste vara ett tal mellan 0 och 1, inte {value!r}.")
    return number


def _band(value: float) -> str:
    if value >= HIGH:
        return "hög"
    if value < LOW:
        return "låg"
    return "mellan"


def classify(agreement: float, certainty: float) -> str:
    """Zonen i Stacey-matrisen för en fråga.

    ``agreement`` är graden av enighet om vad som ska uppnås och ``certainty`` graden av
    säkerhet om orsak och verkan, båda mellan 0 och 1 där 1 är hög. Svaret är ``"enkel"``,
    ``"komplicerad"``, ``"komplex"`` eller ``"kaotisk"``.
    """
    a = _band(_check_unit("Enighet (agreement)", agreement))
    c = _band(_check_unit("Säkerhet (certainty)", certainty))
    if a == "hög" and c == "hög":
        return "enkel"
    if a == "låg" and c == "låg":
        return "kaotisk"
    if a == "hög" or c == "hög":
        return "komplicerad"
    return "komplex"


def _zone_cells() -> pd.DataFrame:
    """The nine cells of the 3 × 3 grid, each with its zone (same rule as ``classify``)."""
    edges = [(0.0, LOW), (LOW, HIGH), (HIGH, 1.0)]
    rows = []
    for c0, c1 in edges:
        for a0, a1 in edges:
            zone = classify((a0 + a1) / 2, (c0 + c1) / 2)
            rows.append({"c0": c0, "c1": c1, "a0": a0, "a1": a1, "zon": zone})
    return pd.DataFrame(rows)


def _zone_borders() -> pd.DataFrame:
    """Line segments between neighbouring cells of different zones (readable in greyscale)."""
    cuts = [0.0, LOW, HIGH, 1.0]

    def zone(i: int, j: int) -> str:  # i = certainty band, j = agreement band
        return classify((cuts[j] + cuts[j + 1]) / 2, (cuts[i] + cuts[i + 1]) / 2)

    rows = []
    for i in range(3):
        for j in range(3):
            if i < 2 and zone(i, j) != zone(i + 1, j):  # vertical border at certainty cut
                rows.append({"c0": cuts[i + 1], "c1": cuts[i + 1],
                             "a0": cuts[j], "a1": cuts[j + 1]})
            if j < 2 and zone(i, j) != zone(i, j + 1):  # horizontal border at agreement cut
                rows.append({"c0": cuts[i], "c1": cuts[i + 1],
                             "a0": cuts[j + 1], "a1": cuts[j + 1]})
    return pd.DataFrame(rows)


def _zone_labels() -> pd.DataFrame:
    """One title and one short piece of advice per zone, placed inside the zone."""
    mid_low, mid, mid_high = LOW / 2, 0.5, (HIGH + 1) / 2
    return pd.DataFrame([
        {"zon": "enkel", "certainty": mid_high, "agreement": mid_high,
         "rad1": ZONE_TITLES["enkel"], "rad2": "Följ beprövad rutin"},
        {"zon": "komplicerad", "certainty": mid, "agreement": mid_high,
         "rad1": ZONE_TITLES["komplicerad"], "rad2": "Låt experter analysera"},
        {"zon": "komplicerad", "certainty": mid_high, "agreement": mid,
         "rad1": ZONE_TITLES["komplicerad"], "rad2": "Enas om målet"},
        {"zon": "komplex", "certainty": mid, "agreement": mid,
         "rad1": ZONE_TITLES["komplex"], "rad2": "Pröva, lär och anpassa"},
        {"zon": "kaotisk", "certainty": mid_low, "agreement": mid_low,
         "rad1": ZONE_TITLES["kaotisk"], "rad2": "Agera snabbt först"},
    ])


def _axis(title: str) -> alt.Axis:
    return alt.Axis(
        title=title,
        values=[0, 1],
        labelExpr="datum.value == 0 ? 'låg' : 'hög'",
        labelFontSize=13,
        titleFontSize=14,
        grid=False,
        ticks=False,
        domain=True,
    )


def _validated_points(points: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(points, pd.DataFrame):
        raise TypeError("points måste vara en pandas DataFrame med kolumnerna "
                        "label, agreement och certainty.")
    missing = [c for c in POINT_COLUMNS if c not in points.columns]
    if missing:
        raise ValueError("Punkterna saknar kolumnerna " + ", ".join(missing)
                         + ". Kolumnerna ska heta label, agreement och certainty.")
    rows = []
    for i, row in enumerate(points[list(POINT_COLUMNS)].itertuples(index=False), start=1):
        data = row._asdict()
        raw_label = data["label"]
        label = "" if raw_label is None or pd.isna(raw_label) else str(raw_label).strip()
        label = label or f"Fråga {i}"
        try:
            agreement = _check_unit("Enighet (agreement)", data["agreement"])
            certainty = _check_unit("Säkerhet (certainty)", data["certainty"])
        except ValueError as exc:
            raise ValueError(f"Rad {i} ({label}): {exc}") from None
        rows.append({"label": label, "agreement": agreement, "certainty": certainty,
                     "zon": classify(agreement, certainty)})
    return pd.DataFrame(rows, columns=["label", "agreement", "certainty", "zon"])


def stacey_matrix(points: pd.DataFrame | None = None) -> alt.LayerChart:
    """Stacey-matrisen som altair-diagram, eventuellt med frågor utplacerade som punkter.

    ``points`` är en DataFrame med kolumnerna ``label``, ``agreement`` och ``certainty``
    (0–1, 1 = hög). Punkterna ritas ovanpå zonerna med sin etikett.
    """
    x_scale = alt.Scale(domain=[0, 1], reverse=True, nice=False)
    y_scale = alt.Scale(domain=[0, 1], reverse=True, nice=False)
    zone_colour = alt.Color(
        "zon:N",
        scale=alt.Scale(domain=list(ZONES), range=[ZONE_COLOURS[z] for z in ZONES]),
        legend=None,
    )

    cells = alt.Chart(_zone_cells()).mark_rect(stroke="white", strokeWidth=0).encode(
        x=alt.X("c0:Q", scale=x_scale,
                axis=_axis("Säkerhet om orsak och verkan")),
        x2="c1:Q",
        y=alt.Y("a0:Q", scale=y_scale, axis=_axis("Enighet om vad som ska uppnås")),
        y2="a1:Q",
        color=zone_colour,
    )

    borders = alt.Chart(_zone_borders()).mark_rule(color="#777", strokeWidth=1.5).encode(
        x=alt.X("c0:Q", scale=x_scale), x2="c1:Q",
        y=alt.Y("a0:Q", scale=y_scale), y2="a1:Q",
    )

    labels = _zone_labels()
    # With points on top, the zone texts step back so that the points can be read.
    text_opacity = 1.0 if points is None else 0.55
    base = alt.Chart(labels).encode(
        x=alt.X("certainty:Q", scale=x_scale),
        y=alt.Y("agreement:Q", scale=y_scale),
    )
    titles = base.mark_text(fontSize=17, fontWeight="bold", dy=-10, color="#222",
                            font=FONT, opacity=text_opacity).encode(text="rad1:N")
    advice = base.mark_text(fontSize=13, dy=10, color="#333", font=FONT,
                            opacity=text_opacity).encode(text="rad2:N")

    layers: list[alt.Chart] = [cells, borders, titles, advice]

    if points is not None:
        pts = _validated_points(points)
        if not pts.empty:
            # Labels go to the right of a point, except near the right edge (low certainty).
            pts["side"] = ["vänster" if c < _LABEL_FLIP else "höger" for c in pts["certainty"]]
            pbase = alt.Chart(pts).encode(
                x=alt.X("certainty:Q", scale=x_scale),
                y=alt.Y("agreement:Q", scale=y_scale),
                tooltip=[
                    alt.Tooltip("label:N", title="Fråga"),
                    alt.Tooltip("zon:N", title="Zon"),
                    alt.Tooltip("agreement:Q", title="Enighet", format=".2f"),
                    alt.Tooltip("certainty:Q", title="Säkerhet", format=".2f"),
                ],
            )
            layers.append(pbase.mark_point(filled=True, size=120, color=PALETTE["accent"],
                                           stroke="white", strokeWidth=1.5, opacity=1))
            for side, align, dx in (("höger", "left", 10), ("vänster", "right", -10)):
                part = pbase.transform_filter(alt.datum.side == side)
                for halo in (True, False):
                    style = ({"stroke": "white", "strokeWidth": 4, "strokeJoin": "round"}
                             if halo else {})
                    layers.append(part.mark_text(align=align, dx=dx, dy=-10, fontSize=13, limit=240,
                                                 fontWeight="bold", color="#111", font=FONT,
                                                 **style).encode(text="label:N"))

    return alt.layer(*layers).properties(width=_WIDTH, height=_HEIGHT).configure_view(
        stroke="#999")
