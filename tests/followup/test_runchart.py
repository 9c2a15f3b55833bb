"""The run chart rules on series whose answer is known (Perla, Provost and Murray 2011;
Anhøj and Olesen 2014)."""

from __future__ import annotations

import pytest

from naravard.followup.runchart import (analyse, astronomical, crossings, crossings_lower_limit,
                                        median, runs, shifts, summary, trends)


@pytest.mark.parametrize("useful, limit", [(10, 2), (11, 2), (12, 3), (13, 3), (14, 4),
                                           (15, 4), (16, 4), (20, 6), (24, 8), (30, 10),
                                           (40, 14)])
def test_the_crossings_limit_reproduces_the_table_of_anhoej_and_olesen(useful, limit):
    assert crossings_lower_limit(useful) == limit


def test_points_on_the_median_neither_extend_nor_break_a_run():
    values = [1, 1, 1, 5, 1, 1, 1, 9, 9, 9, 9]
    assert median(values) == 1
    # every point equal to the median is skipped: only the four 9s and the 5 remain, above
    assert runs(values, 1) == [(1, 3, 10, 5)]


def test_six_points_on_one_side_of_the_median_is_a_shift_and_five_is_not():
    five = [5, 6, 4, 6, 4, 6, 1, 2, 1, 2, 1, 9, 8, 9]
    assert shifts(five, median(five)) == []
    six = [5, 6, 4, 6, 4, 6, 1, 2, 1, 2, 1, 2, 9, 8, 9, 7]
    centre = median(six)
    assert shifts(six, centre) == [(-1, 6, 11)]


def test_a_shift_that_ends_the_series_is_explained_as_todays_level():
    values = [40, 41, 39, 42, 40, 41, 39, 42, 40, 33, 32, 34, 33, 32, 31]
    chart = analyse(values, higher_is_better=False)
    first, last = [s for s in chart.signals if s.rule == "skift"]
    assert (last.start, last.end, last.direction) == (9, 14, "ned")
    assert "6 värden i rad under medianen" in last.text
    assert "läget nu är bättre" in last.text
    # the earlier run above the median is the level the series has left
    assert (first.start, first.end) == (0, 8) and "läget efteråt är bättre" in first.text


def test_too_few_crossings_are_flagged_with_the_expected_minimum():
    values = [1, 3, 2, 4, 1, 3, 2, 4, 1, 3, 11, 13, 12, 14, 11, 13, 12, 14, 11, 13]
    centre = median(values)
    assert centre == 7.5 and crossings(values, centre) == 1
    chart = analyse(values)
    assert chart.crossings_min == 6
    crossing = [s for s in chart.signals if s.rule == "korsningar"]
    assert crossing and "korsar medianen 1 gång på 20 värden" in crossing[0].text
    assert "minst 6 gånger" in crossing[0].text


def test_five_points_each_higher_than_the_last_is_a_trend_and_equal_values_are_skipped():
    assert trends([3, 1, 2, 3, 3, 4, 5, 2]) == [(1, 1, 6)]
    assert trends([3, 1, 2, 3, 4, 2]) == []


def test_a_point_far_from_the_rest_is_a_candidate_astronomical_point():
    values = [82, 81, 83, 82, 80, 84, 82, 81, 61, 83, 82, 81]
    assert astronomical(values) == [8]
    assert astronomical([1, 2, 3, 2, 1, 2, 3, 2, 1, 2]) == []


def test_a_random_series_gives_no_signal_and_says_so_in_swedish():
    values = [5, 7, 4, 6, 5, 8, 4, 6, 7, 5, 6, 4]
    chart = analyse(values)
    assert chart.signals == ()
    assert summary(chart)[0].startswith("Inga tecken på en verklig förändring i de 12 värdena")


def test_short_series_get_no_conclusion():
    chart = analyse([1, 2, 3, 4, 5, 6])
    assert chart.signals == ()
    assert "används från 10 värden" in summary(chart)[0]
