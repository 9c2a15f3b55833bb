"""A chart drawn with ``VegaChart.later`` is made when the page shows it, not before.

The page's first message leaves the chart out, so the worksheet appears without waiting for
altair; the browser's "shown" message makes the chart and sends it. Python code that reads the
spec first gets it made on the spot, and a chart already on screen is redrawn at once.
"""

from __future__ import annotations

from naravard.ui.widgets import VegaChart

SPEC = {"mark": "bar", "data": {"values": [{"a": 1}]}}


def maker(calls: list[int], spec: dict | None = None):
    def make() -> dict:
        calls.append(1)
        return spec or SPEC

    return make


def test_a_chart_waiting_for_the_page_is_not_made_and_not_sent():
    calls: list[int] = []
    chart = VegaChart()
    chart.later(maker(calls))
    assert chart.pending
    assert "spec" not in chart.get_state()
    assert calls == []


def test_the_page_showing_the_chart_makes_it_once_and_sends_it():
    calls: list[int] = []
    chart = VegaChart()
    sent: list[dict] = []
    chart.observe(lambda change: sent.append(change["new"]), names="spec")
    chart.later(maker(calls))
    chart._handle(chart, {"type": "shown"}, [])
    assert calls == [1] and sent == [SPEC] and not chart.pending
    chart._handle(chart, {"type": "shown"}, [])  # a second view: nothing made again
    assert calls == [1]


def test_a_chart_already_on_screen_is_redrawn_at_once():
    chart = VegaChart()
    chart._handle(chart, {"type": "shown"}, [])
    calls: list[int] = []
    new = {"mark": "line"}
    chart.later(maker(calls, new))
    assert calls == [1] and chart.spec == new and not chart.pending


def test_reading_the_spec_before_the_page_shows_it_makes_it_then():
    calls: list[int] = []
    chart = VegaChart()
    chart.later(maker(calls))
    assert chart.spec == SPEC and calls == [1] and not chart.pending
    assert chart.get_state()["spec"] == SPEC


def test_a_newer_chart_replaces_one_still_waiting():
    first: list[int] = []
    second: list[int] = []
    chart = VegaChart()
    chart.later(maker(first))
    chart.later(maker(second, {"mark": "point"}))
    assert chart.spec == {"mark": "point"} and first == [] and second == [1]


def test_a_chart_that_cannot_be_made_is_reported_on_the_page_not_raised():
    chart = VegaChart()

    def broken() -> dict:
        raise RuntimeError("trasig")

    chart.later(broken)
    chart._handle(chart, {"type": "shown"}, [])
    assert chart.failed and not chart.pending


def test_a_chart_drawn_after_a_failure_is_shown_again():
    chart = VegaChart()

    def broken() -> dict:
        raise RuntimeError("trasig")

    chart.later(broken)
    chart._handle(chart, {"type": "shown"}, [])
    chart.later(lambda: SPEC)
    assert chart.spec == SPEC and not chart.failed
