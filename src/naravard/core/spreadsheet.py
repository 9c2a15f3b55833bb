"""The one reader of uploaded tables: CSV as Excel writes it, and the first sheet of an XLSX file.

Every importer (the forum map, the plan's tables, the interview template) reads its file here
and then checks the contents in its own terms. The reader accepts what Swedish users' programs
save: UTF-8 with and without BOM, UTF-16 (Excel's "Unicode-text"), Windows-1252 (Excel's older
CSV format), Excel's ``sep=;`` first line, ``;``, ``,`` or tab between columns (``;`` wins a
tie, as Swedish Excel writes it), and CR, LF or CRLF line endings. Anything it cannot use
becomes a :class:`~naravard.core.problems.DataError` with one Swedish message per problem,
naming the row and the column; it never lets a parser's exception through (the parser's own
detail goes to the log, not into the message).

Work is bounded before anything is parsed, because a small file can claim a lot: an XLSX file
is a zip whose members are checked first (total uncompressed size, each member's compression
ratio, the number of members, so a zip bomb is refused without being unpacked); the sheet's
stored dimension is not trusted; rows are read lazily and reading stops at the row limit, after
a long run of empty rows, and at :data:`MAX_CELLS` cells; a workbook without sheets is refused.

The first non-empty row is the header; empty rows are skipped but keep their row numbers, so a
message says the row Excel shows. Files over :data:`MAX_BYTES` (the limit UploadButton also
keeps in the browser) and tables over the importer's row limit are refused. openpyxl is imported
only when an XLSX file is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import warnings
import zipfile
from array import array
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable, Iterator

from naravard.core.cells import unescape_csv_cell
from naravard.core.problems import DataError, Problem
from naravard.core.text import format_number

#: The largest file any importer reads; UploadButton refuses larger files in the browser.
MAX_BYTES = 5 * 1024 * 1024
#: Default limit of non-empty rows under the header (importers pass their own).
MAX_ROWS = 10_000
#: XLSX: after this many empty rows in a row, the rest of the sheet is taken to be empty.
BLANK_RUN = 10_000
#: XLSX: limits checked on the zip before openpyxl opens it (a zip bomb is refused unread).
MAX_UNPACKED = 32 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 2000
#: XLSX: the most columns read and the most cells (empty ones included) read from a sheet.
MAX_COLUMNS = 500
MAX_CELLS = 400_000
#: How cells and shared strings begin in the sheet XML (prefixed or not); counted, not parsed.
_CELL_TAGS = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/",
              b"<si>", b"<si ", b":si>", b":si ")

log = logging.getLogger(__name__)

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
DELIMITERS = (";", ",", "\t")  # in order of preference when a header line is ambiguous

NOT_TEXT = ("Filen går inte att läsa som text, så den är ingen CSV-fil. Spara den i Excel som "
            "”CSV UTF-8 (kommaavgränsad)” eller som Excel-arbetsbok (.xlsx) och försök igen.")
NOT_XLSX = ("Excelfilen går inte att öppna: den är skadad eller går inte att läsa som Excel-fil. "
            "Spara den på nytt i Excel som ”Excel-arbetsbok” (.xlsx) och försök igen.")
TOO_BIG_XLSX = ("Excelfilen går inte att läsa in: uppackad är den mycket större än en vanlig "
                "tabell (den kan vara skadad). Spara bara tabellen i en ny arbetsbok och försök "
                "igen.")
BAD_CELL = ("En cell på raden går inte att läsa, till exempel ett tal med tusentals siffror eller "
            "ett datum som inte finns. Skriv om cellen i Excel och spara filen igen.")
NO_SHEETS = "Excelfilen har inga kalkylblad. Spara tabellen i ett blad och försök igen."
UNREADABLE = ("Filen går inte att läsa in. Kontrollera att det är en CSV- eller Excel-fil som "
              "sparats ur Excel, och försök igen.")
UNSUPPORTED = ("Filtypen går inte att läsa. Filen ska vara en Excel-fil (.xlsx) eller en "
               "CSV-fil (.csv), till exempel semikolonavgränsad som Excel sparar den.")
OLD_EXCEL = ("Filen är sparad i Excels äldre format (.xls), som inte går att läsa. Spara den i "
             "Excel som ”Excel-arbetsbok” (.xlsx) eller som CSV-fil (.csv) och försök igen.")
EMPTY = "Filen är tom."
NO_TABLE = "Filen är tom: den har ingen rubrikrad och inga rader med innehåll."
WINDOWS_1252 = ("Filen var inte sparad som UTF-8 och lästes som Windows-1252 (Excels äldre "
                "CSV-format). Kontrollera att å, ä och ö blev rätt. Spara gärna som ”CSV UTF-8” "
                "nästa gång.")


@dataclass(frozen=True)
class Row:
    """One non-empty row under the header: its row number in the file and its cells.

    ``values`` has every header as a key. CSV cells are text; XLSX cells keep Excel's type
    (number, date, text, bool). A cell that is empty in XLSX or missing at the end of a CSV
    line is ``None``.
    """

    number: int
    values: dict[str, Any]


@dataclass
class Spreadsheet:
    """A table read from a file: the header, the non-empty rows and notes for the user."""

    file: str
    kind: str  # "csv" or "xlsx"
    header: list[str]
    header_row: int
    rows: list[Row] = field(default_factory=list)
    sheet: str | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def where(self) -> str:
        """The file as messages name it, with the sheet for an Excel file."""
        return self.file + (f", blad ”{self.sheet}”" if self.sheet else "")


def read_spreadsheet(name: str, data: bytes, *, kind: str | None = None,
                     sheet: str | None = None, max_rows: int = MAX_ROWS) -> Spreadsheet:
    """Read a CSV or XLSX file; raise DataError naming every problem that stops it.

    ``kind`` ("csv" or "xlsx") overrides the guess from the name and content. ``sheet`` names
    the XLSX sheet to read when the workbook has it; otherwise the first sheet is read.
    ``max_rows`` limits the non-empty rows under the header.
    """
    shown = PurePath(name or "filen").name
    if len(data) > MAX_BYTES:
        raise DataError([Problem(shown, too_large_message(len(data)))])
    if not data.strip():
        raise DataError([Problem(shown, EMPTY)])
    kind = kind or _kind(shown, data)
    if kind is None:
        is_old_excel = data.startswith(b"\xd0\xcf\x11\xe0")
        raise DataError([Problem(shown, OLD_EXCEL if is_old_excel else UNSUPPORTED)])
    try:
        if kind == "xlsx":
            title, grid = _xlsx_grid(shown, data, sheet, max_rows)
            table = Spreadsheet(shown, "xlsx", [], 0, sheet=title)
        else:
            text, encoding_warnings = _decode(shown, data)
            table = Spreadsheet(shown, "csv", [], 0, warnings=encoding_warnings)
            grid = _csv_grid(shown, text)
        _fill(table, grid, max_rows)
    except DataError:
        raise
    except Exception:  # noqa: BLE001 - whatever else goes wrong is one problem with the file
        log.warning("reading %s failed", shown, exc_info=True)
        raise DataError([Problem(shown, UNREADABLE)]) from None
    return table


def json_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in JSON text, in linear time without parsing.

    Strings are removed first, so brackets inside them do not count; an unterminated string
    may make the count too high, which only refuses a file that is broken anyway.
    """
    bare = re.sub(r'"(?:[^"\\]|\\.)*"', "", text)
    brackets = re.sub(r"[^\[\]{}]+", "", bare).encode("ascii")
    steps = array("b", brackets.translate(_DEPTH_STEPS))
    return max(accumulate(steps), default=0)


