"""Figures of the 360-degree insight study: who covers which perspective, and the spread of views.

- :func:`coverage_chart` – respondents per perspective and principal; needed perspectives and
  principals that nobody covers are shown in red.
- :func:`spread_chart` – for each scale ("motpoler") where the respondents stand, grouped by
  perspective or by principal: every dot is one or more respondents, the grey line runs from the
  group's lowest to its highest position and the black tick marks the group's average.

The worksheet, the report exports and chapter 12 all draw these same charts.
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt
import pandas as pd
from altair.utils.schemapi import debug_mode

from naravard.core.charts import FONT, PALETTE, describe, described
from naravard.core.text import format_number, join_swedish
from naravard.insight.stacey import (HIGH, LOW, POINT_COLUMNS, ZONE_COLOURS, ZONE_TITLES, ZONES,
                                     check_unit, classify)
from naravard.insight.study import SCALE_MAX, SCALE_MIN
from naravard.insight.analysis import Coverage

_ROW = 24          # pixels per group in the spread chart
_WIDTH = 520
_GROUP_TITLES = {"perspective": "Perspektiv", "principal": "Huvudman"}
_RED = "#a61b1b"
_STACEY_WIDTH = 560
_STACEY_HEIGHT = 480
_LABEL_FLIP = 0.25  # certainty below this: label to the left of the point


def _label_colour(red: list[str]) -> dict | str:
    """A conditional axis-label colour: red for the given labels."""
    if not red:
        return "#333"
    names = ", ".join(json.dumps(n, ensure_ascii=False) for n in red)
    return {"condition": {"test": f"indexof([{names}], datum.value) >= 0", "value": _RED},
            "value": "#333"}


def coverage_chart(cov: Coverage) -> alt.LayerChart:
    """Respondents per perspective (rows) and principal (columns): interviewed, and planned."""
    persp = cov.perspectives
    princ = cov.principals
    rows = []
    counts = {(r.perspective_name, r.principal_name): (int(r.planned), int(r.interviewed))
              for r in cov.table.itertuples()}
    for p in persp.itertuples():
        for h in princ.itertuples():
            planned, done = counts.get((p.name, h.name), (0, 0))
            text = "" if planned == 0 else (str(done) if planned == done
                                            else f"{done} av {planned}")
            rows.append({"perspektiv": p.name, "huvudman": h.name, "planerade": planned,
                         "intervjuade": done, "text": text})
    df = pd.DataFrame(rows)
    y_red = [n for n in [*cov.uncovered_perspectives, *cov.planned_only_perspectives]]
    x_red = [n for n in [*cov.uncovered_principals, *cov.planned_only_principals]]
    y_order = persp["name"].tolist()
    x_order = princ["name"].tolist()
    base = alt.Chart(df).encode(
        x=alt.X("huvudman:N", sort=x_order, title="Huvudman",
                axis=alt.Axis(orient="top", labelAngle=-35, labelLimit=340,
                              labelColor=_label_colour(x_red))),  # type: ignore[arg-type]
        y=alt.Y("perspektiv:N", sort=y_order, title="Perspektiv",
                axis=alt.Axis(labelLimit=260,
                              labelColor=_label_colour(y_red))),  # type: ignore[arg-type]
        tooltip=[alt.Tooltip("perspektiv:N", title="Perspektiv"),
                 alt.Tooltip("huvudman:N", title="Huvudman"),
                 alt.Tooltip("intervjuade:Q", title="Intervjuade"),
                 alt.Tooltip("planerade:Q", title="Planerade")],
    )
    cells = base.mark_rect(stroke="#d5dde6", strokeWidth=1).encode(
        color=alt.Color("intervjuade:Q", title="Intervjuade",
                        scale=alt.Scale(domain=[0, max(2, int(df["intervjuade"].max() or 0))],
                                        range=["#ffffff", PALETTE["gemensam"]],
                                        interpolate="rgb"),
                        legend=None))
    labels = base.mark_text(font=FONT, fontSize=13, fontWeight="bold").encode(
        text="text:N",
        color=alt.condition(alt.datum.intervjuade >= 2, alt.value("white"), alt.value("#1d2733")))
    missing = [*cov.uncovered_perspectives, *cov.uncovered_principals]
    return described(alt.layer(cells, labels), describe(
        "Rutnätsdiagram", f"antal intervjuade per perspektiv ({format_number(len(y_order))}) "
                          f"och huvudman ({format_number(len(x_order))}), av "
                          f"{format_number(int(df['planerade'].sum()))} planerade",
        [(f"{r.perspektiv} hos {r.huvudman}", r.intervjuade) for r in df.itertuples()
         if r.intervjuade], most="Flest är intervjuade bland",
        note=f"Ingen är intervjuad: {join_swedish(missing)}" if missing else "")).properties(
        width=max(260, 62 * len(x_order)), height=max(120, 30 * len(y_order)),
        title=alt.TitleParams("Vilka perspektiv och huvudmän täcker intervjuerna?",
                              subtitle=["Siffran är antal intervjuade (av planerade). Röda "
                                        "rubriker: behövs men ingen är intervjuad."]))


_EMPTY_TEXT = "Inga placeringar ännu. Lägg till en skala och placera de intervjuade på den."
_LEGEND = ("Punkterna är de intervjuade (större punkt: fler på samma ställe), strecket gruppens "
           "medelvärde och den grå linjen gruppens spännvidd.")


def _spread_values(frame: pd.DataFrame, by: str, groups: list[str] | None
                   ) -> tuple[list[str], list[str], list[dict]]:
    """Row order, one heading per scale and the chart's data rows (dots and group statistics)."""
    if by not in _GROUP_TITLES:
        raise ValueError(f"Okänd gruppering {by!r}; välj perspective eller principal.")
    labels: dict[str, str] = {}
    dots: dict[tuple, list[str]] = {}
    stats: dict[tuple, list[int]] = {}
    present: dict[str, None] = {}
    for row in frame.itertuples(index=False):
        sid = row.scale
        if sid not in labels:
            # The number keeps two scales with the same poles apart; the heading drops it.
            labels[sid] = (f"{len(labels) + 1}|{row.scale_name}|{SCALE_MIN} = {row.left}|"
                           f"{SCALE_MAX} = {row.right}")
        group = getattr(row, by)
        present.setdefault(group, None)
        dots.setdefault((sid, group, row.position), []).append(f"{row.pseudonym} ({row.role})")
        stats.setdefault((sid, group), []).append(row.position)
    wanted = [g for g in (groups or []) if g in present]
    order = wanted + [g for g in present if g not in set(wanted)]
    values: list[dict] = []
    for (sid, group, pos), who in dots.items():
        values.append({"k": "p", "skala": labels[sid], "group": group, "position": int(pos),
                       "antal": len(who), "vilka": ", ".join(who)})
    for (sid, group), positions in stats.items():
        values.append({"k": "s", "skala": labels[sid], "group": group,
                       "min": min(positions), "max": max(positions),
                       "mean": sum(positions) / len(positions), "n": len(positions)})
    return order, list(labels.values()), values


