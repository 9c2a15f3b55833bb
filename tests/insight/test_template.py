"""The interview template: it round-trips through Excel and CSV, and a broken file is refused
with Swedish messages that name the row and the column – before anything is saved."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from naravard.core.county import current_county
from naravard.insight.study import Study
from naravard.insight.example import example_doc, example_study
from naravard.insight.template import (MAX_BYTES, merge_interviews, plan_merge, read_interviews,
                                       template_columns, template_csv, template_xlsx)
from naravard.core.problems import DataError

from tests.conftest import DATA


def csv_bytes(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def header(guide, drop: str | None = None) -> str:
    return ";".join(c for c in template_columns(guide) if c != drop)


def problems_of(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# --- the template ------------------------------------------------------------------------------


def test_the_excel_template_has_one_column_per_question_and_drop_down_lists(guide, county):
    wb = load_workbook(io.BytesIO(template_xlsx(guide, county)))
    ws = wb["Intervjuer"]
    assert [c.value for c in ws[1]] == template_columns(guide)
    assert "2 Viktigast för att lösa frågan" in template_columns(guide)
    validations = [str(v.sqref) for v in ws.data_validations.dataValidation]
    assert any(ref.startswith("C2:") for ref in validations)
    assert any(ref.startswith("D2:") for ref in validations)
    lists = wb["Listor"]
    assert "Norrviks kommun" in [c.value for c in lists["A"]]
    assert "Förtroendevalda" in [c.value for c in lists["B"]]


def test_the_template_lists_the_people_already_planned(guide, county):
    wb = load_workbook(io.BytesIO(template_xlsx(guide, county, example_study(DATA))))
    pseudonyms = [row[0].value for row in wb["Intervjuer"].iter_rows(min_row=2)]
    assert pseudonyms[:2] == ["IP 01", "IP 02"] and "IP 14" in pseudonyms


def test_the_questions_sheet_names_the_question_of_the_study(guide, county):
    wb = load_workbook(io.BytesIO(template_xlsx(guide, county, example_study(DATA))))
    texts = [row[1].value for row in wb["Frågor"].iter_rows(min_row=2)]
    assert any("”Hanteringen av statliga medel för Nära vård”" in t for t in texts)


def test_the_example_interviews_survive_a_round_trip_through_excel(guide, county):
    study = example_study(DATA)
    result = read_interviews("mall.xlsx", template_xlsx(guide, county, study), guide, county)
    by_pseudonym = {i["pseudonym"]: i for i in result.interviews}
    original = study.respondent("ip04")
    again = by_pseudonym["IP 04"]
    assert again["answers"] == original.answers
    assert (again["principal"], again["perspective"], again["date"]) == \
        ("Norrvik", "ledning", "2026-03-05")
    assert result.warnings == []


def test_the_example_interviews_survive_a_round_trip_through_csv(guide, county):
    study = example_study(DATA)
    data = template_csv(guide, county, study)
    assert data.startswith("\ufeff".encode("utf-8")) and b";" in data.splitlines()[0]
    result = read_interviews("mall.csv", data, guide, county)
    assert len(result.interviews) == len(study.respondents)


def test_a_csv_saved_by_swedish_excel_in_windows_1252_is_read(guide, county):
    data = csv_bytes("Pseudonym;Roll;Huvudman;Perspektiv;2 Viktigast för att lösa frågan",
                     "IP 20;Enhetschef;Åkerby kommun;Chefer i verksamheten;Mer samsyn",
                     encoding="cp1252")
    result = read_interviews("mall.csv", data, guide, county)
    assert result.interviews[0]["principal"] == "Åkerby"
    assert result.interviews[0]["answers"] == {"viktigast": "Mer samsyn"}
    assert any("saknas" in w for w in result.warnings)


def test_codes_and_names_are_both_accepted_for_principal_and_perspective(guide, county):
    data = csv_bytes("Pseudonym,Roll,Huvudman,Perspektiv,viktigast",
                     "IP 1,Chef,norrvik,LEDNING,x", "IP 2,Chef,Gemensam,samverkansorgan,y")
    rows = read_interviews("m.csv", data, guide, county).interviews
    assert [(r["principal"], r["perspective"]) for r in rows] == [("Norrvik", "ledning"),
                                                                  ("Gemensam", "samverkan")]


# --- broken templates --------------------------------------------------------------------------


def test_missing_columns_are_named(guide):
    data = csv_bytes("Pseudonym;Roll;2 Viktigast för att lösa frågan", "IP 1;Chef;x")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, current_county(DATA))
    problems = problems_of(info)
    assert "mall.csv, rad 1, fält ”Huvudman”: Kolumnen ”Huvudman” saknas på första raden." \
        in problems[0]
    assert any("”Perspektiv” saknas" in p for p in problems)


def test_a_file_without_answer_columns_is_refused(guide, county):
    data = csv_bytes("Pseudonym;Roll;Huvudman;Perspektiv", "IP 1;Chef;Norrvik;ledning")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    assert "Filen har inga svarskolumner" in problems_of(info)[0]


def test_an_empty_pseudonym_is_reported_with_its_row(guide, county):
    data = csv_bytes(header(guide), "IP 1;Chef;Norrviks kommun;Förtroendevalda;;a",
                     ";Chef;Ekeås kommun;Förtroendevalda;;b")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    assert problems_of(info) == [
        "mall.csv, rad 3, fält ”Pseudonym”: Pseudonym saknas. Ge intervjun en pseudonym, till "
        "exempel ”IP 07”, aldrig personens namn."]


def test_an_unknown_perspective_lists_the_allowed_ones(guide, county):
    data = csv_bytes(header(guide), "IP 1;Chef;Norrviks kommun;Ekonomer;;a")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    message = problems_of(info)[0]
    assert message.startswith("mall.csv, rad 2, fält ”Perspektiv”: Okänt perspektiv ”Ekonomer”.")
    assert "”Stöd, ekonomi och utveckling”" in message


def test_an_unknown_principal_lists_the_county_s_principals(guide, county):
    data = csv_bytes(header(guide), "IP 1;Chef;Storstad;Förtroendevalda;;a")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    assert "Okänd huvudman ”Storstad”" in problems_of(info)[0]
    assert "”Ekeås kommun”" in problems_of(info)[0]


def test_personal_data_in_a_cell_stops_the_import_and_names_the_cell(guide, county):
    data = csv_bytes(header(guide), "IP 1;Chef;Norrviks kommun;Förtroendevalda;;"
                                    "Hon nås på anna@exempel.se")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    assert problems_of(info)[0].startswith(
        "mall.csv, rad 2, fält ”1A Utmaning för den egna organisationen”: Texten ser ut att "
        "innehålla en e-postadress.")


def test_every_problem_in_the_file_is_reported_at_once(guide, county):
    data = csv_bytes(header(guide), ";;Mars;;nästa vecka;a",
                     "IP 2;Chef;Norrviks kommun;ledning;2026-02-30;b")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    problems = problems_of(info)
    assert len(problems) == 6
    assert any("rad 2, fält ”Datum”: ”nästa vecka” är inget datum" in p for p in problems)
    assert any("rad 3, fält ”Datum”" in p for p in problems)


def test_a_duplicate_pseudonym_in_the_file_is_refused(guide, county):
    data = csv_bytes(header(guide), "IP 1;Chef;Norrviks kommun;ledning;;a",
                     "ip 1;Chef;Ekeås kommun;ledning;;b")
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", data, guide, county)
    assert "rad 3" in problems_of(info)[0] and "finns redan på rad 2" in problems_of(info)[0]


@pytest.mark.parametrize("name, data, expected", [
    ("mall.pdf", b"%PDF-1.4", "ska vara en Excel-fil (.xlsx) eller en CSV-fil"),
    ("mall.xlsx", b"this is not a zip file", "går inte att läsa som Excel-fil"),
    ("mall.csv", b"", "Filen är tom"),
    ("mall.csv", b"\r\n\r\n", "Filen är tom"),
    ("mall.xlsx", b"x" * (MAX_BYTES + 1), "Högst 5 MB"),
])
def test_files_that_cannot_be_read_are_refused_with_a_reason(guide, county, name, data,
                                                             expected):
    with pytest.raises(DataError) as info:
        read_interviews(name, data, guide, county)
    assert expected in problems_of(info)[0]


def test_a_template_with_only_the_header_row_is_refused(guide, county):
    with pytest.raises(DataError) as info:
        read_interviews("mall.csv", template_csv(guide, county), guide, county)
    assert "inga ifyllda rader" in problems_of(info)[0]


def test_unknown_columns_are_ignored_with_a_note(guide, county):
    data = csv_bytes(header(guide) + ";Anteckningar", "IP 1;Chef;Norrviks kommun;ledning;;a;x")
    result = read_interviews("mall.csv", data, guide, county)
    assert result.warnings == ["Kolumnen ”Anteckningar” känns inte igen och läses inte in."]


# --- merging ---------------------------------------------------------------------------------


def test_the_merge_plan_tells_new_interviews_from_replacements():
    doc = example_doc(DATA)
    plan = plan_merge(doc, [{"pseudonym": "ip 01"}, {"pseudonym": "IP 99"}])
    assert (plan.added, plan.replaced) == (["IP 99"], ["ip 01"])
    assert plan.summary() == "1 nya intervjuer och 1 som ersätter sparade intervjuer (ip 01)"


def test_merging_replaces_filled_answers_and_keeps_the_empty_ones():
    doc = example_doc(DATA)
    before = doc["respondents"]["ip01"]["answers"]["utmaning_invanare"]
    imported = {"pseudonym": "IP 01", "role": "Controller", "principal": "Region Exempellän",
                "perspective": "stod", "date": "", "answers": {"utmaning_egen": "Ny text"}}
    merge_interviews(doc, [imported], lambda: "new")
    saved = doc["respondents"]["ip01"]
    assert saved["role"] == "Controller"
    assert saved["answers"]["utmaning_egen"] == "Ny text"
    assert saved["answers"]["utmaning_invanare"] == before
    assert "utmaning_egen" not in saved["tags"]
    assert saved["tags"]["utmaning_invanare"] == ["kortsiktighet", "invanarnytta"]


def test_merging_adds_new_interviews_under_new_keys():
    doc = {}
    merge_interviews(doc, [{"pseudonym": "IP 1", "role": "Chef", "principal": "Norrvik",
                            "perspective": "ledning", "date": "2026-04-01",
                            "answers": {"viktigast": "x"}}], lambda: "r-new")
    study = Study.from_doc(doc)
    assert study.respondent("r-new").date == "2026-04-01"
    assert study.interviewed()[0].pseudonym == "IP 1"