_DEPTH_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")


def too_large_message(size: int) -> str:
    """The Swedish message for a file over :data:`MAX_BYTES`."""
    return (f"Filen är {format_number(size / 1024 / 1024, 1)} MB. Största tillåtna storlek är "
            f"{format_number(MAX_BYTES / 1024 / 1024)} MB; dela upp den i flera filer eller ta "
            "bort det som inte ska läsas in.")


def _kind(name: str, data: bytes) -> str | None:
    """"csv" or "xlsx" from the file name, and the content where the name does not say."""
    suffix = PurePath(name).suffix.lower()
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "xlsx" if is_zip else "csv"  # a workbook renamed to .csv is still a workbook
    if not suffix:
        return "xlsx" if is_zip else "csv"
    return None


def cell_text(value: Any) -> str:
    """A cell as trimmed text: empty for None, ``12`` (not ``12.0``) for a whole number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _column_letter(index: int) -> str:
    """Excel's name of the column at 0-based ``index``: A, B, …, Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# -- text -----------------------------------------------------------------------------------------

def _decode(file: str, data: bytes) -> tuple[str, list[Problem]]:
    """The text of a CSV file and a warning when it was read as Windows-1252."""
    notes: list[Problem] = []
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8):].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif utf16 := _utf16_without_bom(data):
            text = data.decode(utf16)
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
                notes.append(Problem(file, WINDOWS_1252))
    except UnicodeDecodeError:
        raise DataError([Problem(file, NOT_TEXT)]) from None
    if _looks_binary(text):
        raise DataError([Problem(file, NOT_TEXT)])
    return text, notes


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte of the start is zero, else None."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:20_000] if ch < " " and ch not in "\t\r\n\f\v")
    return "\x00" in text or controls > len(text[:20_000]) / 200


def _split_first_line(text: str) -> tuple[str, str]:
    parts = re.split(r"\r\n|\r|\n", text, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _delimiter(line: str) -> str:
    """The column separator of a header line: the most frequent of ``;``, ``,`` and tab
    outside quotes, ``;`` when they tie or none occurs."""
    bare = re.sub(r'"[^"]*"', "", line)
    return max(DELIMITERS, key=lambda d: (bare.count(d), -DELIMITERS.index(d)))


def _csv_grid(file: str, text: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) for every record of the text, as Excel numbers its rows."""
    first, rest = _split_first_line(text)
    hint = re.fullmatch(r'\s*"?sep=(\t|[^"\w\s])?"?[;,\t]*\s*', first, flags=re.IGNORECASE)
    if hint:  # Excel's "sep=;" line: not a row, and Excel does not show it
        text, delimiter = rest, hint.group(1)
    else:
        delimiter = None
    if delimiter is None:
        lines = re.split(r"\r\n|\r|\n", text[:65_536])
        delimiter = _delimiter(next((line for line in lines if line.strip(" ;,\t")), ""))
    return _csv_records(file, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _csv_records(file: str, reader: Iterable[list[str]]) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    try:
        for record in reader:
            number += 1
            yield number, [unescape_csv_cell(cell) for cell in record]
    except csv.Error:
        raise DataError([Problem(file, row=number + 1, message=(
            "CSV-filen är felaktig från den här raden: en cell är för lång eller ett "
            "citattecken saknar sitt slut. Kontrollera citattecknen."))]) from None


# -- XLSX -----------------------------------------------------------------------------------------

def _xlsx_grid(file: str, data: bytes, preferred: str | None,
               max_rows: int) -> tuple[str | None, list[tuple[int, list[Any]]]]:
    """The title and (row number, cells) of the preferred or first sheet of a workbook."""
    from openpyxl import load_workbook

    _check_zip(file, data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it skips
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return _sheet_grid(file, book.worksheets, preferred, max_rows)
            finally:
                book.close()
    except DataError:
        raise
    except Exception:  # noqa: BLE001 - whatever a broken workbook raises is one problem
        log.info("opening the workbook %s failed", file, exc_info=True)
        raise DataError([Problem(file, NOT_XLSX)]) from None


def _check_zip(file: str, data: bytes) -> None:
    """Refuse a workbook whose zip would unpack to far more than a table (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        log.info("the workbook %s is no zip file", file, exc_info=True)
        raise DataError([Problem(file, NOT_XLSX)]) from None
    total = sum(m.file_size for m in members)
    bomb = any(m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
               for m in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNPACKED or bomb:
        raise DataError([Problem(file, TOO_BIG_XLSX)])
    try:  # count the cells before any XML is parsed (one row may hold them all)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            counts = [sum(archive.read(m).count(tag) for tag in _CELL_TAGS) for m in members
                      if m.filename.startswith(("xl/worksheets/", "xl/sharedStrings"))]
    except Exception:  # noqa: BLE001 - a damaged member (CRC, compression) is a broken file
        log.info("unpacking the workbook %s failed", file, exc_info=True)
        raise DataError([Problem(file, NOT_XLSX)]) from None
    if any(count > MAX_CELLS for count in counts):
        raise DataError([Problem(file, TOO_BIG_XLSX)])


def _sheet_grid(file: str, sheets: list[Any], preferred: str | None,
                max_rows: int) -> tuple[str | None, list[tuple[int, list[Any]]]]:
    if not sheets:
        raise DataError([Problem(file, NO_SHEETS)])
    names = [s.title for s in sheets]
    ws = sheets[names.index(preferred)] if preferred in names else sheets[0]
    # Do not trust the stored size: read the cells there are, at most MAX_COLUMNS columns.
    ws.reset_dimensions()
    grid: list[tuple[int, list[Any]]] = []
    blank_run = cells = 0
    rows, number = ws.iter_rows(values_only=True), 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            break
        except Exception:  # noqa: BLE001 - a cell openpyxl cannot convert (a 5,000-digit number)
            log.info("reading row %d of %s failed", number + 1, file, exc_info=True)
            raise DataError([Problem(file, row=number + 1, message=BAD_CELL)]) from None
        number += 1
        cells += len(values)
        if cells > MAX_CELLS:
            raise DataError([Problem(file, row=number, message=(
                f"Bladet har fler än {format_number(MAX_CELLS)} celler; så stora tabeller går "
                "inte att läsa in. Spara bara tabellen i en ny arbetsbok."))])
        if len(values) > MAX_COLUMNS:
            extra = next((i for i, v in enumerate(values[MAX_COLUMNS:], MAX_COLUMNS)
                          if not _blank(v)), None)
            if extra is not None:
                raise DataError([Problem(file, row=number, field=f"kolumn {_column_letter(extra)}",
                                         message=(f"Tabellen har fler än {MAX_COLUMNS} kolumner; "
                                                  "så breda tabeller går inte att läsa in."))])
            values = values[:MAX_COLUMNS]
        if all(_blank(v) for v in values):
            blank_run += 1
            if blank_run >= BLANK_RUN:
                break
            continue
        blank_run = 0
        grid.append((number, list(values)))
        if len(grid) > max_rows + 1:  # the header and one row too many are enough to tell
            break
    return ws.title, grid


# -- header and rows ------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _heading(value: Any) -> str:
    return re.sub(r"\s+", " ", cell_text(value)).strip()


def _fill(table: Spreadsheet, grid: Iterable[tuple[int, list[Any]]], max_rows: int) -> None:
    """Set the header and rows of ``table`` from (row number, cells); raise on any problem."""
    where = table.where
    rows = iter(grid)
    for number, values in rows:
        if not all(_blank(v) for v in values):
            table.header_row = number
            headings = [_heading(v) for v in values]
            break
    else:
        raise DataError([Problem(where, NO_TABLE)])
    problems: list[Problem] = []
    first_column: dict[str, int] = {}
    for i, heading in enumerate(headings):
        key = heading.casefold()
        if not heading:
            continue
        if key in first_column:
            problems.append(Problem(where, row=table.header_row, field=heading, message=(
                f"Kolumnen står två gånger (kolumn {_column_letter(first_column[key])} och "
                f"{_column_letter(i)}). Ta bort den ena.")))
        else:
            first_column[key] = i
    columns = [(i, headings[i]) for i in first_column.values()]
    table.header = [heading for _i, heading in columns]
    unnamed: dict[int, int] = {}  # column index -> first row with a value under no heading
    for number, values in rows:
        if all(_blank(v) for v in values):
            continue
        if len(table.rows) >= max_rows:
            problems.append(Problem(where, (
                f"Filen har fler än {format_number(max_rows)} rader under rubrikraden; högst "
                f"{format_number(max_rows)} går att läsa in. Dela upp den i flera filer.")))
            break
        for i, value in enumerate(values):
            if not _blank(value) and (i >= len(headings) or not headings[i]):
                unnamed.setdefault(i, number)
        table.rows.append(Row(number, {heading: values[i] if i < len(values) else None
                                       for i, heading in columns}))
    for i, number in sorted(unnamed.items()):
        problems.append(Problem(where, row=table.header_row, field=f"kolumn {_column_letter(i)}",
                                message=(f"Kolumnen har värden (till exempel på rad {number}) men "
                                         "ingen rubrik. Skriv en rubrik eller ta bort värdena.")))
    if problems:
        raise DataError(problems)
