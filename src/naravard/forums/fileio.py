"""Import and export of forum maps: CSV for Swedish Excel, XLSX, GraphML and JSON.

CSV and the XLSX sheet "Forum" have one row per forum, with the outgoing relations in one
column per relation kind (several forum names separated by ``|``). CSV files are written in
UTF-8 with BOM, ``;`` between columns and decimal comma, so that Swedish Excel opens them right.
Every import is checked in full before anything is saved: :func:`read_upload` returns the map
and a list of problems naming row and column; the worksheet shows both and asks before saving.
CSV and XLSX files are read by :func:`naravard.core.spreadsheet.read_spreadsheet`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Iterable

import networkx as nx

from naravard.core.problems import DataError, Problem
from naravard.core.spreadsheet import MAX_BYTES, Spreadsheet, cell_text, read_spreadsheet
from naravard.core.store import new_id
from naravard.core.text import format_number
from naravard.forums.model import (FIELD_LABELS, LIST_SEP, RELATION_KINDS, FieldError, Forum,
                                   ForumMap, Relation, clean_field, norm, to_graph)

MAX_UPLOAD_BYTES = MAX_BYTES
MAX_FORUMS = 2000
FORMATS = {"csv": "CSV", "xlsx": "Excel", "graphml": "GraphML", "json": "JSON"}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
    "json": "application/json",
}
JSON_FORMAT = "naravard-forumkarta"

#: The columns of CSV files and of the XLSX sheet "Forum", in order.
COLUMNS = [FIELD_LABELS[k] for k in FIELD_LABELS] + RELATION_KINDS
REQUIRED = ["namn", "nivå", "huvudman"]
COLUMN_KEYS = {label: key for key, label in FIELD_LABELS.items()}
#: Other spellings accepted in a heading row.
ALIASES = {
    "forum": "namn", "name": "namn", "forumnamn": "namn", "niva": "nivå", "level": "nivå",
    "principal": "huvudman", "type": "typ", "mission": "uppdrag", "mandate": "mandat",
    "frequency": "möten per år", "möten/år": "möten per år", "mötesfrekvens": "möten per år",
    "members": "medlemmar", "roller": "medlemmar", "ledamöter": "medlemmar",
    "system_leadership": "systemledning",
}
SHEET = "Forum"


@dataclass
class ImportResult:
    """A checked upload: the map it holds, or the problems that stop it from being saved."""

    filename: str
    fmt: str
    fmap: ForumMap | None = None
    perspectives: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.fmap is not None and not self.problems


# -- reading ------------------------------------------------------------------------------------

def detect_format(filename: str, data: bytes) -> str | None:
    """"csv", "xlsx", "graphml" or "json", from the content first and the file name second."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \r\n\t")
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if head.startswith(b"<") and b"graphml" in data[:4096].lower():
        return "graphml"
    if head.startswith((b"{", b"[")):
        return "json"
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    if suffix in ("csv", "txt", "tsv"):
        return "csv"
    if suffix in FORMATS:
        return suffix
    return "csv" if data and b"\x00" not in data[:4096] else None


def read_upload(filename: str, data: bytes, principals: list[str],
                organisations: dict[str, str] | None = None) -> ImportResult:
    """Check an uploaded file of any supported format; never raises for bad content."""
    name = PurePath(filename or "fil").name
    if len(data) > MAX_UPLOAD_BYTES:
        return ImportResult(name, "?", problems=[Problem(name, too_large_message(len(data)))])
    if not data.strip():
        return ImportResult(name, "?", problems=[Problem(name, "Filen är tom.")])
    fmt = detect_format(name, data)
    if fmt is None:
        return ImportResult(name, "?", problems=[Problem(name, (
            "Filtypen känns inte igen. Använd CSV (semikolonavgränsad), Excel (.xlsx), "
            "GraphML eller JSON. Ladda ner mallen för att se hur filen ska se ut."))])
    result = ImportResult(name, FORMATS[fmt])
    readers = {"csv": _read_table, "xlsx": _read_table, "graphml": _read_graphml,
               "json": _read_json}
    try:
        readers[fmt](data, result, principals, organisations or {})
    except _Stop:
        result.fmap = None
    return result


def too_large_message(size: int) -> str:
    """The forum sheet's message for a file over the size limit."""
    return (f"Filen är {format_number(size / 1024 / 1024, 1)} MB; största tillåtna storlek är "
            f"{format_number(MAX_UPLOAD_BYTES / 1024 / 1024)} MB. En forumkarta brukar vara "
            "några kilobyte. Kontrollera att det är rätt fil.")


