"""Numbers and dates read as Swedes write them."""

from __future__ import annotations

import datetime as dt

import pytest

from naravard.plan.values import parse_date, parse_number


@pytest.mark.parametrize("text, value", [("12 300", 12300), ("4,5", 4.5), ("25 %", 25),
                                         ("68\u00a0000 kr", 68000), ("", None), (7, 7)])
def test_numbers_are_read_as_swedes_write_them(text, value):
    assert parse_number(text) == value


def test_a_word_is_not_a_number_and_the_message_says_what_to_write():
    with pytest.raises(ValueError, match="är inte ett tal. Skriv till exempel 12 300"):
        parse_number("tolv")


@pytest.mark.parametrize("text, date", [
    ("2028-12-31", dt.date(2028, 12, 31)), ("31 december 2028", dt.date(2028, 12, 31)),
    ("juni 2028", dt.date(2028, 6, 30)), ("2028", dt.date(2028, 12, 31)),
    ("2028-02", dt.date(2028, 2, 29)),
])
def test_dates_are_read_in_iso_and_swedish_form(text, date):
    assert parse_date(text) == date
