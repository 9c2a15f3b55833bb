"""The interview template (XLSX or CSV) and the import of filled templates.

Interviewers who would rather write in Excel than in the worksheet download a template with one
row per interview and one column per question of the guide. The filled file is read back with
:func:`naravard.core.spreadsheet.read_spreadsheet` and every row is checked here (pseudonym
present, known principal and perspective, a real date, no personal data); every problem is
reported with the file's row and column, in Swedish. Nothing is saved until the whole file is in
order; the worksheet then asks before it replaces interviews that are already saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Callable

from naravard.core.cells import csv_row, xlsx_append
from naravard.core.county import County
from naravard.core.pii import pii_problem
from naravard.core.problems import DataError, Problem
from naravard.core.spreadsheet import MAX_BYTES, Spreadsheet, cell_text, read_spreadsheet
from naravard.core.text import format_number
from naravard.insight.guide import Guide
from naravard.insight.study import Study, question_phrase

SHEET = "Intervjuer"
MAX_ROWS = 2000
MAX_CELL = 10_000

#: The columns every template has before the question columns.
FIXED = {"pseudonym": "Pseudonym", "role": "Roll", "principal": "Huvudman",
         "perspective": "Perspektiv", "date": "Datum"}
REQUIRED = ("pseudonym", "role", "principal", "perspective")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"


def _norm(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def template_columns(guide: Guide) -> list[str]:
    """The template's header: the fixed columns, then one column per answered question."""
    return [*FIXED.values(), *(f.short for f in guide.answer_fields())]


def _planned_rows(study: Study | None, guide: Guide, county: County) -> list[list[str]]:
    """Rows for the respondents already planned in the worksheet, ready to be filled in."""
    if study is None:
        return []
    fields = guide.answer_fields()
    rows = []
    for r in study.respondents:
        rows.append([r.pseudonym, r.role, guide.principal_name(r.principal, county),
                     guide.perspective_name(r.perspective), r.date,
                     *(r.answers.get(f.id, "") for f in fields)])
    return rows


