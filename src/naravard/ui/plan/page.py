"""Worksheet: the joint primary care plan, one page per step, saved as it is typed.

Pages: the plan's frame, the five steps of SKR's support material (goals with the
Tight–Loose–Tight check, mapping with tables and CSV/XLSX import, acting together, securing
support from the county's forum map, joint follow-up), implementation with roles, time shares,
cost and a timeline, green/yellow/red prioritising, and an overview with completeness and the
DOCX, Markdown and HTML exports. Every page is drawn from the saved document each time it is
opened (one read per page, :meth:`Session.snapshot`), so what another participant saved shows
up, and "Ångra" can redraw everything. Each page is a module of this package; the wording of
steps, questions and catalogues is in ``data/plan_guide.yml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import ipywidgets as w

from naravard.core.problems import DataError
from naravard.core.examples import default_workshop
from naravard.plan.example import example_plan
from naravard.plan.model import DOC
from naravard.plan.progress import StepProgress, completeness
from naravard.ui.common import Session, header
from naravard.ui.plan.action import action_page
from naravard.ui.plan.followup import followup_page
from naravard.ui.plan.frame import frame_page
from naravard.ui.plan.goals import goals_page
from naravard.ui.plan.implementation import implementation_page
from naravard.ui.plan.mapping import mapping_page
from naravard.ui.plan.overview import overview_page
from naravard.ui.plan.priorities import priorities_page
from naravard.ui.plan.support import support_page
from naravard.ui.plan.widgets import PageContext, card
from naravard.ui.records import button, close_tree
from naravard.ui.widgets import VegaChart

if TYPE_CHECKING:  # altair is loaded when the chart is drawn, not at kernel start
    import altair as alt

Page = Callable[[PageContext], list[w.Widget]]

#: The pages in order: key, label in the step bar, and the function that draws the page.
PAGE_BUILDERS: tuple[tuple[str, str, Page], ...] = (
    ("frame", "Ram", frame_page), ("goals", "1 Mål", goals_page),
    ("mapping", "2 Förutsättningar", mapping_page), ("action", "3 Agera", action_page),
    ("support", "4 Stödet", support_page), ("followup", "5 Uppföljning", followup_page),
    ("implementation", "Genomförande", implementation_page),
    ("priorities", "Prioritering", priorities_page),
    ("overview", "Översikt och export", overview_page),
)
PAGES: tuple[tuple[str, str], ...] = tuple((key, label) for key, label, _ in PAGE_BUILDERS)


def progress_chart(progress: list[StepProgress]) -> "alt.TopLevelMixin":
    """The compact progress chart above the steps."""
    from naravard.plan.charts import completeness_chart

    return completeness_chart(progress, width=420, row=22, title=None)


class PlanWorksheet:
    """The plan worksheet: a step bar, the current page, and the progress chart above them."""

    def __init__(self, session: Session):
        self.s = session
        self.ctx = PageContext(session, self.redraw, self.refresh_progress)
        self.progress = VegaChart()
        self.progress.add_class("plan-progress")
        self.page = w.VBox()
        self.page.add_class("plan-page")
        self.steps = w.ToggleButtons(options=[(label, key) for key, label in PAGES],
                                     value=PAGES[0][0], style={"button_width": "auto"})
        self.steps.add_class("plan-steps")
        self.steps.add_class("naravard-steps")  # walked and styled as a step bar (a11y)
        self.steps.observe(self.s.guarded(lambda ch: self.show(ch["new"])), names="value")
        self.prev = button("← Föregående steg", lambda: self.move(-1), session)
        self.next = button("Nästa steg →", lambda: self.move(1), session, style="primary")
        nav = w.HBox([self.prev, self.next])
        nav.add_class("plan-nav")
        self.widget = w.VBox([
            header(session), session.status,
            card(self.progress, title="Så långt har ni kommit"),
            self.steps, self.page, nav,
        ])
        self.show(PAGES[0][0])

    def progress_list(self) -> list[StepProgress]:
        return completeness(self.ctx.plan(), self.ctx.forum_map())

    def move(self, delta: int) -> None:
        keys = [k for k, _ in PAGES]
        index = keys.index(self.steps.value) + delta
        if 0 <= index < len(keys):
            self.steps.value = keys[index]

    def show(self, key: str) -> None:
        """Draw a page from the saved document (and refresh the progress chart)."""
        draw = next(page for k, _, page in PAGE_BUILDERS if k == key)
        old = list(self.page.children)
        with self.s.snapshot():
            self.page.children = draw(self.ctx)
        for child in old:
            close_tree(child)
        keys = [k for k, _ in PAGES]
        self.prev.disabled = key == keys[0]
        self.next.disabled = key == keys[-1]
        self.refresh_progress()

    def redraw(self) -> None:
        self.show(self.steps.value)

    def refresh_progress(self) -> None:
        """Redraw the progress chart (when the page shows it: see :meth:`VegaChart.later`)."""
        self.progress.later(lambda: progress_chart(self.progress_list()))


def seed_example(session: Session) -> None:
    """The example workshop starts with the example plan from data/ (only when still empty and
    when the county has an example plan)."""
    if session.workspace.workshop != default_workshop():
        return
    try:
        if session.read():
            return
        example = example_plan()
    except DataError as exc:
        session.status.error(f"Exempelplanen i data/ kunde inte läsas. {exc}")
        return
    if example is None:
        return  # the county has no example plan: the example workshop starts empty

    def fill(d: dict) -> None:
        if not d:
            d.update(example)

    session.workspace.update(DOC, fill)


def prepare() -> None:
    """Before the page is requested (a preheated kernel): read the county and the plan's
    guide, load altair and the forum map's model (networkx) and draw the progress chart once,
    as the page draws it, so the page only applies the workshop."""
    from naravard.core.county import current_county
    from naravard.plan.catalog import plan_guide
    from naravard.plan.forums_link import forum_map_records
    from naravard.plan.model import county_plan

    plan = county_plan({}, current_county(), plan_guide())
    progress_chart(completeness(plan, forum_map_records({}))).to_dict()


def build(session: Session) -> w.Widget:
    """The whole worksheet, drawn from what is saved in the workshop."""
    seed_example(session)
    return PlanWorksheet(session).widget
