"""Import of forum maps: CSV for Swedish Excel, XLSX, GraphML and JSON.

CSV and the XLSX sheet "Forum" have one row per forum, with the outgoing relations in one
column per relation kind (several forum names separated by ``|``). The writers are in
:mod:`naravard.forums.writers` and are re-exported here. Work is bounded before parsing (size,
JSON nesting depth, GraphML element counts, no DTD) and linear in the file (line numbers come
from one index, not a search per record); a parser's own detail goes to the log, never to the
participant. Every import is checked in full before anything is saved: :func:`read_upload` returns the map
and a list of problems naming row and column; the worksheet shows both and asks before saving.
CSV and XLSX files are read by :func:`naravard.core.spreadsheet.read_spreadsheet`.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import networkx as nx

from naravard.core.problems import DataError, Problem
from naravard.core.spreadsheet import (MAX_BYTES, Spreadsheet, cell_text, json_depth,
                                       read_spreadsheet)
from naravard.core.store import new_id
from naravard.core.text import format_number
from naravard.forums.model import (FIELD_LABELS, RELATION_KINDS, FieldError, Forum, ForumMap,
                                   Relation, clean_field, norm)
from naravard.forums.writers import COLUMNS, FORMATS, SHEET

MAX_UPLOAD_BYTES = MAX_BYTES
MAX_FORUMS = 2000
MAX_RELATIONS = 20 * MAX_FORUMS
#: The deepest nesting of a JSON import (the format itself needs 4 levels).
MAX_JSON_DEPTH = 32
REQUIRED = ["namn", "nivå", "huvudman"]
COLUMN_KEYS = {label: key for key, label in FIELD_LABELS.items()}
#: Other spellings accepted in a heading row.
ALIASES = {
    "forum": "namn", "name": "namn", "forumnamn": "namn", "niva": "nivå", "level": "nivå",
    "principal": "huvudman", "type": "typ", "mission": "uppdrag", "mandate": "mandat",
    "frequency": "möten per år", "möten/år": "möten per år", "mötesfrekvens": "möten per år",
    "members": "medlemmar", "roller": "medlemmar", "ledamöter": "medlemmar",
    "system_leadership": "systemledning", "composition": "sammansättning",
    "politisk nivå": "sammansättning", "förtroendevalda eller tjänstemän": "sammansättning",
    "politisk eller tjänstemän": "sammansättning", "politisk/tjänstemän": "sammansättning",
    "frekvens": "möten per år", "mötesfrekvens per år": "möten per år",
    "möten": "möten per år", "forumtyp": "typ",
}

log = logging.getLogger(__name__)


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
            if not forum_values.get("type"):
                result.warnings.append(Problem(file, row=row_no, field="typ", message=(
                    f"Forumet ”{name}” har ingen typ. Det läses in utan typ; skriv beslutande, "
                    "beredande, samverkande eller informerande i filen eller i kartan.")))
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


def _line_index(text: str) -> dict[str, int]:
    """The line of the first occurrence of every quoted string in ``text``, in one pass."""
    lines: dict[str, int] = {}
    line, last = 1, 0
    for m in _QUOTED.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        lines.setdefault(m.group(1), line)
    return lines


_QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
#: Types a field of an imported record may have (the forms accept no others).
_FIELD_TYPES = {"frequency": (int, float, str), "members": (str, list),
                "system_leadership": (bool, str)}


def _check_records(forums: dict, relations: dict, result: ImportResult, text: str,
                   principals: list[str], organisations: dict[str, str]) -> None:
    """Check forums and relations given as records (GraphML nodes, JSON objects)."""
    fmap = ForumMap()
    names: dict[str, str] = {}
    lines = _line_index(text)
    if len(forums) > MAX_FORUMS or len(relations) > MAX_RELATIONS:
        result.problems.append(Problem(result.filename, (
            f"Filen har fler än {format_number(MAX_FORUMS)} forum eller "
            f"{format_number(MAX_RELATIONS)} relationer; så många går inte att läsa in.")))
        raise _Stop
    for fid, rec in forums.items():
        row = lines.get(str(fid))
        if not isinstance(rec, dict):
            result.problems.append(Problem(result.filename, row=row, field=str(fid),
                                           message="Forumet ska vara en post med fält."))
            continue
        values: dict[str, Any] = {}
        bad = False
        for key in FIELD_LABELS:
            if key not in rec and key not in ("name", "level", "principal"):
                continue
            value = rec.get(key)
            try:
                if value is not None and (not isinstance(value, _FIELD_TYPES.get(key, str))
                                          or isinstance(value, list) and not all(
                                              isinstance(v, str) for v in value)):
                    raise FieldError(key, "Fältet har fel typ: det ska vara text.")
                values[key] = clean_field(key, value, principals, (), organisations)
            except (FieldError, ValueError, OverflowError) as exc:
                message = str(exc) if isinstance(exc, FieldError) else "Värdet går inte att läsa."
                result.problems.append(Problem(result.filename, row=row, field=f"{fid}.{key}",
                                               message=message))
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
        row = lines.get(str(rid))
        if not isinstance(rec, dict):
            result.problems.append(Problem(result.filename, row=row, field=str(rid),
                                           message="Relationen ska vara en post med fält."))
            continue
        s, k, t = str(rec.get("source")), rec.get("kind"), str(rec.get("target"))
        message = None
        if s not in forums or t not in forums:
            missing = s if s not in forums else t
            message = f"Relationen pekar på forumet ”{missing}”, som inte finns i filen."
        elif not isinstance(k, str) or k not in RELATION_KINDS:
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
    if not result.problems:
        result.fmap = fmap


def _read_graphml(data: bytes, result: ImportResult, principals: list[str],
                  organisations: dict[str, str]) -> None:
    head = data[:65_536].lower()
    if (b"<!doctype" in head or b"<!entity" in head
            or data.count(b"<node") > MAX_FORUMS or data.count(b"<edge") > MAX_RELATIONS):
        result.problems.append(Problem(result.filename, (
            "GraphML-filen går inte att läsa in: den har för många forum eller relationer, "
            "eller en DOCTYPE-del som en GraphML-export inte har.")))
        raise _Stop
    try:
        g = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    except Exception:  # noqa: BLE001 - any parser error is a problem with the file
        log.info("GraphML import of %s failed", result.filename, exc_info=True)
        result.problems.append(Problem(result.filename, (
            "GraphML-filen går inte att läsa. Kontrollera att den är exporterad som GraphML.")))
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
    _check_records(forums, relations, result, text, principals, organisations)


def _read_json(data: bytes, result: ImportResult, principals: list[str],
               organisations: dict[str, str]) -> None:
    try:
        text = data.decode("utf-8-sig")
        if json_depth(text) > MAX_JSON_DEPTH:
            raise ValueError("nested too deep")
        doc = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.info("JSON import of %s failed", result.filename, exc_info=True)
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
    _check_records(doc["forums"], relations, result, text, principals, organisations)
    persp = doc.get("perspectives")
    if persp:
        result.perspectives = _check_perspectives(persp, result, text)


def _check_perspectives(persp: Any, result: ImportResult, text: str) -> dict | None:
    """The participants' pictures, each checked as strictly as the worksheet's form keeps them."""
    if not isinstance(persp, dict):
        result.problems.append(Problem(result.filename, field="perspectives",
                                       message="”perspectives” ska vara en post per deltagare."))
        return None
    out, lines = {}, _line_index(text)
    for pid, p in persp.items():
        if not _perspective_ok(p):
            result.problems.append(Problem(result.filename, row=lines.get(str(pid)),
                                           field=f"perspectives.{pid}", message=(
                "Deltagarens bild har fel format: den ska ha ”participant” (text), ”forums” "
                "(forum med namn) och ”relations” (från, typ och till).")))
            continue
        out[str(pid)] = {"participant": p["participant"],
                         "forums": [{k: e[k] for k in _ENTRY_KEYS if k in e}
                                    for e in p.get("forums", [])],
                         "relations": [{k: r[k] for k in ("source", "kind", "target")}
                                       for r in p.get("relations", [])]}
    return out


_ENTRY_KEYS = ("name", "ref", "level", "decides", "principal")


def _text(value: Any, limit: int, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and (optional or bool(value.strip())) and len(value) <= limit


def _perspective_ok(p: Any) -> bool:
    if not isinstance(p, dict) or not _text(p.get("participant"), 200):
        return False
    forums, relations = p.get("forums", []), p.get("relations", [])
    if not isinstance(forums, list) or not isinstance(relations, list):
        return False
    return (all(isinstance(e, dict) and _text(e.get("name"), 500)
                and all(_text(e.get(k), 2000, optional=True) for k in _ENTRY_KEYS[1:])
                for e in forums)
            and all(isinstance(r, dict) and r.get("kind") in RELATION_KINDS
                    and _text(r.get("source"), 500) and _text(r.get("target"), 500)
                    for r in relations))
