"""Altair charts that render with no network: static SVG in the book, a widget in Voilà."""

from __future__ import annotations

import altair as alt

#: The one font stack of the worksheets and their charts (static/worksheet.css uses the same).
FONT = ('system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", '
        '"Liberation Sans", sans-serif')

# Colours used across book and worksheets (colour-blind safe, readable on a projector).
PALETTE = {
    "region": "#1f5fa8",
    "kommun": "#d07a1b",
    "gemensam": "#3c8c5a",
    "neutral": "#6b6b6b",
    "accent": "#a3336d",
    "light": "#e8eef6",
}
SWEDISH_FORMAT_LOCALE = {
    "decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"],
}
SWEDISH_TIME_LOCALE = {
    "dateTime": "%A %e %B %Y kl. %X", "date": "%Y-%m-%d", "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
    "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"],
    "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
                    "nov", "dec"],
}


def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 14, "titleFontSize": 15, "labelColor": "#333",
                     "titleColor": "#222"},
            "legend": {"labelFontSize": 14, "titleFontSize": 15},
            "header": {"labelFontSize": 14, "titleFontSize": 15},
            "title": {"fontSize": 17, "anchor": "start"},
            "locale": {"number": SWEDISH_FORMAT_LOCALE, "time": SWEDISH_TIME_LOCALE},
        }
    }


alt.theme.register("naravard", enable=True)(_theme)


def enable_static() -> None:
    """Render charts as inline SVG (vl-convert): no JavaScript, prints well, works offline."""
    alt.theme.enable("naravard")
    alt.renderers.enable("svg")


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string, rendered in-process by vl-convert (offline)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict(), vl_version=_vl_version())


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (for DOCX exports), rendered offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(chart.to_dict(), scale=scale, vl_version=_vl_version())


def _vl_version() -> str:
    from altair.utils._importers import vl_version_for_vl_convert

    return vl_version_for_vl_convert()
