"""Charts a screen reader can read and labels a projector can show (issue 12): every chart
carries a Swedish description made from its data, the forum map's names are not crossed by
their own lines, and column heads are written level and whole."""

from __future__ import annotations

import math

from naravard.core.charts import describe, wrapped_axis
from naravard.core.county import current_county
from naravard.forums.book import example_map, example_perspectives
from naravard.forums.charts import (RADIUS, divergence_chart, forum_map_chart, forum_map_spec,
                                    label_box, layout, map_data, map_description,
                                    similarity_chart, wrap)


def test_a_description_names_the_kind_the_subject_and_the_largest_value_in_swedish():
    text = describe("Stapeldiagram", "antal forum per typ",
                    [("styrande", 5), ("beredande", 2), ("informerande", 1234.5)],
                    least="Minst är", decimals=1)
    assert text == ("Stapeldiagram: antal forum per typ. Flest är informerande (1\u00a0234,5). "
                    "Minst är beredande (2,0).")


def test_a_description_names_every_forum_that_ties_for_the_top():
    text = describe("Rutnätsdiagram", "x", [("A", 3), ("B", 3), ("C", 1)], most="Mest känt är")
    assert text.endswith("Mest känt är A och B (3).")


def test_the_forum_map_says_in_words_how_many_forums_and_relations_it_shows():
    fmap = example_map()
    text = map_description(fmap)
    assert text.startswith(f"Nätverksdiagram: forumkartan med {len(fmap.forums)} forum och "
                           f"{len(fmap.relations)} relationer i tre nivåer: ")
    assert "Flest relationer har Systemledningen för Nära vård" in text
    chart = forum_map_chart(fmap, current_county().principal_choices())
    assert chart.to_dict()["description"] == text
    spec = forum_map_spec(fmap, current_county().principal_choices())
    assert spec["description"] == text


def test_who_knows_which_forum_is_described_by_the_best_known_forum():
    comparison = example_perspectives()
    text = divergence_chart(comparison).to_dict()["description"]
    assert text.startswith(f"Rutnätsdiagram: vilka av {len(comparison.forums)} forum som var och "
                           f"en av {len(comparison.participants)} deltagare känner till")
    assert "Mest känt är Systemledningen för Nära vård (5)." in text


def test_the_likeness_of_pictures_is_described_by_the_most_alike_pair_in_percent():
    comparison = example_perspectives()
    (a, b), best = max(comparison.pairs.items(), key=lambda kv: kv[1])
    text = similarity_chart(comparison).to_dict()["description"]
    assert f"Mest lika är {a} och {b} ({round(100 * best)}\u00a0%)." in text


def test_no_line_of_the_forum_map_starts_inside_the_name_under_its_own_forum():
    fmap = example_map()
    data, height = map_data(fmap, current_county().principal_choices(), width=680, per_row=4)
    pos = layout(fmap, current_county().principal_choices(), width=680, per_row=4).pos
    crossing = []
    for r, e in zip(fmap.relations.values(), data["edges"]):
        for fid, (x, y) in ((r.source, (e["x"], e["y"] * height)),
                            (r.target, (e["x2"], e["y2"] * height))):
            cx, cy = pos[fid]
            half, depth = label_box(wrap(fmap.forums[fid].name))
            # a line that leaves downwards ends below the name or beside it, never in it
            in_label = y > cy and abs(x - cx) < half - 1 and y < cy + depth - 1
            in_circle = math.hypot(x - cx, y - cy) < RADIUS - 1
            if in_label or in_circle:
                crossing.append((fmap.forums[fid].name, r.kind))
    assert crossing == []


def test_each_forum_name_stands_on_a_white_card_above_the_lines():
    layers = forum_map_chart(example_map(), current_county().principal_choices()).to_dict()[
        "layer"]
    marks = [(lay["mark"]["type"], lay["mark"].get("fill")) for lay in layers]
    cards = marks.index(("rect", "white"))
    lines = next(i for i, (kind, _) in enumerate(marks) if kind == "rule")
    names = next(i for i, lay in enumerate(layers)
                 if lay["encoding"].get("text", {}).get("field") == "etikett")
    assert lines < cards < names


def test_column_heads_are_level_and_whole_on_lines_of_about_sixteen_characters():
    axis = wrapped_axis(["Hälso- och sjukvårdsdirektör", "Regiondirektör"], top=True)
    assert axis["labelAngle"] == 0 and axis["labelLimit"] == 0
    assert '"Hälso- och sjukvårdsdirektör": ["Hälso- och", "sjukvårdsdirektör"]' in (
        axis["labelExpr"])
    # the one-line head is lifted to end level with the two-line one
    assert '"Regiondirektör": ["", "Regiondirektör"]' in axis["labelExpr"]
    x = divergence_chart(example_perspectives()).to_dict()["encoding"]["x"]["axis"]
    assert x["labelAngle"] == 0 and "labelExpr" in x