class _Stop(Exception):
    """The file cannot be read at all; the problem is already recorded."""


def _heading(text: Any) -> str:
    key = re.sub(r"\s+", " ", str(text or "")).strip().casefold()
    return ALIASES.get(key, key)


def _read_table(data: bytes, result: ImportResult, principals: list[str],
                organisations: dict[str, str]) -> None:
    """Read a CSV file or the sheet "Forum" (else the first sheet) of a workbook."""
    kind = "xlsx" if result.fmt == FORMATS["xlsx"] else "csv"
    try:
        table = read_spreadsheet(result.filename, data, kind=kind, sheet=SHEET,
                                 max_rows=MAX_FORUMS)
    except DataError as exc:
        result.problems.extend(exc.problems)
        raise _Stop from None
    result.warnings.extend(table.warnings)
    if table.sheet is not None and table.sheet != SHEET:
        result.warnings.append(Problem(result.filename, (
            f"Arbetsboken har inget blad som heter ”{SHEET}”; bladet ”{table.sheet}” lästes.")))
    _rows_to_map(table, result, principals, organisations)


def _rows_to_map(table: Spreadsheet, result: ImportResult, principals: list[str],
                 organisations: dict[str, str]) -> None:
    """Turn a table (heading row + one row per forum) into a map, collecting every problem."""
    file, head_no = table.where, table.header_row
    columns: dict[str, str] = {}  # heading in the file -> column in COLUMNS
    for cell in table.header:
        heading = _heading(cell)
        if heading in COLUMNS:
            if heading in columns.values():
                result.problems.append(Problem(file, row=head_no, field=cell,
                                               message="Kolumnen står två gånger."))
            columns[cell] = heading
        else:
            result.warnings.append(Problem(file, row=head_no, field=cell, message=(
                "Okänd kolumn; den lästes inte. Kända kolumner: " + ", ".join(COLUMNS) + ".")))
    missing = [c for c in REQUIRED if c not in columns.values()]
    for c in missing:
        result.problems.append(Problem(file, row=head_no, field=c, message=(
            f"Kolumnen ”{c}” saknas. Första raden ska innehålla rubrikerna, minst "
            f"{', '.join(REQUIRED)}. Ladda ner mallen för att se hur filen ska se ut.")))
    if missing:
        raise _Stop
    fmap = ForumMap()
    first_row: dict[str, int] = {}
    pending: list[tuple[int, str, str, str]] = []
    for row in table.rows:
        row_no = row.number
        cells = {columns[h]: v for h, v in row.values.items() if h in columns}
        raw = {COLUMN_KEYS[c]: v for c, v in cells.items() if c in COLUMN_KEYS}
        forum_values: dict[str, Any] = {}
        bad = False
        for key in FIELD_LABELS:
            if key not in raw and key not in ("name", "level", "principal"):
                continue
            value = raw.get(key, "")
            if key != "frequency":
                value = cell_text(value) if not isinstance(value, bool) else value
            try:
                forum_values[key] = clean_field(key, value, principals, (), organisations)
            except FieldError as exc:
                result.problems.append(Problem(file, row=row_no, field=FIELD_LABELS[key],
                                               message=str(exc)))
                bad = True
        name = forum_values.get("name")
        if name:
            key = norm(name)
            if key in first_row:
                result.problems.append(Problem(file, row=row_no, field="namn", message=(
                    f"Forumet ”{name}” står redan på rad {first_row[key]}. Varje forum ska stå "
                    "på en rad; slå ihop raderna.")))
                bad = True
            else:
                first_row[key] = row_no
        for kind in RELATION_KINDS:
            for target in re.split(r"[|\r\n]", cell_text(cells.get(kind, ""))):
                if target.strip():
                    pending.append((row_no, name or "", kind, re.sub(r"\s+", " ", target).strip()))
        if not bad:
            fmap.forums[new_id("f")] = Forum(**forum_values)
    by_name = {norm(f.name): fid for fid, f in fmap.forums.items()}
    seen = set()
    for row_no, source, kind, target in pending:
        if not source:
            continue
        if norm(target) not in first_row:
            result.problems.append(Problem(file, row=row_no, field=kind, message=(
                f"Forumet ”{target}” finns inte i filen. Kontrollera stavningen eller lägg till "
                "forumet på en egen rad.")))
            continue
        if norm(target) == norm(source):
            result.problems.append(Problem(file, row=row_no, field=kind, message=(
                "Ett forum kan inte ha en relation till sig självt.")))
            continue
        s, t = by_name.get(norm(source)), by_name.get(norm(target))
        if s and t and (s, kind, t) not in seen:
            seen.add((s, kind, t))
            fmap.relations[new_id("r")] = Relation(s, kind, t)
    if not result.problems:
        result.fmap = fmap


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if pos >= 0 else None


