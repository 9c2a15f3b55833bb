"""Worksheet: follow up the change – self-assessment against the eight success factors and
indicators over time.

A bar on top chooses the round (or adds a new one); four tabs follow: the participants'
ratings (:mod:`~naravard.ui.followup.assessment_tab`), the spread, joint rating and actions
(:mod:`~naravard.ui.followup.synthesis_tab`), the indicators with run charts
(:mod:`~naravard.ui.followup.indicators_tab`) and the learning meeting with the report
(:mod:`~naravard.ui.followup.meeting_tab`). Everything is saved as it is entered; a tab is
redrawn from the saved document when it is opened.
"""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import DEFAULT_WORKSHOP, new_id
from naravard.core.text import escape
from naravard.followup.guide import current_guide
from naravard.followup.model import DOC
from naravard.plan.values import date_problem
from naravard.ui.common import Session, error_html, header, labelled
from naravard.ui.followup.assessment_tab import AssessmentTab
from naravard.ui.followup.common import Ctx
from naravard.ui.followup.indicators_tab import IndicatorsTab
from naravard.ui.followup.meeting_tab import MeetingTab
from naravard.ui.followup.synthesis_tab import SynthesisTab
from naravard.ui.records import button

__all__ = ["DOC", "FollowupWorksheet", "build"]

TAB_TITLES = ["Självskattning", "Spridning och åtgärder", "Indikatorer", "Lärmöte och rapport"]


class FollowupWorksheet:
    """The round bar, the tabs, and :meth:`refresh` after changes that affect several tabs."""

    def __init__(self, session: Session):
        self.session = session
        self.ctx = Ctx(session, current_guide(), session.county, refresh=self.refresh)
        rounds = self.ctx.followup().rounds()
        self.ctx.round_id = rounds[-1].id if rounds else ""
        self.tabs_parts = (AssessmentTab(self.ctx), SynthesisTab(self.ctx),
                           IndicatorsTab(self.ctx), MeetingTab(self.ctx))
        self.tabs = w.Tab(children=[p.widget for p in self.tabs_parts])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.tabs.observe(session.guarded(lambda _c: self.refresh()), names="selected_index")
        self.round_bar = w.VBox()
        self.round_bar.add_class("followup-rounds")
        self.widget = w.VBox([header(session), session.status, self.example_part(),
                              self.round_bar, self.tabs])
        self.widget.add_class("followup-app")
        self.refresh()

    # -- rounds ---------------------------------------------------------------------------------
    def draw_round_bar(self) -> None:
        s = self.session
        rounds = self.ctx.followup().rounds()
        parts: list[w.Widget] = []
        if rounds:
            choose = w.Dropdown(options=[(r.title + (f" ({r.date})" if r.date else ""), r.id)
                                         for r in rounds], value=self.ctx.round_id,
                                layout=w.Layout(width="auto"))
            choose.add_class("followup-round")

            def chosen(change: dict) -> None:
                self.ctx.round_id = change["new"]
                self.refresh()

            choose.observe(s.guarded(chosen), names="value")
            parts.append(labelled("Omgång", choose))
        name = w.Text(placeholder="Till exempel: Hösten 2026", continuous_update=False,
                      layout=w.Layout(width="16rem"))
        name_box = labelled("Ny omgång", name)
        date = w.Text(placeholder="2026-10-15", continuous_update=False,
                      layout=w.Layout(width="10rem"))
        date_box = labelled("Datum", date)

        def add() -> None:
            title = name.value.strip()
            if not title:
                name_box.message.value = error_html("Ge omgången ett namn.")
                return
            problem = date_problem(date.value) if date.value.strip() else None
            if problem:
                date_box.message.value = error_html(problem)
                s.status.error(f"Datum: {problem} Inget har sparats.")
                return
            rid = new_id("r")
            record = {"name": title, "date": date.value.strip(), "notes": "",
                      "participants": {}, "joint": {}, "actions": {}}
            if s.save(("rounds", rid), record) is not None:
                self.ctx.round_id = rid
                s.status.info(f"Omgången ”{title}” är tillagd.")
                self.refresh()

        row = w.HBox([*parts, name_box, date_box,
                      button("Lägg till omgång", add, s, css="followup-add-round")])
        row.add_class("followup-row")
        self.round_bar.children = [row]

    # -- example --------------------------------------------------------------------------------
    def example_part(self) -> w.Widget:
        """Load the invented example – only for the county it describes."""
        from naravard.core.examples import example_file
        from naravard.core.paths import data_dir
        from naravard.followup.example import EXAMPLE_FILE, example_doc

        if example_file(data_dir(), EXAMPLE_FILE) is None:
            return w.HTML("")
        s = self.session
        message = w.HTML("")

        def load() -> None:
            doc = example_doc()
            if doc is None:
                return
            if s.update(lambda d: (d.clear(), d.update(doc)), snapshot=True) is not None:
                rounds = self.ctx.followup().rounds()
                self.ctx.round_id = rounds[-1].id if rounds else ""
                message.value = ""
                s.status.info("Exempeluppföljningen är inläst. Den är påhittad; det som "
                              "fanns före finns i historiken (Ångra).")
                self.refresh()

        note = (f"Exempeluppföljningen för {escape(self.session.county.name)} är påhittad och "
                "ligger i data/uppfoljning_exempel.yml. Den ersätter det som är sparat i "
                "arbetsbladet; det som fanns före sparas i historiken.")
        box = w.VBox([w.HTML(f'<p class="naravard-help">{note}</p>'),
                      w.HBox([button("Läs in exempeluppföljningen", load, s)]), message])
        box.add_class("followup-example")
        return box

    # -- refresh --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw the round bar and the open tab from the saved document."""
        self.ctx.forget()
        with self.session.snapshot():
            self.draw_round_bar()
            self.tabs_parts[self.tabs.selected_index or 0].refresh()


def seed_example(session: Session) -> None:
    """The example workshop starts with the example follow-up (only when still empty)."""
    if session.workspace.workshop != DEFAULT_WORKSHOP or session.read():
        return
    from naravard.followup.example import example_doc

    doc = example_doc()
    if doc is not None:
        session.workspace.update(DOC, lambda d: d.update(doc) if not d else None)


def prepare() -> None:
    """Before the page is requested (a preheated kernel): read the county, the factor guide and
    the starter indicators and load altair, so the page only applies the workshop."""
    import altair  # noqa: F401

    from naravard.core.county import current_county
    from naravard.followup.indicators import starter_set

    current_county()
    current_guide()
    starter_set()


def build(session: Session) -> w.Widget:
    """The follow-up worksheet for the session's workshop, built from what is saved."""
    seed_example(session)
    return FollowupWorksheet(session).widget
