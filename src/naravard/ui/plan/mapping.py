"""Step 2: mapping the conditions – guiding questions and tables, typed or read from a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from naravard.core.county import County
from naravard.core.problems import DataError
from naravard.core.store import get_path, new_id, set_path
from naravard.core.text import escape, format_number
from naravard.plan.catalog import Column, TableSpec
from naravard.plan.model import Plan
from naravard.plan.tables import MAX_BYTES, read_table_file, template_csv
from naravard.plan.values import number_problem, parse_number
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import (SHORT, SOURCE_SKR, PageContext, card, help_html,
                                      record_row, source_html)
from naravard.ui.records import autosaved_choice, button
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton, VegaChart

if TYPE_CHECKING:  # altair and pandas are loaded when the chart is drawn
    import altair as alt


def mapping_page(ctx: PageContext) -> list[w.Widget]:
    """The guiding questions of step 2, then a card per table."""
    plan = ctx.plan()
    questions = card(
        help_html("Kartläggningen ger underlag för målen och visar vad ni kan bygga vidare "
                  "på. Säkra att ni har samma bild av de överenskommelser och arbetssätt som "
                  "redan finns."),
        *ctx.answers("mapping"), w.HTML(source_html(SOURCE_SKR)),
        title=plan.guide.step_by_key["mapping"].heading)
    return [questions, *[table_card(ctx, t, plan) for t in plan.guide.tables]]


def population_chart(rows: list[dict], county: County) -> "alt.Chart":
    """Inhabitants per area from the mapping table (or the county's municipalities)."""
    import altair as alt
    import pandas as pd

    from naravard.core.charts import PALETTE, describe, described

    data = [{"område": str(r.get("area") or ""), "invånare": parse_number(r.get("inhabitants"))}
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
    chart = (bars + labels).properties(width=480, height=30 * len(df), title="Invånare per område")
    text = describe("Stapeldiagram", "invånare per område",
                    [(d["område"], d["invånare"]) for d in data], most="Flest invånare har",
                    least="Minst invånare har")
    return described(chart, text)


def _column_width(col: Column) -> str:
    return "9rem" if col.kind == "number" else ("12rem" if col.kind == "principal" else "16rem")


def table_card(ctx: PageContext, table: TableSpec, plan: Plan) -> w.VBox:
    """One table of step 2: a row of fields per record, import from a file and a template."""
    rows_path = ("mapping", "tables", table.key, "rows")
    rows = plan.table_rows(table.key)
    grid = w.VBox()
    grid.add_class("plan-grid")
    head = w.HBox([w.HTML(f"<span class='plan-grid-head'>{escape(c.label)}</span>",
                          layout=w.Layout(width=_column_width(c)))
                   for c in table.columns])
    lines: list[w.Widget] = [head] if rows else [help_html("Tabellen är tom ännu.")]
    for rid, values in rows.items():
        cells = []
        for col in table.columns:
            path = (*rows_path, rid, col.key)
            if col.kind == "principal":
                cell = autosaved_choice(ctx.s, path, col.label, ctx.principal_options,
                                        value=values.get(col.key, ""))
            else:
                check = number_problem if col.kind == "number" else SHORT
                cell = autosaved_text(ctx.s, path, f"{table.title}: {col.label}", check=check)
            cell.layout = w.Layout(width=_column_width(col))
            cells.append(cell)
        lines.append(record_row(*cells, ctx.remove_button(rows_path, rid, "Raden")))
    grid.children = lines
    extra: list[w.Widget] = []
    if table.key == "population":
        extra.append(button("Hämta kommunerna från data/county.yml",
                            lambda: fill_population(ctx), ctx.s))
        chart = VegaChart()
        chart.later(lambda: population_chart(list(rows.values()), ctx.county))
        extra.append(chart)
    add = ctx.add_button("Lägg till rad", rows_path, "r", {})
    box = card(help_html(table.question), grid, w.HBox([add, *extra[:1]]),
               import_box(ctx, table, rows_path, len(rows)), *extra[1:], title=table.title)
    box.add_class(f"plan-table-{table.key}")
    return box


def fill_population(ctx: PageContext) -> None:
    """Add a population row for every municipality in county.yml that the table lacks."""
    def change(d: dict) -> None:
        rows = get_path(d, ("mapping", "tables", "population", "rows"), None)
        if not isinstance(rows, dict):
            rows = {}
            set_path(d, ("mapping", "tables", "population", "rows"), rows)
        known = {str(r.get("area", "")).casefold() for r in rows.values() if isinstance(r, dict)}
        for m in ctx.county.municipalities:
            if m.name.casefold() not in known:
                rows[new_id("r")] = {"area": m.name, "inhabitants": m.inhabitants}
    ctx.update_and_redraw(change)


def import_box(ctx: PageContext, table: TableSpec, rows_path: tuple, existing: int) -> w.VBox:
    """Read a table from CSV or Excel; replace or add only after the participants confirm."""
    message = w.HTML()
    message.add_class("plan-import-message")
    confirm = w.HBox()
    organisations = {ctx.county.organisation_of(p): p for p in ctx.principals}

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
        if ctx.s.update(change, snapshot=True) is not None:
            ctx.s.status.info(f"{len(rows)} rader lästes in i tabellen ”{table.title}”. "
                              "Den tidigare tabellen finns i historiken.")
            ctx.redraw()

    def too_large(name: str, _size: int) -> None:
        clear()
        message.value = (f"<p class='naravard-error' role='alert'>{escape(name)} är för "
                         "stor (högst 5 MB). Inget har ändrats.</p>")

    def received(name: str, content: bytes) -> None:
        clear()
        try:
            rows = read_table_file(name, content, table, ctx.principals, organisations)
        except DataError as exc:
            items = "".join(f"<li>{escape(p)}</li>" for p in exc.problems)
            message.value = (f"<div class='naravard-error' role='alert'>{escape(name)} kunde "
                             f"inte läsas in. Inget har ändrats.<ul>{items}</ul></div>")
            ctx.s.status.error(f"{name} kunde inte läsas in; se meddelandet vid tabellen "
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
        options = [button("Ersätt tabellen", lambda: apply(rows, True), ctx.s,
                          style="warning", css="plan-import-replace")]
        if existing:
            options.append(button("Lägg till raderna", lambda: apply(rows, False), ctx.s))
        options.append(button("Avbryt", clear, ctx.s))
        confirm.children = options

    upload = UploadButton("Läs in CSV eller Excel", ctx.s.guarded(received),
                          ctx.s.guarded(too_large), accept=".csv,.xlsx", max_bytes=MAX_BYTES)
    upload.add_class(f"plan-upload-{table.key}")
    template = DownloadButton("Ladda ner mall (CSV)",
                              lambda: (template_csv(table), f"mall-{table.key}.csv", "text/csv"),
                              on_error=ctx.s.status.error)
    return w.VBox([w.HBox([upload, template]), message, confirm])