def _check_records(forums: dict, relations: dict, result: ImportResult, text: str,
                   principals: list[str], organisations: dict[str, str], quote: str) -> None:
    """Check forums and relations given as records (GraphML nodes, JSON objects)."""
    fmap = ForumMap()
    names: dict[str, str] = {}
    for fid, rec in forums.items():
        row = _line_of(text, f"{quote}{fid}{quote}")
        if not isinstance(rec, dict):
            result.problems.append(Problem(result.filename, row=row, field=str(fid),
                                           message="Forumet ska vara en post med fält."))
            continue
        values: dict[str, Any] = {}
        bad = False
        for key in FIELD_LABELS:
            if key not in rec and key not in ("name", "level", "principal"):
                continue
            try:
                values[key] = clean_field(key, rec.get(key), principals, (), organisations)
            except FieldError as exc:
                result.problems.append(Problem(result.filename, row=row, field=f"{fid}.{key}",
                                               message=str(exc)))
                bad = True
        if values.get("name"):
            key = norm(values["name"])
            if key in names:
                result.problems.append(Problem(result.filename, row=row, field=f"{fid}.name",
                                               message=f"Forumet ”{values['name']}” finns redan "
                                                       f"(”{names[key]}”). Slå ihop dem."))
                bad = True
            names[key] = str(fid)
        if not bad:
            fmap.forums[str(fid)] = Forum(**values)
    seen = set()
    for rid, rec in relations.items():
        row = _line_of(text, f"{quote}{rid}{quote}")
        if not isinstance(rec, dict):
            result.problems.append(Problem(result.filename, row=row, field=str(rid),
                                           message="Relationen ska vara en post med fält."))
            continue
        s, k, t = str(rec.get("source")), rec.get("kind"), str(rec.get("target"))
        message = None
        if s not in forums or t not in forums:
            missing = s if s not in forums else t
            message = f"Relationen pekar på forumet ”{missing}”, som inte finns i filen."
        elif k not in RELATION_KINDS:
            message = (f"Typen ”{k}” finns inte. Använd en av: {', '.join(RELATION_KINDS)}.")
        elif s == t:
            message = "Ett forum kan inte ha en relation till sig självt."
        if message:
            result.problems.append(Problem(result.filename, row=row, field=str(rid),
                                           message=message))
            continue
        if s in fmap.forums and t in fmap.forums and (s, k, t) not in seen:
            seen.add((s, k, t))
            fmap.relations[str(rid)] = Relation(s, str(k), t)
    if len(fmap.forums) > MAX_FORUMS:
        result.problems.append(Problem(result.filename, f"Filen har fler än "
                                                        f"{format_number(MAX_FORUMS)} forum."))
    if not result.problems:
        result.fmap = fmap


def _read_graphml(data: bytes, result: ImportResult, principals: list[str],
                  organisations: dict[str, str]) -> None:
    try:
        g = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    except Exception as exc:  # noqa: BLE001 - any parser error is a problem with the file
        result.problems.append(Problem(result.filename, (
            f"GraphML-filen går inte att läsa ({str(exc)[:200]}). Kontrollera att den är "
            "exporterad som GraphML.")))
        raise _Stop from None
    text = data.decode("utf-8", errors="replace")
    forums = {}
    for n, attrs in g.nodes(data=True):
        rec = dict(attrs)
        if "members" in rec:
            rec["members"] = str(rec["members"])
        forums[str(n)] = rec
    relations = {}
    for i, (u, v, key, attrs) in enumerate(g.edges(keys=True, data=True)):
        rid = str(attrs.get("id") or key)
        if rid in relations:
            rid = f"{rid}-{i}"
        relations[rid] = {"source": str(u), "kind": attrs.get("kind"), "target": str(v)}
    _check_records(forums, relations, result, text, principals, organisations, '"')


