"""Export of forum maps: CSV for Swedish Excel, XLSX, GraphML and JSON.

CSV files are written in UTF-8 with BOM, ``;`` between columns and decimal comma, so that
Swedish Excel opens them right; every cell of a CSV or XLSX export goes through
:mod:`naravard.core.cells`, so that no forum or role name becomes a live formula. The import of
these files is in :mod:`naravard.forums.fileio`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Iterable

import networkx as nx

from naravard.core.cells import csv_row, xlsx_append
from naravard.forums.model import (COMPOSITIONS, FIELD_LABELS, LIST_SEP, RELATION_KINDS,
                                   ForumMap, norm, principal_options, to_graph)

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
SHEET = "Forum"


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
                     f.composition,
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
        writer.writerow(csv_row(row))
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
        xlsx_append(ws, row)
    widths = [34, 9, 20, 14, 40, 40, 12, 40, 13, 16, 30, 30, 30, 30]
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
                         ("I", "ja"), ("J", ",".join(COMPOSITIONS))):
        dv = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        dv.error = "Välj ett värde i listan."
        ws.add_data_validation(dv)
        dv.add(f"{col}2:{col}{last}")
    plist = ",".join(principal_options(list(principals)))
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
                    xlsx_append(wa, r)
            else:
                wa.append([finding.empty])
            wa.append([])
        wa.column_dimensions["A"].width = 60
        wa.column_dimensions["B"].width = 60
        wa.column_dimensions["C"].width = 40
        comp = compare(doc or {})
        if comp.participants:
            wp = wb.create_sheet("Perspektiv")
            xlsx_append(wp, ["Forum", "Känd av (andel)", *comp.participants])
            for cell in wp[1]:
                cell.font = bold
            for fa in comp.forums:
                cells = []
                for person in comp.participants:
                    if person in fa.known_by:
                        cells.append(fa.decides.get(person) or "känner till")
                    else:
                        cells.append("")
                xlsx_append(wp, [fa.name, round(fa.share, 2), *cells])
            wp.column_dimensions["A"].width = 36
            wr = wb.create_sheet("Perspektivens relationer")
            wr.append(["Från", "Relation", "Till", "Ritad av (andel)", "Ritad av"])
            for cell in wr[1]:
                cell.font = bold
            for ra in comp.relations:
                xlsx_append(wr, [ra.source, ra.kind, ra.target, round(ra.share, 2),
                                 " | ".join(ra.drawn_by)])
    wi = wb.create_sheet("Läs mig")
    for line in _readme_lines(county_name, list(principals)):
        xlsx_append(wi, [line])
    wi.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _readme_lines(county_name: str, principals: list[str]) -> list[str]:
    """The help sheet, with examples taken from the county's own principals."""
    where = f" för {county_name}" if county_name else ""
    place = f" {principals[1]}" if len(principals) > 1 else ""
    areas = principals[principals.index("Gemensam") + 1:] if "Gemensam" in principals else []
    area_text = (f", Gemensam eller ett av länets områden ({', '.join(areas)})" if areas
                 else " eller Gemensam")
    return [
        f"Forumkarta{where}",
        "",
        "Bladet ”Forum” kan läsas in i arbetsbladet Kartlägg beslutsforum. En rad per forum.",
        "namn: forumets namn (måste vara unikt).",
        "nivå: makro (systemledning), meso (styrning) eller mikro (process och arbetsgrupp).",
        f"huvudman: regionen, en kommun{area_text}.",
        "typ: beslutande, beredande, samverkande eller informerande. Lämna inte tomt; en tom "
        "typ läses in men markeras.",
        "uppdrag: vad forumet ska åstadkomma. mandat: vad forumet får besluta.",
        "möten per år: ett tal, till exempel 10 eller 0,5, eller med ord: 2/månad, varannan "
        "vecka, 4 ggr/år, månadsvis, kvartalsvis, en gång per termin.",
        f"medlemmar: roller, åtskilda med |, till exempel Socialchef{place} | Vårdcentralchef.",
        "systemledning: ja för det eller de forum som är länets systemledning.",
        "sammansättning: politisk (förtroendevalda), tjänstemän eller blandad.",
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
