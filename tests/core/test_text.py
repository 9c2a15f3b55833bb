"""Swedish formats for numbers, dates and lists."""

import datetime as dt

from naravard.core.text import format_date, format_number, join_swedish


def test_numbers_use_space_for_thousands_and_decimal_comma():
    assert format_number(15500000000) == "15\u00a0500\u00a0000\u00a0000"
    assert format_number(15.5, 1) == "15,5"


def test_dates_are_written_the_swedish_way():
    assert format_date(dt.date(2021, 7, 1)) == "1 juli 2021"
    assert format_date(dt.datetime(2026, 11, 25, 9, 5), with_time=True) == "25 november 2026 kl. 09.05"


def test_lists_end_with_och():
    assert join_swedish(["Norrvik", "Sjöstad", "Åkerby"]) == "Norrvik, Sjöstad och Åkerby"
    assert join_swedish(["Norrvik"]) == "Norrvik"


def test_tables_escape_every_header_cell_and_caption():
    from naravard.core.text import table_html

    html = table_html(["<b>Roll</b>"], [["<script>x</script>"]], caption="A & B", css="t")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<caption>A &amp; B</caption>" in html
    assert html.startswith('<table class="t">')
