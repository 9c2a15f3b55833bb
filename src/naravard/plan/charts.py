"""Charts of the joint plan: the timeline and how far each step has come.

The same charts are used in the worksheet (interactive), in chapter 13 of the handbook (SVG,
built from ``data/plan_exempel.yml``) and in the DOCX export (PNG via vl-convert). Everything is
drawn locally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import altair as alt

from naravard.core.charts import PALETTE, describe, described
from naravard.core.text import format_date, format_number
from naravard.plan.model import Plan, county_plan
from naravard.plan.progress import StepProgress, completeness
from naravard.plan.values import readable_date

if TYPE_CHECKING:  # pandas only for the timeline and the tables that ask for a frame
    import pandas as pd

STATUS_COLOURS = {
    "Klart": PALETTE["gemensam"],
    "Påbörjat": "#e0a04a",
    "Flaggat": "#c0392b",
    "Inte påbörjat": "#b9c3cf",
}
TIMELINE_KINDS = {
    "Etappmål, klart": PALETTE["gemensam"],
    "Etappmål, planerat": PALETTE["region"],
    "Uppföljningsmöte": PALETTE["kommun"],
}


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_frame(plan: Plan, label_chars: int = 60) -> "pd.DataFrame":
    """Dated milestones and follow-up meetings, one row each, in date order."""
    import pandas as pd

    rows = []
    for _, m in plan.milestones():
        when = plan.milestone_date(m)  # its date, else the start plus its months
        if when is None:
            continue
        kind = "Etappmål, klart" if m.get("done") else "Etappmål, planerat"
        rows.append({"datum": pd.Timestamp(when), "datumtext": format_date(when),
                     "rad": _short(m.get("title") or "Etappmål utan namn", label_chars), "typ": kind,
                     "grupp": 0, "beskrivning": str(m.get("title") or "")})
    for _, c in plan.calendar():
        when = readable_date(c.get("date"))
        if when is None:
            continue
        level = plan.guide.levels.get(str(c.get("level") or ""), "").lower()
        label = "Uppföljning" + (f" på {level}" if level else "")
        rows.append({"datum": pd.Timestamp(when), "datumtext": format_date(when),
                     "rad": label, "typ": "Uppföljningsmöte", "grupp": 1,
                     "beskrivning": str(c.get("what") or "")})
    df = pd.DataFrame(rows, columns=["datum", "datumtext", "rad", "typ", "grupp", "beskrivning"])
    return df.sort_values(["grupp", "datum"]).reset_index(drop=True)


def timeline_chart(plan: Plan, width: int = 620, label_chars: int = 60) -> alt.TopLevelMixin:
    """Milestones (one row each) and follow-up meetings on a time axis, with tooltips."""
    df = timeline_frame(plan, label_chars)
    if df.empty:
        import pandas as pd

        note = pd.DataFrame({"text": ["Inga etappmål eller uppföljningsmöten med datum ännu."]})
        return alt.Chart(note).mark_text(fontSize=14, color="#3a4a5c").encode(
            text="text:N").properties(width=width, height=60, title="Tidslinje")
    order = list(dict.fromkeys(df["rad"]))
    base = alt.Chart(df).encode(
        x=alt.X("datum:T", title=None, scale=alt.Scale(padding=14),
                axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8, grid=True)),
        y=alt.Y("rad:N", sort=order, title=None, axis=alt.Axis(labelLimit=330)),
        tooltip=[alt.Tooltip("typ:N", title="Typ"), alt.Tooltip("datumtext:N", title="Datum"),
                 alt.Tooltip("beskrivning:N", title="Vad")],
    )
    points = base.mark_point(size=170, filled=True, opacity=0.95).encode(
        color=alt.Color("typ:N", title=None,
                        scale=alt.Scale(domain=list(TIMELINE_KINDS),
                                        range=list(TIMELINE_KINDS.values())),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("typ:N", scale=alt.Scale(domain=list(TIMELINE_KINDS),
                                                 range=["diamond", "diamond", "circle"]),
                        legend=None),
    )
    dates = df["datum"]
    first, last = format_date(dates.min().date()), format_date(dates.max().date())
    meetings = int((df["grupp"] == 1).sum())
    done = int((df["typ"] == "Etappmål, klart").sum())
    what = (f"{format_number(len(df) - meetings)} etappmål, varav {format_number(done)} "
            f"{'klart' if done == 1 else 'klara'}, och {format_number(meetings)} "
            "uppföljningsmöten")
    return described(points.properties(width=width, height=max(60, 28 * len(order)),
                                       title="Etappmål och uppföljning"), describe(
        "Tidsdiagram", f"planens etappmål och uppföljningsmöten på en tidsaxel: {what}, "
                       f"från {first} till {last}"))


def completeness_rows(progress: list[StepProgress]) -> list[dict]:
    """One row per step: percent done, status and what is missing, for the chart's tooltips."""
    return [{"steg": p.step.heading, "procent": p.percent, "status": p.status,
             "text": f"{p.done} av {p.total}", "saknas": len(p.missing),
             "flaggat": len(p.flagged)} for p in progress]


def completeness_frame(progress: list[StepProgress]) -> "pd.DataFrame":
    """:func:`completeness_rows` as a table."""
    import pandas as pd

    return pd.DataFrame(completeness_rows(progress))


def completeness_chart(progress: list[StepProgress], width: int = 520, row: int = 32,
                       title: str | None = "Så långt har planen kommit") -> alt.TopLevelMixin:
    """How far each step has come, with the number of open and flagged items in the tooltip."""
    rows = completeness_rows(progress)  # inline rows: the worksheet's chart needs no pandas
    order = [r["steg"] for r in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("steg:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[alt.Tooltip("steg:N", title="Steg"), alt.Tooltip("text:N", title="Ifyllt"),
                 alt.Tooltip("saknas:Q", title="Saknas"),
                 alt.Tooltip("flaggat:Q", title="Flaggat")],
    )
    size = max(10, row - 14)
    track = base.mark_bar(color="#eef3f8", size=size).encode(x=alt.datum(100))
    bars = base.mark_bar(size=size).encode(
        x=alt.X("procent:Q", title="Andel ifyllt (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("status:N", title="Läge",
                        scale=alt.Scale(domain=list(STATUS_COLOURS),
                                        range=list(STATUS_COLOURS.values())),
                        legend=alt.Legend(orient="right" if row < 30 else "bottom",
                                          columns=1 if row < 30 else 4,
                                          offset=60 if row < 30 else 18)),
    )
    labels = base.mark_text(align="left", dx=6, color="#1d2733").encode(
        x=alt.datum(100), text="text:N")
    chart = described((track + bars + labels).properties(width=width, height=row * len(order)),
                      describe("Stapeldiagram", "hur stor andel av varje steg i planen som är "
                                                "ifylld, i procent",
                               [(r["steg"], r["procent"]) for r in rows],
                               most="Längst har kommit", least="Kortast har kommit", unit="%"))
    return chart.properties(title=title) if title else chart


def _example_plan() -> Plan:
    """The example plan in data/; an empty plan when the county has none."""
    from naravard.core.county import current_county
    from naravard.plan.example import example_plan

    return county_plan(example_plan() or {}, current_county())


def example_timeline() -> alt.TopLevelMixin:
    """The timeline of the example plan in data/ (for chapter 13)."""
    return timeline_chart(_example_plan(), width=330, label_chars=38)


def example_completeness() -> alt.TopLevelMixin:
    """The per-step completeness of the example plan in data/ (for chapter 13)."""
    return completeness_chart(completeness(_example_plan()), width=300, row=28)