def _read_json(data: bytes, result: ImportResult, principals: list[str],
               organisations: dict[str, str]) -> None:
    try:
        text = data.decode("utf-8-sig")
        doc = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        result.problems.append(Problem(result.filename, row=line, message=(
            "JSON-filen går inte att läsa. Använd en fil som exporterats från arbetsbladet.")))
        raise _Stop from None
    if not isinstance(doc, dict) or not isinstance(doc.get("forums"), dict):
        result.problems.append(Problem(result.filename, row=1, field="forums", message=(
            "Filen saknar ”forums”. Använd en JSON-fil som exporterats från arbetsbladet.")))
        raise _Stop
    relations = doc.get("relations") or {}
    if not isinstance(relations, dict):
        result.problems.append(Problem(result.filename, field="relations",
                                       message="”relations” ska vara en post per relation."))
        raise _Stop
    _check_records(doc["forums"], relations, result, text, principals, organisations, '"')
    persp = doc.get("perspectives")
    if persp:
        result.perspectives = _check_perspectives(persp, result, text)


def _check_perspectives(persp: Any, result: ImportResult, text: str) -> dict | None:
    if not isinstance(persp, dict):
        result.problems.append(Problem(result.filename, field="perspectives",
                                       message="”perspectives” ska vara en post per deltagare."))
        return None
    out = {}
    for pid, p in persp.items():
        row = _line_of(text, f'"{pid}"')
        ok = (isinstance(p, dict) and isinstance(p.get("participant"), str)
              and isinstance(p.get("forums", []), list) and isinstance(p.get("relations", []), list)
              and all(isinstance(e, dict) and isinstance(e.get("name"), str)
                      for e in p.get("forums", []))
              and all(isinstance(r, dict) and r.get("kind") in RELATION_KINDS
                      and isinstance(r.get("source"), str) and isinstance(r.get("target"), str)
                      for r in p.get("relations", [])))
        if not ok:
            result.problems.append(Problem(result.filename, row=row, field=f"perspectives.{pid}",
                                           message="Deltagarens bild har fel format."))
            continue
        out[str(pid)] = {"participant": p["participant"], "forums": p.get("forums", []),
                         "relations": p.get("relations", [])}
    return out


# -- writing ------------------------------------------------------------------------------------

def format_frequency(value: float | None) -> str:
    """Meetings per year with decimal comma and no thousands separator ("0,5", "12")."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def table_rows(fmap: ForumMap) -> list[list[Any]]:
    """One row per forum in COLUMNS order (relation targets joined with " | ")."""
    targets: dict[tuple[str, str], list[str]] = {}
    for r in fmap.relations.values():
        targets.setdefault((r.source, r.kind), []).append(fmap.name(r.target))
    rows = []
    order = sorted(fmap.forums, key=lambda fid: (
        ["makro", "meso", "mikro"].index(fmap.forums[fid].level)
        if fmap.forums[fid].level in ("makro", "meso", "mikro") else 9,
        norm(fmap.forums[fid].principal), norm(fmap.forums[fid].name)))
    for fid in order:
        f = fmap.forums[fid]
        rows.append([f.name, f.level, f.principal, f.type, f.mission, f.mandate, f.frequency,
                     f" {LIST_SEP} ".join(f.members), "ja" if f.system_leadership else "",
                     *(f" {LIST_SEP} ".join(sorted(targets.get((fid, k), []), key=norm))
                       for k in RELATION_KINDS)])
    return rows


def to_csv(fmap: ForumMap) -> bytes:
    """CSV for Swedish Excel: UTF-8 with BOM, ``;``, decimal comma, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in table_rows(fmap):
        row[6] = format_frequency(row[6])
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_csv() -> bytes:
    """A blank CSV with the heading row only."""
    return to_csv(ForumMap())


