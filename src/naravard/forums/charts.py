"""The forum map as a layered graph, and the divergence views of the participants' pictures.

Levels are horizontal bands (makro on top), forums are circles coloured by principal, relations
are lines whose dash pattern shows the kind and whose arrowhead shows the direction. Tooltips
carry mission and mandate. Positions are computed here (one unit = one pixel), so the same chart
renders in the worksheet (VegaChart) and as SVG in the handbook. Built to stay readable at 40
forums on a projector: at most eight forums per row, names wrapped under the circles.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import altair as alt

from naravard.core.charts import PALETTE, describe, described, wrapped_axis
from naravard.core.text import format_number
from naravard.forums.model import (yearly_text, JOINT, LEVEL_ORDER, LEVELS, RELATION_KINDS, TYPES, ForumMap,
                                   norm)

WIDTH = 1060
PER_ROW = 7
ROW_HEIGHT = 86
BAND_PAD = 34
NODE_SIZE = 520
RADIUS = math.sqrt(NODE_SIZE / math.pi)
LABEL_WIDTH = 20
MUNICIPALITY_COLOURS = ["#d07a1b", "#8f4a0e", "#e9a64b", "#b8621f", "#c99a5b", "#6e3d12",
                        "#f0bf7a", "#a0561a"]
DASHES = {"ger uppdrag till": [1, 0], "rapporterar till": [7, 4], "eskalerar till": [2, 3],
          "informerar": [10, 3, 2, 3]}
BAND_FILL = {"makro": "#eef3f8", "meso": "#f6f8fb", "mikro": "#eef3f8"}


#: Colours of the county's areas (after "Gemensam" in the principal choices).
AREA_COLOURS = ["#6a4c93", "#8e6cbf", "#4b3470", "#a98fd6"]


def principal_colours(principals: list[str]) -> tuple[list[str], list[str]]:
    """Domain and range: the region blue, municipalities in orange shades, joint forums green,
    areas (listed after "Gemensam" in :meth:`County.principal_choices`) in violet shades."""
    if JOINT not in principals:
        principals = [*principals, JOINT]
    joint = principals.index(JOINT)
    colours = [PALETTE["region"]]
    for i in range(joint - 1):
        colours.append(MUNICIPALITY_COLOURS[i % len(MUNICIPALITY_COLOURS)])
    colours.append(PALETTE["gemensam"])
    for i in range(len(principals) - joint - 1):
        colours.append(AREA_COLOURS[i % len(AREA_COLOURS)])
    return list(principals), colours


def wrap(name: str, width: int = LABEL_WIDTH, lines: int = 3) -> str:
    """A forum name broken into at most three lines (for labels under the circles)."""
    parts = textwrap.wrap(name, width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


@dataclass
class Layout:
    """Positions of the forums and the height of each band."""

    pos: dict[str, tuple[float, float]]
    bands: list[dict]
    height: float


def layout(fmap: ForumMap, principals: list[str] | None = None, sweeps: int = 4,
           width: float = WIDTH, per_row: int = PER_ROW) -> Layout:
    """Place forums in their level's band, near the forums they relate to (fewer crossings).

    Forums start ordered by principal and name; then a few sweeps move each band's forums to
    the mean x of their neighbours in the other bands (the barycentre heuristic of layered
    graph drawing).
    """
    order = {p: i for i, p in enumerate([*(principals or []), JOINT])}
    neighbours: dict[str, list[str]] = {fid: [] for fid in fmap.forums}
    for r in fmap.relations.values():
        neighbours[r.source].append(r.target)
        neighbours[r.target].append(r.source)
    by_level = {lv: sorted((fid for fid, f in fmap.forums.items() if f.level == lv),
                           key=lambda fid: (order.get(fmap.forums[fid].principal, 99),
                                            norm(fmap.forums[fid].name)))
                for lv in LEVEL_ORDER}
    lay = _place(by_level, width, per_row)
    for _ in range(sweeps):
        for lv in (*LEVEL_ORDER[1:], *LEVEL_ORDER[::-1]):
            def key(fid: str) -> tuple:
                xs = [lay.pos[n][0] for n in neighbours[fid]
                      if fmap.forums[n].level != fmap.forums[fid].level]
                return (sum(xs) / len(xs) if xs else lay.pos[fid][0], lay.pos[fid][0])
            by_level[lv].sort(key=key)
            lay = _place(by_level, width, per_row)
    return lay


def _place(by_level: dict[str, list[str]], width: float, per_row: int) -> Layout:
    pos: dict[str, tuple[float, float]] = {}
    bands = []
    y = 0.0
    for level in LEVEL_ORDER:
        ids = by_level[level]
        rows = max(1, math.ceil(len(ids) / per_row))
        top = y
        y += BAND_PAD
        # spread the forums evenly over the rows, keeping their order column by column
        row_len = math.ceil(len(ids) / rows) if ids else 0
        for r in range(rows):
            chunk = ids[r::rows] if rows > 1 else ids
            step = width / max(len(chunk), 1)
            shift = step / 2 * (r / rows) if rows > 1 else 0
            for i, fid in enumerate(chunk):
                pos[fid] = (min(width - 20, step * (i + 0.5) + shift - step / 4 * (rows > 1)),
                            y + RADIUS + 4)
            y += ROW_HEIGHT
        bands.append({"level": level, "nivå": LEVELS[level], "y": top, "y2": y,
                      "count": len(ids), "per_row": row_len})
        y += 6
    return Layout(pos, bands, y)


LABEL_FONT = 12
LINE_HEIGHT = 14
CHAR_WIDTH = 6.2  # a generous mean width of a character at LABEL_FONT px


def label_box(label: str) -> tuple[float, float]:
    """Half the width and the depth below the circle's centre of a forum's name (in px)."""
    lines = label.split("\n")
    return (max(len(line) for line in lines) * CHAR_WIDTH / 2 + 3,
            RADIUS + 3 + LINE_HEIGHT * len(lines) + 2)


def _exit(ux: float, uy: float, box: tuple[float, float]) -> float:
    """How far from a forum's centre a line leaving in direction (ux, uy) clears the forum:
    its circle, or, going down, the name written under it, so no line crosses its own label."""
    half, depth = box
    if uy <= 0:
        return RADIUS
    through_bottom = depth / uy
    through_side = half / abs(ux) if ux else math.inf
    return max(RADIUS, min(through_bottom, through_side))


def _arrow(x1: float, y1: float, x2: float, y2: float, offset: float,
           boxes: tuple[tuple[float, float], tuple[float, float]] | None = None) -> dict:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    # perpendicular offset separates parallel relations between the same two forums
    px, py = -uy * offset, ux * offset
    start, end = (_exit(ux, uy, boxes[0]), _exit(-ux, -uy, boxes[1])) if boxes else (RADIUS,
                                                                                       RADIUS)
    back = end + 5
    return {"x": x1 + px + ux * start, "y": y1 + py + uy * start,
            "x2": x2 + px - ux * back, "y2": y2 + py - uy * back,
            "ax": x2 + px - ux * back, "ay": y2 + py - uy * back,
            "angle": math.degrees(math.atan2(dx, -dy))}


def map_data(fmap: ForumMap, principals: list[str], highlight_forums=(), highlight_relations=(),
             width: float = WIDTH, per_row: int = PER_ROW):
    """The rows the chart draws (forums, relations, bands) and the chart's height in pixels.

    Vertical positions are given as a share of the height (0 at the top, 1 at the bottom), so
    that one chart template serves every map size.
    """
    lay = layout(fmap, principals, width=width, per_row=per_row)
    height = max(lay.height, 120.0)
    hf, hr = set(highlight_forums), set(highlight_relations)
    boxes = {fid: label_box(wrap(f.name)) for fid, f in fmap.forums.items()}
    forums = []
    for fid, f in fmap.forums.items():
        x, y = lay.pos[fid]
        half, depth = boxes[fid]
        forums.append({
            "x": x, "y": y / height, "etikett": wrap(f.name), "forum": f.name,
            "lx": x - half + 1, "lx2": x + half - 1, "ly": (y + RADIUS + 1) / height,
            "ly2": (y + depth - 1) / height,
            "nivå": LEVELS.get(f.level, f.level), "huvudman": f.principal,
            "typ": TYPES.get(f.type, f.type), "uppdrag": f.mission or "(saknas)",
            "mandat": f.mandate or "(saknas)",
            "möten": yearly_text(f.frequency),
            "medlemmar": ", ".join(f.members) or "–",
            "markerad": fid in hf, "systemledning": f.system_leadership})
    pairs: dict[frozenset, int] = {}
    edges = []
    for rid, r in fmap.relations.items():
        pair = frozenset((r.source, r.target))
        n = pairs.get(pair, 0)
        pairs[pair] = n + 1
        offset = 0 if n == 0 else (5 * ((n + 1) // 2) * (1 if n % 2 else -1))
        (x1, y1), (x2, y2) = lay.pos[r.source], lay.pos[r.target]
        e = _arrow(x1, y1, x2, y2, offset, (boxes[r.source], boxes[r.target]))
        for k in ("y", "y2", "ay"):
            e[k] /= height
        edges.append({**e, "relation": r.kind, "beskrivning": fmap.describe(r),
                      "markerad": rid in hr})
    bands = [{**b, "y": b["y"] / height, "y2": b["y2"] / height} for b in lay.bands]
    return {"forums": forums, "edges": edges, "bands": bands}, height


def _map_layers(forums_data, edges_data, bands_data, principals: list[str], height: float,
                title: str | None, width: float = WIDTH) -> alt.LayerChart:
    xs = alt.Scale(domain=[0, width], nice=False, zero=False)
    ys = alt.Scale(domain=[0, 1], nice=False, zero=False, reverse=True)
    x = alt.X("x:Q", scale=xs, axis=None)
    y = alt.Y("y:Q", scale=ys, axis=None)
    domain, colours = principal_colours(principals)
    band_base = alt.Chart(bands_data)
    bands = band_base.mark_rect(opacity=1).encode(
        x=alt.value(0), x2=alt.value(width), y=y, y2="y2:Q",
        fill=alt.Fill("level:N", scale=alt.Scale(domain=LEVEL_ORDER,
                                                 range=[BAND_FILL[lv] for lv in LEVEL_ORDER]),
                      legend=None),
        tooltip=alt.value(None))
    band_text = dict(align="left", baseline="top", dx=6, dy=6, fontSize=13, fontWeight="bold")
    # the band's name stands over the lines, with a halo of the band's colour around it
    band_halos = band_base.mark_text(stroke=BAND_FILL["makro"], strokeWidth=5,
                                     strokeJoin="round", **band_text).encode(
        x=alt.value(0), y=y, text="nivå:N", fill=alt.value(BAND_FILL["makro"]),
        tooltip=alt.value(None))
    band_labels = band_base.mark_text(color="#3a4a5c", **band_text).encode(
        x=alt.value(0), y=y, text="nivå:N", tooltip=alt.value(None))
    edge_base = alt.Chart(edges_data)
    tip_edge = [alt.Tooltip("beskrivning:N", title="Relation")]
    lines = edge_base.mark_rule(color="#59636e", strokeWidth=1.6).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeDash=alt.StrokeDash("relation:N", scale=alt.Scale(
            domain=RELATION_KINDS, range=[DASHES[k] for k in RELATION_KINDS]),
            legend=alt.Legend(title="Relation", orient="bottom", symbolType="stroke",
                              symbolStrokeWidth=2, symbolSize=400)),
        tooltip=tip_edge)
    hot_lines = edge_base.transform_filter("datum.markerad").mark_rule(
        color=PALETTE["accent"], strokeWidth=4).encode(x=x, y=y, x2="x2:Q", y2="y2:Q",
                                                       tooltip=tip_edge)
    arrows = edge_base.mark_point(shape="triangle-up", filled=True, size=70, opacity=1).encode(
        x=alt.X("ax:Q", scale=xs, axis=None), y=alt.Y("ay:Q", scale=ys, axis=None),
        angle=alt.Angle("angle:Q", scale=None),
        fill=alt.condition("datum.markerad", alt.value(PALETTE["accent"]), alt.value("#59636e")),
        stroke=alt.value(None), tooltip=tip_edge)
    node_base = alt.Chart(forums_data)
    tip = [alt.Tooltip(f"{k}:N", title=t) for k, t in (
        ("forum", "Forum"), ("nivå", "Nivå"), ("huvudman", "Huvudman"), ("typ", "Typ"),
        ("uppdrag", "Uppdrag"), ("mandat", "Mandat"), ("möten", "Möten per år"),
        ("medlemmar", "Medlemmar"))]
    rings = node_base.transform_filter("datum.markerad").mark_point(
        size=NODE_SIZE * 2.6, strokeWidth=4, opacity=1, filled=False).encode(
        x=x, y=y, stroke=alt.value(PALETTE["accent"]), tooltip=tip)
    nodes = node_base.mark_circle(size=NODE_SIZE, opacity=1, stroke="white",
                                  strokeWidth=1.5).encode(
        x=x, y=y, color=alt.Color("huvudman:N", scale=alt.Scale(domain=domain, range=colours),
                                  legend=alt.Legend(title="Huvudman", orient="bottom")),
        tooltip=tip)
    leader = node_base.transform_filter("datum.systemledning").mark_text(
        text="★", fontSize=14, baseline="middle").encode(x=x, y=y, fill=alt.value("white"),
                                                         tooltip=tip)
    text = dict(baseline="top", dy=RADIUS + 3, fontSize=LABEL_FONT, lineHeight=LINE_HEIGHT,
                lineBreak="\n")
    # a white card under each name hides the lines of other forums that pass beneath it
    cards = node_base.mark_rect(fill="white", opacity=0.88, cornerRadius=3).encode(
        x=alt.X("lx:Q", scale=xs, axis=None), x2="lx2:Q",
        y=alt.Y("ly:Q", scale=ys, axis=None), y2="ly2:Q", tooltip=alt.value(None))
    labels = node_base.mark_text(**text).encode(x=x, y=y, text="etikett:N",
                                                fill=alt.value("#1d2733"), tooltip=tip)
    chart = alt.layer(bands, lines, hot_lines, band_halos, band_labels, cards, labels, arrows,
                      rings, nodes, leader).properties(width=width, height=height)
    if title:
        chart = chart.properties(title=title)
    return chart.configure_view(stroke=None).configure_legend(labelLimit=260, columns=4)


def map_description(fmap: ForumMap) -> str:
    """The forum map in words: forums per level, relations per kind and the busiest forum."""
    from naravard.core.text import join_swedish

    levels = [f"{format_number(sum(1 for f in fmap.forums.values() if f.level == lv))} på "
              f"{LEVELS[lv].split(' ')[0].lower()}nivå" for lv in LEVEL_ORDER]
    degree: dict[str, int] = {fid: 0 for fid in fmap.forums}
    kinds: dict[str, int] = {}
    for r in fmap.relations.values():
        degree[r.source] += 1
        degree[r.target] += 1
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    kind_text = join_swedish(f"{format_number(kinds[k])} {k}" for k in RELATION_KINDS
                             if k in kinds)
    leaders = [f.name for f in fmap.forums.values() if f.system_leadership]
    note = (f"Relationerna: {kind_text}." if kinds else "") + (
        f" Systemledningen ({join_swedish(leaders)}) är markerad med en stjärna." if leaders
        else "")
    return describe(
        "Nätverksdiagram",
        f"forumkartan med {format_number(len(fmap.forums))} forum och "
        f"{format_number(len(fmap.relations))} relationer i tre nivåer: {join_swedish(levels)}",
        [(fmap.forums[fid].name, n) for fid, n in degree.items()] if fmap.relations else [],
        most="Flest relationer har", note=note.strip())


def forum_map_chart(fmap: ForumMap, principals: list[str], *, title: str | None = None,
                    highlight_forums=(), highlight_relations=(), width: float = WIDTH,
                    per_row: int = PER_ROW) -> alt.LayerChart:
    """The layered forum map. ``highlight_*`` ring forums and thicken relations in accent;
    ``width`` and ``per_row`` fit it to a page (the handbook uses a narrower map)."""
    data, height = map_data(fmap, principals, highlight_forums, highlight_relations, width,
                            per_row)
    chart = _map_layers(alt.Data(values=data["forums"]), alt.Data(values=data["edges"]),
                        alt.Data(values=data["bands"]), principals, height, title, width)
    return described(chart, map_description(fmap))


_TEMPLATES: dict[tuple, dict] = {}


def forum_map_spec(fmap: ForumMap, principals: list[str], *, title: str | None = None,
                   highlight_forums=(), highlight_relations=()) -> dict:
    """The same chart as :func:`forum_map_chart` as a Vega-Lite dict, fast.

    The chart is built and validated by altair once per set of principals; later calls only
    compute the layout and put the rows into the template's named datasets.
    """
    key = (tuple(principals), title)
    if key not in _TEMPLATES:
        chart = _map_layers(alt.Data(name="forums"), alt.Data(name="edges"),
                            alt.Data(name="bands"), principals, 100, title)
        _TEMPLATES[key] = chart.to_dict()
    data, height = map_data(fmap, principals, highlight_forums, highlight_relations)
    return {**_TEMPLATES[key], "height": height, "datasets": data,
            "description": map_description(fmap)}


def divergence_chart(comparison, *, title: str | None = None) -> alt.Chart:
    """Forums (rows, least known at the bottom) by participant: who knows which forum.

    The cell's tooltip says what the participant believes the forum decides.
    """
    rows = []
    people = comparison.participants
    order = [fa.name for fa in comparison.forums]
    for fa in comparison.forums:
        for person in people:
            known = person in fa.known_by
            rows.append({"forum": fa.name, "deltagare": person,
                         "bild": "känner till" if known else "känner inte till",
                         "beslutar": (fa.decides.get(person) or "(inget svar)") if known else "–",
                         "andel": f"{format_number(100 * fa.share)} %"})
    height = max(120, 22 * len(order))
    base = alt.Chart(alt.Data(values=rows))
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        x=alt.X("deltagare:N", sort=people, title=None,
                axis=alt.Axis(orient="top", **wrapped_axis(people, top=True))),
        y=alt.Y("forum:N", sort=order, title=None, axis=alt.Axis(labelLimit=340)),
        color=alt.Color("bild:N", scale=alt.Scale(domain=["känner till", "känner inte till"],
                                                  range=[PALETTE["region"], "#e9edf2"]),
                        legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("forum:N", title="Forum"), alt.Tooltip("deltagare:N",
                                                                    title="Deltagare"),
                 alt.Tooltip("beslutar:N", title="Beslutar enligt deltagaren"),
                 alt.Tooltip("andel:N", title="Känd av")])
    chart = cells.properties(width=max(200, 130 * len(people)), height=height)
    chart = described(chart, divergence_description(comparison))
    return chart.properties(title=title) if title else chart


def divergence_description(comparison) -> str:
    """Who knows which forum, in words: the best and the least known forums."""
    people = comparison.participants
    known = [(fa.name, len(fa.known_by)) for fa in comparison.forums]
    alone = sum(1 for _, n in known if n == 1)
    return describe(
        "Rutnätsdiagram", f"vilka av {format_number(len(known))} forum som var och en av "
                  f"{format_number(len(people))} deltagare känner till, antal deltagare inom "
                  "parentes",
        known, most="Mest känt är", least="Minst känt är",
        note=f"{format_number(alone)} forum känner bara en deltagare till" if known else "")


def similarity_chart(comparison, *, title: str | None = None) -> alt.Chart:
    """How alike each pair of participants' pictures is (Jaccard, 0–100 %)."""
    people = comparison.participants
    rows = []
    for a in people:
        for b in people:
            value = 1.0 if a == b else comparison.pairs.get((a, b), comparison.pairs.get((b, a)))
            if value is None:
                continue
            rows.append({"a": a, "b": b, "likhet": value,
                         "text": f"{format_number(100 * value)} %"})
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("a:N", sort=people, title=None,
                axis=alt.Axis(**wrapped_axis(people))),
        y=alt.Y("b:N", sort=people, title=None, axis=alt.Axis(labelLimit=200)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("likhet:Q", scale=alt.Scale(domain=[0, 1], range=["#f7e8d7", "#1f5fa8"]),
                        legend=alt.Legend(title="Likhet", format=".0%")),
        tooltip=[alt.Tooltip("a:N", title="Deltagare"), alt.Tooltip("b:N", title="Jämförd med"),
                 alt.Tooltip("text:N", title="Likhet")])
    text = base.mark_text(fontSize=13).encode(
        text="text:N", color=alt.condition("datum.likhet > 0.55", alt.value("white"),
                                           alt.value("#1d2733")))
    size = max(160, 120 * len(people))
    pairs = [(f"{a} och {b}", 100 * v) for (a, b), v in comparison.pairs.items()]
    chart = described(alt.layer(cells, text).properties(width=size, height=size), describe(
        "Rutnätsdiagram", "hur lika deltagarnas bilder av forumen är, parvis i procent (Jaccard)",
        pairs, most="Mest lika är", least="Minst lika är", unit="%"))
    return chart.properties(title=title) if title else chart
