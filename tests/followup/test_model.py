"""The saved follow-up read as rounds and series; spread, disagreement and change between
rounds; values typed, imported and analysed; actions sent to the plan."""

from __future__ import annotations

import pytest

from naravard.core.problems import DataError
from naravard.followup.indicators import Indicator
from naravard.followup.meeting import compute, series_questions
from naravard.followup.model import (WHOLE_COUNTY, Followup, plan_initiative, read_round,
                                     units)
from naravard.followup.periods import parse_period, period_label, sort_key
from naravard.followup.ratings import change, disagreement_sentence, spread, widest_disagreement
from naravard.followup.series import (analyse_series, apply_values, read_values_file,
                                      value_record)

VALUE = Indicator(code="k1", name="Akutbesök 80+", direction="lägre")
SHARE = Indicator(code="k2", name="SIP", kind="andel")


def _round(rid: str, date: str, ratings: list[tuple[str, dict]]) -> dict:
    return {"name": rid, "date": date, "participants": {
        f"p{i}": {"label": f"Roll {i}", "principal": principal, "scores": scores}
        for i, (principal, scores) in enumerate(ratings)}}


def test_spread_per_factor_and_principal(guide):
    rnd = read_round("r1", _round("r1", "2026-01-01", [
        ("Region Exempellän", {"helhet": 4}), ("Region Exempellän", {"helhet": 5}),
        ("Norrvik", {"helhet": 1}), ("Sjöstad", {"helhet": 2})]))
    first = spread(rnd, guide)[0]
    assert (first.n, first.low, first.high, first.mean) == (4, 1, 5, 3.0)
    assert first.by_principal["Region Exempellän"] == (4.5, 2)
    assert first.principal_gap == ("Norrvik", 1.0, "Region Exempellän", 4.5)
    widest = widest_disagreement(spread(rnd, guide))
    assert [s.code for s in widest] == ["helhet"]
    sentence = disagreement_sentence(widest[0])
    assert "går från 1 till 5 bland 4 deltagare" in sentence
    assert "Region Exempellän skattar i snitt 4,5 och Norrvik 1,0" in sentence


def test_the_change_between_rounds_is_computed_per_factor(guide):
    doc = {"rounds": {
        "b": _round("Våren", "2026-04-01", [("Norrvik", {"larande": 3}), ("Sjöstad", {"larande": 4})]),
        "a": _round("Hösten", "2025-10-01", [("Norrvik", {"larande": 2}), ("Sjöstad", {"larande": 2})]),
    }}
    fu = Followup(doc)
    assert [r.name for r in fu.rounds()] == ["Hösten", "Våren"]
    changes = {c.code: c for c in change(fu.previous("b"), fu.round("b"), guide)}
    assert changes["larande"].delta == pytest.approx(1.5) and changes["larande"].moved
    assert not changes["helhet"].moved


def test_units_are_the_whole_county_the_principals_and_the_areas(county):
    found = units(county)
    assert found[0] == WHOLE_COUNTY
    assert found[1:1 + len(county.principals())] == county.principals()
    for area in getattr(county, "areas", []) or []:
        assert area.name in found


@pytest.mark.parametrize("text, key", [("2026-03", "2026-03"), ("mars 2026", "2026-03"),
                                       ("2026 kv 2", "2026-K2"), ("Q3 2026", "2026-K3"),
                                       ("2026-H1", "2026-H1"), ("2026", "2026"),
                                       ("2026-03-18", "2026-03")])
def test_periods_are_read_as_swedes_write_them(text, key):
    assert parse_period(text) == key


def test_an_unreadable_period_is_refused_in_swedish():
    with pytest.raises(ValueError, match="går inte att läsa som en period"):
        parse_period("i våras")
    assert period_label("2026-K2") == "kvartal 2 2026"
    assert sorted(["2026-03", "2026-K1", "2025"], key=sort_key) == ["2025", "2026-K1", "2026-03"]


