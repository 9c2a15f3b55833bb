"""Worksheet: map the county's decision and collaboration forums (first version).

The participants list the forums they know, at which level they sit and whose they are; the
chart shows them in bands by level, coloured by principal. Everything is saved as it is entered.
"""

from __future__ import annotations

import uuid

import altair as alt
import ipywidgets as w
import pandas as pd

from ..charts import PALETTE
from ..text import escape
from .common import Session, autosaved_text, header
from .widgets import VegaChart

DOC = "forum_mapping"
LEVELS = {
    "makro": "Makro – systemledning",
    "meso": "Meso – styrning",
    "mikro": "Mikro – process och arbetsgrupp",
}
JOINT = "Gemensam"


def principal_options(session: Session) -> list[str]:
    return [*session.county.principals(), JOINT]


def forum_problem(name: str, existing: list[str]) -> str | None:
    """Why a new forum name cannot be saved (Swedish), or None if it can."""
    clean = name.strip()
    if not clean:
        return "Skriv forumets namn."
    if len(clean) > 120:
        return "Namnet är för långt (högst 120 tecken)."
    if clean.casefold() in {e.casefold() for e in existing}:
        return f"Forumet ”{clean}” finns redan. Välj ett annat namn eller ändra det befintliga."
    return None


def forums_frame(data: dict) -> pd.DataFrame:
    rows = [{"id": fid, **f} for fid, f in (data.get("forums") or {}).items()]
    return pd.DataFrame(rows, columns=["id", "name", "level", "principal"])


def forum_chart(frame: pd.DataFrame, principals: list[str]) -> alt.Chart:
    """Forums in bands by level (makro on top), coloured by principal."""
    order = list(LEVELS)
    df = frame.copy()
    df["nivå"] = df["level"].map(LEVELS)
    df["huvudman"] = df["principal"]
    df["forum"] = df["name"]
    colours = [PALETTE["region"], *["#d07a1b", "#b3591a", "#e0a04a", "#8c5a14", "#c98a3a",
                                    "#a86a22", "#e8b46a"][: max(0, len(principals) - 2)],
               PALETTE["gemensam"]]
    return (
        alt.Chart(df)
        .mark_circle(size=260, opacity=0.9)
        .encode(
            y=alt.Y("nivå:N", sort=[LEVELS[k] for k in order], title=None),
            x=alt.X("forum:N", sort=None, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=180)),
            color=alt.Color("huvudman:N", scale=alt.Scale(domain=principals, range=colours[: len(principals)]),
                            title="Huvudman"),
            tooltip=[alt.Tooltip("forum:N", title="Forum"), alt.Tooltip("nivå:N", title="Nivå"),
                     alt.Tooltip("huvudman:N", title="Huvudman")],
        )
        .properties(width=640, height=200, title="Forum per nivå och huvudman")
    )


def build(session: Session) -> w.Widget:
    principals = principal_options(session)
    name = w.Text(placeholder="Till exempel: Länsgrupp för Nära vård",
                  layout=w.Layout(width="28rem"))
    level = w.Dropdown(options=[(v, k) for k, v in LEVELS.items()], value="makro")
    principal = w.Dropdown(options=principals, value=principals[0])
    add = w.Button(description="Lägg till forum", button_style="primary")
    message = w.HTML("")
    table = w.HTML("")
    chart = VegaChart()

    def refresh(data: dict) -> None:
        frame = forums_frame(data)
        rows = "".join(
            f"<tr><td>{escape(r['name'])}</td><td>{escape(LEVELS.get(r['level'], r['level']))}</td>"
            f"<td>{escape(r['principal'])}</td></tr>" for _, r in frame.iterrows())
        table.value = ('<table class="naravard-table forum-table"><thead><tr><th>Forum</th>'
                       "<th>Nivå</th><th>Huvudman</th></tr></thead><tbody>"
                       f"{rows}</tbody></table>" if rows else
                       "<p>Inga forum ännu. Lägg till det första ovan.</p>")
        chart.show(forum_chart(frame, principals))
        remove_options = [("Välj forum att ta bort", "")] + [
            (r["name"], r["id"]) for _, r in frame.iterrows()]
        selector.options = remove_options
        selector.value = ""

    selector = w.Dropdown(options=[("Välj forum att ta bort", "")])
    remove = w.Button(description="Ta bort", button_style="warning")

    @session.guarded
    def on_add(_button) -> None:
        data = session.read()
        existing = [f["name"] for f in (data.get("forums") or {}).values()]
        problem = forum_problem(name.value, existing)
        if problem:
            message.value = f'<span class="naravard-error" role="alert">{escape(problem)}</span>'
            return
        fid = uuid.uuid4().hex[:12]
        record = {"name": name.value.strip(), "level": level.value, "principal": principal.value}
        saved = session.save(("forums", fid), record)
        if saved is not None:
            message.value = ""
            name.value = ""
            refresh(saved)

    @session.guarded
    def on_remove(_button) -> None:
        if not selector.value:
            return
        saved = session.update(lambda d: (d.get("forums") or {}).pop(selector.value, None),
                               snapshot=True)
        if saved is not None:
            refresh(saved)

    add.on_click(on_add)
    name.on_submit(on_add)
    remove.on_click(on_remove)
    refresh(session.read())

    members = ", ".join(f"{m.role} ({session.county.organisation_of(m.principal)})"
                        for m in session.county.members)
    form = w.VBox([
        w.HTML('<h2>Lägg till ett forum</h2><p class="naravard-help">Ett forum är en grupp som '
               "möts regelbundet och bereder, beslutar, samverkar eller informerar.</p>"),
        w.HBox([w.VBox([w.HTML('<label class="naravard-label">Namn</label>'), name]),
                w.VBox([w.HTML('<label class="naravard-label">Nivå</label>'), level]),
                w.VBox([w.HTML('<label class="naravard-label">Huvudman</label>'), principal])]),
        add, message,
    ])
    form.add_class("naravard-card")
    notes = autosaved_text(session, ("notes",), "Anteckningar från samtalet", multiline=True,
                           placeholder="Vad förvånade er? Vilka forum kände inte alla till?")
    return w.VBox([
        header(session, "Kartlägg beslutsforum",
               "Rita upp de forum där region och kommuner bereder, beslutar och samverkar."),
        session.status,
        w.HTML(f'<p class="naravard-help">Systemledningen: {escape(members)}.</p>'),
        form,
        chart,
        table,
        w.HBox([selector, remove]),
        notes,
    ])
