"""Worksheet: the joint primary care plan (first version): the plan's frame and population.

The group names the plan, its period and the principals behind it, and sees the county's
population from data/ as a starting point for step 2. Everything is saved as it is typed.
"""

from __future__ import annotations

import altair as alt
import ipywidgets as w
import pandas as pd

from ..charts import PALETTE
from ..county import County
from ..store import get_path
from ..text import escape, format_number
from .common import Session, autosaved_text, header
from .widgets import VegaChart

DOC = "plan_primarvard"


def population_chart(county: County) -> alt.Chart:
    """Inhabitants per municipality, from data/county.yml."""
    rows = [{"kommun": m.name, "invånare": m.inhabitants or 0,
             "text": format_number(m.inhabitants or 0)} for m in county.municipalities]
    df = pd.DataFrame(rows)
    bars = alt.Chart(df).mark_bar(color=PALETTE["kommun"]).encode(
        y=alt.Y("kommun:N", sort="-x", title=None),
        x=alt.X("invånare:Q", title="Invånare", axis=alt.Axis(format=",d")),
        tooltip=[alt.Tooltip("kommun:N", title="Kommun"), alt.Tooltip("text:N", title="Invånare")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#1d2733").encode(text="text:N")
    return (bars + labels).properties(width=520, height=34 * len(rows),
                                      title=f"Invånare per kommun i {county.name}")


def build(session: Session) -> w.Widget:
    data = session.read()
    county = session.county
    chosen = set(get_path(data, ("frame", "principals"), county.principals()) or [])
    boxes = []
    for principal in county.principals():
        box = w.Checkbox(value=principal in chosen, description=county.organisation_of(principal),
                         indent=False)
        box.principal = principal  # type: ignore[attr-defined]
        boxes.append(box)

    @session.guarded
    def on_tick(_change) -> None:
        session.save(("frame", "principals"), [b.principal for b in boxes if b.value])

    for box in boxes:
        box.observe(on_tick, names="value")

    total = sum(m.inhabitants or 0 for m in county.municipalities)
    frame = w.VBox([
        w.HTML("<h2>Planens ram</h2>"),
        autosaved_text(session, ("frame", "title"), "Planens namn",
                       placeholder=f"Gemensam plan för primärvården i {county.name}"),
        autosaved_text(session, ("frame", "period"), "Period", placeholder="Till exempel: 2027–2030"),
        w.HTML('<label class="naravard-label">Huvudmän som står bakom planen</label>'),
        w.VBox(boxes),
        w.HTML("<h2>Steg 1. Gemensamma mål</h2><p class='naravard-help'>Skriv målen som mätbar "
               "förändring för invånarna, inte som antal platser eller nya enheter.</p>"),
        autosaved_text(session, ("goals", "text"), "Mål", multiline=True, rows=6),
    ])
    frame.add_class("naravard-card")
    population = w.VBox([
        w.HTML(f"<h2>Befolkningen</h2><p class='naravard-help'>{escape(county.name)} har "
               f"{escape(format_number(total))} invånare i {len(county.municipalities)} kommuner "
               "enligt data/county.yml.</p>"),
        VegaChart(population_chart(county)),
    ])
    population.add_class("naravard-card")
    return w.VBox([
        header(session, "Gemensam plan för primärvården",
               "Ta fram planen steg för steg; allt sparas medan ni skriver."),
        session.status, frame, population,
    ])
