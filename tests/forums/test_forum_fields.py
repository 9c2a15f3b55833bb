"""The fields a real county's forum list needs: political or official composition, Swedish
meeting frequencies, an empty type that is asked for, areas as principals, old files."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from naravard.core.county import load_county
from naravard.forums.fileio import read_upload
from naravard.forums.model import FieldError, ForumMap, add_forum, parse_frequency, yearly_text
from naravard.forums.writers import to_csv, to_xlsx
from naravard.ui.forums.map_tab import forum_table

from tests.conftest import DATA

COUNTY = load_county(DATA)
CHOICES = COUNTY.principal_choices()


@pytest.mark.parametrize("written, yearly", [
    ("2/månad", 24), ("varannan vecka", 26), ("4 ggr/år", 4), ("varje vecka", 52),
    ("månadsvis", 12), ("kvartalsvis", 4), ("en gång per termin", 2), ("1 gång i månaden", 12),
    ("två gånger per termin", 4), ("4–6 ggr/år", 5), ("ca 10 möten per år", 10),
    ("10", 10), ("0,5", 0.5), ("", None)])
def test_swedish_meeting_frequencies_become_meetings_per_year(written, yearly):
    assert parse_frequency(written) == yearly


@pytest.mark.parametrize("written", ["vid behov", "ibland", "500/vecka"])
def test_an_unreadable_frequency_says_what_can_be_written(written):
    with pytest.raises(FieldError) as info:
        parse_frequency(written)
    assert info.value.field == "frequency"
    assert "varannan vecka" in str(info.value) or "mellan 0 och 365" in str(info.value)


def test_the_yearly_number_is_shown_as_an_approximation():
    assert yearly_text(24) == "≈ 24 ggr/år" and yearly_text(0.5) == "≈ 0,5 ggr/år"
    assert yearly_text(None) == "–"


def test_a_forum_can_belong_to_an_area_and_be_political():
    doc: dict = {}
    fid = add_forum(doc, {"name": "Områdesråd", "level": "meso", "principal": "norra området",
                          "composition": "förtroendevalda", "frequency": "kvartalsvis"}, CHOICES)
    rec = doc["forums"][fid]
    assert (rec["principal"], rec["composition"], rec["frequency"]) == (
        "Norra området", "politisk", 4)
    html = forum_table(ForumMap.from_doc(doc), COUNTY)
    assert "Norra området (närvårdsområde)" in html and "≈ 4 ggr/år" in html
    assert "Politisk (förtroendevalda)" in html and "Typ ej angiven" in html


def test_an_empty_type_is_kept_empty_and_the_import_warns_by_row():
    text = ("namn;nivå;huvudman;typ;möten per år;sammansättning\n"
            "Styrgrupp norr;meso;Norra området;;2/månad;tjänstemän\n"
            "Samråd;makro;Gemensam;samverkande;4 ggr/år;politisk\n")
    result = read_upload("forum.csv", text.encode("utf-8"), CHOICES)
    assert result.ok
    forums = {f.name: f for f in result.fmap.forums.values()}
    assert forums["Styrgrupp norr"].type == "" and forums["Styrgrupp norr"].frequency == 24
    assert [(w.row, w.field) for w in result.warnings] == [(2, "typ")]
    assert "ingen typ" in result.warnings[0].message


def test_an_unknown_composition_is_named_by_row_and_column():
    text = "namn;nivå;huvudman;sammansättning\nA;meso;Gemensam;styrelse\n"
    result = read_upload("forum.csv", text.encode("utf-8"), CHOICES)
    assert [(p.row, p.field) for p in result.problems] == [(2, "sammansättning")]


def test_a_file_written_before_the_new_columns_still_loads():
    old = ("namn;nivå;huvudman;typ;uppdrag;mandat;möten per år;medlemmar;systemledning;"
           "ger uppdrag till;rapporterar till;eskalerar till;informerar\r\n"
           "Länsgruppen;meso;Gemensam;beredande;;;10;;;;Systemledningen;;\r\n"
           "Systemledningen;makro;Gemensam;beslutande;;;6;;ja;Länsgruppen;;;\r\n")
    result = read_upload("gammal.csv", old.encode("utf-8"), CHOICES)
    assert result.ok and result.warnings == []
    assert {f.composition for f in result.fmap.forums.values()} == {""}


def test_the_new_columns_survive_csv_and_xlsx_round_trips():
    doc: dict = {}
    add_forum(doc, {"name": "Samråd", "level": "makro", "principal": "Södra området",
                    "type": "samverkande", "composition": "blandad",
                    "frequency": "varannan vecka"}, CHOICES)
    fmap = ForumMap.from_doc(doc)
    for name, data in (("k.csv", to_csv(fmap)), ("k.xlsx", to_xlsx(fmap, doc,
                                                                    principals=CHOICES))):
        [forum] = read_upload(name, data, CHOICES).fmap.forums.values()
        assert (forum.principal, forum.composition, forum.frequency) == (
            "Södra området", "blandad", 26)


def test_the_template_help_sheet_uses_the_county_names(fork_data):
    fork = load_county(fork_data)
    data = to_xlsx(ForumMap(), county_name=fork.name, principals=fork.principal_choices(),
                   template=True)
    sheet = load_workbook(io.BytesIO(data))["Läs mig"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "Testlän" in text and "Socialchef Alfastad" in text
    assert "Norrvik" not in text and "Exempellän" not in text
    assert "Norra området" in text  # the fork kept the example's areas


def test_members_name_the_principals_they_come_from_where_they_can():
    from naravard.forums.model import represented_principals

    members = ["Kommundirektör Norrvik", "Socialchef Sjöstad", "Strateg Nära vård region",
               "Södra området", "Primärvårdsdirektör", "Socialchef Norrvik"]
    assert represented_principals(members, CHOICES) == [
        "Region Exempellän", "Norrvik", "Sjöstad", "Södra området"]
    assert represented_principals(["Primärvårdsdirektör"], CHOICES) == []


def test_the_forum_table_shows_where_the_members_come_from():
    doc: dict = {}
    add_forum(doc, {"name": "Länsgruppen", "level": "meso", "principal": "Gemensam",
                    "members": "Socialchef Norrvik | Socialchef Ekeås | Primärvårdsdirektör"},
              CHOICES)
    html = forum_table(ForumMap.from_doc(doc), COUNTY)
    assert "Medlemmar från" in html and "Norrviks kommun och Ekeås kommun" in html
