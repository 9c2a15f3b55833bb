"""Worksheet: insight gathering in 360 degrees, from "fråga X" to actions that narrow the spread.

Eight steps on one page, each saved as it is typed: frame the question, check that it belongs
to the systemledning, classify it (Stacey), choose the knowledge carriers, print or download
the interview guide, capture the interviews (form or template import), synthesise (themes,
scales, spread, gaps, quotes, actions) and export the report. Steps 4 and 6 live in
:mod:`naravard.ui.insight.people`, step 7 in :mod:`naravard.ui.insight.synthesis`.
"""

from __future__ import annotations

import ipywidgets as w

from naravard.insight.stacey import classify
from naravard.insight.guide import current_guide
from naravard.insight.study import DOC
from naravard.insight.analysis import VERDICTS, ZONE_ADVICE, suggest_verdict
from naravard.insight.example import example_doc
from naravard.documents.html import blocks_html, to_html
from naravard.insight.export import export_insight, guide_document
from naravard.core.store import get_path
from naravard.core.text import escape
from naravard.ui.common import Session, error_html, header, labelled
from naravard.ui.insight.common import Ctx, part, pii_text, step_card
from naravard.ui.insight.people import CarriersStep, InterviewsStep, _checkbox
from naravard.ui.insight.synthesis import SynthesisStep
from naravard.ui.printview import PrintButton
from naravard.ui.widgets import DownloadButton, VegaChart, WhenShown, swedish_readout

__all__ = ["DOC", "build", "classification_chart", "prepare"]

#: The parts of steps 4–8, built when the page has shown steps 1–3 or when first used.
REST_ATTRIBUTES = ("carriers", "interviews", "synthesis", "guide_preview", "report_summary")

STEPS = ["Frågan", "Relevans", "Klassificering", "Kunskapsbärare", "Intervjuguide", "Intervjuer",
         "Syntes", "Rapport"]


def classification_chart(title: str, agreement: float, certainty: float):
    """The question as a point on the Stacey matrix."""
    import pandas as pd

    from naravard.insight.charts import stacey_matrix  # altair: when the chart is drawn

    point = pd.DataFrame([{"label": title or "Fråga X", "agreement": agreement,
                           "certainty": certainty}])
    return stacey_matrix(points=point)


def _nav() -> w.HTML:
    links = "".join(f'<a href="#insikt-steg-{i}">{i} {escape(name)}</a>'
                    for i, name in enumerate(STEPS, start=1))
    return w.HTML(f'<nav class="insight-nav" aria-label="Stegen i arbetsbladet">{links}</nav>')


