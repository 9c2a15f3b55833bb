"""Import the numbers of step 2 (Kartlägga förutsättningar) from CSV or Excel files.

A file fills one of the structured tables in :data:`naravard.plan.model.TABLES`. Its first row holds
the column names the worksheet shows (``Område;Invånare;…``); columns may come in any order and
may be left out, but unknown columns are refused so that a misspelt heading is not silently
lost. Every problem is reported at once, in Swedish, with file, row and column, and nothing is
saved until the whole file is valid.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import Any, Iterable, Sequence

from naravard.plan.model import TableSpec, number_problem, parse_number
from naravard.core.problems import DataError, Problem
from naravard.core.text import format_number

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
SUFFIXES = (".csv", ".xlsx")


def template_csv(table: TableSpec) -> bytes:
    """An empty CSV with the table's headings, as Swedish Excel opens it (semicolons, BOM)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(
        [c.label for c in table.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_table_file(name: str, content: bytes, table: TableSpec,
                    principals: Sequence[str] = (),
                    organisations: dict[str, str] | None = None) -> list[dict]:
    """Rows for ``table`` from a CSV or XLSX file; raises DataError listing every problem."""
    shown = PurePath(name or "filen").name
    if len(content) > MAX_BYTES:
        size = format_number(len(content) / 1024 / 1024, 1)
        raise DataError([Problem(shown, f"Filen är {size} MB. Största tillåtna storlek är 5 MB; "
                                        "dela upp den eller ta bort annat än tabellen.")])
    if not content.strip():
        raise DataError([Problem(shown, "Filen är tom.")])
    suffix = PurePath(shown).suffix.lower()
    if suffix == ".csv":
        grid = _csv_grid(shown, content)
    elif suffix == ".xlsx":
        grid = _xlsx_grid(shown, content)
    else:
        raise DataError([Problem(shown, "Filtypen går inte att läsa. Spara tabellen som CSV "
                                        "(semikolonavgränsad) eller Excel (.xlsx).")])
    if not grid:
        raise DataError([Problem(shown, "Filen innehåller ingen tabell.")])
    header, body = grid[0], grid[1:]
    records = []
    for i, row in enumerate(body, start=2):
        records.append((i, {h: row[j] if j < len(row) else None for j, h in enumerate(header)}))
    return rows_from_records(table, records, shown, principals, organisations, header=header)


def rows_from_records(table: TableSpec, records: Iterable[tuple[int | None, dict[str, Any]]],
                      file: str, principals: Sequence[str] = (),
                      organisations: dict[str, str] | None = None,
                      header: Sequence[Any] | None = None) -> list[dict]:
    """Validate rows given as {column heading: value}; return them keyed by column key.

    ``records`` pairs each row with its row number in the file (for messages). Headings match
    a column's label or key, ignoring case. Empty rows are skipped.
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
            problems.append(Problem(file, row=1, field=str(h),
                                    message=f"Okänd kolumn. Tillåtna kolumner i tabellen "
                                            f"”{table.title}”: {allowed}."))
        elif col.key in seen_cols:
            problems.append(Problem(file, row=1, field=str(h),
                                    message="Kolumnen finns två gånger. Ta bort den ena."))
        else:
            seen_cols.add(col.key)
    if header is not None and not seen_cols and not problems:
        problems.append(Problem(file, row=1, message=f"Första raden ska innehålla kolumnnamnen: "
                                                     f"{allowed}."))
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
                if problem:
                    problems.append(Problem(file, row=rownum, field=col.label, message=problem))
                    continue
                number = parse_number(value)
                row[col.key] = int(number) if number is not None and number == int(number) \
                    else number
            elif col.kind == "principal" and principals:
                text = str(value).strip()
                match = orgs.get(text.casefold())
                if match is None:
                    options = ", ".join(f"”{p}”" for p in principals)
                    problems.append(Problem(file, row=rownum, field=col.label, message=(
                        f"”{text}” är varken regionen eller en av kommunerna. Skriv en av: "
                        f"{options}.")))
                    continue
                row[col.key] = match
            else:
                text = str(value).strip()
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


def _csv_grid(file: str, content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise DataError([Problem(file, "Filen går inte att läsa som text. Spara den som CSV "
                                       "med teckenkodningen UTF-8.")])
    if "\x00" in text:
        raise DataError([Problem(file, "Filen ser inte ut att vara en CSV-fil. Spara tabellen "
                                       "som CSV (semikolonavgränsad) eller Excel (.xlsx).")])
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [row for row in reader]
    except csv.Error as exc:
        raise DataError([Problem(file, row=reader.line_num,
                                 message=f"CSV-filen är felaktig här ({exc}). Kontrollera "
                                         "citattecknen.")]) from None


def _xlsx_grid(file: str, content: bytes) -> list[list[Any]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise DataError([Problem(file, "Excelfilen går inte att öppna. Spara den på nytt som "
                                       "Excel-arbetsbok (.xlsx) och försök igen.")]) from None
    try:
        sheet = book.worksheets[0]
        grid = []
        for row in sheet.iter_rows(values_only=True):
            grid.append(list(row))
            if len(grid) > MAX_ROWS + 50:
                break
    finally:
        book.close()
    while grid and all(_blank(v) for v in grid[-1]):
        grid.pop()
    return grid
