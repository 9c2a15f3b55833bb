"""The one reader of uploaded tables (naravard.core.spreadsheet): every encoding, separator and
line ending Swedish Excel writes, the first sheet of a workbook, and a Swedish message naming
row and column for every file it cannot use – never a parser's exception."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zlib

import pytest
from openpyxl import Workbook

from naravard.core.problems import DataError
from naravard.core.spreadsheet import MAX_BYTES, read_spreadsheet

from tests.conftest import DATA

#: The forum map in data/ as Swedish Excel saves it: UTF-8 with BOM, ";" and CRLF or LF.
FORUMS_CSV = (DATA / "forums.csv").read_bytes()
FORUMS_TEXT = FORUMS_CSV.decode("utf-8-sig")


def expected():
    """The table as read from the file in data/, which the other spellings must match."""
    return read_spreadsheet("forums.csv", FORUMS_CSV)


def same_table(a, b) -> None:
    assert a.header == b.header
    assert [(r.number, r.values) for r in a.rows] == [(r.number, r.values) for r in b.rows]


def problems(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def workbook(*sheets: tuple[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_forum_map_in_data_is_read_with_its_header_and_excel_row_numbers():
    table = expected()
    assert table.header[:3] == ["namn", "nivå", "huvudman"] and len(table.header) == 14
    assert table.rows[0].number == 2
    assert table.rows[0].values["namn"] == "Kommundirektörsnätverket"
    assert len(table.rows) == 34
    assert table.warnings == []


def test_utf8_without_bom_is_read_like_utf8_with_bom():
    same_table(read_spreadsheet("forums.csv", FORUMS_TEXT.encode("utf-8")), expected())


def test_utf16_with_bom_as_excels_unicode_text_is_read():
    out = io.StringIO()  # Excel's "Unicode-text": UTF-16 with BOM, tabs between columns
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n")
    writer.writerow(expected().header)
    writer.writerows([r.values[h] for h in expected().header] for r in expected().rows)
    same_table(read_spreadsheet("forums.txt", out.getvalue().encode("utf-16")), expected())


def test_utf16_without_bom_is_recognised():
    table = read_spreadsheet("forums.csv", FORUMS_TEXT.encode("utf-16-le"))
    same_table(table, expected())


def test_windows_1252_is_read_with_a_warning_to_check_the_swedish_letters():
    table = read_spreadsheet("forums.csv", FORUMS_TEXT.encode("cp1252"))
    same_table(table, expected())
    [warning] = table.warnings
    assert "Windows-1252" in warning.message and "å, ä och ö" in warning.message


def test_excels_sep_line_sets_the_separator_and_is_not_counted_as_a_row():
    text = "sep=,\r\nOmråde,Invånare;80+\r\nNorrvik,58200;3100\r\n"
    table = read_spreadsheet("befolkning.csv", text.encode("utf-8"))
    assert table.header == ["Område", "Invånare;80+"]
    assert (table.header_row, table.rows[0].number) == (1, 2)
    assert table.rows[0].values == {"Område": "Norrvik", "Invånare;80+": "58200;3100"}


def test_a_comma_separated_file_is_read():
    table = read_spreadsheet("befolkning.csv", "Område,Invånare\nÅkerby,8600\n".encode())
    assert table.rows[0].values == {"Område": "Åkerby", "Invånare": "8600"}


def test_semicolon_wins_when_a_header_has_as_many_commas_as_semicolons():
    table = read_spreadsheet("tabell.csv", "Område, kommun;Antal\nNorrvik;4\n".encode())
    assert table.header == ["Område, kommun", "Antal"]


def test_separators_inside_quoted_headings_do_not_decide():
    table = read_spreadsheet("tabell.csv", '"Område; kommun",Antal\nNorrvik,4\n'.encode())
    assert table.header == ["Område; kommun", "Antal"]


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_every_line_ending_gives_the_same_rows(ending):
    text = FORUMS_TEXT.replace("\r\n", "\n").replace("\n", ending)
    same_table(read_spreadsheet("forums.csv", text.encode("utf-8")), expected())


def test_a_line_break_inside_a_quoted_cell_stays_in_the_cell_and_in_its_row():
    text = 'namn;uppdrag\r"Länsgruppen";"Bereda;\rföreslå"\rSystemledningen;Besluta\r'
    table = read_spreadsheet("forum.csv", text.encode("utf-8"))
    assert [(r.number, r.values["uppdrag"]) for r in table.rows] == [
        (2, "Bereda;\rföreslå"), (3, "Besluta")]


def test_the_first_sheet_of_a_workbook_is_read_with_excels_types():
    data = workbook(("Befolkning", [["Område", "Invånare"], ["Sjöstad", 31400]]),
                    ("Annat", [["x"], ["y"]]))
    table = read_spreadsheet("befolkning.xlsx", data)
    assert (table.kind, table.sheet, table.header) == ("xlsx", "Befolkning",
                                                       ["Område", "Invånare"])
    assert table.rows[0].values == {"Område": "Sjöstad", "Invånare": 31400}


def test_a_named_sheet_is_read_when_the_workbook_has_it():
    data = workbook(("Läs mig", [["Hjälp"]]), ("Forum", [["namn"], ["Länsgruppen"]]))
    table = read_spreadsheet("karta.xlsx", data, sheet="Forum")
    assert table.sheet == "Forum" and table.rows[0].values == {"namn": "Länsgruppen"}


def test_the_forum_map_survives_a_round_trip_through_a_workbook():
    rows = [expected().header] + [[r.values[h] for h in expected().header]
                                  for r in expected().rows]
    table = read_spreadsheet("forums.xlsx", workbook(("Forum", rows)))
    assert [r.values["namn"] for r in table.rows] == [r.values["namn"] for r in expected().rows]


def test_blank_rows_are_skipped_but_keep_their_row_numbers():
    text = "\n;;\nOmråde;Invånare\n\nNorrvik;58200\n;\nEkeås;4300\n"
    table = read_spreadsheet("befolkning.csv", text.encode())
    assert table.header_row == 3
    assert [r.number for r in table.rows] == [5, 7]


def test_cells_missing_at_the_end_of_a_line_are_none():
    table = read_spreadsheet("befolkning.csv", "Område;Invånare;Behov\nNorrvik\n".encode())
    assert table.rows[0].values == {"Område": "Norrvik", "Invånare": None, "Behov": None}


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("stor.csv", b"a;b\n" + b"1;2\n" * (MAX_BYTES // 4))
    assert problems(excinfo) == ["stor.csv: Filen är 5,0 MB. Största tillåtna storlek är 5 MB; "
                                 "dela upp den i flera filer eller ta bort det som inte ska "
                                 "läsas in."]


def test_a_file_with_too_many_rows_is_refused():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("forums.csv", FORUMS_CSV, max_rows=30)
    assert problems(excinfo) == ["forums.csv: Filen har fler än 30 rader under rubrikraden; "
                                 "högst 30 går att läsa in. Dela upp den i flera filer."]


def test_a_workbook_with_too_many_rows_is_refused():
    data = workbook(("Blad1", [["Område"], *([f"Ort {i}"] for i in range(12))]))
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("orter.xlsx", data, max_rows=10)
    assert "fler än 10 rader" in problems(excinfo)[0]


@pytest.mark.parametrize("garbage", [zlib.compress(FORUMS_CSV), b"\x81\x8d\x8f\x90\x9d" * 20,
                                     bytes(range(256)) * 4])
def test_binary_garbage_named_csv_is_refused_as_not_text(garbage):
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("forums.csv", garbage)
    [message] = problems(excinfo)
    assert message.startswith("forums.csv: Filen går inte att läsa som text")


@pytest.mark.parametrize("data", [b"PK\x03\x04 inte en arbetsbok", FORUMS_CSV,
                                  zlib.compress(FORUMS_CSV)])
def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(data):
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("forum.xlsx", data)
    assert problems(excinfo) == ["forum.xlsx: Excelfilen går inte att öppna: den är skadad eller "
                                 "går inte att läsa som Excel-fil. Spara den på nytt i Excel som "
                                 "”Excel-arbetsbok” (.xlsx) och försök igen."]


def test_a_workbook_renamed_to_csv_is_read_as_a_workbook():
    data = workbook(("Blad1", [["Område"], ["Norrvik"]]))
    assert read_spreadsheet("befolkning.csv", data).rows[0].values == {"Område": "Norrvik"}


def test_excels_old_xls_format_is_refused_with_what_to_do():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("tabell.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "äldre format (.xls)" in problems(excinfo)[0]


def test_another_file_type_is_refused():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("tabell.pdf", b"%PDF-1.4")
    assert "Filtypen går inte att läsa" in problems(excinfo)[0]


@pytest.mark.parametrize("data", [b"", b" \r\n\r\n", "".encode("utf-16")])
def test_an_empty_file_is_refused(data):
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("tom.csv", data)
    assert problems(excinfo)[0].startswith("tom.csv: Filen är tom")


def test_a_file_with_only_separators_has_no_header():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("tom.csv", b";;;\r\n;;\r\n")
    assert problems(excinfo) == ["tom.csv: Filen är tom: den har ingen rubrikrad och inga rader "
                                 "med innehåll."]


def test_a_heading_written_twice_is_named_with_both_columns():
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("befolkning.csv", "Område;Invånare;område\nNorrvik;1;2\n".encode())
    assert problems(excinfo) == ["befolkning.csv, rad 1, fält ”område”: Kolumnen står två gånger "
                                 "(kolumn A och C). Ta bort den ena."]


def test_values_under_no_heading_are_refused_with_the_column_letter():
    text = "Område;;Invånare\nNorrvik;x;1\nEkeås;;2;y\n"
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("befolkning.csv", text.encode())
    assert problems(excinfo) == [
        "befolkning.csv, rad 1, fält ”kolumn B”: Kolumnen har värden (till exempel på rad 2) men "
        "ingen rubrik. Skriv en rubrik eller ta bort värdena.",
        "befolkning.csv, rad 1, fält ”kolumn D”: Kolumnen har värden (till exempel på rad 3) men "
        "ingen rubrik. Skriv en rubrik eller ta bort värdena."]


def test_problems_in_a_workbook_name_the_sheet():
    data = workbook(("Forum", [["namn", "namn"], ["A", "B"]]))
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("karta.xlsx", data)
    assert problems(excinfo)[0].startswith("karta.xlsx, blad ”Forum”, rad 1, fält ”namn”:")


def test_an_unclosed_quote_in_a_long_file_is_named_by_row():
    data = b'namn;uppdrag\nA;"Bereda\n' + b"x" * 200_000 + b"\n"
    with pytest.raises(DataError) as excinfo:
        read_spreadsheet("forum.csv", data)
    [message] = problems(excinfo)
    assert message.startswith("forum.csv, rad 2: CSV-filen är felaktig")


def test_the_upload_button_refuses_in_the_browser_what_the_reader_refuses():
    from naravard.ui.upload import UploadButton

    assert UploadButton("Välj fil", lambda *_: None, lambda *_: None).max_bytes == MAX_BYTES


def test_reading_a_csv_file_does_not_import_openpyxl():
    code = ("import sys; from naravard.core.spreadsheet import read_spreadsheet; "
            "read_spreadsheet('a.csv', b'a;b\\n1;2\\n'); print('openpyxl' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr
