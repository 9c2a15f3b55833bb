"""The "Import och export" tab: read a map from a file after a preview and a confirmation, start
from the example county's map, and download the map, its analyses and empty templates."""

from __future__ import annotations

import datetime as dt
from typing import Callable

import ipywidgets as w

from naravard.core.problems import DataError
from naravard.core.text import escape, format_number
from naravard.forums import fileio, writers
from naravard.forums import perspectives as persp
from naravard.forums.example import load_example, organisations
from naravard.ui.forums.map_tab import start_map_label
from naravard.forums.model import ForumMap, replace_map
from naravard.ui.common import error_html, sheet_table
from naravard.ui.forums.part import Sheet, SheetPart, problems_html
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton

ACCEPT = ".csv,.txt,.xlsx,.graphml,.xml,.json"
FILES_TAB = 5
DOWNLOADS = (("xlsx", "Excel (.xlsx)"), ("csv", "CSV för Excel"), ("graphml", "GraphML"),
             ("json", "JSON (allt)"))
FileMaker = Callable[[], tuple[bytes, str, str]]


def import_help() -> str:
    limit = format_number(fileio.MAX_UPLOAD_BYTES / 1024 / 1024)
    return ('<h2>Läs in en karta</h2><p class="naravard-help">CSV (semikolonavgränsad, som Excel '
            "sparar den), Excel (.xlsx), GraphML eller JSON från arbetsbladet. "
            f"Högst {limit} MB. Du ser filens innehåll och eventuella fel innan något sparas, "
            "och den nuvarande kartan sparas i historiken.</p>")


DOWNLOAD_HELP = ('<h2>Ladda ner</h2><p class="naravard-help">Excel-filen har också analyserna '
                 "och deltagarnas bilder. CSV-filen öppnas rätt i svenska Excel. GraphML läses "
                 "av nätverksprogram som Gephi och yEd. JSON innehåller allt och kan läsas in "
                 "igen.</p>")


def preview_html(result: fileio.ImportResult, current: ForumMap) -> str:
    """What a file holds, its problems and warnings, and how it differs from the map now."""
    parts = [f"<h3>{escape(result.filename)} ({escape(result.fmt)})</h3>"]
    if result.problems:
        parts.append(f"<p class=\"naravard-error\">{len(result.problems)} problem gör att "
                     "filen inte kan läsas in. Inget har sparats. Rätta filen och försök "
                     "igen:</p>")
        parts.append(problems_html(result.problems, "forum-problems"))
    if result.warnings:
        parts.append("<p>Att kontrollera:</p>" + problems_html(result.warnings, "forum-warnings"))
    if not result.ok:
        return "".join(parts)
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
    if current.forums:
        change = persp.diff_maps(current, fmap)
        parts.append(f"<p>Jämfört med kartan nu: {len(change.added_forums)} nya forum, "
                     f"{len(change.removed_forums)} forum försvinner, "
                     f"{len(change.added_relations)} nya och "
                     f"{len(change.removed_relations)} borttagna relationer.</p>")
    parts.append('<div class="forum-preview">' + sheet_table(
        ["Forum", "Nivå", "Huvudman", "Typ", "Mandat"], rows, "import-preview") + "</div>")
    parts.append("<p><strong>Vill ni ersätta kartan med filens innehåll?</strong> Den "
                 "nuvarande kartan sparas i historiken.</p>")
    return "".join(parts)


class FilesTab(SheetPart):
    """Import with preview and confirmation, the example map, downloads and templates."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        g = self.session.guarded
        self.pending_import: fileio.ImportResult | None = None
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
        downloads = [DownloadButton(f"Ladda ner {label}", self.export_maker(fmt), on_error=err,
                                    **auto) for fmt, label in DOWNLOADS]
        templates = [DownloadButton("Tom mall (.xlsx)", self.template_maker("xlsx"),
                                    on_error=err, **auto),
                     DownloadButton("Tom mall (CSV)", self.template_maker("csv"), on_error=err,
                                    **auto)]
        self.downloads = downloads + templates
        self.widget = w.VBox([
            w.HTML(import_help()),
            w.HBox([self.upload]), self.import_preview, self.import_buttons,
            w.HTML(DOWNLOAD_HELP),
            w.HBox(downloads, layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h3>Tom mall att fylla i</h3>"), w.HBox(templates)])

    # -- downloads -----------------------------------------------------------------------------
    def export_maker(self, fmt: str) -> FileMaker:
        """Builds the saved map as a file in ``fmt`` when its button is pressed."""
        def make() -> tuple[bytes, str, str]:
            data = writers.export_bytes(self.session.read(), fmt, county_name=self.sheet.county.name,
                                       principals=self.sheet.principals)
            return data, writers.export_filename(self.session.workspace.workshop, fmt), \
                writers.MIME[fmt]
        return make

    def template_maker(self, fmt: str) -> FileMaker:
        """Builds an empty template to fill in, as CSV or XLSX."""
        def make() -> tuple[bytes, str, str]:
            if fmt == "csv":
                data = writers.template_csv()
            else:
                data = writers.to_xlsx(ForumMap(), county_name=self.sheet.county.name,
                                      principals=self.sheet.principals, template=True)
            return data, f"forumkarta-mall.{fmt}", writers.MIME[fmt]
        return make

    # -- import --------------------------------------------------------------------------------
    def on_upload_too_large(self, name: str, size: int) -> None:
        message = f"”{name}” lästes inte in: {fileio.too_large_message(size)}"
        self.import_preview.value = error_html(message)
        self.import_buttons.layout.display = "none"
        self.session.status.error(message)

    def on_upload(self, name: str, data: bytes) -> None:
        county = self.sheet.county
        self.show_import(fileio.read_upload(name, data, self.sheet.principals,
                                            organisations(county)))

    def preview_example(self) -> None:
        """Show the example county's map from data/ as an import to confirm."""
        try:
            doc = load_example(county=self.sheet.county)
        except DataError as exc:
            result = fileio.ImportResult("data/forums.csv", "CSV", problems=exc.problems)
        else:
            if doc is None:
                self.session.status.error("Det finns ingen exempelkarta att utgå från.")
                return
            result = fileio.ImportResult(start_map_label(self.sheet.county), "CSV",
                                         fmap=ForumMap.from_doc(doc),
                                         perspectives=doc.get("perspectives"))
        self.sheet.tabs.selected_index = FILES_TAB
        self.show_import(result)

    def show_import(self, result: fileio.ImportResult) -> None:
        """Show what a file holds and its problems; offer to save only when it can be used."""
        self.pending_import = result if result.ok else None
        self.import_preview.value = preview_html(result, self.fmap)
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

        def replace(d: dict) -> None:
            replace_map(d, fmap)
            if perspectives is not None:
                d["perspectives"] = perspectives

        if self.save(replace, snapshot=True):
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
