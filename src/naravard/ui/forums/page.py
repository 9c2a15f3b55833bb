"""Worksheet: map the county's decision and collaboration forums.

The group adds forums and relations, sees them as a layered graph, reads the analyses, lets
each participant tick their own picture, compares the pictures and adopts an agreed map. Maps
are imported and exported as CSV (Swedish Excel), XLSX, GraphML and JSON. Every change is saved
at once through the workspace store; the whole UI is built from the saved document, so undo and
reload show exactly what is saved.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable

import ipywidgets as w

from naravard.forums import analysis, fileio, perspectives as persp
from naravard.forums.example import load_example, organisations
from naravard.forums.model import (DOC, FIELD_LABELS, LEVELS, RELATION_KINDS, TYPES, FieldError,
                            ForumMap, add_forum, add_relation, clean_name, norm,
                            principal_options as _principal_options, remove_forum,
                            remove_relation, replace_map, update_forum)
from naravard.forums.charts import divergence_chart, forum_map_spec, similarity_chart
from naravard.core.problems import DataError, Problem
from naravard.core.text import escape, format_number, join_swedish
from naravard.core.text import table_html as text_table_html
from naravard.ui.common import Session, autosaved_text, header
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton, VegaChart

log = logging.getLogger("naravard.ui")

CSS = """
.forum-app .lm-TabBar-tab, .forum-app .p-TabBar-tab { font-size: 1rem; max-width: none !important;
  flex: 0 0 auto !important; min-width: 8rem; }
.forum-app .forum-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
  gap: 0.3rem 1rem; }
.forum-app .forum-finding { border-left: 4px solid #a3336d; padding: 0.1rem 0.8rem;
  margin: 0.8rem 0; }
