"""Executed cells of chapter 15: the factors, the scale, the starter set of indicators and the
example follow-up in data/ as tables, sentences and charts.

Every function reads ``data/`` when the handbook is built. Without an example of the county's
own, the example's tables give way to a notice and its charts are empty.
"""

from __future__ import annotations

import altair as alt
from IPython.display import HTML

from naravard.core.county import current_county
from naravard.core.text import escape
from naravard.followup.guide import current_guide
from naravard.followup.indicators import DIRECTIONS, starter_set
from naravard.followup.meeting import FollowupView, compute
from naravard.handbook.tables import html_table


def _plan_names() -> tuple[dict[str, str], dict[str, str]]:
    from naravard.plan.catalog import plan_guide

    plan = plan_guide()
    return dict(plan.triple_aim), dict(plan.frequencies)


def _view() -> FollowupView | None:
    from naravard.followup.example import example_doc

    doc = example_doc()
    return compute(doc, current_guide()) if doc is not None else None


def _missing() -> HTML:
    from naravard.core.examples import missing_notice
    from naravard.core.paths import data_dir
    from naravard.followup.example import EXAMPLE_FILE

    return HTML(f"<p>{escape(missing_notice(data_dir(), EXAMPLE_FILE, 'ingen exempeluppföljning'))}"
                "</p>")


def _empty() -> alt.Chart:
    return alt.Chart().mark_text(text="Inget exempel").properties(width=200, height=40)


def factors_table() -> HTML:
    """The eight success factors with the handbook's description of each."""
    guide = current_guide()
    return html_table(["Framgångsfaktor", "Vad det innebär"],
                      [(f"{n}. {f.name}", f.description) for n, f in enumerate(guide.factors, 1)],
                      caption="De åtta framgångsfaktorerna i självskattningen "
                              "(data/uppfoljning.yml)")


def scale_table() -> HTML:
    """The anchored rating scale."""
    return html_table(["Steg", "Betyder"], [(s.label, s.anchor) for s in current_guide().scale],
                      caption="Skalan med ankare")


def starter_table() -> HTML:
    """The starter set of indicators grouped by Triple Aim dimension."""
    aims, frequencies = _plan_names()
    order = list(aims)
    rows = [(i.name, aims.get(i.dimension, i.dimension), i.definition, i.unit,
             DIRECTIONS[i.direction], i.source, frequencies.get(i.frequency, i.frequency))
            for i in sorted(starter_set(), key=lambda i: order.index(i.dimension)
                            if i.dimension in order else len(order))]
    return html_table(["Indikator", "Triple Aim", "Definition", "Enhet", "Riktning", "Källa",
                       "Kan mätas"], rows,
                      caption="Handbokens startuppsättning av indikatorer (data/indikatorer.yml)")


def example_summary() -> HTML:
    """One paragraph on the example follow-up: rounds, participants, series."""
    view = _view()
    if view is None:
        return _missing()
    rounds = view.followup.rounds()
    county = current_county()
    note = f" {county.name} är ett påhittat län och uppföljningen är påhittad." \
        if county.fictional else ""
    return HTML(
        f"<p>Exempeluppföljningen har {len(rounds)} omgångar av självskattningen, "
        f"{escape(rounds[0].title)} och {escape(rounds[-1].title)}, med "
        f"{len(rounds[-1].participants)} deltagare från region och kommuner, och "
        f"{len(view.series)} serier av indikatorer.{escape(note)}</p>")


def example_profile_chart():
    """The factor profile of the example's latest round."""
    from naravard.followup.charts import profile_chart

    view = _view()
    return profile_chart(view.round, view.guide) if view and view.round else _empty()


def example_change_chart():
    """The change per factor between the example's two rounds."""
    from naravard.followup.charts import change_chart

    view = _view()
    if view is None or view.round is None:
        return _empty()
    previous = view.followup.previous(view.round.id)
    return change_chart(view.changes, previous.title if previous else "", view.round.title,
                        view.guide)


def example_disagreements() -> HTML:
    """The example's widest disagreements, as the worksheet states them."""
    from naravard.followup.ratings import disagreement_sentence

    view = _view()
    if view is None:
        return _missing()
    items = "".join(f"<li>{escape(disagreement_sentence(s))}</li>" for s in view.disagreements)
    return HTML(f"<ul>{items}</ul>")


def _series(code: str, unit: str):
    view = _view()
    if view is None:
        return None
    return next((s for s in view.series if s.indicator.code == code and s.unit == unit), None)


def example_run_chart(code: str, unit: str = "Hela länet"):
    """The run chart of one example series (without a title: the figure caption names it)."""
    from naravard.followup.charts import run_chart

    series = _series(code, unit)
    return run_chart(series, title="") if series is not None else _empty()


def example_verdict(code: str, unit: str = "Hela länet") -> HTML:
    """What the worksheet says about one example series."""
    series = _series(code, unit)
    if series is None:
        return _missing()
    items = "".join(f"<li>{escape(t)}</li>" for t in series.sentences())
    return HTML(f'<ul class="naravard-verdict">{items}</ul>')


def example_series_table() -> HTML:
    """Every example series and what the rules say about it."""
    view = _view()
    if view is None:
        return _missing()
    rows = []
    for s in view.series:
        verdict = ("för få värden för reglerna" if not s.run.enough else
                   "verklig förändring" if s.run.non_random or s.control_signals else
                   "ett värde att fråga om" if s.signals else "slumpvis variation")
        rows.append((s.indicator.name, s.unit, len(s.values),
                     s.fmt(s.run.median) if s.run.median is not None else "–", verdict))
    return html_table(["Indikator", "Enhet", "Värden", "Median", "Vad serien säger"], rows,
                      caption="Exempeluppföljningens serier (påhittade värden)")


__all__ = ["factors_table", "scale_table", "starter_table", "example_summary",
           "example_profile_chart", "example_change_chart", "example_disagreements",
           "example_run_chart", "example_verdict", "example_series_table"]
