"""Tab 4: the learning meeting – what moved, the questions to ask, notes saved with the round –
and the report (DOCX, HTML)."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape, format_number
from naravard.followup.export import export_followup
from naravard.followup.meeting import factor_questions, series_questions
from naravard.ui.followup.common import Tab, card, pii_text
from naravard.ui.widgets import DownloadButton


def _item(title: str, sentences: list[str], questions: list[str]) -> str:
    said = "".join(f"<li>{escape(t)}</li>" for t in sentences)
    asked = "".join(f"<li>{escape(q)}</li>" for q in questions)
    return (f'<div class="followup-moved"><h4>{escape(title)}</h4><ul>{said}</ul>'
            f'<p><strong>Fråga er:</strong></p><ul class="followup-questions">{asked}</ul></div>')


class MeetingTab(Tab):
    """The few things that moved, with questions, and the round's notes."""

    css_class = "followup-meeting"

    def build(self) -> list[w.Widget]:
        ctx, s = self.ctx, self.ctx.session
        view = ctx.view()
        guide = ctx.guide
        series = "".join(_item(f"{x.indicator.name} – {x.unit}", [sig.text for sig in x.signals],
                               series_questions(x, guide)) for x in view.moved_series)
        factors = "".join(_item(c.name, [f"Medel {format_number(c.before, 1)} → {format_number(c.after, 1)}"],
                                factor_questions(c, guide)) for c in view.moved_factors)
        spread = "".join(_item(d.name, [f"Skattningarna går från {d.low} till {d.high}."],
                               [guide.meeting["faktor_spridning"]])
                         for d in view.disagreements[:2])
        parts: list[w.Widget] = [
            card("Indikatorer som rört sig", w.HTML(series or "<p>Ingen serie visar ännu något "
                                                             "annat än slumpvis variation.</p>"),
                 help_text="Serier där en regel slagit till. Resten varierar som väntat: "
                           "lägg inte mötestid på dem."),
            card("Faktorer som rört sig", w.HTML(factors or "<p>Ingen faktor har rört sig ett "
                                                           "halvt steg sedan förra omgången.</p>")),
            card("Där ni ser olika", w.HTML(spread or "<p>Inga stora skillnader.</p>")),
        ]
        rnd = view.round
        if rnd is not None:
            parts.append(card(f"Anteckningar från lärmötet ({rnd.title})",
                              pii_text(s, ("rounds", rnd.id, "notes"), "Anteckningar",
                                       multiline=True, rows=6,
                                       placeholder="Vad lärde ni er? Vad gör ni annorlunda?"),
                              help_text="Anteckningarna sparas med omgången och kommer med i "
                                        "rapporten."))
        parts.append(self.report_card())
        return parts

    def report_card(self) -> w.VBox:
        ctx, s = self.ctx, self.ctx.session

        def maker(fmt: str):
            def make() -> tuple[bytes, str, str]:
                return export_followup(ctx.read(), ctx.guide, ctx.county, s.workspace.workshop,
                                       fmt, ctx.round_id or None)
            return make

        buttons = [DownloadButton(label, maker(fmt), on_error=s.status.error)
                   for fmt, label in (("docx", "Ladda ner rapporten (Word)"),
                                      ("html", "Ladda ner rapporten (HTML)"))]
        return card("Rapport", w.HBox(buttons), w.HTML(
            '<p class="naravard-help">Faktorprofilen, förändringen sedan förra omgången, '
            "körningsdiagrammen med vad de säger, anteckningarna och åtgärderna. Samma fil går "
            "att skapa i terminalen med <code>naravard export uppfoljning</code>.</p>"))
