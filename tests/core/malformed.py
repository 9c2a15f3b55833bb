"""Malformed inputs for the importers and a check that a refusal is worded only in Swedish.

Shared by the property-based fuzz tests (tests/*/test_fuzz_*.py) and by
benchmarks/fuzz_importers.py, which runs the same kinds of input many more times.
"""

from __future__ import annotations

import io
import re
import zipfile

#: Words of parser and library messages (Python, csv, json, openpyxl, lxml, networkx) that never
#: belong in a Swedish message for a participant.
ENGLISH = re.compile(
    r"\b(the|error|expected|invalid|line \d|column \d|char \d|unexpected|must be|cannot|"
    r"could not|not a|is not|failed|exception|traceback|object|attribute|key|value error|"
    r"unterminated|delimiter|quoting|decode|codec|byte|zip|xml|sheet|worksheet|none|"
    r"recursion|overflow|index|list|dict|str|int|float|nan|inf)\b", re.IGNORECASE)


def english_in(message: str) -> str | None:
    """The first English parser word in ``message`` (quoted user text excluded), or None."""
    bare = re.sub(r"”[^”]*”", "", message)
    found = ENGLISH.search(bare)
    return found.group(0) if found else None


def zip_bytes(members: dict[str, bytes], level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 b'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                 b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/><Override '
                 b'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                 b'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets>'
            b'</workbook>')
WB_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
           b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
           b'//schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
           b'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_XML = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="%s"/><sheetData>%s'
             b'</sheetData></worksheet>')
ONE_SHEET = b'<sheet name="Forum" sheetId="1" r:id="rId1"/>'


def workbook(rows: bytes, dimension: bytes = b"A1:C2", sheets: bytes = ONE_SHEET,
             extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal XLSX file written by hand, so that it can claim and hold anything."""
    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                      "xl/workbook.xml": WORKBOOK % sheets, "xl/_rels/workbook.xml.rels": WB_RELS,
                      "xl/worksheets/sheet1.xml": SHEET_XML % (dimension, rows), **(extra or {})})


def inline_row(number: int, *cells: str) -> bytes:
    out = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
                   % (chr(65 + i).encode(), number, c.encode()) for i, c in enumerate(cells))
    return b'<row r="%d">%s</row>' % (number, out)


def zip_bomb(size: int = 200 * 1024 * 1024) -> bytes:
    """An XLSX-looking zip whose sheet unpacks to ``size`` bytes of zeros (a few hundred KB),
    written in chunks so that making it takes little memory."""
    out = io.BytesIO(workbook(b""))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for start in range(0, size, len(chunk)):
                member.write(chunk[:size - start])
    return out.getvalue()


def claimed_dimension() -> bytes:
    """An 18 KB-style workbook whose sheet claims every cell Excel has but holds two rows."""
    rows = inline_row(1, "namn", "nivå", "huvudman") + inline_row(2, "Ett", "makro", "Norrvik")
    return workbook(rows, dimension=b"A1:XFD1048576")


def deep_json(depth: int) -> bytes:
    return b'{"forums": ' + b"[" * depth + b"]" * depth + b"}"


def mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None = None) -> bytes:
    """``data`` with some bytes replaced (position modulo length, new byte) and cut short."""
    out = bytearray(data)
    for position, byte in flips:
        if out:
            out[position % len(out)] = byte
    return bytes(out[:cut] if cut is not None else out)