def test_a_value_is_read_the_swedish_way_and_refused_with_the_field_named():
    assert value_record(VALUE, "12,5") == {"value": 12.5}
    assert value_record(SHARE, count="45", total="410") == {"count": 45.0, "total": 410.0}
    with pytest.raises(ValueError, match="^Värde: ”tolv” är inte ett tal"):
        value_record(VALUE, "tolv")
    with pytest.raises(ValueError, match="^Antal: måste vara mellan 0 och totalt"):
        value_record(SHARE, count="50", total="40")
    with pytest.raises(ValueError, match="från 0 till 100"):
        value_record(SHARE, "140")


def test_values_are_imported_from_a_csv_file_with_every_problem_named():
    indicators = {"k1": VALUE, "k2": SHARE}
    good = ("Indikator;Enhet;Period;Värde;Antal;Totalt\r\nAkutbesök 80+;Hela länet;2026-01;"
            "31,5;;\r\nSIP;Norrvik;2026 kv 1;;40;100\r\n").encode("utf-8")
    values = read_values_file("v.csv", good, indicators, [WHOLE_COUNTY, "Norrvik"])
    assert [(v.indicator, v.unit, v.period, v.record) for v in values] == [
        ("k1", WHOLE_COUNTY, "2026-01", {"value": 31.5}),
        ("k2", "Norrvik", "2026-K1", {"count": 40.0, "total": 100.0})]
    doc: dict = {}
    apply_values(doc, values)
    assert doc["values"]["k2"]["Norrvik"]["2026-K1"] == {"count": 40.0, "total": 100.0}
    bad = ("Indikator;Enhet;Period;Värde\r\nOkänd;Hela länet;2026-01;3\r\n"
           "Akutbesök 80+;Mars;2026-02;3\r\nAkutbesök 80+;;nyss;3\r\n").encode("utf-8")
    with pytest.raises(DataError) as info:
        read_values_file("v.csv", bad, indicators, [WHOLE_COUNTY, "Norrvik"])
    found = [(p.row, p.field) for p in info.value.problems]
    assert found == [(2, "Indikator"), (3, "Enhet"), (4, "Period")]


def test_a_proportion_series_of_20_points_gets_a_p_chart_and_a_value_series_an_i_chart():
    points = [(f"2025-{m:02d}" if m <= 12 else f"2026-{m - 12:02d}", {"count": 40, "total": 400})
              for m in range(1, 21)]
    view = analyse_series(SHARE, WHOLE_COUNTY, points)
    assert view.control is not None and view.control.kind == "p"
    assert view.values[0] == pytest.approx(10.0)
    short = analyse_series(VALUE, WHOLE_COUNTY, [("2026-01", {"value": 3.0})])
    assert short.control is None


def test_the_learning_meeting_lists_what_moved_with_questions(example, guide):
    view = compute(example, guide)
    moved = {s.indicator.code + "/" + s.unit for s in view.moved_series}
    assert "akutbesok_80/Hela länet" in moved
    assert "utskrivningsklara_dagar/Sjöstad" not in moved
    akut = next(s for s in view.moved_series if s.indicator.code == "akutbesok_80")
    assert guide.meeting["indikator_upp"] in series_questions(akut, guide)
    assert {c.code for c in view.moved_factors} >= {"larande", "team"}


def test_an_action_becomes_a_plan_initiative_that_says_where_it_came_from(example):
    rnd = Followup(example).rounds()[0]
    record = plan_initiative(rnd.actions[0], rnd.title, "Uppföljning som driver lärandet")
    assert record["title"] == rnd.actions[0].text
    assert record["lead"] == rnd.actions[0].owner
    assert "Hösten 2025" in record["description"] and record["goals"] == []


def test_a_damaged_saved_document_is_read_without_crashing(guide):
    doc = {"rounds": {"r1": {"name": "Hösten", "participants": {
        "p1": {"label": "Roll", "principal": "Norrvik", "scores": {"helhet": "fem", "team": True,
                                                                   "larande": 3},
               "evidence": ["inte", "en", "mapp"]}, "p2": "inte en post"}}},
        "values": {"k1": {"Hela länet": "trasigt"}}, "indicators": {"k1": {"name": "X"}}}
    view = compute(doc, guide)
    (person,) = view.round.participants
    assert person.scores == {"larande": 3} and person.evidence == {}
    assert view.series == []
