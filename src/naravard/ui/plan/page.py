"""Worksheet: the joint primary care plan, one page per step, saved as it is typed.

Pages: the plan's frame, the five steps of SKR's support material (goals with the
Tight–Loose–Tight check, mapping with tables and CSV/XLSX import, acting together, securing
support from the county's forum map, joint follow-up), implementation with roles, time shares,
cost and a timeline, green/yellow/red prioritising, and an overview with completeness and the
DOCX, Markdown and HTML exports. Every page is drawn from the saved document each time it is
opened, so what another participant saved shows up, and "Ångra" can redraw everything.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Callable

import altair as alt
import ipywidgets as w
import pandas as pd

from naravard.plan import model
from naravard.core.charts import PALETTE
from naravard.core.county import County
from naravard.plan.charts import completeness_chart, timeline_chart
from naravard.plan.model import (AREA_BY_KEY, CONTENT_AREAS, CONTENT_GROUPS, DEFAULT_SHARES,
                    EXAMPLE_MILESTONES, EXAMPLE_PRINCIPLES, FREQUENCIES, LEVEL_HINTS, LEVELS,
                    PRIORITIES, PRIORITY_COLOURS, PRIORITY_ORDER, QUESTIONS, ROLE_KINDS, TABLES,
                    TRIPLE_AIM, Plan, TableSpec, date_problem, new_id, number_problem, show_date,
                    tlt_check)
from naravard.plan.export import export_plan
from naravard.plan.tables import MAX_BYTES, read_table_file, template_csv
from naravard.core.problems import DataError
from naravard.core.store import DEFAULT_WORKSHOP, get_path, set_path
from naravard.core.text import escape, format_number, join_swedish
from naravard.ui.common import Session, autosaved_text, header
from naravard.ui.records import (add_record, autosaved_choice, autosaved_flag, button, checks, close_tree,
                      max_length, no_contact_details, remove_record)
from naravard.ui.widgets import DownloadButton, VegaChart

log = logging.getLogger("naravard.ui")

DOC = model.DOC
SOURCE_SKR = "Källa: SKR, Stöd vid framtagande av plan för gemensam primärvård (2023)."
SOURCE_EKHOLM = "Källa: Ekholm och Caesar, Genvägen till Nära Vård (2024)."
SOURCE_GOVERNO = "Källa: Governo, offert om genomförandeplaner i Västerbotten (2022)."
PAGES: tuple[tuple[str, str], ...] = (
    ("frame", "Ram"), ("goals", "1 Mål"), ("mapping", "2 Förutsättningar"),
    ("action", "3 Agera"), ("support", "4 Stödet"), ("followup", "5 Uppföljning"),
    ("implementation", "Genomförande"), ("priorities", "Prioritering"),
    ("overview", "Översikt och export"),
)
TEXT = max_length(4000)
SHORT = max_length(500)
ROLE_TEXT = checks(max_length(300), no_contact_details)

STYLE = """<style>
.plan-steps .widget-toggle-button{width:auto;min-width:6.5rem;padding:0 .7rem;font-size:.95rem}
.plan-grid .naravard-label{display:none}
.plan-grid-head{font-weight:600;color:#3a4a5c}
.plan-row{align-items:flex-end;border-bottom:1px solid #eef3f8;padding-bottom:.3rem}
.plan-tlt-ok{color:#2f6e44;font-weight:600}
.plan-tlt-flag{color:#8a1b1b;background:#fdf0ef;border-left:4px solid #c0392b;
  padding:.3rem .7rem;margin:.3rem 0}
.plan-record{border:1px solid #d5dde6;border-radius:6px;padding:.4rem .7rem;margin:.4rem 0}
details.plan-examples{background:#f4f8fc;border-radius:6px;padding:.4rem .8rem;margin:.4rem 0}
details.plan-examples summary{cursor:pointer;font-weight:600}
.plan-source{color:#5a6777;font-size:.9rem}
.plan-chip{display:inline-block;border-radius:4px;padding:0 .4rem;color:#fff;font-weight:600}
.plan-nav{justify-content:space-between;margin:.6rem 0}
.plan-page .naravard-download,.plan-page .widget-upload{width:auto;min-width:11rem}
.plan-principle{width:40rem;max-width:100%}
.plan-gap{gap:1rem}
</style>"""


def tlt_html(findings: list[model.Finding]) -> str:
    """The Tight–Loose–Tight verdict for a goal, as escaped HTML."""
    if not findings:
        return '<p class="plan-tlt-ok">✓ Målet klarar Tight–Loose–Tight-kontrollen.</p>'
    items = "".join(f"<li>{escape(f.message)}</li>" for f in findings)
    return ('<div class="plan-tlt-flag" role="status"><strong>Flaggat av '
            f"Tight–Loose–Tight-kontrollen:</strong><ul>{items}</ul></div>")


def chip(priority: str) -> str:
    if priority not in PRIORITIES:
        return '<span class="plan-chip" style="background:#8a96a3">Ingen färg</span>'
    return (f'<span class="plan-chip" style="background:{PRIORITY_COLOURS[priority]}">'
            f"{escape(PRIORITIES[priority][0])}</span>")


def gapped(box: w.Box) -> w.Box:
    """Space between the items of a row."""
    box.add_class("plan-gap")
    return box


def help_html(text: str) -> w.HTML:
    return w.HTML(f"<p class='naravard-help'>{escape(text)}</p>")


def card(*children: w.Widget, title: str = "", css: str = "") -> w.VBox:
    """A white card with a heading; lone buttons keep their natural width."""
    items = ([w.HTML(f"<h2>{escape(title)}</h2>")] if title else []) + [
        w.HBox([c]) if isinstance(c, w.Button) else c for c in children]
    box = w.VBox(items)
    box.add_class("naravard-card")
    if css:
        box.add_class(css)
    return box


def population_chart(rows: list[dict], county: County) -> alt.Chart:
    """Inhabitants per area from the mapping table (or the county's municipalities)."""
    data = [{"område": str(r.get("area") or ""), "invånare": model.parse_number(r.get("inhabitants"))}
            for r in rows if r.get("area")]
    data = [d for d in data if d["invånare"] is not None]
    if not data:
        data = [{"område": m.name, "invånare": m.inhabitants or 0} for m in county.municipalities]
    for d in data:
        d["text"] = format_number(d["invånare"])
    df = pd.DataFrame(data)
    bars = alt.Chart(df).mark_bar(color=PALETTE["kommun"]).encode(
        y=alt.Y("område:N", sort="-x", title=None),
        x=alt.X("invånare:Q", title="Invånare", axis=alt.Axis(format=",d")),
        tooltip=[alt.Tooltip("område:N", title="Område"), alt.Tooltip("text:N", title="Invånare")],
    )
    labels = bars.mark_text(align="left", dx=4, color="#1d2733").encode(text="text:N")
    return (bars + labels).properties(width=480, height=30 * len(df), title="Invånare per område")


@contextmanager
def one_snapshot(session: Session):
    """While a page is drawn, every field reads the same saved document (one file read)."""
    snapshot = session.workspace.read(session.doc)
    session.read = lambda: snapshot  # type: ignore[method-assign]
    try:
        yield
    finally:
        del session.read


def progress_chart(progress: list[model.StepProgress]) -> alt.TopLevelMixin:
    """The compact progress chart above the steps."""
    return completeness_chart(progress, width=420, row=22, title=None)


class PlanWorksheet:
    """The plan worksheet: a step bar, the current page, and the progress chart above them."""

    def __init__(self, session: Session):
        self.s = session
        self.county = session.county
        self.principals = self.county.principals()
        self.principal_options = [(self.county.organisation_of(p), p) for p in self.principals]
        self.municipality_options = [(m.organisation, m.name)
                                     for m in self.county.municipalities]
        self.progress = VegaChart(progress_chart(self.progress_list()))
        self.progress.add_class("plan-progress")
        self.page = w.VBox()
        self.page.add_class("plan-page")
        self.steps = w.ToggleButtons(options=[(label, key) for key, label in PAGES],
                                     value=PAGES[0][0], style={"button_width": "auto"})
        self.steps.add_class("plan-steps")
        self.steps.observe(self.s.guarded(lambda ch: self.show(ch["new"])), names="value")
        self.prev = button("← Föregående steg", lambda: self.move(-1), session)
        self.next = button("Nästa steg →", lambda: self.move(1), session, style="primary")
        nav = w.HBox([self.prev, self.next])
        nav.add_class("plan-nav")
        self.widget = w.VBox([
            w.HTML(STYLE),
            header(session),
            session.status,
            card(self.progress, title="Så långt har ni kommit"),
            self.steps, self.page, nav,
        ])
        self.show(PAGES[0][0])

    # -- reading -----------------------------------------------------------------------------
    def doc(self) -> dict:
        return self.s.read()

    def plan(self) -> Plan:
        return Plan(self.doc(), self.principals)

    def forum_doc(self) -> dict:
        try:
            return self.s.workspace.read("forum_mapping")
        except Exception:  # noqa: BLE001 - a broken forum map must not stop the plan
            log.exception("Forumkartan kunde inte läsas")
            return {}

    def forum_map(self) -> list[dict]:
        return model.forum_map_records(self.forum_doc())

    def progress_list(self) -> list[model.StepProgress]:
        return model.completeness(self.plan(), self.forum_map())

    # -- navigation --------------------------------------------------------------------------
    def move(self, delta: int) -> None:
        keys = [k for k, _ in PAGES]
        index = keys.index(self.steps.value) + delta
        if 0 <= index < len(keys):
            self.steps.value = keys[index]

    def show(self, key: str) -> None:
        """Draw a page from the saved document (and refresh the progress chart)."""
        builder: Callable[[], list[w.Widget]] = getattr(self, f"page_{key}")
        old = list(self.page.children)
        with one_snapshot(self.s):
            self.page.children = builder()
        for child in old:
            close_tree(child)
        keys = [k for k, _ in PAGES]
        self.prev.disabled = key == keys[0]
        self.next.disabled = key == keys[-1]
        self.refresh_progress()

    def redraw(self) -> None:
        self.show(self.steps.value)

    def refresh_progress(self) -> None:
        self.progress.show(progress_chart(self.progress_list()))

    # -- shared pieces -----------------------------------------------------------------------
    def answers(self, step: str) -> list[w.Widget]:
        return [autosaved_text(self.s, ("answers", step, key), question, multiline=True, rows=3,
                               check=TEXT)
                for key, question in QUESTIONS[step].items()]

    def remove_button(self, path: tuple, rid: str, what: str) -> w.Button:
        def remove() -> None:
            if remove_record(self.s, path, rid):
                self.s.status.info(f"{what} togs bort. Ångra längst ned om det var fel.")
                self.redraw()
        return button(f"Ta bort {what.lower()}", remove, self.s, tooltip=f"Ta bort {what.lower()}",
                      css="plan-remove")

    def add_button(self, label: str, path: tuple, prefix: str, record: dict,
                   css: str = "") -> w.Button:
        def add() -> None:
            if add_record(self.s, path, new_id(prefix), dict(record)):
                self.redraw()
        return button(label, add, self.s, css=css)

    # -- the frame ---------------------------------------------------------------------------
    def page_frame(self) -> list[w.Widget]:
        data = self.doc()
        chosen = set(get_path(data, ("frame", "principals"), self.principals) or [])
        boxes = []
        for principal in self.principals:
            box = w.Checkbox(value=principal in chosen, indent=False,
                             description=self.county.organisation_of(principal))
            box.principal = principal  # type: ignore[attr-defined]
            boxes.append(box)

        def on_tick(_change) -> None:
            self.s.save(("frame", "principals"), [b.principal for b in boxes if b.value])

        for box in boxes:
            box.observe(self.s.guarded(on_tick), names="value")
        frame = card(
            help_html("Planen kan gälla hela länet eller en kommun med regionens primärvård där. "
                      "Valet avgör vilka som behöver vara med och vem som beslutar."),
            autosaved_text(self.s, ("frame", "title"), "Planens namn", check=SHORT,
                           placeholder=f"Gemensam plan för primärvården i {self.county.name}"),
            autosaved_text(self.s, ("frame", "period"), "Period", check=SHORT,
                           placeholder="Till exempel: 2027–2030"),
            autosaved_choice(self.s, ("frame", "level"), "Planen gäller",
                             [("Hela länet", "län"), ("En kommun och regionen", "kommun")],
                             value=get_path(data, ("frame", "level"), "")),
            w.HTML('<label class="naravard-label">Huvudmän som står bakom planen</label>'),
            w.VBox(boxes),
            title="Planens ram")
        return [frame, self.example_card(bool(data))]

    def example_card(self, has_plan: bool) -> w.VBox:
        from naravard.core.examples import example_file, unused_reason
        from naravard.core.paths import data_dir
        from naravard.plan.example import EXAMPLE_FILE

        data = data_dir()
        if example_file(data, EXAMPLE_FILE) is None:
            return card(help_html("Det finns ingen exempelplan att läsa in. "
                                  + unused_reason(data, EXAMPLE_FILE)),
                        title="Exempelplanen")
        confirm = w.HBox()
        note = w.HTML()

        def load() -> None:
            try:
                example = model.example_plan()
            except DataError as exc:
                self.s.status.error(f"Exempelplanen i data/ kunde inte läsas. {exc}")
                return
            if example is None:
                self.s.status.error("Det finns ingen exempelplan att läsa in.")
                return
            if self.s.update(lambda d: (d.clear(), d.update(example)), snapshot=True) is not None:
                self.s.status.info("Exempelplanen är inläst. Den tidigare planen finns i "
                                   "historiken; Ångra tar tillbaka den.")
                self.redraw()

        def ask() -> None:
            if not self.doc():
                load()
                return
            note.value = ("<p class='naravard-error'>Det ni har skrivit ersätts av exempelplanen. "
                          "Den nuvarande planen sparas i historiken och kan tas tillbaka med "
                          "Ångra. Vill ni fortsätta?</p>")
            confirm.children = [
                button("Ja, ersätt med exempelplanen", load, self.s, style="danger"),
                button("Avbryt", lambda: (setattr(note, "value", ""),
                                          setattr(confirm, "children", [])), self.s)]

        return card(
            help_html(f"Exempelplanen för {self.county.name} är påhittad och delvis ifylld, så "
                      "att ni kan se hur ett bra svar kan se ut – och varför ett av målen flaggas. "
                      "Workshoppen ”exempel” börjar med den."),
            button("Läs in exempelplanen", ask, self.s, css="plan-load-example"), note, confirm,
            title="Exempelplanen")

    # -- step 1 --------------------------------------------------------------------------------
    def page_goals(self) -> list[w.Widget]:
        plan = self.plan()
        intro = card(
            help_html("Utgå från länets gemensamma varför och målbild. Skriv sedan målen som en "
                      "mätbar förändring för invånarna – inte som antal sängar, platser, enheter "
                      "eller nya forum. Varje mål behöver ett mått, ett utgångsvärde, ett "
                      "målvärde och ett datum."),
            *self.answers("goals"),
            w.HTML(
                '<details class="plan-examples"><summary>Inspiration: mål från Jönköpings län och '
                "Lidköping</summary>"
                "<p><strong>Jönköpings län</strong> har formulerat målen på systemnivå i tre led: "
                "att bygga förutsättningar och stödsystem som stärker invånarnas hälsa livet ut, "
                "att ge verksamheter och medarbetare utrymme för gemensamma lokala arbetssätt och "
                "tätare samarbeten, och att låta den gemensamma uppföljningen ge lärande och "
                "riktat stöd.</p>"
                "<p><strong>Lidköping</strong> har fyra mål (i sammandrag): patientens delaktighet "
                "ska öka och säkras, liksom tillgängligheten och kontinuiteten för både patient "
                "och medarbetare, och teamarbetet med och kring patienten ska utvecklas.</p>"
                f"<p class='plan-source'>{escape(SOURCE_SKR)}</p>"
                "<p><strong>Tight–Loose–Tight:</strong> ett bra mål mäter den förändring man vill "
                "se, till exempel färre vårdrelaterade infektioner, färre fallskador på särskilt "
                "boende eller kortare väntan på utredning – inte strukturmått som antal "
                "vårdplatser.</p>"
                f"<p class='plan-source'>{escape(SOURCE_EKHOLM)}</p></details>"),
            title="Steg 1. Gemensamma mål")
        goals = [self.goal_card(gid, goal, n)
                 for n, (gid, goal) in enumerate(plan.goals().items(), 1)]
        add = self.add_button("Lägg till mål", ("goals",), "g",
                              {"text": "", "measure": "", "baseline": "", "target": "",
                               "date": ""}, css="plan-add-goal")
        empty = [help_html("Inga mål ännu. Lägg till det första.")] if not goals else []
        return [intro, card(*goals, *empty, add, title="Målen")]

    def goal_card(self, gid: str, goal: dict, number: int) -> w.VBox:
        base = ("goals", gid)
        result = w.HTML(tlt_html(tlt_check(goal)))
        result.add_class("plan-tlt")
        fields = {
            "text": autosaved_text(self.s, (*base, "text"), f"Mål {number}: vilken förändring "
                                   "ska invånarna märka?", multiline=True, rows=2,
                                   check=max_length(1000),
                                   placeholder="Till exempel: Färre äldre skadas av fall"),
            "measure": autosaved_text(self.s, (*base, "measure"), "Mått", check=SHORT,
                                      placeholder="Hur förändringen mäts"),
            "baseline": autosaved_text(self.s, (*base, "baseline"), "Utgångsvärde", check=SHORT,
                                       placeholder="Var ni står i dag"),
            "target": autosaved_text(self.s, (*base, "target"), "Målvärde", check=SHORT,
                                     placeholder="Vad ni vill nå"),
            "date": autosaved_text(self.s, (*base, "date"), "Datum", check=date_problem,
                                   placeholder="2028-12-31"),
        }
        fields["text"].add_class("plan-goal-text")

        def refresh(_change=None) -> None:
            result.value = tlt_html(tlt_check({k: f.field.value for k, f in fields.items()}))

        for f in fields.values():
            f.field.observe(self.s.guarded(refresh), names="value")
        values = w.HBox([fields["baseline"], fields["target"], fields["date"]])
        box = w.VBox([fields["text"], fields["measure"], values, result,
                      w.HBox([self.remove_button(("goals",), gid, "Målet")])])
        box.add_class("plan-record")
        box.add_class("plan-goal")
        return box

    # -- step 2 --------------------------------------------------------------------------------
    def page_mapping(self) -> list[w.Widget]:
        questions = card(
            help_html("Kartläggningen ger underlag för målen och visar vad ni kan bygga vidare "
                      "på. Säkra att ni har samma bild av de överenskommelser och arbetssätt som "
                      "redan finns."),
            *self.answers("mapping"), w.HTML(f"<p class='plan-source'>{escape(SOURCE_SKR)}</p>"),
            title="Steg 2. Kartlägga förutsättningar")
        plan = self.plan()
        return [questions, *[self.table_card(t, plan) for t in TABLES]]

    def table_card(self, table: TableSpec, plan: Plan) -> w.VBox:
        rows_path = ("mapping", "tables", table.key, "rows")
        rows = plan.table_rows(table.key)
        grid = w.VBox()
        grid.add_class("plan-grid")
        head = w.HBox([w.HTML(f"<span class='plan-grid-head'>{escape(c.label)}</span>",
                              layout=w.Layout(width=self._col_width(c)))
                       for c in table.columns])
        lines: list[w.Widget] = [head] if rows else [help_html("Tabellen är tom ännu.")]
        for rid, row in rows.items():
            cells = []
            for col in table.columns:
                path = (*rows_path, rid, col.key)
                if col.kind == "principal":
                    cell = autosaved_choice(self.s, path, col.label, self.principal_options,
                                            value=row.get(col.key, ""))
                else:
                    check = number_problem if col.kind == "number" else SHORT
                    cell = autosaved_text(self.s, path, f"{table.title}: {col.label}",
                                          check=check)
                cell.layout = w.Layout(width=self._col_width(col))
                cells.append(cell)
            line = w.HBox([*cells, self.remove_button(rows_path, rid, "Raden")])
            line.add_class("plan-row")
            lines.append(line)
        grid.children = lines
        extra: list[w.Widget] = []
        if table.key == "population":
            extra.append(button("Hämta kommunerna från data/county.yml", self.fill_population,
                                self.s))
            extra.append(VegaChart(population_chart(list(rows.values()), self.county)))
        add = self.add_button("Lägg till rad", rows_path, "r", {})
        box = card(help_html(table.question), grid, w.HBox([add, *extra[:1]]),
                   self.import_box(table, rows_path, len(rows)), *extra[1:], title=table.title)
        box.add_class(f"plan-table-{table.key}")
        return box

    @staticmethod
    def _col_width(col) -> str:
        return "9rem" if col.kind == "number" else ("12rem" if col.kind == "principal"
                                                    else "16rem")

    def fill_population(self) -> None:
        def change(d: dict) -> None:
            rows = get_path(d, ("mapping", "tables", "population", "rows"), None)
            if not isinstance(rows, dict):
                rows = {}
                set_path(d, ("mapping", "tables", "population", "rows"), rows)
            known = {str(r.get("area", "")).casefold() for r in rows.values()
                     if isinstance(r, dict)}
            for m in self.county.municipalities:
                if m.name.casefold() not in known:
                    rows[new_id("r")] = {"area": m.name, "inhabitants": m.inhabitants}
        if self.s.update(change) is not None:
            self.redraw()

    def import_box(self, table: TableSpec, rows_path: tuple, existing: int) -> w.VBox:
        upload = w.FileUpload(accept=".csv,.xlsx", multiple=False,
                              description="Läs in CSV eller Excel")
        upload.add_class(f"plan-upload-{table.key}")
        message = w.HTML()
        message.add_class("plan-import-message")
        confirm = w.HBox()
        template = DownloadButton("Ladda ner mall (CSV)",
                                  lambda: (template_csv(table), f"mall-{table.key}.csv",
                                           "text/csv"), on_error=self.s.status.error)
        organisations = {self.county.organisation_of(p): p for p in self.principals}

        def clear() -> None:
            message.value = ""
            confirm.children = []

        def apply(rows: list[dict], replace: bool) -> None:
            def change(d: dict) -> None:
                current = get_path(d, rows_path, None)
                target = {} if replace or not isinstance(current, dict) else current
                for row in rows:
                    target[new_id("r")] = row
                set_path(d, rows_path, target)
            if self.s.update(change, snapshot=True) is not None:
                self.s.status.info(f"{len(rows)} rader lästes in i tabellen ”{table.title}”. "
                                   "Den tidigare tabellen finns i historiken.")
                self.redraw()

        def received(change: dict) -> None:
            files = change["new"]
            if not files:
                return
            f = files[0]
            name, content = str(f.get("name") or "fil"), bytes(f.get("content") or b"")
            upload.value = ()
            clear()
            if len(content) > MAX_BYTES:
                message.value = (f"<p class='naravard-error' role='alert'>{escape(name)} är för "
                                 "stor (högst 5 MB). Inget har ändrats.</p>")
                return
            try:
                rows = read_table_file(name, content, table, self.principals, organisations)
            except DataError as exc:
                items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
                message.value = (f"<div class='naravard-error' role='alert'>{escape(name)} kunde "
                                 f"inte läsas in. Inget har ändrats.<ul>{items}</ul></div>")
                self.s.status.error(f"{name} kunde inte läsas in; se meddelandet vid tabellen "
                                    f"”{table.title}”. Inget har ändrats.")
                return
            if not rows:
                message.value = (f"<p class='naravard-error'>{escape(name)} innehåller inga "
                                 "rader. Inget har ändrats.</p>")
                return
            message.value = (f"<p class='naravard-info'>{escape(name)} innehåller {len(rows)} "
                             f"rader. Tabellen har i dag {existing} rader. Vill ni ersätta "
                             "tabellen eller lägga till raderna? Den nuvarande tabellen sparas i "
                             "historiken.</p>")
            options = [button("Ersätt tabellen", lambda: apply(rows, True), self.s,
                              style="warning", css="plan-import-replace")]
            if existing:
                options.append(button("Lägg till raderna", lambda: apply(rows, False), self.s))
            options.append(button("Avbryt", clear, self.s))
            confirm.children = options

        upload.observe(self.s.guarded(received), names="value")
        return w.VBox([w.HBox([upload, template]), message, confirm])

    # -- step 3 --------------------------------------------------------------------------------
    def page_action(self) -> list[w.Widget]:
        plan = self.plan()
        return [
            card(help_html("Samverkanskulturen byggs med vägledande principer, tydliga "
                           "ledningsnivåer och parhästar över organisationsgränsen. Välj sedan vad "
                           "planen ska innehålla."), title="Steg 3. Agera gemensamt"),
            self.principles_card(plan), self.levels_card(plan), self.pairs_card(plan),
            self.catalogue_card(plan), self.initiatives_card(plan),
        ]

    def principles_card(self, plan: Plan) -> w.VBox:
        path = ("action", "principles")
        rows = []
        for n, (pid, _p) in enumerate(plan.principles().items(), 1):
            field = autosaved_text(self.s, (*path, pid, "text"), f"Princip {n}", check=SHORT)
            field.add_class("plan-principle")
            rows.append(w.HBox([field, self.remove_button(path, pid, "Principen")]))
            rows[-1].add_class("plan-row")
        existing = {str(p.get("text", "")).strip().casefold() for p in plan.principles().values()}

        def add_examples() -> None:
            def change(d: dict) -> None:
                for text in EXAMPLE_PRINCIPLES:
                    if text.casefold() not in existing:
                        set_path(d, (*path, new_id("p")), {"text": text})
            if self.s.update(change) is not None:
                self.redraw()

        examples = "".join(f"<li>{escape(t)}</li>" for t in EXAMPLE_PRINCIPLES)
        return card(
            help_html("Principerna hjälper alla att lösa problem tillsammans när de uppstår, "
                      "utan att först fråga om lov."),
            w.HTML(f'<details class="plan-examples"><summary>Exempel från Skellefteå/Norsjö och '
                   f"Jönköpings län</summary><ol>{examples}</ol><p class='plan-source'>"
                   f"{escape(SOURCE_SKR)}</p></details>"),
            *rows,
            w.HBox([self.add_button("Lägg till princip", path, "p", {"text": ""}),
                    button("Lägg till exemplen", add_examples, self.s)]),
            title="Vägledande principer")

    def levels_card(self, plan: Plan) -> w.VBox:
        parts = [help_html("Beskriv vilka som leder på varje nivå och vad de ansvarar för, över "
                           "huvudmanna- och utförargränserna.")]
        for key, name in LEVELS.items():
            who_hint, duty_hint = LEVEL_HINTS[key]
            parts.append(w.HTML(f"<h3>{escape(name)}</h3>"))
            parts.append(autosaved_text(self.s, ("action", "levels", key, "who"),
                                        f"{name}: vilka ingår (roller)", placeholder=who_hint,
                                        multiline=True, rows=2, check=ROLE_TEXT))
            parts.append(autosaved_text(self.s, ("action", "levels", key, "responsibility"),
                                        f"{name}: ansvar", placeholder=duty_hint,
                                        multiline=True, rows=2, check=TEXT))
        parts.append(w.HTML(f"<p class='plan-source'>{escape(SOURCE_SKR)}</p>"))
        return card(*parts, title="Ledningsnivåer och ansvar")

    def pairs_card(self, plan: Plan) -> w.VBox:
        path = ("action", "pairs")
        rows = []
        for hid, pair in plan.pairs().items():
            line = w.HBox([
                autosaved_text(self.s, (*path, hid, "area"), "Område", check=SHORT),
                autosaved_text(self.s, (*path, hid, "region"), "Roll i regionen",
                               check=ROLE_TEXT),
                autosaved_text(self.s, (*path, hid, "municipality"), "Roll i kommunen",
                               check=ROLE_TEXT),
                autosaved_choice(self.s, (*path, hid, "principal"), "Kommun",
                                 self.municipality_options, value=pair.get("principal", "")),
                self.remove_button(path, hid, "Paret"),
            ])
            line.add_class("plan-row")
            rows.append(line)
        return card(
            help_html("Parhästar är par med en person på var sida om gränsen mellan regionen (eller "
                      "en privat utförare) och kommunen, som leder ett område tillsammans utifrån "
                      "principerna. Ange roller, inte namn."),
            *rows, self.add_button("Lägg till parhästar", path, "h", {}),
            w.HTML(f"<p class='plan-source'>{escape(SOURCE_SKR)}</p>"), title="Parhästar")

    def catalogue_card(self, plan: Plan) -> w.VBox:
        path = ("action", "initiatives")
        chosen = {str(i.get("area")): iid for iid, i in plan.initiatives().items()
                  if i.get("area")}
        groups = []
        for group in CONTENT_GROUPS:
            boxes = []
            for area in [a for a in CONTENT_AREAS if a.group == group]:
                box = w.Checkbox(value=area.key in chosen, description=area.name, indent=False,
                                 layout=w.Layout(width="auto"))

                def toggled(change: dict, area=area) -> None:
                    if change["new"]:
                        record = {"area": area.key, "title": "", "description": "", "lead": "",
                                  "goals": [], "priority": ""}
                        if add_record(self.s, path, new_id("i"), record):
                            self.redraw()
                    elif area.key in chosen:
                        if remove_record(self.s, path, chosen[area.key]):
                            self.s.status.info(f"”{area.name}” togs bort ur planen. Ångra "
                                               "längst ned om det var fel.")
                            self.redraw()

                box.observe(self.s.guarded(toggled), names="value")
                boxes.append(box)
            groups.append(w.VBox([w.HTML(f"<strong>{escape(group)}</strong>"), *boxes]))
        return card(
            help_html("Områden som kan ingå i en gemensam plan. Kryssa i det ni vill planera "
                      "tillsammans; beskriv sedan vad ni ska göra under ”Insatser”."),
            gapped(w.HBox(groups, layout=w.Layout(flex_flow="row wrap"))),
            w.HTML(f"<p class='plan-source'>{escape(SOURCE_SKR)}</p>"),
            title="Planens innehåll")

    def initiatives_card(self, plan: Plan) -> w.VBox:
        path = ("action", "initiatives")
        goals = plan.goals()
        cards = []
        for iid, ini in plan.initiatives().items():
            base = (*path, iid)
            area = AREA_BY_KEY.get(str(ini.get("area") or ""))
            parts: list[w.Widget] = [w.HTML(
                f"<h3>{escape(plan.initiative_title(ini))} {chip(str(ini.get('priority') or ''))}"
                f"</h3><p class='plan-source'>{escape(area.group if area else 'Egen insats')}"
                "</p>")]
            if area is None:
                parts.append(autosaved_text(self.s, (*base, "title"), "Insatsens namn",
                                            check=SHORT))
            parts += [
                autosaved_text(self.s, (*base, "description"), "Vad ska ni göra tillsammans?",
                               multiline=True, rows=2, check=TEXT),
                autosaved_text(self.s, (*base, "lead"), "Ansvariga (roller eller parhästar)",
                               check=ROLE_TEXT),
            ]
            if goals:
                linked = set(ini.get("goals") or [])
                ticks = []
                for n, gid in enumerate(goals, 1):
                    tick = w.Checkbox(value=gid in linked, description=f"Mål {n}", indent=False,
                                      layout=w.Layout(width="auto"))
                    tick.goal_id = gid  # type: ignore[attr-defined]
                    ticks.append(tick)

                def linked_goals(_change, ticks=ticks, base=base) -> None:
                    self.s.save((*base, "goals"), [t.goal_id for t in ticks if t.value])

                for tick in ticks:
                    tick.observe(self.s.guarded(linked_goals), names="value")
                parts += [w.HTML('<label class="naravard-label">Vilka mål bidrar insatsen '
                                 "till?</label>"), w.HBox(ticks)]
            parts.append(w.HBox([self.remove_button(path, iid, "Insatsen")]))
            box = w.VBox(parts)
            box.add_class("plan-record")
            cards.append(box)
        empty = [help_html("Inga insatser ännu: kryssa i ett område ovan eller lägg till en "
                           "egen.")] if not cards else []
        add = self.add_button("Lägg till egen insats", path, "i",
                              {"area": "", "title": "", "description": "", "lead": "",
                               "goals": [], "priority": ""})
        return card(*cards, *empty, add, title="Insatser")

    # -- step 4 --------------------------------------------------------------------------------
    def page_support(self) -> list[w.Widget]:
        plan = self.plan()
        forum_map = self.forum_map()
        intro = card(
            help_html("En av systemledningens viktigaste uppgifter är att lösa det som står i "
                      "vägen för målen i mikrosystemet. Bestäm vilka forum som beslutar, vilka "
                      "som stödjer och vart frågor som fastnat ska lyftas."),
            *self.answers("support"),
            w.HTML('<details class="plan-examples"><summary>Exempel från källorna</summary>'
                   "<p><strong>Skellefteå/Norsjö</strong> bygger samverkan på förankrade "
                   "ledningsstrukturer på tre nivåer – strategisk, taktisk och operativ – med "
                   "region och kommun i balans på varje nivå.</p><p><strong>Jönköpings "
                   "län</strong> lyfter fram erfarenheterna från sin systemledning: planen "
                   "förverkligas när det finns en systemledning som är tillgänglig och prioriterar "
                   "det som fastnat nära invånaren.</p>"
                   f"<p class='plan-source'>{escape(SOURCE_SKR)}</p></details>"),
            title="Steg 4. Säkra stödet")
        return [intro, self.map_forums_card(plan, forum_map), self.typed_forums_card(plan,
                                                                                     forum_map)]

    def map_forums_card(self, plan: Plan, forum_map: list[dict]) -> w.VBox:
        link = (f"{self.county.worksheet_url}forum_mapping.ipynb?workshop="
                f"{self.s.workspace.workshop}")
        if not forum_map:
            return card(w.HTML(
                "<p class='naravard-info plan-no-forum-map'>Det finns ingen forumkarta i "
                f"workshoppen ”{escape(self.s.workspace.workshop)}” ännu. Gör kartan i "
                f"arbetsbladet <a href='{escape(link)}' target='_blank'>Kartlägg beslutsforum"
                "</a> så att planen och kartan stämmer överens, eller skriv in forumen "
                "nedan.</p>"), title="Forum från forumkartan")
        saved = plan.support_forums()
        by_forum = {str(f.get("forum_id")): (sid, f) for sid, f in saved.items()
                    if f.get("forum_id")}
        by_name = {str(f.get("name") or "").strip().casefold(): (sid, f)
                   for sid, f in saved.items() if not f.get("forum_id")}
        rows = [w.HTML("<p class='naravard-help'>Forumen kommer från workshoppens forumkarta. "
                       "Kryssa i vilken roll varje forum har i planen.</p>")]
        for forum in forum_map:
            fid = str(forum.get("id") or "")
            if not fid:
                continue
            name_key = str(forum.get("name") or "").strip().casefold()
            sid, rec = by_forum.get(fid) or by_name.get(name_key) or (f"map_{fid}", {})
            level = LEVELS.get(str(forum.get("level") or ""), "")
            principal = str(forum.get("principal") or "")
            meta = join_swedish([x for x in (level, self.county.organisation_of(principal)
                                             if principal else "",
                                             str(forum.get("type") or "")) if x])
            flags = []
            for key, label in (("decides", "Beslutar"), ("supports", "Stödjer"),
                               ("escalation", "Hit lyfts frågor")):
                flags.append(self._forum_flag(sid, forum, key, label, bool(rec.get(key))))
            line = w.HBox([w.HTML(f"<strong>{escape(forum.get('name'))}</strong><br>"
                                  f"<span class='plan-source'>{escape(meta)}</span>",
                                  layout=w.Layout(width="20rem")), *flags])
            line.add_class("plan-row")
            line.add_class("plan-map-forum")
            rows.append(line)
        known = {str(f.get("id")) for f in forum_map}
        for sid, rec in saved.items():
            if rec.get("forum_id") and str(rec.get("forum_id")) not in known:
                rows.append(w.HBox([w.HTML(
                    f"<span class='naravard-error'>”{escape(rec.get('name'))}” finns inte längre i "
                    "forumkartan.</span>"), self.remove_button(("support", "forums"), sid,
                                                               "Forumet")]))
        return card(*rows, title="Forum från forumkartan")

    def _forum_flag(self, sid: str, forum: dict, key: str, label: str, value: bool) -> w.Checkbox:
        box = w.Checkbox(value=value, description=label, indent=False,
                         layout=w.Layout(width="auto"))

        def changed(change: dict) -> None:
            def update(d: dict) -> None:
                set_path(d, ("support", "forums", sid, "forum_id"), str(forum.get("id")))
                set_path(d, ("support", "forums", sid, "name"), str(forum.get("name") or ""))
                set_path(d, ("support", "forums", sid, key), bool(change["new"]))
            self.s.update(update)
            self.refresh_progress()

        box.observe(self.s.guarded(changed), names="value")
        return box

    def typed_forums_card(self, plan: Plan, forum_map: list[dict]) -> w.VBox:
        path = ("support", "forums")
        in_map = {str(f.get("name") or "").strip().casefold() for f in forum_map}
        rows = []
        for sid, rec in plan.support_forums().items():
            if rec.get("forum_id") or str(rec.get("name") or "").strip().casefold() in in_map:
                continue
            base = (*path, sid)
            line = w.HBox([
                autosaved_text(self.s, (*base, "name"), "Forum", check=checks(
                    lambda v: "Skriv forumets namn." if not v.strip() else None,
                    max_length(120))),
                autosaved_flag(self.s, (*base, "decides"), "Beslutar", value=rec.get("decides")),
                autosaved_flag(self.s, (*base, "supports"), "Stödjer",
                               value=rec.get("supports")),
                autosaved_flag(self.s, (*base, "escalation"), "Hit lyfts frågor",
                               value=rec.get("escalation")),
                autosaved_text(self.s, (*base, "note"), "Kommentar", check=SHORT),
                self.remove_button(path, sid, "Forumet"),
            ])
            line.add_class("plan-row")
            rows.append(line)
        text = ("Forum som inte finns i forumkartan, eller alla forum om workshoppen saknar "
                "karta." if forum_map else "Skriv in de forum planen bygger på.")
        return card(help_html(text), *rows,
                    self.add_button("Lägg till forum", path, "s",
                                    {"name": "", "forum_id": "", "decides": False,
                                     "supports": False, "escalation": False, "note": ""}),
                    title="Forum som skrivs in här")

    # -- step 5 --------------------------------------------------------------------------------
    def page_followup(self) -> list[w.Widget]:
        plan = self.plan()
        path = ("followup", "indicators")
        covered = {str(i.get("dimension") or "") for i in plan.indicators().values()}
        coverage = "".join(
            f"<li>{'✓' if k in covered else '–'} {escape(name)}</li>" for k, name in
            TRIPLE_AIM.items())
        parts: list[w.Widget] = [
            help_html("Bestäm hur de gemensamma resultaten ska följas, på mikro-, meso- och "
                      "makronivå. Knyt varje indikator till ett mål och till en av Triple Aims "
                      "tre dimensioner, så att hälsa, upplevelse och kostnad hålls ihop."),
            w.HTML(f"<p><strong>Triple Aim i planen:</strong></p><ul>{coverage}</ul>"),
            w.HTML('<details class="plan-examples"><summary>Exempel på vad som kan mätas'
                   "</summary><ul><li><strong>Hälsa:</strong> dödlighet, kroniska sjukdomar, "
                   "självskattad hälsa.</li><li><strong>Upplevelse:</strong> ledtider, "
                   "tillgänglighet, delaktighet, upplevd trygghet.</li><li><strong>Kostnad:"
                   "</strong> vårdkostnad per invånare, användning av vårdplatser och personal."
                   f"</li></ul><p class='plan-source'>{escape(SOURCE_EKHOLM)}</p>"
                   "<p><strong>Jönköpings län</strong> följer upp sin plan med både mätningar och "
                   f"berättelser.</p><p class='plan-source'>{escape(SOURCE_SKR)}</p></details>"),
        ]
        goals = plan.goals()
        if not goals:
            parts.append(help_html("Skriv målen i steg 1 först; indikatorerna knyts till dem."))
        for gid in goals:
            parts.append(w.HTML(f"<h3>{escape(plan.goal_label(gid))}</h3>"))
            for kid, _ind in plan.indicators_for(gid).items():
                parts.append(self.indicator_row(kid, plan.indicators()[kid]))
            parts.append(self.add_button("Lägg till indikator", path, "k",
                                         {"goal": gid, "name": "", "source": "", "frequency": "",
                                          "owner": "", "dimension": ""}))
        orphans = {k: v for k, v in plan.indicators().items() if v.get("goal") not in goals}
        if orphans:
            parts.append(w.HTML("<h3>Indikatorer vars mål har tagits bort</h3>"))
            parts += [self.indicator_row(k, v) for k, v in orphans.items()]
        return [card(*parts, title="Steg 5. Gemensam uppföljning"), self.calendar_card(plan)]

    def indicator_row(self, kid: str, ind: dict) -> w.HBox:
        base = ("followup", "indicators", kid)
        line = w.HBox([
            autosaved_text(self.s, (*base, "name"), "Indikator", check=SHORT),
            autosaved_text(self.s, (*base, "source"), "Källa", check=SHORT),
            autosaved_choice(self.s, (*base, "frequency"), "Frekvens",
                             [(v, k) for k, v in FREQUENCIES.items()],
                             value=ind.get("frequency", "")),
            autosaved_text(self.s, (*base, "owner"), "Ansvarig (roll)", check=ROLE_TEXT),
            autosaved_choice(self.s, (*base, "dimension"), "Triple Aim",
                             [(v, k) for k, v in TRIPLE_AIM.items()],
                             value=ind.get("dimension", "")),
            self.remove_button(("followup", "indicators"), kid, "Indikatorn"),
        ], layout=w.Layout(flex_flow="row wrap"))
        line.add_class("plan-row")
        return line

    def calendar_card(self, plan: Plan) -> w.VBox:
        path = ("followup", "calendar")
        rows = []
        for cid, meeting in plan.calendar():
            line = w.HBox([
                autosaved_text(self.s, (*path, cid, "date"), "Datum", check=date_problem,
                               placeholder="2027-03-18"),
                autosaved_text(self.s, (*path, cid, "what"), "Vad följs upp?", check=SHORT),
                autosaved_choice(self.s, (*path, cid, "level"), "Nivå",
                                 [(v, k) for k, v in LEVELS.items()],
                                 value=meeting.get("level", "")),
                autosaved_text(self.s, (*path, cid, "forum"), "Forum", check=SHORT),
                self.remove_button(path, cid, "Mötet"),
            ])
            line.add_class("plan-row")
            rows.append(line)
        return card(help_html("När och var följs resultaten upp? Mötena visas på tidslinjen "
                              "under Genomförande."), *rows,
                    self.add_button("Lägg till uppföljningsmöte", path, "c",
                                    {"date": "", "what": "", "level": "", "forum": ""}),
                    title="Uppföljningskalender")

    # -- implementation ------------------------------------------------------------------------
    def page_implementation(self) -> list[w.Widget]:
        plan = self.plan()
        timeline = VegaChart(timeline_chart(plan))
        summary = w.HTML(self.cost_html(plan))
        summary.add_class("plan-cost")

        def refresh_cost(_change=None) -> None:
            summary.value = self.cost_html(self.plan())

        def refresh_timeline(_change=None) -> None:
            timeline.show(timeline_chart(self.plan()))

        rate = autosaved_text(self.s, ("implementation", "cost_per_fte_month"),
                              "Kostnad per heltid och månad (kr, med sociala avgifter)",
                              check=number_problem, placeholder="Till exempel 68 000")
        rate.field.observe(self.s.guarded(refresh_cost), names="value")
        roles = self.roles_card(plan, refresh_cost)
        milestones = self.milestones_card(plan, refresh_timeline)
        return [
            card(help_html("Genomförandeplanen anger vem som gör vad, med hur stor del av sin "
                           "arbetstid, och vilka etappmål som ska nås när. Processledningen "
                           "delas helst mellan en person från regionen och en från kommunen. "
                           "Använd befintliga forum hellre än att skapa nya."),
                 w.HTML(f"<p class='plan-source'>{escape(SOURCE_GOVERNO)}</p>"), rate,
                 title="Genomförande"),
            roles, card(summary, title="Kostnadsuppskattning"), milestones,
            card(timeline, title="Tidslinje"),
        ]

    def cost_html(self, plan: Plan) -> str:
        costs = model.cost_summary(plan)
        if not costs.roles:
            return "<p class='naravard-help'>Lägg till roller för att se kostnaden.</p>"
        rows = "".join(
            f"<tr><td>{escape(r.title or ROLE_KINDS.get(r.kind, ''))}</td>"
            f"<td>{escape(format_number(r.fte, 2) if r.fte is not None else '–')}</td>"
            f"<td>{escape(format_number(r.cost) + ' kr' if r.cost is not None else '–')}</td>"
            "</tr>" for r in costs.roles)
        rate = plan.cost_per_fte_month
        note = ("" if rate is not None else "<p class='naravard-error'>Ange kostnad per heltid "
                "och månad för att räkna ut kostnaden.</p>")
        missing = ("<p class='naravard-help'>Saknar antal personer, tidsandel eller månader: "
                   f"{escape(join_swedish(costs.incomplete))}.</p>" if costs.incomplete else "")
        return (f"<table class='naravard-table'><thead><tr><th>Roll</th><th>Årsarbetare</th>"
                f"<th>Kostnad</th></tr></thead><tbody>{rows}<tr><th>Totalt</th>"
                f"<th>{escape(format_number(costs.total_fte, 2))}</th>"
                f"<th>{escape(format_number(costs.total_cost))} kr</th></tr></tbody></table>"
                f"<p>Regionens del: {escape(format_number(costs.region_cost))} kr · kommunernas "
                f"del: {escape(format_number(costs.municipal_cost))} kr.</p>{note}{missing}")

    def roles_card(self, plan: Plan, refresh_cost: Callable) -> w.VBox:
        path = ("implementation", "roles")
        rows = []
        for rid, role in plan.roles().items():
            base = (*path, rid)
            numbers = [autosaved_text(self.s, (*base, key), label, check=number_problem)
                       for key, label in (("persons", "Antal personer"),
                                          ("share", "Tidsandel (%)"), ("months", "Månader"))]
            for box in numbers:
                box.field.observe(self.s.guarded(refresh_cost), names="value")
                box.layout = w.Layout(width="8.5rem")
            line = w.HBox([
                autosaved_choice(self.s, (*base, "kind"), "Typ",
                                 [(v, k) for k, v in ROLE_KINDS.items()],
                                 value=role.get("kind", ""), on_change=lambda _v: refresh_cost()),
                autosaved_text(self.s, (*base, "title"), "Roll", check=ROLE_TEXT),
                autosaved_choice(self.s, (*base, "principal"), "Huvudman",
                                 self.principal_options, value=role.get("principal", ""),
                                 on_change=lambda _v: refresh_cost()),
                *numbers, self.remove_button(path, rid, "Rollen"),
            ], layout=w.Layout(flex_flow="row wrap"))
            line.add_class("plan-row")
            rows.append(line)

        def add_example_roles() -> None:
            region, first = self.principals[0], self.principals[1]
            new = [
                {"kind": "processledare", "title": "Processledare, regionen",
                 "principal": region, "persons": 1, "share": DEFAULT_SHARES["processledare"],
                 "months": ""},
                {"kind": "processledare", "title": "Processledare, kommunerna",
                 "principal": first, "persons": 1, "share": DEFAULT_SHARES["processledare"],
                 "months": ""},
                {"kind": "arbetsgrupp", "title": "Arbetsgrupp", "principal": region,
                 "persons": "", "share": DEFAULT_SHARES["arbetsgrupp"], "months": ""},
            ]
            def change(d: dict) -> None:
                for record in new:
                    set_path(d, (*path, new_id("r")), record)
            if self.s.update(change) is not None:
                self.redraw()

        return card(
            help_html("Governos förslag för Västerbotten räknade med processledare i par med 25 procent "
                      "av en heltid var, och arbetsgruppens medlemmar med 10–15 procent av sin "
                      "arbetstid."),
            *rows,
            w.HBox([self.add_button("Lägg till roll", path, "r",
                                    {"kind": "", "title": "", "principal": "", "persons": "",
                                     "share": "", "months": ""}),
                    button("Lägg till roller som i exemplet", add_example_roles, self.s)]),
            title="Roller och tidsandelar")

    def milestones_card(self, plan: Plan, refresh_timeline: Callable) -> w.VBox:
        path = ("implementation", "milestones")
        rows = []
        for mid, milestone in plan.milestones():
            date = autosaved_text(self.s, (*path, mid, "date"), "Datum", check=date_problem,
                                  placeholder="2027-04-30")
            title = autosaved_text(self.s, (*path, mid, "title"), "Etappmål", check=SHORT)
            for box in (date, title):
                box.field.observe(self.s.guarded(refresh_timeline), names="value")
            line = w.HBox([
                title, date,
                autosaved_flag(self.s, (*path, mid, "done"), "Klart",
                               value=milestone.get("done"),
                               on_change=lambda _v: refresh_timeline()),
                self.remove_button(path, mid, "Etappmålet"),
            ])
            line.add_class("plan-row")
            rows.append(line)

        def add_examples() -> None:
            known = {str(m.get("title", "")).casefold() for _, m in plan.milestones()}
            def change(d: dict) -> None:
                for text in EXAMPLE_MILESTONES:
                    if text.casefold() not in known:
                        set_path(d, (*path, new_id("m")), {"title": text, "date": "",
                                                           "done": False})
            if self.s.update(change) is not None:
                self.redraw()

        examples = "".join(f"<li>{escape(t)}</li>" for t in EXAMPLE_MILESTONES)
        return card(
            w.HTML(f'<details class="plan-examples"><summary>Etappmål i Governos förslag för '
                   f"Västerbotten</summary><ol>{examples}</ol><p class='plan-source'>"
                   f"{escape(SOURCE_GOVERNO)}</p></details>"),
            *rows,
            w.HBox([self.add_button("Lägg till etappmål", path, "m",
                                    {"title": "", "date": "", "done": False}),
                    button("Lägg till etappmålen från exemplet", add_examples, self.s)]),
            title="Etappmål")

    # -- prioritising --------------------------------------------------------------------------
    def page_priorities(self) -> list[w.Widget]:
        plan = self.plan()
        legend = "".join(
            f"<tr><td>{chip(k)}</td><td>{escape(PRIORITIES[k][1])}</td>"
            f"<td>{escape(PRIORITIES[k][2])}</td></tr>" for k in PRIORITY_ORDER)
        summary = w.HTML(self.priority_summary(plan))
        rows = []
        for iid, ini in plan.initiatives().items():
            value = str(ini.get("priority") or "")
            toggle = w.ToggleButtons(options=[("Röd", "röd"), ("Gul", "gul"), ("Grön", "grön"),
                                              ("Ingen färg", "")],
                                     value=value if value in PRIORITIES else "",
                                     style={"button_width": "6rem"})

            def chosen(change: dict, iid=iid) -> None:
                self.s.save(("action", "initiatives", iid, "priority"), change["new"])
                summary.value = self.priority_summary(self.plan())
                self.refresh_progress()

            toggle.observe(self.s.guarded(chosen), names="value")
            line = w.HBox([w.HTML(f"<strong>{escape(plan.initiative_title(ini))}</strong>",
                                  layout=w.Layout(width="22rem")), toggle])
            line.add_class("plan-row")
            line.add_class("plan-priority")
            rows.append(line)
        if not rows:
            rows.append(help_html("Det finns inga insatser än. Välj innehåll och insatser i "
                                  "steg 3."))
        return [
            card(help_html("Markera varje insats efter vilka invånare den främst är till för. "
                           "Börja med dem som har störst behov (röd); på sikt handlar det också "
                           "om att förhindra att gula blir röda. Prioriteringen behöver inte vara "
                           "perfekt från början – det viktiga är att komma igång."),
                 w.HTML(f"<table class='naravard-table'><thead><tr><th>Färg</th><th>Vilka "
                        f"invånare</th><th>Vad det betyder för planen</th></tr></thead><tbody>"
                        f"{legend}</tbody></table><p class='plan-source'>"
                        f"{escape(SOURCE_EKHOLM)}</p>"),
                 *rows, title="Prioritering"),
            card(summary, title="Insatserna efter färg"),
        ]

    def priority_summary(self, plan: Plan) -> str:
        parts = []
        for k in [*PRIORITY_ORDER, ""]:
            names = [plan.initiative_title(i) for i in plan.initiatives().values()
                     if (str(i.get("priority") or "") == k) or
                     (k == "" and i.get("priority") not in PRIORITIES)]
            if names:
                items = "".join(f"<li>{escape(n)}</li>" for n in names)
                parts.append(f"<p>{chip(k)}</p><ul>{items}</ul>")
        return "".join(parts) or "<p class='naravard-help'>Inga insatser ännu.</p>"

    # -- overview and export ---------------------------------------------------------------------
    def page_overview(self) -> list[w.Widget]:
        progress = self.progress_list()
        rows = []
        for p in progress:
            todo = "".join(f"<li>{escape(m)}</li>" for m in p.missing)
            flags = "".join(f"<li class='naravard-error'>{escape(m)}</li>" for m in p.flagged)
            detail = (f"<details><summary>{len(p.missing)} kvar, {len(p.flagged)} flaggade"
                      f"</summary><ul>{flags}{todo}</ul></details>"
                      if (todo or flags) else "Inget kvar")
            rows.append(f"<tr><td>{escape(p.step.heading)}</td><td>{p.done} av {p.total}</td>"
                        f"<td>{escape(p.status)}</td><td>{detail}</td></tr>")
        table = w.HTML("<table class='naravard-table plan-completeness'><thead><tr><th>Steg</th>"
                       "<th>Ifyllt</th><th>Läge</th><th>Kvar att göra</th></tr></thead><tbody>"
                       + "".join(rows) + "</tbody></table>")
        workshop = self.s.workspace.workshop

        def maker(fmt: str):
            def make() -> tuple[bytes, str, str]:
                doc = self.doc()
                if not doc:
                    raise ValueError("Planen är tom. Skriv något i stegen först.")
                return export_plan(doc, self.county, workshop, fmt, self.forum_doc())
            return make

        downloads = []
        for fmt, label in (("docx", "Ladda ner planen som Word (DOCX)"),
                           ("md", "Ladda ner som Markdown"), ("html", "Ladda ner som webbsida")):
            d = DownloadButton(label, maker(fmt), on_error=self.s.status.error)
            d.add_class(f"plan-download-{fmt}")
            downloads.append(d)
        return [
            card(help_html("Här ser ni per steg vad som är ifyllt, vad som saknas och vad "
                           "kontrollerna flaggar. Använd listan i slutet av en workshop för att "
                           "bestämma vad som görs till nästa gång."), table,
                 title="Översikt"),
            card(help_html("Word-filen har titelsida, innehållsförteckning, ett avsnitt per steg, "
                           "tabeller och tidslinjen som bild, och kan skickas runt som den är. "
                           "Samma export går att göra från kommandoraden: naravard export plan "
                           f"--format docx --workshop {workshop}"),
                 gapped(w.HBox(downloads, layout=w.Layout(flex_flow="row wrap"))),
                 title="Exportera planen"),
        ]


def seed_example(session: Session) -> None:
    """The example workshop starts with the example plan from data/ (only when still empty and
    when the county has an example plan)."""
    if session.workspace.workshop != DEFAULT_WORKSHOP:
        return
    try:
        if session.read():
            return
        example = model.example_plan()
    except DataError as exc:
        session.status.error(f"Exempelplanen i data/ kunde inte läsas. {exc}")
        return
    if example is None:
        return  # the county has no example plan: the example workshop starts empty

    def fill(d: dict) -> None:
        if not d:
            d.update(example)

    session.workspace.update(DOC, fill)


def build(session: Session) -> w.Widget:
    """The whole worksheet, drawn from what is saved in the workshop."""
    seed_example(session)
    return PlanWorksheet(session).widget
