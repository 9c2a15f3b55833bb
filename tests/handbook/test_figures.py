"""The handbook's figures render offline to SVG with Swedish text; the Stacey classification
places questions in the right zone."""

import pandas as pd
import pytest

from naravard.core.charts import to_svg
from naravard.handbook.figures.five_steps import five_steps
from naravard.handbook.figures.fokuspatient import fokuspatient_process
from naravard.handbook.figures.leadership_levels import leadership_levels
from naravard.handbook.figures.care_levels import micro_meso_macro
from naravard.handbook.figures.shifts import four_shifts
from naravard.insight.charts import stacey_matrix
from naravard.insight.stacey import classify
from naravard.handbook.figures.tlt import tlt_cycle

FIGURES = {
    "tlt_cycle": (tlt_cycle, ["Tight", "Loose"]),
    "stacey_matrix": (stacey_matrix, ["Komplex", "Kaotisk"]),
    "five_steps": (five_steps, ["Gemensamma mål", "Säkra stödet"]),
    "leadership_levels": (leadership_levels, ["Styrgrupp"]),
    "micro_meso_macro": (micro_meso_macro, ["Mikro", "Makro"]),
    "fokuspatient_process": (fokuspatient_process, ["FokusPatient"]),
    "four_shifts": (four_shifts, ["relation"]),
}


@pytest.mark.parametrize("name", FIGURES)
def test_figure_renders_to_svg_offline_with_swedish_text(name):
    make, phrases = FIGURES[name]
    svg = to_svg(make())
    assert svg.startswith("<svg")
    lower = svg.lower()
    for phrase in phrases:
        assert phrase.lower() in lower, f"{phrase!r} saknas i {name}"
    assert "http" not in svg.replace("http://www.w3.org", "")


@pytest.mark.parametrize("agreement, certainty, zone", [
    (0.9, 0.9, "enkel"),
    (0.1, 0.1, "kaotisk"),
    (0.9, 0.5, "komplicerad"),
    (0.5, 0.9, "komplicerad"),
    (0.5, 0.5, "komplex"),
    (0.2, 0.5, "komplex"),
])
def test_classify_places_a_question_in_its_stacey_zone(agreement, certainty, zone):
    assert classify(agreement, certainty) == zone


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_classify_refuses_values_outside_zero_to_one_in_swedish(bad):
    with pytest.raises(ValueError, match="mellan 0 och 1"):
        classify(bad, 0.5)


def test_stacey_matrix_plots_and_escapes_given_questions():
    points = pd.DataFrame([{"label": "<b>Fråga X</b>", "agreement": 0.4, "certainty": 0.3}])
    svg = to_svg(stacey_matrix(points=points))
    assert "&lt;b&gt;Fråga X&lt;/b&gt;" in svg
