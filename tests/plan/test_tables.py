"""Importing step 2's tables from CSV and Excel, and checking data/plan_exempel.yml: every
broken file gets Swedish messages naming the file, row and column, and nothing is returned."""

from __future__ import annotations

import io

import openpyxl
import pytest

from naravard.core.county import current_county
from naravard.app.datacheck import check_all
from naravard.plan.catalog import TABLE_BY_KEY
from naravard.plan.example import load_example_plan
from naravard.plan.tables import read_table_file, template_csv
from naravard.core.problems import DataError

from tests.conftest import DATA, replace_in

POPULATION = TABLE_BY_KEY["population"]
SERVICES = TABLE_BY_KEY["services"]


@pytest.fixture(scope="module")
def county():
    return current_county(DATA)


def read(name: str, text: str, table=POPULATION, county=None, encoding="utf-8") -> list[dict]:
    principals = county.principals() if county else ()
    organisations = {county.organisation_of(p): p for p in principals} if county else {}
    return read_table_file(name, text.encode(encoding), table, principals, organisations)


def problems(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_semicolon_csv_from_swedish_excel_is_read_with_swedish_numbers():
    rows = read("befolkning.csv", "\ufeffOmråde;Invånare;Invånare 80 år och äldre;Behov som "
                                  "sticker ut\nNorrvik;58 200;3 100;Många äldre\nEkeås;4300;;\n")
    assert rows == [{"area": "Norrvik", "inhabitants": 58200, "aged_80": 3100,
                     "needs": "Många äldre"},
                    {"area": "Ekeås", "inhabitants": 4300}]


def test_a_comma_separated_file_in_windows_encoding_and_any_column_order_is_read():
    rows = read("befolkning.csv", "Invånare,område\n8600,Åkerby\n", encoding="cp1252")
    assert rows == [{"area": "Åkerby", "inhabitants": 8600}]


def test_principals_may_be_written_as_the_organisation_and_are_saved_as_the_principal(county):
    rows = read("verksamheter.csv", "Huvudman;Verksamhet;Antal enheter\nNorrviks kommun;"
                "Hemsjukvård;4\nregion exempellän;Vårdcentraler;9\n", SERVICES, county)
    assert [r["principal"] for r in rows] == ["Norrvik", "Region Exempellän"]


def test_an_excel_file_is_read_from_its_first_sheet():
    rows = read_table_file("befolkning.xlsx", xlsx([["Område", "Invånare"], ["Sjöstad", 31400],
                                                    [None, None]]), POPULATION)
    assert rows == [{"area": "Sjöstad", "inhabitants": 31400}]


def test_a_word_in_a_number_column_names_the_file_row_and_column():
    with pytest.raises(DataError) as excinfo:
        read("befolkning.csv", "Område;Invånare\nNorrvik;58200\nSjöstad;många\n")
    assert problems(excinfo) == [
        "befolkning.csv, rad 3, fält ”Invånare”: ”många” är inte ett tal. Skriv till exempel "
        "12 300 eller 4,5."]


def test_every_problem_in_a_file_is_reported_at_once():
    with pytest.raises(DataError) as excinfo:
        read_table_file("befolkning.xlsx", xlsx([["Område", "Invånare"], ["Norrvik", -5],
                                                 ["Ekeås", "x"]]), POPULATION)
    assert [(p.row, p.field) for p in excinfo.value.problems] == [(2, "Invånare"),
                                                                  (3, "Invånare")]


def test_a_misspelt_column_is_refused_and_the_allowed_columns_are_listed():
    with pytest.raises(DataError) as excinfo:
        read("befolkning.csv", "Område;Invånre\nNorrvik;58200\n")
    [message] = problems(excinfo)
    assert message.startswith("befolkning.csv, rad 1, fält ”Invånre”: Okänd kolumn.")
    assert "”Invånare 80 år och äldre”" in message


def test_an_unknown_principal_is_refused_with_the_valid_ones(county):
    with pytest.raises(DataError) as excinfo:
        read("verksamheter.csv", "Huvudman;Verksamhet\nGrannlänet;Vårdcentral\n", SERVICES,
             county)
    [message] = problems(excinfo)
    assert "rad 2, fält ”Huvudman”: ”Grannlänet” är varken regionen eller en av kommunerna" \
        in message and "”Norrvik”" in message


@pytest.mark.parametrize("name, content, expected", [
    ("tabell.pdf", b"%PDF-1.4", "Filtypen går inte att läsa"),
    ("tom.csv", b"  \n", "Filen är tom."),
    ("trasig.xlsx", b"PK\x03\x04 inte en arbetsbok", "Excelfilen går inte att öppna"),
    ("stor.csv", b"a" * (5 * 1024 * 1024 + 1), "Största tillåtna storlek är 5 MB"),
    ("rubriker.csv", "Namn;Antal\n".encode(), "Okänd kolumn"),
])
def test_files_that_cannot_be_used_are_refused_with_a_swedish_reason(name, content, expected):
    with pytest.raises(DataError) as excinfo:
        read_table_file(name, content, POPULATION)
    assert expected in str(excinfo.value)


def test_the_template_has_the_columns_the_import_expects():
    content = template_csv(POPULATION)
    assert content.startswith("\ufeff".encode())
    assert read_table_file("mall.csv", content + "Norrvik;1;;\n".encode(), POPULATION) == [
        {"area": "Norrvik", "inhabitants": 1}]


# --- data/plan_exempel.yml ---------------------------------------------------------------------

def test_the_example_plan_in_data_is_valid():
    doc = load_example_plan(DATA)
    assert list(doc["goals"]) == ["g1", "g2", "g3", "g4"]
    assert doc["followup"]["indicators"]["k1"]["goal"] == "g1"
    assert check_all(DATA) == []


@pytest.mark.parametrize("old, new, expected", [
    ("    datum: 2029-12-31", "    datum: någon gång", "fält ”mål[1].datum”: ”någon gång” går inte"),
    ("      mål: [2]\n      prioritet: röd", "      mål: [7]\n      prioritet: röd",
     "Det finns inget mål 7"),
    ("      prioritet: gul", "      prioritet: blå", "”blå” är inte tillåtet. Skriv en av: röd"),
    ("      Invånare: 58200", "      Invånare: många", "fält ”Invånare”: ”många” är inte ett tal"),
    ("      ansvarig: Analysenheten i regionen\n      triple_aim: hälsa",
     "      ansvarig: analys@exempel.se\n      triple_aim: hälsa", "e-postadress"),
    ("      huvudman: Norrvik\n      personer: 1", "      huvudman: Grannby\n      personer: 1",
     "”Grannby” är varken regionen"),
])
def test_a_broken_example_plan_is_reported_with_row_and_key(data_copy, old, new, expected):
    replace_in(data_copy / "plan_exempel.yml", old, new)
    with pytest.raises(DataError) as excinfo:
        load_example_plan(data_copy)
    text = str(excinfo.value)
    assert expected in text
    assert "plan_exempel.yml, rad " in text
    assert any("plan_exempel.yml" in str(p) for p in check_all(data_copy))
