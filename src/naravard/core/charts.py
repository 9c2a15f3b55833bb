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



LABEL_LINE_HEIGHT = 17


def wrapped_axis(names: list[str], width: int = 16, *, top: bool = False) -> dict:
    """Axis settings that write each label level, on lines of about ``width`` characters, so
    that column heads stand whole however long a name is (keyword arguments for alt.Axis).

    Vega writes a label's extra lines below its first; over a top axis the labels are padded
    with empty lines and lifted, so that every label ends just above the cells."""
    import json
    import textwrap

    lines = {n: textwrap.wrap(n, width, break_long_words=False) or [n] for n in names}
    most = max((len(v) for v in lines.values()), default=1)
    if top:
        lines = {n: [""] * (most - len(v)) + v for n, v in lines.items()}
    return {"labelAngle": 0, "labelLimit": 0, "labelLineHeight": LABEL_LINE_HEIGHT,
            "labelExpr": f"{json.dumps(lines, ensure_ascii=False)}[datum.label] || datum.label",
            "labelBaseline": "top" if not top else "alphabetic",
            "labelPadding": (most - 1) * LABEL_LINE_HEIGHT + 6 if top else 4}


def describe(kind: str, what: str, rows: "list[tuple[str, float]] | tuple" = (), *,
             most: str = "Flest är", least: str = "", unit: str = "", decimals: int = 0,
             note: str = "") -> str:
    """A chart's text description for screen readers and "Figuren som text", from its data.

    ``describe("Stapeldiagram", "antal forum per typ", [("styrande", 5), ("beredande", 2)])``
    gives "Stapeldiagram: antal forum per typ. Flest är styrande (5)." Ties are named together;
    ``least`` adds the other end ("Minst är"); numbers are written the Swedish way.
    """
    from naravard.core.text import format_number, join_swedish

    def value(v: float) -> str:
        return format_number(v, decimals) + (f"\u00a0{unit}" if unit else "")

    def ends(label: str, pick) -> str:
        top = pick(v for _, v in rows)
        names = [n for n, v in rows if v == top]
        return f" {label} {join_swedish(names)} ({value(top)})."

    text = f"{kind}: {what}."
    if rows:
        text += ends(most, max)
        if least and len(rows) > 1 and min(v for _, v in rows) != max(v for _, v in rows):
            text += ends(least, min)
    if note:
        text += f" {note.rstrip('.')}."
    return text


def described(chart, text: str):
    """The chart with its description set (read by screen readers in the worksheets)."""
    return chart.properties(description=text)


def figure_text(text):
    """A figure's text description under it in the handbook ("Figuren som text"), IPython HTML.

    ``text`` is the description, or a chart that carries one (see :func:`described`)."""
    from IPython.display import HTML

    from naravard.core.text import escape

    if not isinstance(text, str):
        text = text.to_dict().get("description") or ""
    return HTML(f"<details><summary>Figuren som text</summary><p>{escape(text)}</p></details>")
