"""Executed cells of chapter 12: the example study in data/ as tables, lists and chart input.

Every function reads ``data/`` when the handbook is built, so the chapter always shows the
county's own example study and interview guide. Without an example study of the county's own,
the tables give way to a notice and the chart inputs are empty.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from naravard.handbook.tables import html_table
from naravard.core.county import current_county
from naravard.insight.guide import current_guide
from naravard.insight.study import Study, question_phrase
from naravard.insight.analysis import (Coverage, coverage, positions_frame, quotes_by_theme,
                                       representative_quotes, scale_spread, widest_gaps, zone_of)
from naravard.insight.example import example_study
from naravard.core.text import date_text
from naravard.core.text import escape, format_number, join_swedish


def _study() -> Study:
    """The example study; an empty study when the county has none."""
    return example_study() or Study.from_doc({})


def _missing() -> HTML:
    """The notice that replaces the example's tables when the county has no example study."""
    from naravard.core.examples import missing_notice
    from naravard.insight.example import EXAMPLE_FILE
    from naravard.core.paths import data_dir

    return HTML(f"<p>{escape(missing_notice(data_dir(), EXAMPLE_FILE, 'ingen exempelstudie'))}"
                "</p>")


def study_summary() -> HTML:
    """One paragraph on the example study: the question, who was interviewed, the zone."""
    study, county = example_study(), current_county()
    if study is None:
        return _missing()
    guide = current_guide()
    done = study.interviewed()
    present = {r.principal for r in done}
    principals = [guide.principal_name(c, county) for c in guide.principal_codes(county)
                  if c in present]
    zone = zone_of(study.classification)
    note = f" {county.name} är ett påhittat län och studien är påhittad." if county.fictional \
        else ""
    return HTML(
        f"<p>Exempelstudiens fråga är <strong>{escape(study.title)}</strong>. "
        f"{len(done)} av {len(study.respondents)} planerade intervjuer är gjorda, med personer "
        f"från {escape(join_swedish(principals))}. Systemledningen har placerat frågan i zonen "
        f"<em>{escape(zone)}</em>.{escape(note)}</p>")


def guide_questions() -> HTML:
    """The interview guide's questions as they read for the example question."""
    guide, study = current_guide(), _study()
    phrase = question_phrase(study.title)
    items = []
    for q in guide.questions:
        text = escape(q.text.replace("{fraga}", phrase))
        if q.parts:
            parts = "".join(f"<li>{escape(p.text)}</li>" for p in q.parts)
            items.append(f'<li>{text}<ol type="A">{parts}</ol></li>')
        else:
            items.append(f"<li>{text}</li>")
    return HTML(f'<ol class="naravard-guide">{"".join(items)}</ol>')


def example_coverage() -> Coverage:
    """Coverage of the example study (for :func:`naravard.insight.charts.coverage_chart`)."""
    return coverage(_study(), current_guide(), current_county())


def example_positions() -> pd.DataFrame:
    """Positions of the example study (for :func:`naravard.insight.charts.spread_chart`)."""
    return positions_frame(_study(), current_guide(), current_county())


def group_order(by: str) -> list[str]:
    """Rows of the spread chart in the guide's order (perspectives) or the county's order."""
    guide, county = current_guide(), current_county()
    if by == "perspective":
        return [p.name for p in guide.perspectives]
    return [guide.principal_name(c, county) for c in guide.principal_codes(county)]


def example_question_point() -> pd.DataFrame:
    """The example question as a point for the Stacey matrix."""
    study = example_study()
    if study is None:
        return pd.DataFrame(columns=["label", "agreement", "certainty"])
    c = study.classification
    return pd.DataFrame([{"label": study.title, "agreement": float(c["agreement"]),
                          "certainty": float(c["certainty"])}])


def spread_table() -> HTML:
    """How far apart the respondents stand on each scale of the example."""
    if example_study() is None:
        return _missing()
    rows = [(r.scale_name, int(r.n), f"{int(r.min)}–{int(r.max)}", format_number(r.mean, 1),
             format_number(r.std, 1))
            for r in scale_spread(example_positions()).itertuples(index=False)]
    return html_table(["Skala", "Placerade", "Från–till", "Medelvärde", "Spridning (sd)"], rows,
                      caption="Spännvidden på exempelstudiens skalor (0–10, påhittade data)")


def gaps_table(top: int = 5) -> HTML:
    """The widest gaps between groups in the example study."""
    if example_study() is None:
        return _missing()
    rows = []
    for g in widest_gaps(example_positions(), top=top):
        rows.append((g.scale_name, "perspektiv" if g.grouping == "perspective" else "huvudman",
                     f"{g.low_group} ({format_number(g.low_mean, 1)}, n = {g.low_n})",
                     f"{g.high_group} ({format_number(g.high_mean, 1)}, n = {g.high_n})",
                     format_number(g.size, 1)))
    return html_table(["Skala", "Jämfört per", "Lägst i snitt", "Högst i snitt", "Avstånd"], rows,
                      caption="De största skillnaderna mellan grupper i exempelstudien")


def theme_quotes(theme_id: str, limit: int = 3) -> HTML:
    """A few invented quotes for one theme of the example, from different principals."""
    study, guide, county = example_study(), current_guide(), current_county()
    if study is None:
        return _missing()
    theme = study.theme(theme_id)
    if theme is None:
        raise ValueError(f"Exempelstudien har inget tema {theme_id!r}.")
    chosen = representative_quotes(quotes_by_theme(study, guide, county)[theme_id], limit)
    quotes = "".join(f"<blockquote><p>”{escape(q.text)}”</p><p class=\"attribution\">"
                     f"{escape(q.pseudonym)}, {escape(q.role.lower())}, {escape(q.principal)}"
                     "</p></blockquote>" for q in chosen)
    return HTML(f'<div class="naravard-quotes"><p><strong>{escape(theme.name)}</strong> '
                f"(påhittade svar)</p>{quotes}</div>")


def actions_table() -> HTML:
    """The example's actions to narrow the spread, with owners."""
    study = example_study()
    if study is None:
        return _missing()
    names = {s.id: study.scale_name(s) for s in study.scales}
    rows = [(a.text, a.owner, names.get(a.scale, ""), date_text(a.due)) for a in study.actions]
    return html_table(["Åtgärd", "Ägare", "Skala", "Klart senast"], rows,
                      caption="Exempelstudiens åtgärder för att minska spännvidden (påhittade)")
