"""Swedish text formatting: lists, numbers and dates as a Swedish reader expects them."""

from __future__ import annotations

import datetime as dt
import html
from typing import Iterable, Sequence

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
NBSP = "\u00a0"


def join_swedish(items: Iterable[str], conjunction: str = "och") -> str:
    """["A", "B", "C"] -> "A, B och C"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def format_number(value: float | int, decimals: int = 0) -> str:
    """Swedish number format: space as thousands separator, decimal comma (12 345,6)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def format_date(value: dt.date | dt.datetime, with_time: bool = False) -> str:
    """Swedish long date: "25 november 2026" (and "kl. 19.05" when asked)."""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if with_time and isinstance(value, dt.datetime):
        text += f" kl. {value:%H.%M}"
    return text


def date_text(value: str | None) -> str:
    """An ISO date as Swedish text ("15 juni 2026"); other text is returned as it is."""
    try:
        return format_date(dt.date.fromisoformat(value or ""))
    except (TypeError, ValueError):
        return value or ""


def escape(text: object) -> str:
    """Escape user text for HTML (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def table_html(header: Sequence[object], rows: Iterable[Sequence[object]], *,
               caption: str | None = None, css: str = "") -> str:
    """An HTML table in which every header, cell and the caption is escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    cls = f' class="{escape(css)}"' if css else ""
    return (f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            "</table>")


def readable_text(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#rrggbb``): text on a
    coloured chip keeps a contrast of at least 4.5:1 where either can (WCAG 1.4.3)."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    h = background.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"