class InsightWorksheet:
    """The whole worksheet; ``root`` is rebuilt from the saved document by :meth:`reload`."""

    def __init__(self, session: Session):
        self.session = session
        self.ctx = Ctx(session=session, guide=current_guide(), county=session.county,
                       refresh=self.refresh, reload=self.reload)
        self.widget = w.VBox()
        self._shown = False
        self.reload()

    # -- assembly ------------------------------------------------------------------------------
    @property
    def root(self) -> w.VBox:
        """The whole worksheet, every step built."""
        self.build_rest()
        return self.widget

    def __getattr__(self, name: str):
        if name in REST_ATTRIBUTES:  # a later step's part, used before the page showed it
            self.build_rest()
            return self.__dict__[name]
        raise AttributeError(name)

    def reload(self) -> None:
        """Build steps 1–3 from what is saved (after loading the example or an undo); steps
        4–8 follow as soon as the page has shown the first ones (:meth:`build_rest`)."""
        doc = self.session.read()
        for name in REST_ATTRIBUTES:
            self.__dict__.pop(name, None)
        self._rest_built = False
        top = w.VBox([header(self.session), _nav()])
        self._first = [top, self.session.status, self.frame_step(), self.relevance_step(doc),
                       self.classification_step(doc)]
        if self._shown:
            self.build_rest()
        else:
            self.widget.children = [*self._first, WhenShown(self._on_shown)]
            self.refresh()

    def _on_shown(self) -> None:
        self._shown = True
        self.session.guarded(self.build_rest)()

    def build_rest(self) -> None:
        """Build steps 4–8 from what is saved (once per reload)."""
        if self._rest_built:
            return
        self._rest_built = True
        with self.session.snapshot() as doc:
            self.carriers = CarriersStep(self.ctx, doc)
            self.interviews = InterviewsStep(self.ctx, doc)
            self.synthesis = SynthesisStep(self.ctx, doc)
            self.widget.children = [*self._first, self.carriers.widget, self.guide_step(),
                                    self.interviews.widget, self.synthesis.widget,
                                    self.report_step()]
        self.refresh()

    def refresh(self) -> None:
        """Redraw everything that depends on several steps, from the saved document."""
        self.show_classification()
        if not self._rest_built:
            return
        study = self.ctx.study()
        self.carriers.refresh(study)
        self.interviews.refresh(study)
        self.synthesis.refresh(study)
        self.show_guide()
        self.show_report_summary(study)

    # -- step 1 --------------------------------------------------------------------------------
    def frame_step(self) -> w.VBox:
        title = pii_text(self.ctx, ("question", "title"), "Frågans rubrik",
                         placeholder="Till exempel: Hanteringen av statliga medel för Nära vård")
        title.field.observe(self.session.guarded(lambda _c: self.on_title()), names="value")
        self.example_button = w.Button(description="Läs in exempelstudien")
        self.example_button.on_click(self.session.guarded(self.on_example))
        self.example_confirm = w.Button(description="Ersätt med exempelstudien",
                                        button_style="danger")
        self.example_confirm.on_click(self.session.guarded(self.on_example_confirm))
        self.example_cancel = w.Button(description="Avbryt")
        self.example_cancel.on_click(self.session.guarded(self.on_example_cancel))
        self.example_message = w.HTML("")
        self.example_buttons = w.HBox([self.example_confirm, self.example_cancel])
        self.example_buttons.layout.display = "none"
        return step_card(
            1, "Formulera frågan",
            "Vilken svår fråga mellan region och kommuner ska systemledningen förstå bättre? "
            "I guiden och rapporten kallas den fråga X.",
            title,
            pii_text(self.ctx, ("question", "description"), "Beskrivning", multiline=True),
            pii_text(self.ctx, ("question", "why_now"), "Varför nu?", multiline=True, rows=3),
            pii_text(self.ctx, ("question", "owner"), "Vems fråga är det?",
                     placeholder="Till exempel: systemledningen gemensamt"),
            self.example_part(),
        )

    def example_part(self) -> w.VBox:
        """Load the example study – or, for a county without one, say why there is none."""
        from naravard.core.examples import example_file, unused_reason
        from naravard.insight.example import EXAMPLE_FILE
        from naravard.core.paths import data_dir

        data = data_dir()
        if example_file(data, EXAMPLE_FILE) is None:
            return part("Exempel", help_text="Det finns ingen exempelstudie att läsa in. "
                                             + unused_reason(data, EXAMPLE_FILE))
        return part("Exempel", w.HBox([self.example_button]), self.example_message,
                    self.example_buttons,
                    help_text=f"Vill ni se en färdig studie? Exempelstudien om statliga medel i "
                              f"{self.session.county.name} är påhittad och ligger i "
                              "data/insight_example.yml.")

    def on_title(self) -> None:
        if self._rest_built:
            self.show_guide()
        self.show_classification()

    def on_example(self, _button=None) -> None:
        if not self.session.read():
            self.load_example()
            return
        self.example_message.value = error_html(
            "Allt som är sparat i arbetsbladet för den här workshoppen ersätts av "
            "exempelstudien. Den nuvarande versionen sparas i historiken och kan tas tillbaka "
            "med Ångra-knappen.")
        self.example_buttons.layout.display = "flex"

    def on_example_confirm(self, _button=None) -> None:
        self.load_example()

    def on_example_cancel(self, _button=None) -> None:
        self.example_message.value = "Inget har ändrats."
        self.example_buttons.layout.display = "none"

    def load_example(self) -> None:
        doc = example_doc()
        if doc is None:
            self.session.status.error("Det finns ingen exempelstudie att läsa in.")
            return
        if self.session.update(lambda d: (d.clear(), d.update(doc)), snapshot=True) is None:
            return
        self.reload()
        self.session.status.info("Exempelstudien är inläst. Den är påhittad.")

    # -- step 2 --------------------------------------------------------------------------------
    def relevance_step(self, doc: dict) -> w.VBox:
        g = self.session.guarded
        checks = get_path(doc, ("relevance", "checks"), {}) or {}
        self.relevance_boxes = {}
        for item in self.ctx.guide.relevance:
            box = _checkbox(item.text + (" (avgörande)" if item.decisive else ""),
                            bool(checks.get(item.code)))

            def save(change: dict, code: str = item.code) -> None:
                self.session.save(("relevance", "checks", code), bool(change["new"]))
                self.show_suggestion()

            box.observe(g(save), names="value")
            self.relevance_boxes[item.code] = box
        self.suggestion = w.HTML("")
        verdict = get_path(doc, ("relevance", "verdict"), "") or ""
        self.verdict = w.Dropdown(options=[("Välj bedömning", "")] +
                                  [(label, key) for key, label in VERDICTS.items()],
                                  value=verdict if verdict in VERDICTS else "",
                                  layout=w.Layout(width="32rem"))
        self.verdict.observe(g(lambda c: self.session.save(("relevance", "verdict"), c["new"])),
                             names="value")
        self.show_suggestion()
        return step_card(
            2, "Hör frågan hemma i systemledningen?",
            "Kryssa i det som stämmer. Arbetsbladet föreslår en bedömning; ni bestämmer.",
            w.VBox(list(self.relevance_boxes.values())), self.suggestion,
            labelled("Er bedömning", self.verdict),
            pii_text(self.ctx, ("relevance", "reasoning"), "Motivering", multiline=True, rows=3),
        )

    def show_suggestion(self) -> None:
        checks = {code: box.value for code, box in self.relevance_boxes.items()}
        verdict, reason = suggest_verdict(self.ctx.guide, checks)
        label = VERDICTS.get(verdict, "")
        self.suggestion.value = (f'<p class="insight-suggest"><strong>Förslag:</strong> '
                                 f"{escape(label + '. ' if label else '')}{escape(reason)}</p>")

    # -- step 3 --------------------------------------------------------------------------------
    def classification_step(self, doc: dict) -> w.VBox:
        def slider(key: str, label: str) -> w.FloatSlider:
            return w.FloatSlider(value=float(get_path(doc, ("classification", key), 0.5)),
                                 min=0, max=1, step=0.05, readout_format=".2f",
                                 description=label, style={"description_width": "16rem"},
                                 layout=w.Layout(width="36rem"), continuous_update=False)

        self.agreement = slider("agreement", "Enighet om vad som ska uppnås")
        self.certainty = slider("certainty", "Säkerhet om orsak och verkan")
        self.zone = w.HTML("")
        self.stacey = VegaChart()

        @self.session.guarded
        def on_slide(_change) -> None:
            self.session.save(("classification",), {
                "agreement": self.agreement.value, "certainty": self.certainty.value,
                "zone": classify(self.agreement.value, self.certainty.value)})
            self.show_classification()

        self.agreement.observe(on_slide, names="value")
        self.certainty.observe(on_slide, names="value")
        self.show_classification()
        return step_card(
            3, "Vad slags fråga är det?",
            "Hur eniga är ni om vad som ska uppnås, och hur säkert vet ni vad som leder till "
            "vad? Zonen avgör hur frågan bör angripas.",
            swedish_readout(self.agreement), swedish_readout(self.certainty), self.zone,
            self.stacey,
            w.HTML('<p class="naravard-help">Kapitel 4 i <a href="/bok/chapters/'
                   '04_komplexa_system.html" target="_blank">handboken</a> förklarar '
                   "Stacey-matrisen.</p>"),
        )

    def show_classification(self) -> None:
        title = get_path(self.session.read(), ("question", "title"), "") or "Fråga X"
        kind = classify(self.agreement.value, self.certainty.value)
        self.zone.value = (f'<p class="naravard-zone"><strong>{escape(kind.capitalize())}</strong>'
                           f" – {escape(ZONE_ADVICE[kind])}</p>")
        agreement, certainty = self.agreement.value, self.certainty.value
        self.stacey.later(lambda: classification_chart(title, agreement, certainty))

    # -- step 5 --------------------------------------------------------------------------------
    def guide_step(self) -> w.VBox:
        err = self.session.status.error
        self.guide_preview = w.HTML("")
        self.guide_preview.add_class("insight-preview")
        download = DownloadButton("Ladda ner intervjuguiden (Word)", self.make_guide_docx,
                                  on_error=err)
        printer = PrintButton("Öppna utskriftsvy", self.make_guide_print, on_error=err)
        return step_card(
            5, "Intervjuguide",
            "Samma frågor till alla, ställda från fyra håll: den egna organisationen, invånaren, "
            "kommunerna och regionen. Texterna finns i data/insight_guide.yml.",
            w.HBox([download, printer]), self.guide_preview,
        )

    def show_guide(self) -> None:
        study = self.ctx.study()
        document = guide_document(self.ctx.guide, study, self.session.county)
        self.guide_preview.value = (f"<h3>{escape(document.title)}</h3>"
                                    + blocks_html(document.blocks))

    def make_guide_docx(self) -> tuple[bytes, str, str]:
        return export_insight(self.ctx.study(), self.ctx.guide, self.session.county,
                              self.session.workspace.workshop, "intervjuguide", "docx")

    def make_guide_print(self) -> str:
        return to_html(guide_document(self.ctx.guide, self.ctx.study(), self.session.county),
                       print_button=True)

    # -- step 8 --------------------------------------------------------------------------------
    def report_step(self) -> w.VBox:
        err = self.session.status.error
        self.report_summary = w.HTML("")
        buttons = [DownloadButton(label, self._report_maker(fmt), on_error=err)
                   for fmt, label in (("docx", "Ladda ner rapporten (Word)"),
                                      ("html", "Ladda ner rapporten (HTML)"))]
        return step_card(
            8, "Rapport",
            "Syntesen att ta med till nästa möte i systemledningen: frågan, bedömningen, vilka "
            "som intervjuats, spännvidden med diagram, citat per tema och åtgärderna.",
            self.report_summary, w.HBox(buttons),
            w.HTML('<p class="naravard-help">Samma filer går att skapa i terminalen med '
                   "<code>naravard export insight</code>.</p>"),
        )

    def _report_maker(self, fmt: str):
        def make() -> tuple[bytes, str, str]:
            return export_insight(self.ctx.study(), self.ctx.guide, self.session.county,
                                  self.session.workspace.workshop, "rapport", fmt)
        return make

    def show_report_summary(self, study) -> None:
        placed = sum(1 for s in study.scales if s.positions)
        self.report_summary.value = (
            f"<p>Rapporten bygger just nu på {len(study.interviewed())} intervjuer, "
            f"{len(study.themes)} teman, {placed} skalor med placeringar och "
            f"{len(study.actions)} åtgärder.</p>")


def prepare() -> None:
    """Before the page is requested (a preheated kernel): read the county and the guide, load
    altair and pandas and draw the Stacey matrix once, as the page draws it, so the page only
    applies the workshop. pandas (about 40 MB) is loaded here although a waiting kernel then
    weighs more: every page loads it anyway when it shows the matrix, and in a room that cost
    0,5 s of CPU per page at the same minute."""
    from naravard.core.county import current_county

    current_county()
    current_guide()
    classification_chart("", 0.5, 0.5).to_dict()


def build(session: Session) -> w.Widget:
    """The insight worksheet for the session's workshop, built from what is saved: steps 1–3
    at once, the rest as soon as the page has shown them."""
    sheet = InsightWorksheet(session)
    sheet.widget.sheet = sheet  # type: ignore[attr-defined]
    return sheet.widget