def template_csv(guide: Guide, county: County, study: Study | None = None) -> bytes:
    """A CSV template for Excel in Swedish (semicolons, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_row(template_columns(guide)))
    writer.writerows(csv_row(row) for row in _planned_rows(study, guide, county))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(guide: Guide, county: County, study: Study | None = None) -> bytes:
    """An Excel template: the interview sheet with drop-down lists, the questions and help."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header = template_columns(guide)
    xlsx_append(ws, header)
    for row in _planned_rows(study, guide, county):
        xlsx_append(ws, row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DBE6F4")
    for col, _ in enumerate(header, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 16 if col <= 5 else 42
    ws.freeze_panes = "B2"

    lists = wb.create_sheet("Listor")
    principals = [guide.principal_name(c, county) for c in guide.principal_codes(county)]
    perspectives = [p.name for p in guide.perspectives]
    lists.append(["Huvudman", "Perspektiv"])
    for i in range(max(len(principals), len(perspectives))):
        xlsx_append(lists, [principals[i] if i < len(principals) else None,
                            perspectives[i] if i < len(perspectives) else None])
    lists.sheet_state = "hidden"
    last = MAX_ROWS + 1
    for col_index, (column, values) in enumerate((("A", principals), ("B", perspectives)),
                                                 start=3):
        source = f"=Listor!${column}$2:${column}${len(values) + 1}"
        dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                            errorTitle="Välj ur listan",
                            error="Välj ett av alternativen i listan.")
        dv.add(f"{get_column_letter(col_index)}2:{get_column_letter(col_index)}{last}")
        ws.add_data_validation(dv)
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    questions = wb.create_sheet("Frågor")
    questions.append(["Kolumn", "Fråga"])
    questions["A1"].font = bold
    questions["B1"].font = bold
    title = study.title if study else ""
    for f in guide.answer_fields():
        text = (f.lead + " " + f.text if f.lead else f.text).replace("{fraga}",
                                                                     question_phrase(title))
        xlsx_append(questions, [f.short, text.replace("… …", "…")])
    questions.column_dimensions["A"].width = 40
    questions.column_dimensions["B"].width = 100

    help_sheet = wb.create_sheet("Så fyller du i")
    for line in [
        "En rad per intervju. Pseudonym, roll, huvudman och perspektiv måste fyllas i.",
        "Skriv aldrig namn, personnummer, telefonnummer eller e-postadresser.",
        "Huvudman och perspektiv väljs ur listorna. Datum skrivs som 2026-03-02.",
        "Ändra inte kolumnrubrikerna på första raden. Läs sedan in filen i arbetsbladet, steg 6.",
        guide.texts.to_interviewer,
    ]:
        xlsx_append(help_sheet, [line])
    help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading a filled template ----------------------------------------------------------------


@dataclass
class ImportResult:
    """The interviews read from a file, in the worksheet's layout, and notes for the user."""

    file: str
    interviews: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _parse_date(value: Any) -> str | None:
    """ISO date text for a date cell; None when the value is not a date."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def read_interviews(name: str, data: bytes, guide: Guide, county: County) -> ImportResult:
    """Read a filled template (``.xlsx`` or ``.csv``); raise DataError listing every problem."""
    shown = PurePath(name or "filen").name
    if len(data) > MAX_BYTES:
        size = format_number(len(data) / 1024 / 1024, 1)
        raise DataError([Problem(shown, f"Filen är {size} MB. Högst "
                                        f"{MAX_BYTES // 1024 // 1024} MB går att läsa in; dela "
                                        "upp den i flera filer.")])
    return _interpret(read_spreadsheet(shown, data, sheet=SHEET, max_rows=MAX_ROWS), guide,
                      county)


def _lookup(options: dict[str, str]) -> Callable[[str], str | None]:
    table = {_norm(k): v for k, v in options.items()}
    return lambda text: table.get(_norm(text))


def _interpret(table: Spreadsheet, guide: Guide, county: County) -> ImportResult:
    file = table.file
    fields = guide.answer_fields()
    known: dict[str, str] = {}
    for key, label in FIXED.items():
        known[_norm(label)] = key
        known[_norm(key)] = key
    for f in fields:
        known[_norm(f.short)] = "q:" + f.id
        known[_norm(f.id)] = "q:" + f.id
    columns: dict[str, str] = {}  # heading in the file -> field key
    result = ImportResult(file=file, warnings=[w.message for w in table.warnings])
    problems: list[Problem] = []
    for title in table.header:
        key = known.get(_norm(title))
        if key is None:
            result.warnings.append(f"Kolumnen ”{title}” känns inte igen och läses inte in.")
        elif key in columns.values():
            problems.append(Problem(file, f"Kolumnen ”{title}” står två gånger. Ta bort den ena.",
                                    row=table.header_row, field=title))
        else:
            columns[title] = key
    present = set(columns.values())
    for key in REQUIRED:
        if key not in present:
            problems.append(Problem(file, f"Kolumnen ”{FIXED[key]}” saknas på första raden. "
                                          "Ladda ner mallen på nytt och klistra in svaren i den.",
                                    row=table.header_row, field=FIXED[key]))
    answer_columns = [k for k in present if k.startswith("q:")]
    if not answer_columns:
        problems.append(Problem(file, "Filen har inga svarskolumner. Rubrikerna på första raden "
                                      "ska vara frågorna som i mallen, till exempel "
                                      f"”{fields[0].short}”.", row=table.header_row))
    elif len(answer_columns) < len(fields):
        missing = [f.short for f in fields if "q:" + f.id not in present]
        result.warnings.append("Kolumnerna " + ", ".join(f"”{m}”" for m in missing)
                               + " saknas; de frågorna lämnas som de är.")
    if problems:
        raise DataError(problems)

    principal_of = _lookup({**{c: c for c in guide.principal_codes(county)},
                            **{guide.principal_name(c, county): c
                               for c in guide.principal_codes(county)}})
    perspective_of = _lookup({**{p.code: p.code for p in guide.perspectives},
                              **{p.name: p.code for p in guide.perspectives}})
    principal_names = ", ".join(f"”{guide.principal_name(c, county)}”"
                                for c in guide.principal_codes(county))
    perspective_names = ", ".join(f"”{p.name}”" for p in guide.perspectives)
    labels = {v: k for k, v in {**{FIXED[k]: k for k in FIXED},
                               **{f.short: "q:" + f.id for f in fields}}.items()}
    seen: dict[str, int] = {}
    for row in table.rows:
        cells = {key: row.values[title] for title, key in columns.items()}
        texts = {key: cell_text(v) for key, v in cells.items() if key != "date"}
        if not any(texts.values()) and not cell_text(cells.get("date")):
            continue

        def bad(key: str, message: str) -> None:
            problems.append(Problem(file, message, row=row.number, field=labels.get(key, key)))

        pseudonym = texts.get("pseudonym", "")
        if not pseudonym:
            bad("pseudonym", "Pseudonym saknas. Ge intervjun en pseudonym, till exempel ”IP 07”, "
                             "aldrig personens namn.")
        elif pseudonym.casefold() in seen:
            bad("pseudonym", f"Pseudonymen ”{pseudonym}” finns redan på rad "
                             f"{seen[pseudonym.casefold()]}. Varje intervju behöver en egen.")
        else:
            seen[pseudonym.casefold()] = row.number
        if not texts.get("role"):
            bad("role", "Roll saknas. Skriv den intervjuades roll, till exempel ”Socialchef”.")
        principal = principal_of(texts.get("principal", ""))
        if principal is None:
            given = texts.get("principal", "")
            bad("principal", (f"Okänd huvudman ”{given}”. " if given else "Huvudman saknas. ")
                + f"Välj en av: {principal_names}.")
        perspective = perspective_of(texts.get("perspective", ""))
        if perspective is None:
            given = texts.get("perspective", "")
            bad("perspective", (f"Okänt perspektiv ”{given}”. " if given else
                                "Perspektiv saknas. ") + f"Välj ett av: {perspective_names}.")
        date = _parse_date(cells.get("date")) if "date" in columns.values() else ""
        if date is None:
            bad("date", f"”{cell_text(cells.get('date'))}” är inget datum. Skriv till exempel "
                        "2026-03-02 eller lämna cellen tom.")
        for key, text in texts.items():
            if len(text) > MAX_CELL:
                bad(key, f"Texten är längre än {MAX_CELL} tecken. Korta den.")
            problem = pii_problem(text)
            if problem:
                bad(key, problem)
        result.interviews.append({
            "pseudonym": pseudonym, "role": texts.get("role", ""), "principal": principal or "",
            "perspective": perspective or "", "date": date or "",
            "answers": {k[2:]: v for k, v in texts.items() if k.startswith("q:") and v},
        })
    if problems:
        raise DataError(problems)
    if not result.interviews:
        raise DataError([Problem(file, "Filen har inga ifyllda rader under rubrikraden. Fyll i "
                                       "en rad per intervju.")])
    return result


# --- merging into the saved study -------------------------------------------------------------


@dataclass
class MergePlan:
    """What an import will do: which pseudonyms are new and which replace saved interviews."""

    added: list[str]
    replaced: list[str]

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"{len(self.added)} nya intervjuer")
        if self.replaced:
            parts.append(f"{len(self.replaced)} som ersätter sparade intervjuer ("
                         + ", ".join(self.replaced) + ")")
        return " och ".join(parts) if parts else "inga intervjuer"


def _index_by_pseudonym(doc: dict) -> dict[str, str]:
    return {str(r.get("pseudonym") or "").casefold(): rid
            for rid, r in (doc.get("respondents") or {}).items() if isinstance(r, dict)}


def plan_merge(doc: dict, interviews: list[dict]) -> MergePlan:
    """Which imported interviews are new and which replace saved ones (matched by pseudonym)."""
    index = _index_by_pseudonym(doc)
    added, replaced = [], []
    for i in interviews:
        (replaced if i["pseudonym"].casefold() in index else added).append(i["pseudonym"])
    return MergePlan(added, replaced)


def merge_interviews(doc: dict, interviews: list[dict], new_id: Callable[[], str]) -> None:
    """Write imported interviews into the saved document (mutates ``doc``).

    A saved interview with the same pseudonym gets the file's role, principal, perspective and
    date, and the answers that are filled in the file; answers left empty in the file are kept.
    Theme tags stay on answers whose text did not change.
    """
    respondents = doc.setdefault("respondents", {})
    index = _index_by_pseudonym(doc)
    for i in interviews:
        rid = index.get(i["pseudonym"].casefold())
        if rid is None:
            rid = new_id()
            respondents[rid] = {"pseudonym": i["pseudonym"], "answers": {}, "tags": {}}
            index[i["pseudonym"].casefold()] = rid
        saved = respondents[rid]
        for key in ("role", "principal", "perspective"):
            saved[key] = i[key]
        if i.get("date"):
            saved["date"] = i["date"]
        answers = saved.setdefault("answers", {})
        tags = saved.setdefault("tags", {})
        for qid, text in i["answers"].items():
            if answers.get(qid) != text:
                tags.pop(qid, None)
            answers[qid] = text
