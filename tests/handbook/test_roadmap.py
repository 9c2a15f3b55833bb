"""The twelve-month roadmap: data/fardplan.yml validates, is drawn offline with every activity,
becomes a checklist and a text alternative, and broken data is refused in Swedish with file,
row and key."""

from __future__ import annotations

import pytest

from naravard.app.datacheck import check_all
from naravard.core.charts import to_svg
from naravard.core.problems import DataError
from naravard.handbook.figures.roadmap import roadmap_chart
from naravard.handbook.roadmap import checklist_rows, describe, load_roadmap

from tests.conftest import DATA, replace_in


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(DATA)


def test_the_roadmap_joins_the_series_the_plan_and_the_implementation_over_twelve_months(
        roadmap):
    lanes = {lane.key for lane in roadmap.lanes}
    assert {"serie", "plan", "genomforande", "uppfoljning"} <= lanes
    assert min(a.start for a in roadmap.activities) == 1
    assert max(a.end for a in roadmap.activities) == 12
    chapters = {a.chapter for a in roadmap.activities}
    assert {"kap-07", "kap-13", "kap-14"} <= chapters


def test_the_roadmap_figure_renders_offline_with_every_activity_and_swedish_text(roadmap):
    svg = to_svg(roadmap_chart(roadmap))
    assert svg.startswith("<svg") and "Månad" in svg
    for activity in roadmap.activities:
        assert activity.name.replace("–", "&#8211;") in svg or activity.name in svg, \
            activity.name
    assert "http" not in svg.replace("http://www.w3.org", "")


def test_the_checklist_has_one_row_per_activity_in_order_of_start(roadmap):
    rows = checklist_rows(roadmap)
    assert len(rows) == len(roadmap.activities)
    starts = [int(r[0].split()[1].split("–")[0]) for r in rows]
    assert starts == sorted(starts)
    first = rows[0]
    assert first[0] == "Månad 1" and first[1] == "Systemledningen" and first[4] == "kapitel 14"
    assert ("Månad 1–3", "Systemledningen", "Mandat och arbetsordning beslutas",
            "Alla huvudmän har beslutat om mandatet i sina egna organ.", "kapitel 3a") in rows


def test_the_text_alternative_names_every_lane_and_activity(roadmap):
    text = describe(roadmap)
    for lane in roadmap.lanes:
        assert lane.name in text
    for activity in roadmap.activities:
        assert activity.name in text


def test_an_activity_that_ends_before_it_starts_is_refused_naming_the_row(data_copy):
    replace_in(data_copy / "fardplan.yml", "    från: 10\n    till: 12\n",
               "    från: 10\n    till: 8\n")
    with pytest.raises(DataError) as caught:
        load_roadmap(data_copy)
    [problem] = caught.value.problems
    assert problem.field == "aktiviteter[15].till"
    lines = (data_copy / "fardplan.yml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.row - 1].strip() == "till: 8"
    assert "slutar (månad 8) före den börjar (månad 10)" in problem.message


def test_a_month_outside_one_to_twelve_is_refused_in_swedish(data_copy):
    replace_in(data_copy / "fardplan.yml", "    från: 10\n    till: 12\n",
               "    från: 10\n    till: 13\n")
    with pytest.raises(DataError, match="från 1 till 12, inte 13"):
        load_roadmap(data_copy)


def test_an_activity_in_a_lane_that_does_not_exist_is_refused(data_copy):
    replace_in(data_copy / "fardplan.yml", "    spår: genomforande\n", "    spår: genomförande\n")
    with pytest.raises(DataError) as caught:
        load_roadmap(data_copy)
    [problem] = caught.value.problems
    assert problem.field == "aktiviteter[14].spår"
    assert "”genomförande” finns inte" in problem.message and "”genomforande”" in problem.message


def test_a_chapter_reference_must_look_like_one(data_copy):
    replace_in(data_copy / "fardplan.yml", "kapitel: kap-07", "kapitel: sju")
    with pytest.raises(DataError, match="”sju” är ingen kapitelhänvisning"):
        load_roadmap(data_copy)


def test_naravard_check_reports_a_broken_roadmap(data_copy):
    replace_in(data_copy / "fardplan.yml", "titel: Färdplan", "rubrik: Färdplan")
    problems = check_all(data_copy)
    assert any(p.file.endswith("fardplan.yml") and p.field == "rubrik"
               and "Okänd nyckel" in p.message for p in problems)
