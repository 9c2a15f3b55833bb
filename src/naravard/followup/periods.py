"""Periods of an indicator series: read as participants and spreadsheets write them, sorted.

A period is a year ("2026"), a half-year ("2026-H1"), a quarter ("2026-K2") or a month
("2026-03"). The same period can be written in several ways ("2026 kv 2", "Q2 2026",
"mars 2026", "2026-03-01", an Excel date); :func:`parse_period` returns the one canonical key
the workspace saves, and :func:`period_label` shows it the Swedish way ("mars 2026").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from naravard.core.text import MONTHS

SHORT_MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_MONTH_BY_NAME = {**{m: i + 1 for i, m in enumerate(MONTHS)},
                  **{m: i + 1 for i, m in enumerate(SHORT_MONTHS)}, "mars": 3, "sept": 9}
_YEAR = r"((?:19|20)\d\d)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}\s*[-/ ]\s*(?:h|halvår|halvar)\s*([12])$"), "half"),
    (re.compile(rf"^(?:h|halvår|halvar)\s*([12])\s*[-/ ]?\s*{_YEAR}$"), "half_rev"),
    (re.compile(rf"^{_YEAR}\s*[-/ ]\s*(?:k|q|kv|kv\.|kvartal)\s*([1-4])$"), "quarter"),
    (re.compile(rf"^(?:k|q|kv|kv\.|kvartal)\s*([1-4])\s*[-/ ]?\s*{_YEAR}$"), "quarter_rev"),
    (re.compile(rf"^{_YEAR}\s*[-/]\s*(\d{{1,2}})(?:\s*[-/]\s*\d{{1,2}})?$"), "month"),
    (re.compile(rf"^([a-zåäö]+)\.?\s+{_YEAR}$"), "month_name"),
]
PERIOD_HINT = "Skriv perioden som 2026-03 (månad), 2026-K2 (kvartal), 2026-H1 (halvår) eller 2026."


def _canonical(kind: str, year: int, sub: int = 0) -> str:
    if kind == "year":
        return f"{year}"
    if kind == "half":
        return f"{year}-H{sub}"
    if kind == "quarter":
        return f"{year}-K{sub}"
    return f"{year}-{sub:02d}"


def parse_period(value: Any) -> str:
    """The canonical key of a period; ValueError with a Swedish message when it cannot be read."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _canonical("month", value.year, value.month)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        value = str(int(value))
    text = " ".join(str(value or "").strip().lower().split())
    if not text:
        raise ValueError("Perioden saknas. " + PERIOD_HINT)
    if len(text) <= 40:
        for pattern, kind in _PATTERNS:
            m = pattern.match(text)
            if not m:
                continue
            if kind == "year":
                return _canonical("year", int(m.group(1)))
            if kind in ("half", "quarter"):
                return _canonical(kind, int(m.group(1)), int(m.group(2)))
            if kind in ("half_rev", "quarter_rev"):
                return _canonical(kind.split("_")[0], int(m.group(2)), int(m.group(1)))
            if kind == "month":
                month = int(m.group(2))
                if 1 <= month <= 12:
                    return _canonical("month", int(m.group(1)), month)
                break
            if kind == "month_name" and m.group(1) in _MONTH_BY_NAME:
                return _canonical("month", int(m.group(2)), _MONTH_BY_NAME[m.group(1)])
    raise ValueError(f"”{str(value).strip()[:40]}” går inte att läsa som en period. " + PERIOD_HINT)


def period_kind(key: str) -> str:
    """"year", "half", "quarter" or "month" for a canonical key."""
    if len(key) == 4:
        return "year"
    return {"H": "half", "K": "quarter"}.get(key[5], "month")


def sort_key(key: str) -> tuple[int, float]:
    """Periods in time order: the year, then the fraction of the year where the period starts."""
    year = int(key[:4])
    kind = period_kind(key)
    if kind == "year":
        return (year, 0.0)
    n = int(key[6:]) if kind != "month" else int(key[5:])
    size = {"half": 6, "quarter": 3, "month": 1}[kind]
    return (year, (n - 1) * size / 12)


def period_label(key: str) -> str:
    """The period the Swedish way: "mars 2026", "kvartal 2 2026", "halvår 1 2026", "2026"."""
    kind = period_kind(key)
    if kind == "year":
        return key
    if kind == "half":
        return f"halvår {key[6]} {key[:4]}"
    if kind == "quarter":
        return f"kvartal {key[6]} {key[:4]}"
    return f"{MONTHS[int(key[5:]) - 1]} {key[:4]}"


def short_label(key: str) -> str:
    """A compact label for a chart axis: "mar 2026", "K2 2026", "H1 2026", "2026"."""
    kind = period_kind(key)
    if kind == "month":
        return f"{SHORT_MONTHS[int(key[5:]) - 1]} {key[:4]}"
    if kind in ("half", "quarter"):
        return f"{key[5:]} {key[:4]}"
    return key
