"""Numbers and dates in a plan as the participants type them, read and shown the Swedish way.

The plan saves what was typed ("12 300", "25 %", "31 december 2028"); these functions read it,
say in Swedish why a value cannot be read, and show a saved value as a Swedish reader expects.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from typing import Any

from naravard.core.text import MONTHS, format_date, format_number

_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
#: The largest number a plan holds; larger ones (and 1E999, a 400-digit integer) are refused.
MAX_NUMBER = 1e15
_TOO_LARGE = "Talet är för stort. Skriv ett tal under 1 000 000 000 000 000."
_MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(MONTHS)}


def as_text(value: Any) -> str:
    """A saved value as stripped text; empty for None."""
    return "" if value is None else str(value).strip()


def parse_number(value: Any) -> float | None:
    """Read a number as a Swede writes it ("12 300", "4,5", "25 %", "68 000 kr"); None if empty.

    Raises ValueError with a Swedish message when the text is not a number.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _bounded(value)
    text = str(value).strip()
    if not text:
        return None
    if len(text) > 100:  # no number is this long; also keeps the patterns below linear
        raise ValueError("Texten är för lång för att vara ett tal. Skriv till exempel 12 300 "
                         "eller 4,5.")
    clean = re.sub(r"(?i)\s*(%|procent|kr|kronor|st)\.?$", "", text)
    clean = clean.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _NUMBER_RE.match(clean):
        return _bounded(float(clean.replace(",", ".")))
    raise ValueError(f"”{text}” är inte ett tal. Skriv till exempel 12 300 eller 4,5.")


def _bounded(value: int | float) -> float:
    """``value`` as a float; ValueError with a Swedish message when it is not finite or huge."""
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        raise ValueError(_TOO_LARGE)
    number = float(value)
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise ValueError(_TOO_LARGE if not math.isnan(number) else "Värdet är inget tal.")
    return number


_RANGE_RE = re.compile(r"^\s*(\S+?)\s*(?:[-–—]|till)\s*(\S+?)\s*(?:%|procent)?\s*$", re.I)


def parse_share(value: Any) -> tuple[float, float] | None:
    """A time share in percent: "25", "25 %" -> (25, 25); "10–15 %" -> (10, 15); None if empty.

    Raises ValueError with a Swedish message when the text cannot be read or is above 100.
    """
    if isinstance(value, str) and len(value) <= 100:
        m = _RANGE_RE.match(value)
        if m and not value.strip().startswith("-"):
            low, high = parse_number(m.group(1)), parse_number(m.group(2))
            if low is None or high is None:
                raise ValueError(f"”{value}” går inte att läsa som tidsandel.")
            if low > high:
                low, high = high, low
            return _checked(low), _checked(high)
    number = parse_number(value)
    return None if number is None else (_checked(number), _checked(number))


def _checked(share: float) -> float:
    if share < 0 or share > 100:
        raise ValueError("Tidsandelen ska vara mellan 0 och 100 procent.")
    return share


def number_problem(text: str) -> str | None:
    """The Swedish reason a typed number cannot be saved, or None."""
    try:
        value = parse_number(text)
    except ValueError as exc:
        return str(exc)
    if value is not None and value < 0:
        return "Talet får inte vara negativt."
    return None


def parse_date(value: Any) -> dt.date | None:
    """Read a date: 2028-12-31, 31 december 2028, december 2028 (last day) or 2028 (31 december).

    Returns None for empty text; raises ValueError with a Swedish message otherwise.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    low = text.lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
            return dt.date.fromisoformat(low)
        if re.fullmatch(r"\d{4}-\d{2}", low):
            year, month = map(int, low.split("-"))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", low):
            return dt.date(int(low), 12, 31)
        m = re.fullmatch(r"(?:(\d{1,2})\s+)?([a-zåäö]+)\s+(\d{4})", low)
        if m and m.group(2) in _MONTH_NUMBERS:
            year, month = int(m.group(3)), _MONTH_NUMBERS[m.group(2)]
            day = int(m.group(1)) if m.group(1) else calendar.monthrange(year, month)[1]
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise ValueError(f"”{text}” går inte att läsa som ett datum. Skriv till exempel 2028-12-31 "
                     "eller 31 december 2028.")


def date_problem(text: str) -> str | None:
    """The Swedish reason a typed date cannot be saved, or None."""
    try:
        parse_date(text)
    except ValueError as exc:
        return str(exc)
    return None


def readable_date(value: Any) -> dt.date | None:
    """A saved date, or None when it is missing or cannot be read."""
    try:
        return parse_date(value)
    except ValueError:
        return None


def date_sort_key(value: Any) -> tuple[int, dt.date]:
    """Sort key for saved dates: readable dates in order, unreadable or missing ones last."""
    when = readable_date(value)
    return (0, when) if when else (1, dt.date.max)


def show_date(value: Any) -> str:
    """A saved date as a Swedish reader expects it ("31 december 2028"); the text if unreadable."""
    try:
        d = parse_date(value)
    except ValueError:
        return str(value)
    return format_date(d) if d else ""


def show_number(value: Any, decimals: int = 0) -> str:
    """A saved number in Swedish format; the text as typed if it is not a number."""
    try:
        n = parse_number(value)
    except ValueError:
        return str(value)
    if n is None:
        return ""
    if decimals == 0 and n != int(n):
        decimals = 1
    return format_number(n, decimals)
