"""Shewhart control charts: XmR limits from the moving range and p-chart limits per point."""

from __future__ import annotations

import math

import pytest

from naravard.followup.control import p_chart, xmr


def test_individuals_limits_are_the_mean_plus_minus_266_average_moving_ranges():
    values = [10, 12, 11, 13, 12, 14, 11]
    chart = xmr(values)
    mean = sum(values) / 7
    mr = (2 + 1 + 2 + 1 + 2 + 3) / 6
    assert chart.centre == pytest.approx(mean)
    assert chart.moving_range == pytest.approx(mr)
    assert chart.upper[0] == pytest.approx(mean + 2.66 * mr)
    assert chart.lower[0] == pytest.approx(mean - 2.66 * mr)
    assert chart.outside() == []


def test_a_point_beyond_the_individuals_limits_is_outside():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 20]
    assert xmr(values).outside() == [19]


def test_p_chart_limits_depend_on_each_periods_total():
    counts, totals = [10, 20, 30], [100, 200, 100]
    chart = p_chart(counts, totals)
    p = 60 / 400
    assert chart.centre == pytest.approx(p)
    assert chart.upper[0] == pytest.approx(p + 3 * math.sqrt(p * (1 - p) / 100))
    assert chart.upper[1] == pytest.approx(p + 3 * math.sqrt(p * (1 - p) / 200))
    assert chart.lower[1] == pytest.approx(p - 3 * math.sqrt(p * (1 - p) / 200))
    assert chart.outside() == [2]  # 30 % against a limit near 25,7 %


def test_p_chart_limits_never_go_below_zero():
    chart = p_chart([1, 0, 1], [10, 10, 10])
    assert min(chart.lower) == 0.0


def test_a_p_chart_refuses_a_zero_total():
    with pytest.raises(ValueError, match="större än noll"):
        p_chart([1], [0])
