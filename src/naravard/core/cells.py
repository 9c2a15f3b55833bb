"""Cells that stay text: every CSV and XLSX export writes its cells through this module.

A spreadsheet program treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return) as a formula, so a forum named ``=HYPERLINK("http://x")``
would become a live link or web request in the reader's Excel. Following OWASP's rules for CSV
injection, a CSV cell that begins with one of those characters gets a leading apostrophe, and an
XLSX cell is stored as a string (data type ``s``, shown with Excel's quote prefix) so that no
formula is ever created. The CSV reader drops that apostrophe again (:func:`unescape_csv_cell`),
so an exported file reads back unchanged.
"""

from __future__ import annotations

from typing import Any, Iterable

#: The characters that make a spreadsheet program read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    """True when ``value`` is text that a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value: Any) -> Any:
    """A value ready for a CSV writer: formula-like text gets a leading apostrophe."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row ready for a CSV writer (see :func:`csv_cell`)."""
    return [csv_cell(v) for v in values]


def unescape_csv_cell(value: str) -> str:
    """Undo :func:`csv_cell`: ``'=1+1`` reads back as ``=1+1``; other text is unchanged."""
    if value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def xlsx_append(ws: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every formula-like text kept as text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        keep_text(cell)


def keep_text(cell: Any) -> None:
    """Make an openpyxl cell holding formula-like text a plain string cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
