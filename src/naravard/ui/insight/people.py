"""Steps 4 and 6 of the insight worksheet: who holds the knowledge, and the interviews.

Step 4 lists the perspectives and principals the question needs and the people to interview
(by role, with a pseudonym), and shows which needed perspectives nobody covers. Step 6 captures
the interviews, one form per interview, or imports a filled XLSX/CSV template.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from naravard.insight.study import Study, next_pseudonym, question_phrase
from naravard.insight.analysis import coverage, coverage_gaps
from naravard.insight.template import (CSV_MIME, MAX_BYTES, XLSX_MIME, merge_interviews, plan_merge,
                                read_interviews, template_csv, template_xlsx)
from naravard.core.pii import pii_problem
from naravard.core.problems import DataError
from naravard.core.store import new_id
from naravard.core.text import escape, format_date, join_swedish
from naravard.ui.common import error_html, labelled, ok_html, sheet_table
from naravard.ui.insight.common import Ctx, part, pii_text, step_card
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton, VegaChart

NO_SELECTION = ""


def respondent_label(ctx: Ctx, r) -> str:
    """How an interview is named in lists: pseudonym, role and organisation."""
    org = ctx.guide.principal_name(r.principal, ctx.county) if r.principal else "huvudman saknas"
    return f"{r.pseudonym} – {r.role or 'roll saknas'} ({org})"


def respondents_table(ctx: Ctx, study: Study) -> str:
    """The planned and interviewed respondents as an escaped HTML table."""
    if not study.respondents:
        return "<p>Ingen intervjuperson är tillagd ännu.</p>"
    rows = [[r.pseudonym, r.role, ctx.guide.principal_name(r.principal, ctx.county),
             ctx.guide.perspective_name(r.perspective),
             "intervjuad" if r.interviewed else "planerad"] for r in study.respondents]
    return sheet_table(["Pseudonym", "Roll", "Huvudman", "Perspektiv", "Status"], rows,
                       "insight-respondents")


def _checkbox(text: str, value: bool) -> w.Checkbox:
    box = w.Checkbox(value=value, description=text, indent=False,
                     layout=w.Layout(width="auto"), style={"description_width": "initial"})
    box.add_class("insight-check")
    return box


def remove_respondent(doc: dict, rid: str) -> None:
    """Remove an interview and its positions on every scale."""
    (doc.get("respondents") or {}).pop(rid, None)
    for scale in (doc.get("scales") or {}).values():
        if isinstance(scale, dict):
            (scale.get("positions") or {}).pop(rid, None)


class CarriersStep:
    """Step 4: needed perspectives and principals, the people to interview, the coverage."""

    def __init__(self, ctx: Ctx, doc: dict):
        self.ctx = ctx
        g = ctx.session.guarded
        carriers = doc.get("carriers") or {}
        needed_p = set(carriers.get("perspectives") or [])
        needed_h = set(carriers.get("principals") or [])
        self.perspective_boxes = {}
        for p in ctx.guide.perspectives:
            box = _checkbox(p.name, p.code in needed_p)
            box.tooltip = p.description
            box.observe(g(lambda _c: self.save_needed()), names="value")
            self.perspective_boxes[p.code] = box
        self.principal_boxes = {}
        for label, code in ctx.principal_options():
            box = _checkbox(label, code in needed_h)
            box.observe(g(lambda _c: self.save_needed()), names="value")
            self.principal_boxes[code] = box
        p_grid = w.Box(list(self.perspective_boxes.values()))
        p_grid.add_class("insight-grid")
        h_grid = w.Box(list(self.principal_boxes.values()))
        h_grid.add_class("insight-grid")

        self.pseudonym = w.Text(placeholder="IP 01", continuous_update=False,
                                layout=w.Layout(width="8rem"))
        self.role = w.Text(placeholder="Till exempel: Socialchef", continuous_update=False,
                         layout=w.Layout(width="18rem"))
        self.principal = w.Dropdown(options=ctx.principal_options(), layout=w.Layout(width="16rem"))
        self.perspective = w.Dropdown(options=ctx.perspective_options(),
                                      layout=w.Layout(width="18rem"))
        self.add = w.Button(description="Lägg till intervjuperson", button_style="primary")
        self.add.on_click(g(self.on_add))
        self.message = w.HTML("")
        self.table = w.HTML("")
        self.remove_select = w.Dropdown(options=[("Välj intervjuperson att ta bort", "")],
                                        layout=w.Layout(width="28rem"))
        self.remove = w.Button(description="Ta bort", button_style="warning")
        self.remove.on_click(g(self.on_remove))
        self.chart = VegaChart()
        self.gaps = w.HTML("")
        form = w.HBox([labelled("Pseudonym", self.pseudonym), labelled("Roll", self.role),
                       labelled("Huvudman", self.principal),
                       labelled("Perspektiv", self.perspective), self.add])
        form.add_class("insight-row")
        self.widget = step_card(
            4, "Kunskapsbärare",
            "Vilka perspektiv behövs för att förstå frågan, och vilka personer eller funktioner "
            "bär den kunskapen? Intervjupersoner anges med roll och pseudonym, aldrig med namn.",
            part("Perspektiv som behövs", p_grid),
            part("Huvudmän som behövs", h_grid),
            part("Intervjupersoner", form, self.message, self.table,
                 w.HBox([self.remove_select, self.remove]),
                 help_text="Pseudonymen föreslås automatiskt (IP 01, IP 02 …)."),
            part("Täckning", self.gaps, self.chart,
                 help_text="Rutorna visar hur många som är intervjuade per perspektiv och "
                           "huvudman. Röda rubriker behövs men saknar intervjuer."),
        )

    def save_needed(self) -> None:
        persp = [c for c, box in self.perspective_boxes.items() if box.value]
        princ = [c for c, box in self.principal_boxes.items() if box.value]
        if self.ctx.session.save(("carriers",), {"perspectives": persp, "principals": princ}):
            self.show_coverage(self.ctx.study())

    def on_add(self, _button=None) -> None:
        study = self.ctx.study()
        pseudonym = self.pseudonym.value.strip() or next_pseudonym(study)
        role = self.role.value.strip()
        problem = None
        if not role:
            problem = "Skriv intervjupersonens roll, till exempel ”Socialchef”."
        elif pseudonym.casefold() in {r.pseudonym.casefold() for r in study.respondents}:
            problem = f"Pseudonymen ”{pseudonym}” används redan. Välj en annan."
        else:
            problem = pii_problem(pseudonym) or pii_problem(role)
        if problem:
            self.message.value = error_html(problem)
            return
        record = {"pseudonym": pseudonym, "role": role, "principal": self.principal.value,
                  "perspective": self.perspective.value, "date": "", "answers": {}, "tags": {}}
        if self.ctx.session.save(("respondents", new_id("r")), record) is not None:
            self.message.value = ok_html(f"{pseudonym} är tillagd.")
            self.pseudonym.value = ""
            self.role.value = ""
            self.ctx.refresh()

    def on_remove(self, _button=None) -> None:
        rid = self.remove_select.value
        if not rid:
            return
        if self.ctx.session.update(lambda d: remove_respondent(d, rid), snapshot=True):
            self.ctx.say("Intervjun är borttagen. Ångra-knappen längst ned tar tillbaka den.")
            self.ctx.refresh()

    def show_coverage(self, study: Study) -> None:
        cov = coverage_gaps(study, self.ctx.guide, self.ctx.county)  # no pandas: at page start
        notes = []
        if cov.uncovered_perspectives:
            notes.append("Ingen intervjuperson för: " + join_swedish(cov.uncovered_perspectives))
        if cov.uncovered_principals:
            notes.append("Ingen intervjuperson från: " + join_swedish(cov.uncovered_principals))
        if cov.planned_only_perspectives:
            notes.append("Planerade men inte intervjuade ännu: "
                         + join_swedish(cov.planned_only_perspectives))
        if notes:
            self.gaps.value = "".join(f"<p>{error_html(n + '.')}</p>" for n in notes)
        elif study.carriers.get("perspectives"):
            self.gaps.value = f"<p>{ok_html('Alla perspektiv som behövs har minst en intervju.')}</p>"
        else:
            self.gaps.value = ('<p class="naravard-help">Kryssa i de perspektiv som behövs, så '
                               "visas vilka som saknar intervjuer.</p>")

        def make() -> dict:
            from naravard.insight.charts import coverage_chart  # altair: when drawn

            counts = coverage(study, self.ctx.guide, self.ctx.county)
            return coverage_chart(counts).to_dict(validate=False)

        self.chart.later(make)

    def refresh(self, study: Study) -> None:
        self.table.value = respondents_table(self.ctx, study)
        self.pseudonym.placeholder = next_pseudonym(study)
        self.remove_select.options = [("Välj intervjuperson att ta bort", "")] + [
            (respondent_label(self.ctx, r), r.id) for r in study.respondents]
        self.remove_select.value = ""
        self.show_coverage(study)


class InterviewsStep:
    """Step 6: one form per interview, the template to download and the import of a filled one."""

    def __init__(self, ctx: Ctx, doc: dict):
        self.ctx = ctx
        g = ctx.session.guarded
        self.selected = NO_SELECTION
        self.selector = w.Dropdown(options=[("Välj intervju", NO_SELECTION)],
                                   layout=w.Layout(width="32rem"))
        self.selector.observe(g(self.on_select), names="value")
        self.new = w.Button(description="Ny intervju")
        self.new.on_click(g(self.on_new))
        self.form = w.VBox([])
        self.pending: list[dict] | None = None
        err = ctx.session.status.error
        self.downloads = [
            DownloadButton("Ladda ner mallen (Excel)", self.make_xlsx, on_error=err),
            DownloadButton("Ladda ner mallen (CSV)", self.make_csv, on_error=err),
        ]
        self.upload = UploadButton("Läs in ifylld mall …", g(self.on_upload),
                                   g(self.on_too_large), accept=".xlsx,.csv",
                                   max_bytes=MAX_BYTES)
        self.import_preview = w.HTML("")
        self.import_confirm = w.Button(description="Läs in intervjuerna", button_style="danger")
        self.import_confirm.on_click(g(self.on_confirm))
        self.import_cancel = w.Button(description="Avbryt")
        self.import_cancel.on_click(g(self.on_cancel))
        self.import_buttons = w.HBox([self.import_confirm, self.import_cancel])
        self.import_buttons.layout.display = "none"
        self.widget = step_card(
            6, "Intervjuer",
            "Skriv ned varje intervju i ett eget formulär, eller låt intervjuarna fylla i mallen "
            "och läs in den. Personnummer, telefonnummer och e-postadresser sparas aldrig: "
            "sådan text stoppas med ett meddelande vid fältet.",
            part("Formulär", w.HBox([self.selector, self.new]), self.form),
            part("Mall för Excel", w.HBox([*self.downloads, self.upload]), self.import_preview,
                 self.import_buttons,
                 help_text="Mallen har en rad per intervjuperson och en kolumn per fråga. "
                           "Intervjuer med samma pseudonym ersätts när filen läses in; först "
                           "visas vad som kommer att hända."),
        )

    # -- the form ------------------------------------------------------------------------------
    def refresh(self, study: Study) -> None:
        options = [("Välj intervju", NO_SELECTION)] + [
            (respondent_label(self.ctx, r), r.id) for r in study.respondents]
        current = self.selected if study.respondent(self.selected) else NO_SELECTION
        self.selector.unobserve_all("value")
        self.selector.options = options
        self.selector.value = current
        self.selector.observe(self.ctx.session.guarded(self.on_select), names="value")
        if current != self.selected or not self.form.children:
            self.selected = current
            self.show_form()

    def on_select(self, change: dict) -> None:
        self.selected = change["new"] or NO_SELECTION
        self.show_form()

    def on_new(self, _button=None) -> None:
        study = self.ctx.study()
        rid = new_id("r")
        record = {"pseudonym": next_pseudonym(study), "role": "",
                  "principal": self.ctx.guide.principal_codes(self.ctx.county)[0],
                  "perspective": self.ctx.guide.perspectives[0].code, "date": "",
                  "answers": {}, "tags": {}}
        if self.ctx.session.save(("respondents", rid), record) is not None:
            self.selected = rid
            self.ctx.refresh()
            self.show_form()
            self.ctx.say(f"{record['pseudonym']} är skapad. Fyll i roll, huvudman och perspektiv.")

    def show_form(self) -> None:
        study = self.ctx.study()
        r = study.respondent(self.selected)
        if r is None:
            self.form.children = [w.HTML('<p class="naravard-help">Välj en intervju i listan eller '
                                         "skapa en ny.</p>")]
            return
        g = self.ctx.session.guarded
        base = ("respondents", r.id)
        pseudonym = pii_text(self.ctx, base + ("pseudonym",), "Pseudonym",
                             required="Pseudonymen får inte vara tom.")
        role = pii_text(self.ctx, base + ("role",), "Roll")
        for box in (pseudonym, role):
            box.field.observe(g(lambda _c: self.rename_in_lists()), names="value")
        principal = w.Dropdown(options=self.ctx.principal_options(),
                               value=r.principal if r.principal in
                               self.ctx.guide.principal_codes(self.ctx.county) else None)
        perspective = w.Dropdown(options=self.ctx.perspective_options(),
                                 value=r.perspective if r.perspective in
                                 self.ctx.guide.perspective_codes() else None)

        def saver(key: str):
            def save(change: dict) -> None:
                if change["new"] is not None and self.ctx.session.save(base + (key,),
                                                                       change["new"]):
                    self.ctx.refresh()
            return g(save)

        principal.observe(saver("principal"), names="value")
        perspective.observe(saver("perspective"), names="value")
        try:
            when = dt.date.fromisoformat(r.date) if r.date else None
        except ValueError:
            when = None
        date = w.DatePicker(value=when, description="")
        date.observe(g(lambda c: self.ctx.session.save(
            base + ("date",), c["new"].isoformat() if c["new"] else "")), names="value")
        head = w.HBox([pseudonym, role, labelled("Huvudman", principal),
                       labelled("Perspektiv", perspective), labelled("Datum", date)])
        head.add_class("insight-row")
        phrase = question_phrase(study.title)
        fields: list[w.Widget] = [head]
        last_lead = None
        for f in self.ctx.guide.answer_fields():
            if f.lead and f.lead != last_lead:
                fields.append(w.HTML('<p class="insight-question">'
                                     f"{escape(f.lead.replace('{fraga}', phrase))}</p>"))
            last_lead = f.lead
            fields.append(pii_text(self.ctx, base + ("answers", f.id),
                                   f"{f.number}. {f.text.replace('{fraga}', phrase)}",
                                   multiline=True, rows=3))
        when_text = f" · intervjuad {format_date(when)}" if when else ""
        fields.insert(0, w.HTML(f"<p><strong>{escape(r.pseudonym)}</strong>{escape(when_text)}"
                                "</p>"))
        self.form.children = fields

    def rename_in_lists(self) -> None:
        study = self.ctx.study()
        labels = dict((r.id, respondent_label(self.ctx, r)) for r in study.respondents)
        self.selector.unobserve_all("value")
        self.selector.options = [("Välj intervju", NO_SELECTION)] + list(
            (label, rid) for rid, label in labels.items())
        self.selector.value = self.selected if self.selected in labels else NO_SELECTION
        self.selector.observe(self.ctx.session.guarded(self.on_select), names="value")

    # -- template and import ------------------------------------------------------------------
    def make_xlsx(self) -> tuple[bytes, str, str]:
        study = self.ctx.study()
        return (template_xlsx(self.ctx.guide, self.ctx.county, study),
                f"intervjumall-{self.ctx.session.workspace.workshop}.xlsx", XLSX_MIME)

    def make_csv(self) -> tuple[bytes, str, str]:
        study = self.ctx.study()
        return (template_csv(self.ctx.guide, self.ctx.county, study),
                f"intervjumall-{self.ctx.session.workspace.workshop}.csv", CSV_MIME)

    def on_too_large(self, name: str, size: int) -> None:
        mb = MAX_BYTES // 1024 // 1024
        message = (f"”{name}” lästes inte in: filen är större än {mb} MB. Dela upp den i flera "
                   "filer.")
        self.import_preview.value = error_html(message)
        self.import_buttons.layout.display = "none"
        self.ctx.fail(message)

    def on_upload(self, name: str, data: bytes) -> None:
        self.pending = None
        self.import_buttons.layout.display = "none"
        try:
            result = read_interviews(name, data, self.ctx.guide, self.ctx.county)
        except DataError as exc:
            items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
            head = error_html("Filen lästes inte in. Inget har ändrats. Rätta detta och försök "
                              "igen:")
            self.import_preview.value = (f'<p>{head}</p><ul class="insight-problems">{items}'
                                         "</ul>")
            self.ctx.fail("Filen lästes inte in; se listan i steg 6.")
            return
        plan = plan_merge(self.ctx.read(), result.interviews)
        warnings = "".join(f"<li>{escape(m)}</li>" for m in result.warnings)
        self.pending = result.interviews
        self.import_preview.value = (
            f"<p>”{escape(result.file)}” innehåller {escape(plan.summary())}. Svar som är tomma "
            "i filen lämnas som de är. Den nuvarande versionen sparas i historiken.</p>"
            + (f"<ul>{warnings}</ul>" if warnings else "")
            + "<p>Vill du läsa in intervjuerna?</p>")
        self.import_buttons.layout.display = "flex"

    def on_confirm(self, _button=None) -> None:
        if not self.pending:
            return
        interviews = self.pending
        saved = self.ctx.session.update(
            lambda d: merge_interviews(d, interviews, lambda: new_id("r")), snapshot=True)
        if saved is not None:
            self.pending = None
            self.import_buttons.layout.display = "none"
            self.import_preview.value = ok_html(f"{len(interviews)} intervjuer är inlästa.")
            self.ctx.refresh()

    def on_cancel(self, _button=None) -> None:
        self.pending = None
        self.import_buttons.layout.display = "none"
        self.import_preview.value = "Inläsningen är avbruten. Inget har ändrats."
