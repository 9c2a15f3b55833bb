"""The insight charts render offline to SVG with Swedish text, escape user text, and the fast
worksheet spec is exactly the chart the book and the report draw."""

from __future__ import annotations

import json

import pandas as pd

from naravard.core.charts import to_svg
from naravard.core.county import current_county
from naravard.insight.charts import coverage_chart, spread_chart, spread_spec
from naravard.insight.guide import current_guide
from naravard.insight.study import Study
from naravard.insight.analysis import coverage, positions_frame
from naravard.insight.example import example_doc, example_study

from tests.conftest import DATA


def test_the_coverage_chart_renders_offline_and_marks_the_missing_perspective():
    guide, county = current_guide(DATA), current_county(DATA)
    svg = to_svg(coverage_chart(coverage(example_study(DATA), guide, county)))
    assert svg.startswith("<svg") and "Vilka perspektiv och huvudmän" in svg
    assert "Förtroendevalda" in svg and "#a61b1b" in svg and "0 av 1" in svg


def test_the_spread_chart_names_every_scale_and_both_poles():
    guide, county = current_guide(DATA), current_county(DATA)
    svg = to_svg(spread_chart(positions_frame(example_study(DATA), guide, county), "principal"))
    for text in ("Spännvidden per huvudman", "Mandat och beslut",
                 "0 = Regionen beslutar i praktiken ensam om medlen",
                 "10 = Region och kommuner beslutar om medlen tillsammans", "Bergslunds kommun"):
        assert text in svg


def test_the_worksheet_spec_is_the_same_chart_as_the_book_draws():
    guide, county = current_guide(DATA), current_county(DATA)
    frame = positions_frame(example_study(DATA), guide, county)
    order = [p.name for p in guide.perspectives]
    book = spread_chart(frame, "perspective", order).to_dict()
    worksheet = spread_spec(frame, "perspective", order)
    assert json.dumps(worksheet, sort_keys=True) == json.dumps(book, sort_keys=True)


def test_a_study_without_positions_gets_a_message_instead_of_a_chart():
    frame = positions_frame(Study(), current_guide(DATA), current_county(DATA))
    assert "Inga placeringar ännu" in to_svg(spread_chart(frame, "perspective"))
    assert "Inga placeringar ännu" in json.dumps(spread_spec(frame, "principal"),
                                                 ensure_ascii=False)


def test_html_in_a_theme_or_a_pole_is_drawn_as_text():
    doc = example_doc(DATA)
    doc["scales"]["beslut"]["left"] = "<b>Regionen</b> & ingen annan"
    doc["themes"]["mandat"]["name"] = "<script>alert(1)</script>"
    guide, county = current_guide(DATA), current_county(DATA)
    svg = to_svg(spread_chart(positions_frame(Study.from_doc(doc), guide, county), "principal"))
    assert "&lt;b&gt;Regionen&lt;/b&gt; &amp; ingen annan" in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script>" not in svg and "<b>" not in svg


def test_two_scales_with_the_same_poles_stay_apart():
    frame = pd.DataFrame([
        {"scale": sid, "scale_name": "Samma", "left": "A", "right": "B", "respondent": "r",
         "pseudonym": "IP 01", "role": "Chef", "perspective": "Förtroendevalda",
         "principal": "Ekeås kommun", "position": pos}
        for sid, pos in (("s1", 2), ("s2", 8))])
    spec = spread_spec(frame, "principal")
    labels = {v["skala"] for v in spec["data"]["values"]}
    assert len(labels) == 2


def test_stacey_matrix_describes_which_questions_lie_in_which_zone():
    import pandas as pd

    from naravard.insight.charts import stacey_matrix

    points = pd.DataFrame([{"label": "Fråga A", "agreement": 0.9, "certainty": 0.9},
                           {"label": "Fråga B", "agreement": 0.5, "certainty": 0.5},
                           {"label": "Fråga C", "agreement": 0.45, "certainty": 0.55}])
    text = stacey_matrix(points=points).to_dict()["description"]
    assert text.startswith("Punktdiagram: Stacey-matrisen")
    assert "Enkelt: 1 fråga (Fråga A)" in text
    assert "Komplext: 2 frågor (Fråga B och Fråga C)" in text
