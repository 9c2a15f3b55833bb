"""Overview and export: what is filled in per step, what is left, and the plan as a file."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import escape
from naravard.plan.progress import PROGRESS_COLUMNS, ProgressRow, completeness, progress_rows
from naravard.ui.plan.widgets import PageContext, card, gapped, help_html
from naravard.ui.widgets import DownloadButton

DOWNLOADS = (("docx", "Ladda ner planen som Word (DOCX)"), ("md", "Ladda ner som Markdown"),
             ("html", "Ladda ner som webbsida"))


def progress_table_html(rows: list[ProgressRow]) -> str:
    """The completeness table, with what is left folded under each step, as escaped HTML."""
    body = []
    for r in rows:
        todo = "".join(f"<li>{escape(m)}</li>" for m in r.missing)
        flags = "".join(f"<li class='naravard-error'>{escape(m)}</li>" for m in r.flagged)
        detail = (f"<details><summary>{len(r.missing)} kvar, {len(r.flagged)} flaggade"
                  f"</summary><ul>{flags}{todo}</ul></details>" if (todo or flags)
                  else "Inget kvar")
        body.append(f"<tr><td>{escape(r.step)}</td><td>{escape(r.filled)}</td>"
                    f"<td>{escape(r.status)}</td><td>{detail}</td></tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in PROGRESS_COLUMNS)
    return (f"<table class='naravard-table plan-completeness'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def overview_page(ctx: PageContext) -> list[w.Widget]:
    """The completeness table and the DOCX, Markdown and HTML downloads."""
    rows = progress_rows(completeness(ctx.plan(), ctx.forum_map()))
    workshop = ctx.s.workspace.workshop

    def maker(fmt: str):
        def make() -> tuple[bytes, str, str]:
            from naravard.plan.export import export_plan

            doc = ctx.doc()
            if not doc:
                raise ValueError("Planen är tom. Skriv något i stegen först.")
            return export_plan(doc, ctx.county, workshop, fmt, ctx.forum_doc())
        return make

    downloads = []
    for fmt, label in DOWNLOADS:
        button = DownloadButton(label, maker(fmt), on_error=ctx.s.status.error)
        button.add_class(f"plan-download-{fmt}")
        downloads.append(button)
    return [
        card(help_html("Här ser ni per steg vad som är ifyllt, vad som saknas och vad "
                       "kontrollerna flaggar. Använd listan i slutet av en workshop för att "
                       "bestämma vad som görs till nästa gång."),
             w.HTML(progress_table_html(rows)), title="Översikt"),
        card(help_html("Word-filen har titelsida, innehållsförteckning, ett avsnitt per steg, "
                       "tabeller och tidslinjen som bild, och kan skickas runt som den är. "
                       "Samma export går att göra från kommandoraden: naravard export plan "
                       f"--format docx --workshop {workshop}"),
             gapped(w.HBox(downloads, layout=w.Layout(flex_flow="row wrap"))),
             title="Exportera planen"),
    ]