def _spread_layout(by: str, order: list[str], labels: list[str], values: list[dict]
                   ) -> alt.TopLevelMixin:
    title = f"Spännvidden per {_GROUP_TITLES[by].lower()}"
    if not labels:
        return alt.Chart(alt.Data(values=[{"text": _EMPTY_TEXT}])) \
            .mark_text(font=FONT, fontSize=14, color="#3a4a5c", align="left") \
            .encode(text="text:N", x=alt.value(0), y=alt.value(20)) \
            .properties(width=_WIDTH, height=40, title=title)
    x_scale = alt.Scale(domain=[SCALE_MIN, SCALE_MAX], nice=False, padding=10)
    y = alt.Y("group:N", sort=order, scale=alt.Scale(domain=order), title=None,
              axis=alt.Axis(labelLimit=240))
    group_tip = alt.Tooltip("group:N", title=_GROUP_TITLES[by])
    ranges = alt.Chart().mark_rule(color="#9aa5b1", strokeWidth=3, strokeCap="round").encode(
        x=alt.X("min:Q", scale=x_scale, title=None,
                axis=alt.Axis(values=list(range(SCALE_MIN, SCALE_MAX + 1)), grid=True,
                              gridColor="#eef1f4", format="d")),
        x2="max:Q", y=y).transform_filter("datum.k == 's'")
    means = alt.Chart().mark_tick(color="#1d2733", thickness=2.5, size=_ROW * 0.8).encode(
        x=alt.X("mean:Q", scale=x_scale), y=y,
        tooltip=[group_tip, alt.Tooltip("mean:Q", title="Medelvärde", format=".1f"),
                 alt.Tooltip("n:Q", title="Antal placerade")]).transform_filter("datum.k == 's'")
    points = alt.Chart().mark_circle(color=PALETTE["accent"], opacity=0.75, stroke="white",
                                     strokeWidth=1).encode(
        x=alt.X("position:Q", scale=x_scale), y=y,
        size=alt.Size("antal:Q", scale=alt.Scale(domain=[1, 4], range=[90, 420]), legend=None),
        tooltip=[group_tip, alt.Tooltip("position:Q", title="Position"),
                 alt.Tooltip("vilka:N", title="Intervjuade")]).transform_filter("datum.k == 'p'")
    chart = alt.layer(ranges, means, points, data=alt.Data(values=[])).properties(
        width=_WIDTH, height=max(_ROW * 2, _ROW * len(order)),
    ).facet(
        row=alt.Row("skala:N", sort=labels, title=None,
                    header=alt.Header(labelExpr="slice(split(datum.value, '|'), 1)", labelAngle=0,
                                      labelOrient="top", labelAnchor="start", labelAlign="left",
                                      labelFontSize=13, labelFont=FONT, labelColor="#1d2733",
                                      labelLimit=_WIDTH + 240)),
        spacing=26, title=alt.TitleParams(title, subtitle=[_LEGEND]),
    ).resolve_axis(x="independent")
    # The data goes in last: altair copies a chart's inline data at every step above.
    chart.data = alt.Data(values=values)
    return chart