def to_xlsx(fmap: ForumMap, doc: dict | None = None, *, county_name: str = "",
            principals: Iterable[str] = (), template: bool = False) -> bytes:
    """An Excel workbook: the sheet "Forum" (importable), the analyses, the participants'
    pictures, and a sheet that explains the columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from naravard.forums.analysis import analyse
    from naravard.forums.perspectives import compare

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EEF3F8")
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    for row in table_rows(fmap):
        ws.append(row)
    widths = [34, 9, 20, 14, 40, 40, 12, 40, 13, 30, 30, 30, 30]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[6].number_format = "0.##"
    ws.freeze_panes = "B2"
    last = max(ws.max_row, 500)
    for col, options in (("B", "makro,meso,mikro"),
                         ("D", "beslutande,beredande,samverkande,informerande"),
                         ("I", "ja")):
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.error = "Välj ett värde i listan."
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{last}")
    plist = ",".join([*principals, "Gemensam"])
    if principals and len(plist) < 250:
        dv = DataValidation(type="list", formula1=f'"{plist}"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"C2:C{last}")

    if not template:
        wa = wb.create_sheet("Analyser")
        for finding in analyse(fmap):
            wa.append([finding.title])
            wa[wa.max_row][0].font = Font(bold=True, size=13)
            wa.append([finding.explanation])
            if finding.rows:
                wa.append(finding.header)
                for cell in wa[wa.max_row]:
                    cell.font = bold
                for r in finding.rows:
                    wa.append(r)
            else:
                wa.append([finding.empty])
            wa.append([])
        wa.column_dimensions["A"].width = 60
        wa.column_dimensions["B"].width = 60
        wa.column_dimensions["C"].width = 40
        comp = compare(doc or {})
        if comp.participants:
            wp = wb.create_sheet("Perspektiv")
            wp.append(["Forum", "Känd av (andel)", *comp.participants])
            for cell in wp[1]:
                cell.font = bold
            for fa in comp.forums:
                cells = []
                for person in comp.participants:
                    if person in fa.known_by:
                        cells.append(fa.decides.get(person) or "känner till")
                    else:
                        cells.append("")
                wp.append([fa.name, round(fa.share, 2), *cells])
            wp.column_dimensions["A"].width = 36
            wr = wb.create_sheet("Perspektivens relationer")
            wr.append(["Från", "Relation", "Till", "Ritad av (andel)", "Ritad av"])
            for cell in wr[1]:
                cell.font = bold
            for ra in comp.relations:
                wr.append([ra.source, ra.kind, ra.target, round(ra.share, 2),
                           " | ".join(ra.drawn_by)])
    wi = wb.create_sheet("Läs mig")
    for line in _readme_lines(county_name):
        wi.append([line])
    wi.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _readme_lines(county_name: str) -> list[str]:
    where = f" för {county_name}" if county_name else ""
    return [
        f"Forumkarta{where}",
        "",
        "Bladet ”Forum” kan läsas in i arbetsbladet Kartlägg beslutsforum. En rad per forum.",
        "namn: forumets namn (måste vara unikt).",
        "nivå: makro (systemledning), meso (styrning) eller mikro (process och arbetsgrupp).",
        "huvudman: regionen, en kommun eller Gemensam.",
        "typ: beslutande, beredande, samverkande eller informerande.",
        "uppdrag: vad forumet ska åstadkomma. mandat: vad forumet får besluta.",
        "möten per år: ett tal, till exempel 10 eller 0,5.",
        "medlemmar: roller, åtskilda med |, till exempel Socialchef Norrvik | Vårdcentralchef.",
        "systemledning: ja för det eller de forum som är länets systemledning.",
        "ger uppdrag till, rapporterar till, eskalerar till, informerar: namnen på de forum "
        "relationen går till, åtskilda med |.",
        "Ange roller, aldrig namn på personer, e-postadresser eller telefonnummer.",
    ]


def to_graphml(fmap: ForumMap) -> bytes:
    """GraphML (for Gephi, yEd, Cytoscape): forum fields as node attributes, ``kind`` on edges."""
    g = to_graph(fmap)
    for _n, attrs in g.nodes(data=True):
        attrs["members"] = f" {LIST_SEP} ".join(attrs.get("members") or [])
        if attrs.get("frequency") is None:
            attrs.pop("frequency", None)
    for _u, _v, key, attrs in g.edges(keys=True, data=True):
        attrs["id"] = key
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8", named_key_ids=True)
    return out.getvalue()


def to_json(doc: dict, county_name: str = "") -> bytes:
    """The whole worksheet (map, perspectives and notes) as JSON that can be imported again."""
    data = {"format": JSON_FORMAT, "version": 1, "län": county_name,
            "exporterad": dt.datetime.now().isoformat(timespec="seconds"),
            "forums": doc.get("forums") or {}, "relations": doc.get("relations") or {},
            "perspectives": doc.get("perspectives") or {}, "notes": doc.get("notes", "")}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export_bytes(doc: dict, fmt: str, *, county_name: str = "",
                 principals: Iterable[str] = ()) -> bytes:
    """The saved worksheet in one of FORMATS."""
    fmap = ForumMap.from_doc(doc)
    if fmt == "csv":
        return to_csv(fmap)
    if fmt == "xlsx":
        return to_xlsx(fmap, doc, county_name=county_name, principals=principals)
    if fmt == "graphml":
        return to_graphml(fmap)
    if fmt == "json":
        return to_json(doc, county_name)
    raise ValueError(f"Okänt format ”{fmt}”. Välj en av: {', '.join(FORMATS)}.")


def export_filename(workshop: str, fmt: str, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    return f"forumkarta-{workshop}-{day}.{fmt}"
