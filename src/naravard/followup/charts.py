"""Figures of the follow-up, shared by the worksheet, the report exports and chapter 15.

- :func:`run_chart` – one indicator over time: the values, the median, the target, the
  points the rules flag, and the control limits when a control chart applies.
- :func:`profile_chart` – the factor profile of a round: every participant's rating as a dot,
  the mean as a tick and the joint rating as a diamond, per factor.
- :func:`principal_chart` – the mean rating per factor and principal (where region and
  municipalities see it differently).
- :func:`change_chart` – the mean per factor in the previous and the current round.

Axis titles and tooltips are in Swedish; numbers follow the Swedish locale of the chart theme.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from naravard.core.charts import PALETTE, describe, described
from naravard.core.text import format_number, join_swedish
from naravard.followup.guide import FollowupGuide
from naravard.followup.model import Round
from naravard.followup.periods import period_label, short_label
from naravard.followup.ratings import FactorChange, spread
from naravard.followup.series import SeriesView

WIDTH = 560
_RED = "#a61b1b"
_RULES = {"skift": "Svit på ena sidan", "korsningar": "För få korsningar", "trend": "Trend",
          "extremvärde": "Långt från de andra", "styrgräns": "Utanför styrgränsen"}
_COLOURS = {"Svit på ena sidan": _RED, "För få korsningar": "#7a3cbf", "Trend": "#c46a00",
            "Långt från de andra": "#8c564b", "Utanför styrgränsen": "#1a1a1a"}


def _flags(view: SeriesView) -> list[str]:
    flags = [""] * len(view.values)
    for sig in view.signals:
        if sig.rule == "korsningar":
            continue
        for i in range(sig.start, sig.end + 1):
            if not flags[i]:
                flags[i] = _RULES[sig.rule]
    return flags


def series_frame(view: SeriesView) -> pd.DataFrame:
    """One row per point: order, period labels, value, median, flag, limits."""
    flags = _flags(view)
    rows = []
    for i, (period, value) in enumerate(zip(view.periods, view.values)):
        row = {"ordning": i, "period": short_label(period), "periodnamn": period_label(period),
               "värde": value, "median": view.run.median, "signal": flags[i] or "Ingen",
               "flaggad": bool(flags[i])}
        if view.control is not None:
            row["nedre"] = view.control.lower[i]
            row["övre"] = view.control.upper[i]
            row["medel"] = view.control.centre
        rows.append(row)
    return pd.DataFrame(rows)


def run_chart(view: SeriesView, *, width: int = WIDTH, height: int = 220,
              title: str | None = None) -> alt.LayerChart:
    """The run chart of one indicator and unit (with control limits when there are enough
    points)."""
    df = series_frame(view)
    ind = view.indicator
    y_title = ind.unit or ("procent" if ind.proportion else "värde")
    fmt = ",.1f" if view.decimals else ",.0f"
    order = df["period"].tolist()
    x = alt.X("period:N", sort=order, title="Period",
              axis=alt.Axis(labelAngle=-45, labelOverlap=True))
    values = [*df["värde"].tolist()]
    if ind.target is not None:
        values.append(ind.target)
    if view.control is not None:
        values += [*df["nedre"].tolist(), *df["övre"].tolist()]
    lo, hi = (min(values), max(values)) if values else (0, 1)
    pad = (hi - lo) * 0.08 or 1
    y_scale = alt.Scale(domain=[lo - pad, hi + pad], zero=False, nice=True)
    flagged = set(df["signal"]) if not df.empty else set()
    present = [name for name in _RULES.values() if name in flagged]
    base = alt.Chart(df).encode(x=x)
    tooltip = [alt.Tooltip("periodnamn:N", title="Period"),
               alt.Tooltip("värde:Q", title="Värde", format=fmt),
               alt.Tooltip("signal:N", title="Regel")]
    line = base.mark_line(color=PALETTE["region"], strokeWidth=2).encode(
        y=alt.Y("värde:Q", title=y_title, scale=y_scale, axis=alt.Axis(format=fmt)))
    points = base.mark_point(filled=True, size=60).encode(
        y="värde:Q",
        color=alt.Color("signal:N", title="Regel",
                        scale=alt.Scale(domain=["Ingen", *present],
                                        range=[PALETTE["region"],
                                               *[_COLOURS[r] for r in present]]),
                        legend=alt.Legend(labelLimit=240) if present else None),
        shape=alt.condition(alt.datum.flaggad, alt.value("diamond"), alt.value("circle")),
        tooltip=tooltip)
    layers: list[alt.Chart] = [line, points]
    if view.run.median is not None:
        layers.insert(0, alt.Chart(pd.DataFrame([{"median": view.run.median,
                                                  "namn": "Median"}])).mark_rule(
            color=PALETTE["neutral"], strokeWidth=1.5).encode(
            y="median:Q", tooltip=[alt.Tooltip("median:Q", title="Median", format=fmt)]))
    if ind.target is not None:
        layers.insert(0, alt.Chart(pd.DataFrame([{"mål": ind.target}])).mark_rule(
            color=PALETTE["gemensam"], strokeDash=[6, 4], strokeWidth=1.5).encode(
            y="mål:Q", tooltip=[alt.Tooltip("mål:Q", title="Mål", format=fmt)]))
    if view.control is not None:
        for column, name in (("nedre", "Nedre styrgräns"), ("övre", "Övre styrgräns")):
            layers.insert(0, base.mark_line(color=_RED, strokeDash=[2, 3], strokeWidth=1,
                                            interpolate="step-after").encode(
                y=f"{column}:Q", tooltip=[alt.Tooltip(f"{column}:Q", title=name, format=fmt)]))
    decimals = 1 if view.decimals else 0
    target = (f"Målet är {format_number(ind.target, decimals)}" if ind.target is not None
              else "")
    chart = described(alt.layer(*layers), describe(
        "Körningsdiagram", f"{ind.name}, {view.unit}, {format_number(len(df))} perioder"
                           + (f" från {df['periodnamn'].iloc[0]} till {df['periodnamn'].iloc[-1]}"
                              if len(df) else ""),
        [(r.periodnamn, r.värde) for r in df.itertuples()], most="Högst är",
        least="Lägst är", decimals=decimals, note=target)).properties(width=width, height=height)
    heading = title if title is not None else f"{ind.name} – {view.unit}"
    if heading:
        legend = "Grå linje: median" + (", grön streckad: mål" if ind.target is not None else "")
        if view.control is not None:
            legend += ", röda prickade: styrgränser"
        chart = chart.properties(title=alt.TitleParams(heading, subtitle=legend))
    return chart


def profile_frame(rnd: Round, guide: FollowupGuide) -> pd.DataFrame:
    rows = []
    for p in rnd.participants:
        for f in guide.factors:
            if f.code in p.scores:
                rows.append({"faktor": f.name, "deltagare": p.label, "huvudman": p.principal,
                             "skattning": p.scores[f.code], "belägg": p.evidence.get(f.code, "")})
    return pd.DataFrame(rows, columns=["faktor", "deltagare", "huvudman", "skattning", "belägg"])


def profile_chart(rnd: Round, guide: FollowupGuide, *, width: int = WIDTH) -> alt.LayerChart:
    """Every rating per factor (dots, jittered by count), the mean and the joint rating."""
    df = profile_frame(rnd, guide)
    names = [f.name for f in guide.factors]
    scale = alt.Scale(domain=[guide.low - 0.3, guide.high + 0.3])
    axis = alt.Axis(values=[s.value for s in guide.scale], format="d")
    counted = (df.groupby(["faktor", "skattning"]).size().reset_index(name="antal")
               if not df.empty else pd.DataFrame(columns=["faktor", "skattning", "antal"]))
    dots = alt.Chart(counted).mark_circle(color=PALETTE["region"], opacity=0.75).encode(
        x=alt.X("skattning:Q", title="Skattning", scale=scale, axis=axis),
        y=alt.Y("faktor:N", sort=names, title=None, axis=alt.Axis(labelLimit=260)),
        size=alt.Size("antal:Q", title="Antal deltagare", scale=alt.Scale(range=[40, 400])),
        tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                 alt.Tooltip("skattning:Q", title="Skattning"),
                 alt.Tooltip("antal:Q", title="Antal deltagare")])
    spreads = pd.DataFrame([{"faktor": s.name, "medel": s.mean} for s in spread(rnd, guide)
                            if s.mean is not None], columns=["faktor", "medel"])
    mean = alt.Chart(spreads).mark_tick(color="#222", thickness=2, size=22).encode(
        x=alt.X("medel:Q", scale=scale), y=alt.Y("faktor:N", sort=names),
        tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                 alt.Tooltip("medel:Q", title="Medelvärde", format=",.1f")])
    joint = pd.DataFrame([{"faktor": f.name, "gemensam": rnd.joint_score(f.code)}
                          for f in guide.factors if rnd.joint_score(f.code) is not None],
                         columns=["faktor", "gemensam"])
    agreed = alt.Chart(joint).mark_point(shape="diamond", filled=True, size=170, yOffset=-11,
                                         color=PALETTE["gemensam"]).encode(
        x=alt.X("gemensam:Q", scale=scale), y=alt.Y("faktor:N", sort=names),
        tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                 alt.Tooltip("gemensam:Q", title="Gemensam skattning")])
    return described(alt.layer(dots, mean, agreed), describe(
        "Punktdiagram", f"deltagarnas skattningar av {format_number(len(names))} faktorer i "
                        f"{rnd.title}, medelvärde inom parentes",
        [(r.faktor, r.medel) for r in spreads.itertuples()], most="Högst skattad är",
        least="Lägst skattad är", decimals=1)).properties(
        width=width, height=28 * len(names),
        title=alt.TitleParams(f"Faktorprofil – {rnd.title}",
                              subtitle="Cirklar: deltagarnas skattningar, streck: medelvärde, "
                                       "grön romb: gemensam skattning"))


def principal_chart(rnd: Round, guide: FollowupGuide, principals: list[str], *,
                    width: int = WIDTH) -> alt.Chart:
    """Mean rating per factor (rows) and principal (columns), as a heat map with numbers."""
    rows = []
    for s in spread(rnd, guide):
        for principal, (mean, n) in s.by_principal.items():
            rows.append({"faktor": s.name, "huvudman": principal, "medel": mean, "antal": n})
    df = pd.DataFrame(rows, columns=["faktor", "huvudman", "medel", "antal"])
    names = [f.name for f in guide.factors]
    order = [p for p in principals if p in set(df["huvudman"])] + \
        sorted(set(df["huvudman"]) - set(principals))
    base = alt.Chart(df).encode(
        x=alt.X("huvudman:N", sort=order, title="Huvudman",
                axis=alt.Axis(orient="top", labelAngle=-30, labelLimit=200)),
        y=alt.Y("faktor:N", sort=names, title=None, axis=alt.Axis(labelLimit=260)))
    cells = base.mark_rect(stroke="#ffffff").encode(
        color=alt.Color("medel:Q", title="Medel",
                        scale=alt.Scale(domain=[guide.low, guide.high],
                                        range=["#f3e2d0", PALETTE["gemensam"]])),
        tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                 alt.Tooltip("huvudman:N", title="Huvudman"),
                 alt.Tooltip("medel:Q", title="Medelvärde", format=",.1f"),
                 alt.Tooltip("antal:Q", title="Antal deltagare")])
    text = base.mark_text(fontSize=12, color="#111").encode(
        text=alt.Text("medel:Q", format=",.1f"))
    return described(cells + text, describe(
        "Rutnätsdiagram", f"medelskattning per faktor och huvudman i {rnd.title}",
        [(f"{r.faktor} hos {r.huvudman}", r.medel) for r in df.itertuples()],
        most="Högst är", least="Lägst är", decimals=1)).properties(
        width=min(width, 70 * max(1, len(order))),
                                     height=28 * len(names),
                                     title="Medelskattning per huvudman")


def change_chart(changes: list[FactorChange], before: str, after: str, guide: FollowupGuide,
                 *, width: int = WIDTH) -> alt.LayerChart:
    """The mean per factor in two rounds: an arrow from the earlier to the later."""
    rows = [{"faktor": c.name, "före": c.before, "efter": c.after,
             "förändring": "Stärkt" if (c.delta or 0) > 0 else
             ("Försvagad" if (c.delta or 0) < 0 else "Oförändrad")}
            for c in changes if c.before is not None and c.after is not None]
    df = pd.DataFrame(rows, columns=["faktor", "före", "efter", "förändring"])
    names = [f.name for f in guide.factors]
    scale = alt.Scale(domain=[guide.low - 0.3, guide.high + 0.3])
    colours = alt.Scale(domain=["Stärkt", "Oförändrad", "Försvagad"],
                        range=[PALETTE["gemensam"], PALETTE["neutral"], _RED])
    y = alt.Y("faktor:N", sort=names, title=None, axis=alt.Axis(labelLimit=260))
    rule = alt.Chart(df).mark_rule(strokeWidth=2).encode(
        x=alt.X("före:Q", title="Medelskattning", scale=scale,
                axis=alt.Axis(values=[s.value for s in guide.scale], format="d")),
        x2="efter:Q", y=y, color=alt.Color("förändring:N", title="Förändring", scale=colours))
    start = alt.Chart(df).mark_circle(size=70, color=PALETTE["neutral"]).encode(
        x="före:Q", y=y, tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                                  alt.Tooltip("före:Q", title=before, format=",.1f")])
    end = alt.Chart(df).mark_point(shape="triangle-right", filled=True, size=110).encode(
        x="efter:Q", y=y, color=alt.Color("förändring:N", scale=colours, legend=None),
        tooltip=[alt.Tooltip("faktor:N", title="Faktor"),
                 alt.Tooltip("efter:Q", title=after, format=",.1f")])
    moved = df["förändring"].value_counts()
    note = join_swedish(f"{format_number(int(moved.get(k, 0)))} {plural}" for k, plural in
                        (("Stärkt", "stärkta"), ("Oförändrad", "oförändrade"),
                         ("Försvagad", "försvagade")))
    return described(alt.layer(rule, start, end), describe(
        "Pildiagram", f"medelskattningen per faktor från {before} till {after}, förändring "
                      "inom parentes",
        [(r.faktor, r.efter - r.före) for r in df.itertuples()], most="Mest stärkt är",
        least="Mest försvagad är", decimals=1,
        note=f"Faktorer: {note}" if len(df) else "")).properties(
        width=width, height=28 * len(names),
        title=alt.TitleParams(f"Förändring från {before} till {after}",
                              subtitle="Grå punkt: förra omgången, triangel: den här omgången"))
