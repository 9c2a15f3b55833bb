"""Import and export of forum maps: Swedish Excel CSV, XLSX, GraphML, JSON; broken files are
refused with problems naming row and column; `naravard export forums`; data/ is checked."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import networkx as nx
import pytest
from openpyxl import load_workbook

from naravard.app.datacheck import check_all
from naravard.forums.example import load_example
from naravard.forums.fileio import COLUMNS, MAX_UPLOAD_BYTES, read_upload
from naravard.forums.writers import template_csv, to_csv, to_graphml, to_json, to_xlsx
from naravard.forums.model import ForumMap
from naravard.core.store import Workspace

from tests.conftest import DATA, ROOT, replace_in

PRINCIPALS = ["Region Exempellän", "Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås", "Gemensam",
              "Norra området", "Södra området"]
#: The heading row of files written before forums had a composition: such files still load.
HEAD = "namn;nivå;huvudman;typ;uppdrag;mandat;möten per år;medlemmar;systemledning;" \
       "ger uppdrag till;rapporterar till;eskalerar till;informerar"
#: The heading row the export writes today.
EXPORT_HEAD = "namn;nivå;huvudman;typ;uppdrag;mandat;möten per år;medlemmar;systemledning;" \
              "sammansättning;ger uppdrag till;rapporterar till;eskalerar till;informerar"


def example_map() -> ForumMap:
    return ForumMap.from_doc(load_example())


def read(text: str | bytes, name: str = "forum.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_upload(name, data, PRINCIPALS, {"Norrviks kommun": "Norrvik"})


def where(result) -> list[tuple]:
    return [(p.row, p.field) for p in result.problems]


def same_map(a: ForumMap, b: ForumMap) -> None:
    assert sorted(f.record().items().__repr__() for f in a.forums.values()) == \
        sorted(f.record().items().__repr__() for f in b.forums.values())
    assert sorted(a.describe(r) for r in a.relations.values()) == \
        sorted(b.describe(r) for r in b.relations.values())


# -- CSV for Swedish Excel ----------------------------------------------------------------------

def test_csv_export_is_utf8_with_bom_semicolons_and_decimal_comma():
    fmap = ForumMap.from_doc({"forums": {"a": {"name": "Åkerbys råd", "level": "mikro",
                                               "principal": "Åkerby", "frequency": 0.5,
                                               "mandate": "Rutiner; avvikelser"}}})
    data = to_csv(fmap)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == EXPORT_HEAD
    assert lines[1].startswith("Åkerbys råd;mikro;Åkerby;;;\"Rutiner; avvikelser\";0,5;")


def test_the_example_map_survives_csv_xlsx_graphml_and_json():
    doc = load_example()
    fmap = ForumMap.from_doc(doc)
    for name, data in (("k.csv", to_csv(fmap)), ("k.xlsx", to_xlsx(fmap, doc)),
                       ("k.graphml", to_graphml(fmap)), ("k.json", to_json(doc))):
        result = read(data, name)
        assert result.problems == [], name
        same_map(result.fmap, fmap)
    assert len(read(to_json(doc), "k.json").perspectives) == len(doc["perspectives"])


def test_a_file_as_swedish_excel_saves_it_is_read():
    text = ("\ufeff" + HEAD + "\r\n"
            "Länsgruppen;Meso;Gemensam;Beredande;\"Bereda frågor;\r\nföreslå\";;1,5;"
            "Socialchef Norrvik | Socialchef Sjöstad;;;Systemledningen;;\r\n"
            "Systemledningen;makro;Region Exempellän;beslutande;;;10;;ja;Länsgruppen;;;\r\n"
            ";;;;;;;;;;;;\r\n")
    result = read(text)
    assert result.problems == []
    forums = {f.name: f for f in result.fmap.forums.values()}
    assert forums["Länsgruppen"].frequency == 1.5
    assert forums["Länsgruppen"].mission == "Bereda frågor;\r\nföreslå"
    assert forums["Systemledningen"].system_leadership
    assert sorted(result.fmap.describe(r) for r in result.fmap.relations.values()) == [
        "Länsgruppen rapporterar till Systemledningen", "Systemledningen ger uppdrag till Länsgruppen"]


def test_a_csv_saved_in_excels_older_windows_format_is_read_with_a_warning():
    text = HEAD + "\r\nÅkerbys vårdråd;mikro;Åkerby;;;;;;;;;;\r\n"
    result = read(text.encode("cp1252"))
    assert result.problems == []
    assert [f.name for f in result.fmap.forums.values()] == ["Åkerbys vårdråd"]
    assert "UTF-8" in result.warnings[0].message


def test_a_file_that_is_not_text_is_refused():
    result = read(b"\x81\x8d\x8f\x90\x9d" * 20 + b";\n", "forum.csv")
    assert result.fmap is None
    assert "går inte att läsa som text" in result.problems[0].message


def test_a_missing_required_column_is_named():
    result = read("namn;huvudman\nLänsgruppen;Norrvik\n")
    assert result.fmap is None
    assert where(result) == [(1, "nivå")]
    assert "saknas" in result.problems[0].message


def test_unknown_level_and_principal_are_named_by_row_and_column():
    result = read(HEAD + "\nA;makro;Norrvik\nB;toppnivå;Norrvik\nC;meso;Ankeby\n")
    assert result.fmap is None
    assert where(result) == [(3, "nivå"), (4, "huvudman")]
    assert "makro, meso eller mikro" in str(result.problems[0])
    assert "rad 3" in str(result.problems[0]) and "”nivå”" in str(result.problems[0])


def test_duplicate_names_point_to_the_first_row():
    result = read(HEAD + "\nLänsgruppen;meso;Norrvik\nlänsgruppen ;meso;Sjöstad\n")
    assert where(result) == [(3, "namn")]
    assert "rad 2" in result.problems[0].message


def test_relations_to_unknown_forums_and_to_itself_are_problems():
    result = read(HEAD + "\nA;meso;Norrvik;;;;;;;B | Okänt;A;;\nB;meso;Norrvik\n")
    assert where(result) == [(2, "ger uppdrag till"), (2, "rapporterar till")]
    assert "Okänt" in result.problems[0].message


def test_organisation_names_and_comma_separated_files_are_understood():
    result = read("namn,nivå,huvudman\nVårdsamverkan,mikro,Norrviks kommun\n")
    assert result.problems == []
    assert next(iter(result.fmap.forums.values())).principal == "Norrvik"


def test_unknown_columns_are_warned_about_not_refused():
    result = read("namn;nivå;huvudman;färg\nA;meso;Norrvik;blå\n")
    assert result.ok
    assert result.warnings[0].field == "färg"


def test_an_empty_file_and_a_file_over_the_limit_are_refused():
    assert "tom" in read(b"").problems[0].message
    big = read(b"x" * (MAX_UPLOAD_BYTES + 1))
    assert "största tillåtna" in big.problems[0].message


def test_the_blank_template_has_the_headings_only_and_reads_as_an_empty_map():
    assert template_csv().decode("utf-8-sig").strip() == EXPORT_HEAD
    result = read(template_csv())
    assert result.ok and not result.fmap.forums
    wb = load_workbook(io.BytesIO(to_xlsx(ForumMap(), template=True, principals=PRINCIPALS)))
    assert [c.value for c in wb["Forum"][1]] == COLUMNS
    assert wb["Forum"].max_row == 1


# -- XLSX, GraphML, JSON --------------------------------------------------------------------------

def test_xlsx_export_has_the_map_the_analyses_and_the_pictures():
    doc = load_example()
    wb = load_workbook(io.BytesIO(to_xlsx(ForumMap.from_doc(doc), doc)))
    assert wb.sheetnames == ["Forum", "Analyser", "Perspektiv", "Perspektivens relationer",
                             "Läs mig"]
    assert wb["Forum"].max_row == len(doc["forums"]) + 1
    assert "Forum utan uppdrag eller mandat" in [c.value for c in wb["Analyser"]["A"]]


def test_a_broken_xlsx_file_is_refused():
    result = read(b"PK\x03\x04 this is not a workbook", "forum.xlsx")
    assert "Excel-arbetsbok" in result.problems[0].message


def test_an_xlsx_row_with_a_bad_level_is_named_by_row():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Forum"
    ws.append(["namn", "nivå", "huvudman", "möten per år"])
    ws.append(["A", "makro", "Norrvik", 12])
    ws.append(["B", "ingen", "Norrvik", None])
    out = io.BytesIO()
    wb.save(out)
    result = read(out.getvalue(), "karta.xlsx")
    assert where(result) == [(3, "nivå")]
    assert "blad ”Forum”" in result.problems[0].file


def test_graphml_opens_in_networkx_with_the_forum_fields():
    g = nx.read_graphml(io.BytesIO(to_graphml(example_map())), force_multigraph=True)
    assert g.number_of_nodes() == len(example_map().forums)
    attrs = next(iter(g.nodes(data=True)))[1]
    assert {"name", "level", "principal", "mandate"} <= set(attrs)
    assert {d["kind"] for _u, _v, d in g.edges(data=True)} <= {
        "ger uppdrag till", "rapporterar till", "eskalerar till", "informerar"}


def test_a_graphml_relation_of_unknown_kind_is_a_problem():
    g = nx.MultiDiGraph()
    g.add_node("a", name="A", level="meso", principal="Norrvik")
    g.add_node("b", name="B", level="meso", principal="Norrvik")
    g.add_edge("a", "b", kind="pratar med")
    out = io.BytesIO()
    nx.write_graphml(g, out)
    result = read(out.getvalue(), "karta.graphml")
    assert "pratar med" in result.problems[0].message


def test_json_that_is_not_a_forum_map_is_refused():
    assert "forums" in read(json.dumps({"x": 1}), "karta.json").problems[0].message
    assert "går inte att läsa" in read("{trasig", "karta.json").problems[0].message
    bad = {"forums": {"a": {"name": "A", "level": "hög", "principal": "Norrvik"}}}
    result = read(json.dumps(bad, indent=1), "karta.json")
    assert where(result) == [(3, "a.level")]


# -- command line and data/ ------------------------------------------------------------------------

def run_cli(*args, env_extra=None, cwd=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "naravard.app.cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd or ROOT, timeout=120)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "graphml", "json"])
def test_naravard_export_forums_writes_every_format(fmt, workspace_dir, tmp_path):
    Workspace(workspace_dir, "kommandorad").replace("forum_mapping", load_example())
    out = tmp_path / f"karta.{fmt}"
    proc = run_cli("export", "forums", "--format", fmt, "--workshop", "kommandorad",
                   "--out", str(out), env_extra={"NARAVARD_WORKSPACE": str(workspace_dir)})
    assert proc.returncode == 0, proc.stderr
    assert "34 forum" in proc.stdout
    result = read(out.read_bytes(), out.name)
    assert result.ok and len(result.fmap.forums) == 34


def test_export_of_an_empty_workshop_says_so_in_swedish(workspace_dir, tmp_path):
    proc = run_cli("export", "forums", "--workshop", "tom", "--out", str(tmp_path),
                   env_extra={"NARAVARD_WORKSPACE": str(workspace_dir)})
    assert proc.returncode == 1
    assert "har inga forum sparade" in proc.stderr


def test_naravard_check_names_row_and_column_of_a_broken_forums_csv(data_copy):
    replace_in(data_copy / "forums.csv", ";mikro;Sjöstad;", ";nano;Sjöstad;")
    problems = check_all(data_copy)
    assert len(problems) == 1
    assert problems[0].field == "nivå" and problems[0].row is not None
    assert "forums.csv" in problems[0].file


def test_naravard_check_names_the_line_of_a_broken_perspective(data_copy):
    replace_in(data_copy / "forum_perspektiv.yml",
               "- Kommundirektörsnätverket informerar Systemledningen för Nära vård",
               "- Kommundirektörsnätverket pratar med Systemledningen för Nära vård")
    problems = check_all(data_copy)
    assert len(problems) == 1
    text = (data_copy / "forum_perspektiv.yml").read_text(encoding="utf-8").splitlines()
    assert "pratar med" in text[problems[0].row - 1]


def test_the_shipped_data_is_valid():
    assert check_all(DATA) == []


def test_the_chapter_shows_the_example_map_and_copes_without_forum_data(data_copy, monkeypatch):
    from naravard.core.charts import to_svg
    from naravard.forums import book

    book._doc.cache_clear()
    assert "34 forum" in book.map_facts().data
    assert "Cirklar i rapporteringen" in book.analysis_overview().data
    for name in ("forums.csv", "forum_perspektiv.yml"):
        (data_copy / name).unlink()
        replace_in(data_copy / "exempel.yml", f"  - {name}\n", "")
    monkeypatch.setenv("NARAVARD_DATA", str(data_copy))
    book._doc.cache_clear()
    try:
        assert "ingen forumkarta" in book.map_facts().data
        assert "inga deltagares bilder" in book.perspective_summary().data
        assert to_svg(book.map_chart()).startswith("<svg")
        assert check_all(data_copy) == []
    finally:
        book._doc.cache_clear()