.forum-app .forum-finding.ok { border-left-color: #3c8c5a; }
.forum-app .forum-finding h3 { font-size: 1.15rem; margin: 0.2rem 0; }
.forum-app .forum-summary li { margin: 0.15rem 0; }
.forum-app .forum-preview { max-height: 22rem; overflow: auto; }
.forum-app .forum-problems li { color: #a61b1b; }
.forum-app .forum-warnings li { color: #8a4b0c; }
.forum-app .forum-check { min-width: 16rem; }
.forum-app .naravard-chart { overflow-x: auto; }
.forum-app .widget-button, .forum-app .naravard-download, .forum-app .naravard-upload {
  width: auto !important; min-width: 9rem; padding: 0 1rem; }
"""

TAB_TITLES = ["Karta", "Relationer", "Analyser", "Deltagarnas bilder", "Jämförelse",
              "Import och export"]
ACCEPT = ".csv,.txt,.xlsx,.graphml,.xml,.json"


def _no_example_reason() -> str | None:
    """Why the county's data/ offers no example map to start from; None when it does."""
    from naravard.core.examples import example_file, unused_reason
    from naravard.forums.example import FORUMS_FILE
    from naravard.core.paths import data_dir

    data = data_dir()
    return unused_reason(data, FORUMS_FILE) if example_file(data, FORUMS_FILE) is None else None


def principal_options(session: Session) -> list[str]:
    """The principals a forum can have in this county (and "Gemensam")."""
    return _principal_options(session.county.principals())


def forum_problem(name: str, existing: list[str]) -> str | None:
    """Why a new forum name cannot be saved (Swedish), or None if it can."""
    try:
        clean_name(name, existing)
    except FieldError as exc:
        return str(exc)
    return None


def error_html(message: str) -> str:
    return f'<span class="naravard-error" role="alert">{escape(message)}</span>'


def table_html(header_row: list[str], rows: list[list[Any]], css: str = "") -> str:
    return text_table_html(header_row, rows, css=f"naravard-table {css}".strip())


def problems_html(problems: list[Problem], css: str) -> str:
    return f'<ul class="{css}">' + "".join(f"<li>{escape(p)}</li>" for p in problems) + "</ul>"


def labelled(widget: w.Widget, label: str) -> tuple[w.VBox, w.HTML]:
    """A field with its label above and a message line below (for refusals at the field)."""
    message = w.HTML("")
    message.add_class("naravard-field-message")
    box = w.VBox([w.HTML(f'<label class="naravard-label">{escape(label)}</label>'), widget,
                  message])
    return box, message


class ForumForm:
    """The fields of one forum; used to add a forum and to edit the selected one."""

    def __init__(self, principals: list[str]):
        self.name = w.Text(placeholder="Till exempel: Länsgruppen för vård och omsorg",
                           layout=w.Layout(width="26rem"))
        self.level = w.Dropdown(options=[(v, k) for k, v in LEVELS.items()], value="makro")
        self.principal = w.Dropdown(options=principals, value=principals[-1])
        self.type = w.Dropdown(options=[(v, k) for k, v in TYPES.items()], value="samverkande")
        self.mission = w.Textarea(placeholder="Vad ska forumet åstadkomma?", rows=2,
                                  layout=w.Layout(width="26rem"))
        self.mandate = w.Textarea(placeholder="Vad får forumet besluta om?", rows=2,
                                  layout=w.Layout(width="26rem"))
        self.frequency = w.Text(placeholder="till exempel 10 eller 0,5",
                                layout=w.Layout(width="10rem"))
        self.members = w.Text(placeholder="Roller åtskilda med |, t.ex. Socialchef Norrvik | "
                                          "Vårdcentralchef Norrvik", layout=w.Layout(width="26rem"))
        self.system_leadership = w.Checkbox(description="Forumet är länets systemledning",
                                            indent=False)
        self.fields: dict[str, w.Widget] = {k: getattr(self, k) for k in FIELD_LABELS}
        self.messages: dict[str, w.HTML] = {}
        self.boxes: dict[str, w.VBox] = {}
        labels = {"name": "Namn", "level": "Nivå", "principal": "Huvudman", "type": "Typ",
                  "mission": "Uppdrag", "mandate": "Mandat (vad forumet får besluta)",
                  "frequency": "Möten per år", "members": "Medlemmar (roller)",
                  "system_leadership": "Systemledning"}
        for key, widget in self.fields.items():
            self.boxes[key], self.messages[key] = labelled(widget, labels[key])
        self.labels = labels

    def layout(self) -> w.Widget:
        b = self.boxes
        wrap = dict(flex_flow="row wrap", grid_gap="0 1rem")
        return w.VBox([
            w.HBox([b["name"], b["level"], b["principal"], b["type"]], layout=w.Layout(**wrap)),
            w.HBox([b["mission"], b["mandate"]], layout=w.Layout(**wrap)),
            w.HBox([b["members"], b["frequency"], b["system_leadership"]],
                   layout=w.Layout(**wrap)),
        ])

    def values(self) -> dict[str, Any]:
        return {k: wid.value for k, wid in self.fields.items()}

    def fill(self, record: dict[str, Any]) -> None:
        for key, widget in self.fields.items():
            value = record.get(key)
            if key == "members":
                value = " | ".join(value or [])
            elif key == "frequency":
                value = fileio.format_frequency(value)
            elif key == "system_leadership":
                value = bool(value)
            elif value is None:
                value = ""
            widget.value = value

    def clear_messages(self) -> None:
        for m in self.messages.values():
            m.value = ""

    def show_error(self, exc: FieldError) -> None:
        box = self.messages.get(exc.field) or self.messages["name"]
        box.value = error_html(str(exc))


class ForumMappingWorksheet:
    """The whole worksheet; :meth:`refresh` redraws every view from the saved document."""

    def __init__(self, session: Session):
        self.session = session
        self.county = session.county
        self.principals = self.county.principals()
        self.options = principal_options(session)
        self.doc: dict = session.read()
        self.pending_import: fileio.ImportResult | None = None
        self.selected_perspective: str | None = None
        self._loading = False
        self._check_names: tuple = ()
        self.no_example = _no_example_reason()
        self._build()
        self.refresh()

    # -- saving ---------------------------------------------------------------------------------
    def change(self, fn: Callable[[dict], Any], *, snapshot: bool = False,
               form: ForumForm | None = None, message: w.HTML | None = None) -> bool:
        """Check ``fn`` on the current document, then save it under the lock and redraw.

        A FieldError is shown at its field (or in ``message``) and nothing is saved.
        """
        result: dict[str, Any] = {}

        def apply(d: dict) -> None:
            result["value"] = fn(d)

        try:
            saved = self.session.workspace.update(DOC, apply, snapshot=snapshot)
        except FieldError as exc:
            if form is not None:
                form.show_error(exc)
            elif message is not None:
                message.value = error_html(str(exc))
            self.session.status.error(f"Inte sparat: {exc}")
            return False
        except ValueError as exc:
            self.session.status.error(str(exc))
            return False
        self.doc = saved
        self.last_result = result.get("value")
        self.session.status.saved()
        self.refresh()
        return True

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        s = self.session
        g = s.guarded
        # Map tab: add form, chart, highlight, table, edit panel
        self.add_form = ForumForm(self.options)
        self.add_button = w.Button(description="Lägg till forum", button_style="primary")
        self.add_button.on_click(g(self.on_add_forum))
        add_card = w.VBox([
            w.HTML('<h2>Lägg till ett forum</h2><p class="naravard-help">Ett forum är en grupp '
                   "som möts regelbundet och bereder, beslutar, samverkar eller informerar. "
                   "Ange roller, aldrig namn på personer.</p>"),
            self.add_form.layout(), w.HBox([self.add_button])])
        add_card.add_class("naravard-card")
        self.chart = VegaChart()
        self.highlight = w.Dropdown(options=[("Ingen markering", "")], value="",
                                    layout=w.Layout(width="26rem"))
        self.highlight.observe(g(lambda _c: self.draw_map()), names="value")
        self.summary = w.HTML("")
        self.summary.add_class("forum-summary")
        self.forum_table = w.HTML("")
        self.edit_select = w.Dropdown(options=[("Välj forum att ändra", "")], value="",
                                      layout=w.Layout(width="26rem"))
        self.edit_select.observe(g(self.on_select_edit), names="value")
        self.edit_form = ForumForm(self.options)
        for key, widget in self.edit_form.fields.items():
            if isinstance(widget, (w.Text, w.Textarea)):
                widget.continuous_update = True
            widget.observe(g(lambda c, k=key: self.on_edit_field(k, c["new"])), names="value")
        self.remove_button = w.Button(description="Ta bort forumet", button_style="warning")
        self.remove_button.on_click(g(self.on_remove_forum))
        self.edit_panel = w.VBox([self.edit_form.layout(), w.HBox([self.remove_button])])
        self.edit_panel.layout.display = "none"
        edit_card = w.VBox([w.HTML("<h2>Ändra eller ta bort ett forum</h2><p class="
                                   '"naravard-help">Allt du skriver sparas direkt.</p>'),
                            self.edit_select, self.edit_panel])
        edit_card.add_class("naravard-card")
        self.example_hint = w.HTML("")
        self.example_button = w.Button(description="Börja med exempellänets karta",
                                       tooltip="Visar exemplet från data/ innan något sparas")
        self.example_button.on_click(g(lambda _b: self.preview_example()))
        if self.no_example:
            self.example_button.layout.display = "none"
        self.example_box = w.HBox([self.example_hint, self.example_button])
        map_tab = w.VBox([
            self.example_box,
            w.HBox([w.HTML('<label class="naravard-label">Markera i kartan:&nbsp;</label>'),
                    self.highlight]),
            self.chart, self.summary, add_card, w.HTML("<h2>Forumen</h2>"), self.forum_table,
            edit_card])

        # Relations tab
        self.rel_source = w.Dropdown(options=[], layout=w.Layout(width="22rem"))
        self.rel_kind = w.Dropdown(options=RELATION_KINDS, value=RELATION_KINDS[0])
        self.rel_target = w.Dropdown(options=[], layout=w.Layout(width="22rem"))
        source_box, self.rel_source_msg = labelled(self.rel_source, "Från forum")
        kind_box, self.rel_kind_msg = labelled(self.rel_kind, "Relation")
        target_box, self.rel_target_msg = labelled(self.rel_target, "Till forum")
        self.rel_add = w.Button(description="Lägg till relation", button_style="primary")
        self.rel_add.on_click(g(self.on_add_relation))
        self.rel_table = w.HTML("")
        self.rel_remove_select = w.Dropdown(options=[("Välj relation att ta bort", "")],
                                            value="", layout=w.Layout(width="40rem"))
        self.rel_remove = w.Button(description="Ta bort relationen", button_style="warning")
        self.rel_remove.on_click(g(self.on_remove_relation))
        rel_card = w.VBox([
            w.HTML('<h2>Lägg till en relation</h2><p class="naravard-help">Relationer går i en '
                   "riktning: <em>ger uppdrag till</em> och <em>informerar</em> går oftast nedåt, "
                   "<em>rapporterar till</em> och <em>eskalerar till</em> uppåt.</p>"),
            w.HBox([source_box, kind_box, target_box]), w.HBox([self.rel_add])])
        rel_card.add_class("naravard-card")
        rel_tab = w.VBox([rel_card, w.HTML("<h2>Relationerna</h2>"), self.rel_table,
                          w.HBox([self.rel_remove_select, self.rel_remove])])

        # Analyses tab
        self.analysis_html = w.HTML("")
        analysis_tab = w.VBox([self.analysis_html])

        # Perspectives tab
        self._build_perspectives()
        # Comparison tab
        self._build_comparison()
        # Import/export tab
        self._build_files()

        self.tabs = w.Tab(children=[map_tab, rel_tab, analysis_tab, self.persp_tab,
                                    self.comp_tab, self.files_tab])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.tabs.observe(g(lambda _c: self.refresh()), names="selected_index")
        notes = autosaved_text(self.session, ("notes",), "Anteckningar från samtalet",
                               multiline=True,
                               placeholder="Vad förvånade er? Vilka forum kände inte alla till?")
        members = ", ".join(f"{m.role} ({self.county.organisation_of(m.principal)})"
                            for m in self.county.members)
        self.widget = w.VBox([
            w.HTML(f"<style>{CSS}</style>"),
            header(s),
            s.status,
            w.HTML(f'<p class="naravard-help">Systemledningen: {escape(members)}.</p>'),
            self.tabs, notes])
        self.widget.add_class("forum-app")

    def _build_perspectives(self) -> None:
        g = self.session.guarded
        self.p_select = w.Dropdown(options=[("Välj deltagare", "")], value="",
                                   layout=w.Layout(width="24rem"))
        self.p_select.observe(g(self.on_select_perspective), names="value")
        suggestions = [m.role if m.principal == self.county.region else
                       f"{m.role} {m.principal}" for m in self.county.members]
        self.p_new = w.Combobox(options=suggestions, placeholder="Till exempel Kommundirektör "
                                                                 "Norrvik", ensure_option=False,
                                layout=w.Layout(width="24rem"))
        p_new_box, self.p_new_msg = labelled(self.p_new, "Ny deltagare (roll)")
        self.p_add = w.Button(description="Lägg till deltagare", button_style="primary")
        self.p_add.on_click(g(self.on_add_perspective))
        self.p_checks = w.VBox([])
        self.p_own_name = w.Text(placeholder="Forum som inte står i listan",
                                 layout=w.Layout(width="22rem"))
        self.p_own_level = w.Dropdown(options=[(v, k) for k, v in LEVELS.items()], value="meso")
        self.p_own_principal = w.Dropdown(options=self.options, value=self.options[-1])
        own_box, self.p_own_msg = labelled(self.p_own_name, "Ett forum bara du känner till")
        self.p_own_add = w.Button(description="Lägg till i min bild")
        self.p_own_add.on_click(g(self.on_add_own_forum))
        self.p_rel_source = w.Dropdown(options=[], layout=w.Layout(width="20rem"))
        self.p_rel_kind = w.Dropdown(options=RELATION_KINDS, value=RELATION_KINDS[0])
        self.p_rel_target = w.Dropdown(options=[], layout=w.Layout(width="20rem"))
        p_source_box, _m = labelled(self.p_rel_source, "Från forum")
        p_kind_box, _m = labelled(self.p_rel_kind, "Relation")
        p_target_box, self.p_rel_msg = labelled(self.p_rel_target, "Till forum")
        self.p_rel_add = w.Button(description="Lägg till relation i min bild")
        self.p_rel_add.on_click(g(self.on_add_perspective_relation))
        self.p_rel_copy = w.Button(description="Hämta relationerna från kartan",
                                   tooltip="Lägger till kartans relationer mellan forum du "
                                           "känner till; ta sedan bort dem du inte håller med om")
        self.p_rel_copy.on_click(g(self.on_copy_relations))
        self.p_rel_table = w.HTML("")
        self.p_rel_remove_select = w.Dropdown(options=[("Välj relation att ta bort", -1)],
                                              value=-1, layout=w.Layout(width="36rem"))
        self.p_rel_remove = w.Button(description="Ta bort relationen")
        self.p_rel_remove.on_click(g(self.on_remove_perspective_relation))
        self.p_delete = w.Button(description="Ta bort deltagarens bild", button_style="warning")
        self.p_delete.on_click(g(self.on_delete_perspective))
        self.p_detail = w.VBox([
            w.HTML('<h3>Forum du känner till</h3><p class="naravard-help">Kryssa i de forum du '
                   "vet finns och skriv vad du tror att de beslutar om. Titta inte på de andras "
                   "bilder förrän alla är klara.</p>"),
            self.p_checks,
            w.HBox([own_box, self.p_own_level, self.p_own_principal, self.p_own_add],
                   layout=w.Layout(align_items="center", flex_flow="row wrap")),
            w.HTML("<h3>Relationer i din bild</h3>"),
            w.HBox([p_source_box, p_kind_box, p_target_box]),
            w.HBox([self.p_rel_add, self.p_rel_copy]),
            self.p_rel_table, w.HBox([self.p_rel_remove_select, self.p_rel_remove]),
            w.HBox([self.p_delete])])
        self.p_detail.layout.display = "none"
        intro = w.HTML(
            '<p class="naravard-help">Varje deltagare ritar sin egen bild: vilka forum som '
            "finns, hur de hänger ihop och vad de beslutar. Deltagarna kan fylla i samtidigt på "
            "var sin dator. Jämförelsen visar sedan var bilderna skiljer sig.</p>")
        select_box, _msg = labelled(self.p_select, "Deltagare")
        bottom = w.Layout(align_items="flex-end", flex_flow="row wrap")
        self.persp_tab = w.VBox([intro, w.HBox([select_box]),
                                 w.HBox([p_new_box, self.p_add], layout=bottom), self.p_detail])

    def _build_comparison(self) -> None:
        g = self.session.guarded
        self.comp_summary = w.HTML("")
        self.comp_summary.add_class("forum-summary")
        self.div_chart = VegaChart()
        self.sim_chart = VegaChart()
        self.div_chart.layout.display = "none"
        self.sim_chart.layout.display = "none"
        self.comp_tables = w.HTML("")
        self.agree_min = w.IntSlider(value=1, min=1, max=1, description="Minst",
                                     style={"description_width": "initial"})
        self.agree_keep = w.Checkbox(value=True, indent=False,
                                     description="Behåll allt som redan finns i kartan")
        self.agree_min.observe(g(lambda _c: self.draw_agreed()), names="value")
        self.agree_keep.observe(g(lambda _c: self.draw_agreed()), names="value")
        self.agree_preview = w.HTML("")
        self.agree_button = w.Button(description="Anta den överenskomna kartan",
                                     button_style="primary")
        self.agree_button.on_click(g(self.on_ask_adopt))
        self.agree_confirm = w.Button(description="Ja, ersätt kartan", button_style="danger")
        self.agree_confirm.on_click(g(self.on_adopt))
        self.agree_cancel = w.Button(description="Avbryt")
        self.agree_cancel.on_click(g(lambda _b: self._show_adopt_confirm(False)))
        self.agree_confirm_box = w.VBox([
            w.HTML("<p><strong>Kartan ersätts med den överenskomna kartan.</strong> Den "
                   "nuvarande versionen sparas i historiken och kan tas tillbaka med "
                   "”Ångra senaste ändringen”.</p>"),
            w.HBox([self.agree_confirm, self.agree_cancel])])
        self.agree_confirm_box.layout.display = "none"
        agree_card = w.VBox([
            w.HTML('<h2>Den överenskomna kartan</h2><p class="naravard-help">Ta med forum och '
                   "relationer som minst så här många deltagare har i sin bild. Där kartan "
                   "saknar mandat fylls det vanligaste svaret på ”vad beslutar forumet” i.</p>"),
            w.HBox([self.agree_min, w.HTML("&nbsp;deltagare"), self.agree_keep]),
            self.agree_preview, w.HBox([self.agree_button]), self.agree_confirm_box])
        agree_card.add_class("naravard-card")
        self.comp_tab = w.VBox([self.comp_summary,
                                w.HTML("<h2>Vem känner till vilka forum?</h2>"), self.div_chart,
                                w.HTML("<h2>Hur lika är bilderna?</h2>"), self.sim_chart,
                                self.comp_tables, agree_card])

    def _build_files(self) -> None:
        g = self.session.guarded
        self.upload = UploadButton("Välj fil att läsa in …", g(self.on_upload),
                                   g(self.on_upload_too_large), accept=ACCEPT,
                                   max_bytes=fileio.MAX_UPLOAD_BYTES,
                                   layout=w.Layout(width="auto"))
        self.import_preview = w.HTML("")
        self.import_confirm = w.Button(description="Ersätt kartan med filens innehåll",
                                       button_style="danger")
        self.import_confirm.on_click(g(self.on_import_confirm))
        self.import_cancel = w.Button(description="Avbryt")
        self.import_cancel.on_click(g(self.on_import_cancel))
        self.import_buttons = w.HBox([self.import_confirm, self.import_cancel])
        self.import_buttons.layout.display = "none"
        err = self.session.status.error
        auto = dict(layout=w.Layout(width="auto", margin="0 0.5rem 0.5rem 0"))
        downloads = [DownloadButton(f"Ladda ner {label}", self._maker(fmt), on_error=err, **auto)
                     for fmt, label in (("xlsx", "Excel (.xlsx)"), ("csv", "CSV för Excel"),
                                        ("graphml", "GraphML"), ("json", "JSON (allt)"))]
        templates = [DownloadButton("Tom mall (.xlsx)", self._template("xlsx"), on_error=err,
                                    **auto),
                     DownloadButton("Tom mall (CSV)", self._template("csv"), on_error=err,
                                    **auto)]
        self.downloads = downloads + templates
        limit = format_number(fileio.MAX_UPLOAD_BYTES / 1024 / 1024)
        self.files_tab = w.VBox([
            w.HTML('<h2>Läs in en karta</h2><p class="naravard-help">CSV (semikolonavgränsad, '
                   "som Excel sparar den), Excel (.xlsx), GraphML eller JSON från arbetsbladet. "
                   f"Högst {limit} MB. Du ser filens innehåll och eventuella fel innan något "
                   "sparas, och den nuvarande kartan sparas i historiken.</p>"),
            w.HBox([self.upload]), self.import_preview, self.import_buttons,
            w.HTML('<h2>Ladda ner</h2><p class="naravard-help">Excel-filen har också analyserna '
                   "och deltagarnas bilder. CSV-filen öppnas rätt i svenska Excel. GraphML läses "
                   "av nätverksprogram som Gephi och yEd. JSON innehåller allt och kan läsas in "
                   "igen.</p>"),
            w.HBox(downloads, layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h3>Tom mall att fylla i</h3>"), w.HBox(templates)])

    def _maker(self, fmt: str):
        def make() -> tuple[bytes, str, str]:
            doc = self.session.read()
            data = fileio.export_bytes(doc, fmt, county_name=self.county.name,
                                       principals=self.principals)
            return data, fileio.export_filename(self.session.workspace.workshop, fmt), \
                fileio.MIME[fmt]
        return make

    def _template(self, fmt: str):
        def make() -> tuple[bytes, str, str]:
            if fmt == "csv":
                data = fileio.template_csv()
            else:
                data = fileio.to_xlsx(ForumMap(), county_name=self.county.name,
                                      principals=self.principals, template=True)
            return data, f"forumkarta-mall.{fmt}", fileio.MIME[fmt]
        return make

    # -- drawing --------------------------------------------------------------------------------
    @property
    def fmap(self) -> ForumMap:
        """The map of the saved document (computed once per saved version)."""
        cached = getattr(self, "_fmap_cache", None)
        if cached is None or cached[0] is not self.doc:
            cached = (self.doc, ForumMap.from_doc(self.doc))
            self._fmap_cache = cached
        return cached[1]

    def refresh(self) -> None:
        """Redraw every view from ``self.doc`` (the last saved document)."""
        fmap = self.fmap
        self.findings = analysis.analyse(fmap)
        names = sorted(((f.name, fid) for fid, f in fmap.forums.items()), key=lambda x: norm(x[0]))
        self._set_options(self.edit_select, [("Välj forum att ändra", "")] + names)
        self._set_options(self.rel_source, names)
        self._set_options(self.rel_target, names)
        rel_rows = sorted(((fmap.describe(r), rid) for rid, r in fmap.relations.items()),
                          key=lambda x: norm(x[0]))
        self._set_options(self.rel_remove_select, [("Välj relation att ta bort", "")] + rel_rows)
        self.forum_table.value = self._forum_table(fmap)
        self.rel_table.value = (table_html(
            ["Från", "Relation", "Till"],
            sorted(([fmap.name(r.source), r.kind, fmap.name(r.target)]
                    for r in fmap.relations.values()), key=lambda r: (norm(r[0]), r[1])),
            "relation-table") if fmap.relations else "<p>Inga relationer ännu.</p>")
        options = [("Ingen markering", "")] + [
            (f"{f.title} ({len(f.rows)})", f.key) for f in self.findings if f.forums or f.rows]
        self._set_options(self.highlight, options)
        self.summary.value = self._summary_html()
        self.analysis_html.value = self._analysis_html()
        self.example_box.layout.display = "none" if fmap.forums else ""
        self.example_hint.value = (
            '<p class="naravard-help">Kartan är tom. Börja med att lägga till ett forum, eller '
            "utgå från exemplet.</p>" if not self.no_example else
            '<p class="naravard-help">Kartan är tom. Börja med att lägga till ett forum. Det '
            f"finns ingen exempelkarta att utgå från: {escape(self.no_example)}</p>")
        self.draw_map()
        if self.edit_select.value:
            self._fill_edit(self.edit_select.value)
        selected = self.tabs.selected_index if hasattr(self, "tabs") else 0
        if selected == 3 or self.selected_perspective:
            self.draw_perspectives()
        if selected == 4:
            self.draw_comparison()

    def _set_options(self, dropdown: w.Dropdown, options: list) -> None:
        value = dropdown.value
        self._loading = True
        try:
            if list(dropdown.options) != list(options):
                dropdown.options = options
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            if value in values:
                dropdown.value = value
            elif values:
                dropdown.value = values[0]
        finally:
            self._loading = False

    def draw_map(self) -> None:
        finding = next((f for f in getattr(self, "findings", []) if f.key == self.highlight.value),
                       None)
        self.chart.spec = forum_map_spec(
            self.fmap, self.principals,
            highlight_forums=finding.forums if finding else (),
            highlight_relations=finding.relations if finding else ())

    def _forum_table(self, fmap: ForumMap) -> str:
        if not fmap.forums:
            return "<p>Inga forum ännu. Lägg till det första ovan.</p>"
        rows = []
        for rec in sorted(fmap.forums.values(), key=lambda f: (list(LEVELS).index(f.level),
                                                                norm(f.name))):
            rows.append([rec.name, LEVELS.get(rec.level, rec.level), rec.principal,
                         TYPES.get(rec.type, rec.type), rec.mission or "–",
                         rec.mandate or "–"])
        return table_html(["Forum", "Nivå", "Huvudman", "Typ", "Uppdrag", "Mandat"], rows,
                          "forum-table")

    def _summary_html(self) -> str:
        fmap = self.fmap
        if not fmap.forums:
            return ""
        items = [f"<li><strong>{format_number(len(fmap.forums))} forum</strong> och "
                 f"{format_number(len(fmap.relations))} relationer.</li>"]
        for f in self.findings:
            if f.found and f.key != "escalation":
                items.append(f"<li>{escape(f.title)}: {format_number(len(f.rows))}.</li>")
        return "<ul>" + "".join(items) + "</ul>"

    def _analysis_html(self) -> str:
        if not self.fmap.forums:
            return "<p>Analyserna visas när kartan har forum.</p>"
        parts = []
        for f in self.findings:
            css = "forum-finding" + ("" if f.found else " ok")
            body = table_html(f.header, f.rows) if f.rows else f"<p>{escape(f.empty)}</p>"
            note = f'<p class="naravard-help">{escape(f.note)}</p>' if f.note else ""
            parts.append(f'<section class="{css}" data-key="{f.key}"><h3>{escape(f.title)}</h3>'
                         f"<p>{escape(f.explanation)}</p>{note}{body}</section>")
        return "".join(parts)

    # -- forums and relations -------------------------------------------------------------------
    def on_add_forum(self, _widget=None) -> None:
        form = self.add_form
        form.clear_messages()
        values = form.values()
        if self.change(lambda d: add_forum(d, values, self.principals), form=form):
            name = self.doc["forums"][self.last_result]["name"]
            form.name.value = form.mission.value = form.mandate.value = ""
            form.members.value = form.frequency.value = ""
            form.system_leadership.value = False
            self.session.status.info(f"Forumet ”{name}” är tillagt och sparat.")

    def on_select_edit(self, change) -> None:
        if self._loading:
            return
        fid = change["new"]
        self.edit_panel.layout.display = "" if fid else "none"
        if fid:
            self._fill_edit(fid)

    def _fill_edit(self, fid: str) -> None:
        rec = (self.doc.get("forums") or {}).get(fid)
        if not rec:
            return
        self._loading = True
        try:
            self.edit_form.fill(rec)
            self.edit_form.clear_messages()
        finally:
            self._loading = False

    def on_edit_field(self, key: str, value: Any) -> None:
        fid = self.edit_select.value
        if self._loading or not fid:
            return
        self.edit_form.messages[key].value = ""
        self.change(lambda d: update_forum(d, fid, key, value, self.principals),
                    form=self.edit_form)

    def on_remove_forum(self, _button=None) -> None:
        fid = self.edit_select.value
        if not fid or fid not in (self.doc.get("forums") or {}):
            return
        name = self.doc["forums"][fid]["name"]
        if self.change(lambda d: remove_forum(d, fid), snapshot=True):
            self.session.status.info(f"Forumet ”{name}” och dess relationer är borttagna. "
                                     "Ångra med knappen längst ned om det blev fel.")

    def on_add_relation(self, _button=None) -> None:
        for m in (self.rel_source_msg, self.rel_kind_msg, self.rel_target_msg):
            m.value = ""
        msgs = {"source": self.rel_source_msg, "kind": self.rel_kind_msg,
                "target": self.rel_target_msg}
        source, kind, target = self.rel_source.value, self.rel_kind.value, self.rel_target.value

        def fn(d: dict) -> str:
            return add_relation(d, source or "", kind, target or "")
        try:
            from naravard.forums.model import check_relation
            check_relation(self.doc, source or "", kind, target or "")
        except FieldError as exc:
            msgs.get(exc.field, self.rel_target_msg).value = error_html(str(exc))
            self.session.status.error(f"Inte sparat: {exc}")
            return
        self.change(fn, message=self.rel_target_msg)

    def on_remove_relation(self, _button=None) -> None:
        rid = self.rel_remove_select.value
        if rid:
            self.change(lambda d: remove_relation(d, rid), snapshot=True)

    # -- perspectives ---------------------------------------------------------------------------
    def on_add_perspective(self, _button=None) -> None:
        self.p_new_msg.value = ""
        name = self.p_new.value
        if self.change(lambda d: persp.add_perspective(d, name), message=self.p_new_msg):
            self.selected_perspective = self.last_result
            self.p_new.value = ""
            self.draw_perspectives()

    def on_select_perspective(self, change) -> None:
        if self._loading:
            return
        self.selected_perspective = change["new"] or None
        self._checks_key = None
        self.draw_perspectives()

    def _candidates(self) -> list[tuple[str, str | None]]:
        """Every forum name a participant can tick: the map's, then those only pictures have."""
        out = {norm(f.name): (f.name, fid) for fid, f in self.fmap.forums.items()}
        for p in (self.doc.get("perspectives") or {}).values():
            for e in p.get("forums") or []:
                name = persp.entry_name(self.doc, e)
                out.setdefault(norm(name), (name, None))
        return sorted(out.values(), key=lambda x: norm(x[0]))

    def draw_perspectives(self) -> None:
        people = sorted(((p.get("participant", ""), pid) for pid, p in
                         (self.doc.get("perspectives") or {}).items()), key=lambda x: norm(x[0]))
        pid = self.selected_perspective if self.selected_perspective in dict(
            (v, k) for k, v in people) else None
        self.selected_perspective = pid
        self._set_options(self.p_select, [("Välj deltagare", "")] + people)
        self._loading = True
        self.p_select.value = pid or ""
        self._loading = False
        self.p_detail.layout.display = "" if pid else "none"
        if not pid:
            return
        entries = {norm(persp.entry_name(self.doc, e)): e
                   for e in self.doc["perspectives"][pid].get("forums") or []}
        candidates = self._candidates()
        key = (pid, tuple(n for n, _ in candidates))
        if getattr(self, "_checks_key", None) != key:
            self._checks_key = key
            rows = []
            self.p_check_widgets = {}
            for name, ref in candidates:
                box = w.Checkbox(value=False, description=name, indent=False,
                                 layout=w.Layout(width="24rem"))
                box.add_class("forum-check")
                text = w.Text(placeholder="Vad beslutar forumet?", continuous_update=True,
                              layout=w.Layout(width="28rem"))
                box.observe(self.session.guarded(
                    lambda c, n=name, r=ref: self.on_tick(n, r, c["new"])), names="value")
                text.observe(self.session.guarded(
                    lambda c, n=name, r=ref: self.on_decides(n, r, c["new"])), names="value")
                self.p_check_widgets[norm(name)] = (box, text)
                rows.append(w.HBox([box, text]))
            self.p_checks.children = rows
        self._loading = True
        try:
            for k, (box, text) in self.p_check_widgets.items():
                box.value = k in entries
                decides = entries[k].get("decides", "") if k in entries else ""
                if text.value != decides:
                    text.value = decides
        finally:
            self._loading = False
        known = sorted((persp.entry_name(self.doc, e) for e in entries.values()), key=norm)
        self._set_options(self.p_rel_source, known)
        self._set_options(self.p_rel_target, known)
        rels = self.doc["perspectives"][pid].get("relations") or []
        self._set_options(self.p_rel_remove_select, [("Välj relation att ta bort", -1)] + [
            (f"{r['source']} {r['kind']} {r['target']}", i) for i, r in enumerate(rels)])
        self.p_rel_table.value = table_html(
            ["Från", "Relation", "Till"], [[r["source"], r["kind"], r["target"]] for r in rels],
            "perspective-relations") if rels else "<p>Inga relationer i bilden ännu.</p>"

    def on_tick(self, name: str, ref: str | None, known: bool) -> None:
        pid = self.selected_perspective
        if self._loading or not pid:
            return
        entry = next((e for e in self.doc["perspectives"][pid].get("forums") or []
                      if norm(persp.entry_name(self.doc, e)) == norm(name)), None)
        level = principal = None
        if ref is None:
            for p in self.doc.get("perspectives", {}).values():
                for e in p.get("forums") or []:
                    if norm(persp.entry_name(self.doc, e)) == norm(name) and e.get("level"):
                        level, principal = e.get("level"), e.get("principal")
        self.change(lambda d: persp.set_known(d, pid, name, known, ref=ref, level=level,
                                              principal=principal),
                    snapshot=entry is not None and not known)

    def on_decides(self, name: str, ref: str | None, text: str) -> None:
        pid = self.selected_perspective
        if self._loading or not pid:
            return
        box, _t = self.p_check_widgets[norm(name)]
        if not box.value:
            self.on_tick(name, ref, True)
        self.change(lambda d: persp.set_decides(d, pid, name, text))

    def on_add_own_forum(self, _button=None) -> None:
        pid = self.selected_perspective
        self.p_own_msg.value = ""
        if not pid:
            return
        name, level, principal = (self.p_own_name.value, self.p_own_level.value,
                                  self.p_own_principal.value)
        taken = [n for n, _r in self._candidates()]
        try:
            clean_name(name, taken)
        except FieldError as exc:
            self.p_own_msg.value = error_html(str(exc))
            return
        if self.change(lambda d: persp.set_known(d, pid, name, True, level=level,
                                                 principal=principal), message=self.p_own_msg):
            self.p_own_name.value = ""

    def on_add_perspective_relation(self, _button=None) -> None:
        pid = self.selected_perspective
        self.p_rel_msg.value = ""
        if not pid:
            return
        s, k, t = self.p_rel_source.value, self.p_rel_kind.value, self.p_rel_target.value
        self.change(lambda d: persp.add_relation(d, pid, s or "", k, t or ""),
                    message=self.p_rel_msg)

    def on_copy_relations(self, _button=None) -> None:
        pid = self.selected_perspective
        if pid and self.change(lambda d: persp.copy_map_relations(d, pid)):
            self.session.status.info(f"{format_number(self.last_result)} relationer hämtades "
                                     "från kartan.")

    def on_remove_perspective_relation(self, _button=None) -> None:
        pid, index = self.selected_perspective, self.p_rel_remove_select.value
        if pid and index is not None and index >= 0:
            self.change(lambda d: persp.remove_relation(d, pid, index), snapshot=True)

    def on_delete_perspective(self, _button=None) -> None:
        pid = self.selected_perspective
        if pid:
            self.change(lambda d: persp.remove_perspective(d, pid), snapshot=True)
            self.selected_perspective = None
            self.draw_perspectives()

    # -- comparison and the agreed map ----------------------------------------------------------
    def draw_comparison(self) -> None:
        comp = persp.compare(self.doc)
        self.comparison = comp
        n = len(comp.participants)
        if not n:
            self.comp_summary.value = ("<p>Ingen deltagare har ritat sin bild ännu. Börja under "
                                       "fliken ”Deltagarnas bilder”.</p>")
            self.comp_tables.value = ""
            self.div_chart.layout.display = "none"
            self.sim_chart.layout.display = "none"
            self.agree_preview.value = ""
            return
        mean = comp.mean_similarity
        few = comp.few()
        unknown = comp.unknown()
        items = [f"<li><strong>{format_number(n)} deltagare</strong>: "
                 f"{escape(join_swedish(comp.participants))}.</li>"]
        if mean is not None:
            items.append(f"<li>Bilderna är i genomsnitt {format_number(100 * mean)} % lika "
                         "(andelen forum och relationer som två deltagare har gemensamt).</li>")
        if few:
            items.append("<li>Forum som bara en eller två känner till: "
                         f"{escape(join_swedish(f.name for f in few))}.</li>")
        if unknown:
            items.append("<li>Forum i kartan som ingen deltagare kryssade i: "
                         f"{escape(join_swedish(f.name for f in unknown))}.</li>")
        self.comp_summary.value = "<h2>Var skiljer sig bilderna?</h2><ul>" + "".join(items) + \
            "</ul>"
        self.div_chart.show(divergence_chart(comp))
        self.div_chart.layout.display = ""
        if n >= 2:
            self.sim_chart.show(similarity_chart(comp))
        self.sim_chart.layout.display = "" if n >= 2 else "none"
        forum_rows = [[f.name, f"{len(f.known_by)} av {n}",
                       "–" if f.relation_agreement is None else
                       f"{format_number(100 * f.relation_agreement)} %",
                       "; ".join(f"{p}: {t}" for p, t in f.decides.items()) or "–"]
                      for f in comp.forums]
        rel_rows = [[r.text, f"{len(r.drawn_by)} av {n}", "ja" if r.in_map else "nej"]
                    for r in comp.relations]
        self.comp_tables.value = (
            "<h2>Samstämmighet per forum</h2><p class=\"naravard-help\">Relationerna stämmer "
            "överens anger hur lika forumets relationer är i bilderna hos dem som känner till "
            "det (Jaccard-index).</p>"
            + table_html(["Forum", "Känt av", "Relationerna stämmer överens",
                          "Beslutar enligt deltagarna"], forum_rows, "agreement-table")
            + "<h2>Samstämmighet per relation</h2>"
            + table_html(["Relation", "Ritad av", "Finns i kartan"], rel_rows,
                         "relation-agreement-table"))
        self._loading = True
        try:
            if self.agree_min.max != n:
                self.agree_min.max = n
                self.agree_min.value = persp.majority(n)
        finally:
            self._loading = False
        self.draw_agreed()

    def agreed_map(self) -> ForumMap:
        return persp.merged_map(self.doc, self.agree_min.value, self.agree_keep.value)

    def draw_agreed(self) -> None:
        if self._loading:
            return
        self._show_adopt_confirm(False)
        if not persp.compare(self.doc).participants:
            self.agree_preview.value = ""
            return
        change = persp.diff_maps(self.fmap, self.agreed_map())
        if change.empty:
            self.agree_preview.value = "<p>Den överenskomna kartan är densamma som kartan nu.</p>"
            self.agree_button.disabled = True
            return
        self.agree_button.disabled = False
        parts = []
        for title, items in (("Forum som läggs till", change.added_forums),
                             ("Forum som tas bort", change.removed_forums),
                             ("Relationer som läggs till", change.added_relations),
                             ("Relationer som tas bort", change.removed_relations),
                             ("Mandat som fylls i", [f"{a}: {b}" for a, b in
                                                     change.new_mandates])):
            if items:
                parts.append(f"<p><strong>{escape(title)} ({len(items)}):</strong> "
                             f"{escape(join_swedish(items))}</p>")
        self.agree_preview.value = "".join(parts)

    def _show_adopt_confirm(self, show: bool) -> None:
        self.agree_confirm_box.layout.display = "" if show else "none"

    def on_ask_adopt(self, _button=None) -> None:
        self._show_adopt_confirm(True)

    def on_adopt(self, _button=None) -> None:
        new = self.agreed_map()
        self._show_adopt_confirm(False)
        if self.change(lambda d: replace_map(d, new), snapshot=True):
            self.session.status.info("Den överenskomna kartan är antagen. Den tidigare kartan "
                                     "finns i historiken.")

    # -- import ---------------------------------------------------------------------------------
    def on_upload_too_large(self, name: str, size: int) -> None:
        message = f"”{name}” lästes inte in: {fileio.too_large_message(size)}"
        self.import_preview.value = error_html(message)
        self.import_buttons.layout.display = "none"
        self.session.status.error(message)

    def on_upload(self, name: str, data: bytes) -> None:
        result = fileio.read_upload(name, data, self.principals, organisations(self.county))
        self.show_import(result)

    def preview_example(self) -> None:
        try:
            doc = load_example(county=self.county)
        except DataError as exc:
            result = fileio.ImportResult("data/forums.csv", "CSV", problems=exc.problems)
        else:
            if doc is None:
                self.session.status.error("Det finns ingen exempelkarta att utgå från.")
                return
            result = fileio.ImportResult("exempellänets karta i data/", "CSV",
                                         fmap=ForumMap.from_doc(doc),
                                         perspectives=doc.get("perspectives"))
        self.tabs.selected_index = 5
        self.show_import(result)

    def show_import(self, result: fileio.ImportResult) -> None:
        """Show what a file holds and its problems; offer to save only when it can be used."""
        self.pending_import = result if result.ok else None
        parts = [f"<h3>{escape(result.filename)} ({escape(result.fmt)})</h3>"]
        if result.problems:
            parts.append(f"<p class=\"naravard-error\">{len(result.problems)} problem gör att "
                         "filen inte kan läsas in. Inget har sparats. Rätta filen och försök "
                         "igen:</p>")
            parts.append(problems_html(result.problems, "forum-problems"))
        if result.warnings:
            parts.append("<p>Att kontrollera:</p>" + problems_html(result.warnings,
                                                                   "forum-warnings"))
        if result.ok:
            fmap = result.fmap
            assert fmap is not None
            rows = [[f.name, f.level, f.principal, f.type, f.mandate or "–"]
                    for f in list(fmap.forums.values())[:200]]
            parts.append(f"<p>Filen innehåller <strong>{format_number(len(fmap.forums))} "
                         f"forum</strong> och {format_number(len(fmap.relations))} relationer.")
            if result.perspectives:
                parts.append(f" Den innehåller också {len(result.perspectives)} deltagares "
                             "bilder, som ersätter de nuvarande.")
            parts.append("</p>")
            change = persp.diff_maps(self.fmap, fmap)
            if self.fmap.forums:
                parts.append(f"<p>Jämfört med kartan nu: {len(change.added_forums)} nya forum, "
                             f"{len(change.removed_forums)} forum försvinner, "
                             f"{len(change.added_relations)} nya och "
                             f"{len(change.removed_relations)} borttagna relationer.</p>")
            parts.append('<div class="forum-preview">' + table_html(
                ["Forum", "Nivå", "Huvudman", "Typ", "Mandat"], rows, "import-preview") +
                "</div>")
            parts.append("<p><strong>Vill ni ersätta kartan med filens innehåll?</strong> Den "
                         "nuvarande kartan sparas i historiken.</p>")
        self.import_preview.value = "".join(parts)
        self.import_buttons.layout.display = "" if result.ok else "none"
        if result.problems:
            self.session.status.error(f"{result.filename} lästes inte in: "
                                      f"{len(result.problems)} problem. Inget har sparats.")
        elif result.ok:
            self.session.status.info("Granska filens innehåll och bekräfta för att spara det.")

    def on_import_confirm(self, _button=None) -> None:
        result = self.pending_import
        if result is None or result.fmap is None:
            return
        fmap, perspectives = result.fmap, result.perspectives

        def fn(d: dict) -> None:
            replace_map(d, fmap)
            if perspectives is not None:
                d["perspectives"] = perspectives
        if self.change(fn, snapshot=True):
            self.pending_import = None
            self.import_buttons.layout.display = "none"
            self.import_preview.value = (
                f"<p>{escape(result.filename)} är inläst: {format_number(len(fmap.forums))} "
                f"forum och {format_number(len(fmap.relations))} relationer, sparat kl. "
                f"{dt.datetime.now():%H.%M}. Den tidigare kartan finns i historiken.</p>")
            self.session.status.info("Kartan är ersatt och sparad. Ångra med knappen längst ned "
                                     "om det blev fel.")

    def on_import_cancel(self, _button=None) -> None:
        self.pending_import = None
        self.import_buttons.layout.display = "none"
        self.import_preview.value = "<p>Inläsningen är avbruten. Inget har ändrats.</p>"
        self.session.status.info("Inläsningen är avbruten. Inget har ändrats.")


def build(session: Session) -> w.Widget:
    """Build the worksheet from the saved document (called again after undo)."""
    sheet = ForumMappingWorksheet(session)
    sheet.widget.sheet = sheet  # type: ignore[attr-defined]
    return sheet.widget