def spread_chart(frame: pd.DataFrame, by: str, groups: list[str] | None = None
                 ) -> alt.TopLevelMixin:
    """Where respondents stand on each scale, grouped by ``perspective`` or ``principal``.

    ``frame`` is :func:`naravard.insight.analysis.positions_frame`; ``groups`` orders the rows
    (default: the order in which groups first appear). One row of the chart per scale, headed by
    the scale's name and its two poles.
    """
    order, labels, values = _spread_values(frame, by, groups)
    return described(_spread_layout(by, order, labels, values), spread_description(frame, by))


def spread_description(frame: pd.DataFrame, by: str) -> str:
    """Where respondents stand, in words: how many on how many scales, and the widest spread
    within a group (in steps of the scale)."""
    spans = {}
    for (scale, group), rows in frame.groupby(["scale_name", by], sort=False):
        spans[f"{group} på skalan {scale}"] = float(rows["position"].max() -
                                                    rows["position"].min())
    people = frame["pseudonym"].nunique() if len(frame) else 0
    return describe(
        "Punktdiagram", f"var {format_number(people)} intervjuade står på "
                        f"{format_number(frame['scale_name'].nunique() if len(frame) else 0)} "
                        f"skalor från {SCALE_MIN} till {SCALE_MAX}, grupperade efter "
                        f"{_GROUP_TITLES[by].lower()}, spännvidd i steg inom parentes",
        [(k, v) for k, v in spans.items() if v > 0], most="Störst spännvidd har")


@lru_cache(maxsize=64)
def _spread_template(by: str, order: tuple[str, ...], labels: tuple[str, ...]) -> dict:
    with debug_mode(False):
        return _spread_layout(by, list(order), list(labels), []).to_dict(validate=False)


def spread_spec(frame: pd.DataFrame, by: str, groups: list[str] | None = None) -> dict:
    """The Vega-Lite spec of :func:`spread_chart`, fast enough to redraw on every change.

    The chart's layout depends only on the grouping, the rows and the scales, so it is built
    by altair once per layout and reused; only the data rows are recomputed.
    """
    order, labels, values = _spread_values(frame, by, groups)
    spec = dict(_spread_template(by, tuple(order), tuple(labels)))
    if labels:
        spec["data"] = {"values": values}
        spec.pop("datasets", None)
    spec["description"] = spread_description(frame, by)
    return spec


# --- The Stacey matrix ---------------------------------------------------------------

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


def _labels_clear_of(labels: pd.DataFrame, points: pd.DataFrame, near: float = 0.12,
                     step: float = 0.11) -> pd.DataFrame:
    """Zone texts that a question's marker would cover move up or down inside their zone (the
    marker for "Fråga X" at 0,5/0,5 used to hide "Komplex")."""
    out = labels.copy()
    try:
        spots = [(float(a), float(c)) for a, c in zip(points["agreement"], points["certainty"])]
    except (KeyError, TypeError, ValueError):
        return out
    for i, row in out.iterrows():
        for agreement, certainty in spots:
            if abs(agreement - row["agreement"]) < near and abs(certainty - row["certainty"]) < near:
                shift = -step if agreement >= row["agreement"] else step
                out.at[i, "agreement"] = row["agreement"] + shift
                break
    return out


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
            agreement = check_unit("Enighet (agreement)", data["agreement"])
            certainty = check_unit("Säkerhet (certainty)", data["certainty"])
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
    if points is not None:
        labels = _labels_clear_of(labels, points)
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

    chart = alt.layer(*layers).properties(width=_STACEY_WIDTH, height=_STACEY_HEIGHT)
    return described(chart, stacey_description(pts if points is not None else None)) \
        .configure_view(stroke="#999")


def stacey_description(points: pd.DataFrame | None) -> str:
    """The Stacey matrix in words: how many questions lie in each zone, and which."""
    text = ("Punktdiagram: Stacey-matrisen, med frågorna placerade efter hur säkra ni är på "
            "vad som ska göras (vågrätt) och hur eniga ni är (lodrätt)")
    if points is None or points.empty:
        return text + ". Inga frågor är placerade ännu."
    parts = []
    for zone in ZONES:
        labels = [str(x) for x in points.loc[points["zon"] == zone, "label"]]
        if labels:
            count = "1 fråga" if len(labels) == 1 else f"{format_number(len(labels))} frågor"
            parts.append(f"{ZONE_TITLES[zone]}: {count} ({join_swedish(labels)})")
    return text + ". " + "; ".join(parts) + "."
