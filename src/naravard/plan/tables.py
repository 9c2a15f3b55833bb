"""Import the numbers of step 2 (Kartlägga förutsättningar) from CSV or Excel files.

A file fills one of the structured tables of the plan (:class:`TableSpec`). It is read by
:func:`naravard.core.spreadsheet.read_spreadsheet`; its header row holds the column names the
worksheet shows (``Område;Invånare;…``). Columns may come in any order and may be left out, but
unknown columns are refused so that a misspelt heading is not silently lost. Every problem is
reported at once, in Swedish, with file, row and column, and nothing is saved until the whole
file is valid.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

from naravard.core.cells import csv_row
from naravard.core.problems import DataError, Problem
from naravard.core.spreadsheet import MAX_BYTES, cell_text, read_spreadsheet
from naravard.plan.catalog import TableSpec
from naravard.plan.values import number_problem, parse_number

__all__ = ["MAX_BYTES", "MAX_ROWS", "read_table_file", "rows_from_records", "template_csv"]

MAX_ROWS = 500


def template_csv(table: TableSpec) -> bytes:
    """An empty CSV with the table's headings, as Swedish Excel opens it (semicolons, BOM)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(
        csv_row(c.label for c in table.columns))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_table_file(name: str, content: bytes, table: TableSpec,
                    principals: Sequence[str] = (),
                    organisations: dict[str, str] | None = None) -> list[dict]:
    """Rows for ``table`` from a CSV or XLSX file; raises DataError listing every problem."""
    sheet = read_spreadsheet(name, content, max_rows=MAX_ROWS)
    records = [(row.number, row.values) for row in sheet.rows]
    return rows_from_records(table, records, sheet.file, principals, organisations,
                             header=sheet.header, header_row=sheet.header_row)


def rows_from_records(table: TableSpec, records: Iterable[tuple[int | None, dict[str, Any]]],
                      file: str, principals: Sequence[str] = (),
                      organisations: dict[str, str] | None = None,
                      header: Sequence[Any] | None = None,
                      header_row: int = 1) -> list[dict]:
    """Validate rows given as {column heading: value}; return them keyed by column key.

    ``records`` pairs each row with its row number in the file (for messages); ``header`` is
    the heading row, on row ``header_row``. Headings match a column's label or key, ignoring
    case. Empty rows are skipped.
    """
    by_name = {}
    for col in table.columns:
        by_name[col.label.casefold()] = col
        by_name[col.key.casefold()] = col
    allowed = ", ".join(f"”{c.label}”" for c in table.columns)
    problems: list[Problem] = []
    records = list(records)
    names = [h for h in (header or []) if h is not None and str(h).strip()]
    seen_cols: set[str] = set()
    for h in names:
        col = by_name.get(str(h).strip().casefold())
        if col is None:
            problems.append(Problem(file, row=header_row, field=str(h),
                                    message=f"Okänd kolumn. Tillåtna kolumner i tabellen "
                                            f"”{table.title}”: {allowed}."))
        elif col.key in seen_cols:
            problems.append(Problem(file, row=header_row, field=str(h),
                                    message="Kolumnen finns två gånger. Ta bort den ena."))
        else:
            seen_cols.add(col.key)
    if header is not None and not seen_cols and not problems:
        problems.append(Problem(file, row=header_row,
                                message=f"Första raden ska innehålla kolumnnamnen: {allowed}."))
    orgs = {k.casefold(): v for k, v in (organisations or {}).items()}
    orgs.update({p.casefold(): p for p in principals})
    rows: list[dict] = []
    for rownum, record in records:
        values: dict[str, Any] = {}
        for h, value in record.items():
            col = by_name.get(str(h).strip().casefold()) if h is not None else None
            if col is None:
                if header is None and h is not None:
                    problems.append(Problem(file, row=rownum, field=str(h), message=(
                        f"Okänd kolumn. Tillåtna kolumner i tabellen ”{table.title}”: "
                        f"{allowed}.")))
                continue
            values[col.key] = value
        if all(_blank(v) for v in values.values()):
            continue
        row: dict[str, Any] = {}
        for col in table.columns:
            value = values.get(col.key)
            if _blank(value):
                continue
            if col.kind == "number":
                problem = number_problem(value) if isinstance(value, str) else (
                    None if isinstance(value, (int, float)) and not isinstance(value, bool)
                    and value >= 0 else "Ska vara ett tal som inte är negativt.")
                try:
                    number = None if problem else parse_number(value)
                except ValueError as exc:  # a number cell too large or not finite
                    problem = str(exc)
                if problem:
                    problems.append(Problem(file, row=rownum, field=col.label, message=problem))
                    continue
                row[col.key] = int(number) if number is not None and number == int(number) \
                    else number
            elif col.kind == "principal" and principals:
                text = cell_text(value)
                match = orgs.get(text.casefold())
                if match is None:
                    options = ", ".join(f"”{p}”" for p in principals)
                    problems.append(Problem(file, row=rownum, field=col.label, message=(
                        f"”{text}” är varken regionen eller en av kommunerna. Skriv en av: "
                        f"{options}.")))
                    continue
                row[col.key] = match
            else:
                text = cell_text(value)
                if len(text) > 2000:
                    problems.append(Problem(file, row=rownum, field=col.label,
                                            message="Texten är för lång (högst 2 000 tecken)."))
                    continue
                row[col.key] = text
        rows.append(row)
    if len(rows) > MAX_ROWS:
        problems.append(Problem(file, message=f"Filen har {len(rows)} rader; högst {MAX_ROWS} "
                                              "rader går att läsa in i en tabell."))
    if problems:
        raise DataError(problems)
    return rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
