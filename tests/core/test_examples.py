"""Example material in data/: it applies to the county it describes, a fork that edits only
county.yml passes `naravard check` with the examples ignored, and a broken exempel.yml is
reported in Swedish with file, row and field."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from naravard.app.datacheck import check_all
from naravard.core.examples import (EXAMPLE_FILES, example_file, ignored_examples, ignored_note,
                               load_examples)
from naravard.core.problems import DataError

from tests.conftest import DATA, fork_county, replace_in


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "naravard.app.cli", *args], capture_output=True,
                          text=True, env=env)


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_every_file_that_is_read_as_example_material_is_known_to_the_check_and_the_book():
    from naravard.forums.example import FORUMS_FILE, PERSPECTIVES_FILE
    from naravard.insight.example import EXAMPLE_FILE as INSIGHT_FILE
    from naravard.plan.example import EXAMPLE_FILE as PLAN_FILE
    from naravard.followup.example import EXAMPLE_FILE as FOLLOWUP_FILE
    from naravard.handbook.sphinxext import MATERIAL_TAGS

    read = {FORUMS_FILE, PERSPECTIVES_FILE, PLAN_FILE, INSIGHT_FILE, FOLLOWUP_FILE}
    assert read == set(EXAMPLE_FILES) == set(MATERIAL_TAGS.values())
    assert set(load_examples(DATA).files) == read


def test_the_example_files_apply_to_the_county_they_describe():
    assert ignored_examples(DATA) == []
    assert example_file(DATA, "plan_exempel.yml") == DATA / "plan_exempel.yml"


def test_the_example_files_are_ignored_for_another_county(data_copy):
    fork_county(data_copy)
    assert ignored_examples(data_copy) == list(EXAMPLE_FILES)
    assert example_file(data_copy, "forums.csv") is None


def test_a_file_that_is_not_listed_applies_to_any_county(data_copy):
    fork_county(data_copy)
    replace_in(data_copy / "exempel.yml", "  - plan_exempel.yml\n", "")
    assert example_file(data_copy, "plan_exempel.yml") == data_copy / "plan_exempel.yml"


def test_without_exempel_yml_every_file_applies(data_copy):
    (data_copy / "exempel.yml").unlink()
    fork_county(data_copy)
    assert load_examples(data_copy) is None
    assert example_file(data_copy, "insight_example.yml") == data_copy / "insight_example.yml"


def test_a_listed_file_that_does_not_exist_is_a_problem_naming_the_row(data_copy):
    (data_copy / "forums.csv").unlink()
    with pytest.raises(DataError) as exc:
        load_examples(data_copy)
    [problem] = messages(exc)
    assert "exempel.yml, rad 10, fält ”filer[1]”" in problem and "forums.csv finns inte" in problem


def test_a_file_that_is_not_example_material_is_refused(data_copy):
    replace_in(data_copy / "exempel.yml", "  - forums.csv\n", "  - county.yml\n")
    with pytest.raises(DataError) as exc:
        load_examples(data_copy)
    assert "”county.yml” är inte en exempelfil" in messages(exc)[0]


def test_a_missing_county_key_is_reported_with_an_example(data_copy):
    replace_in(data_copy / "exempel.yml", "län: Exempellän\n", "")
    with pytest.raises(DataError) as exc:
        load_examples(data_copy)
    assert "fält ”län”: Nyckeln saknas. Skriv till exempel: län: Exempellän" in messages(exc)[0]


def test_naravard_check_reports_a_broken_exempel_yml_once(data_copy):
    replace_in(data_copy / "exempel.yml", "  - plan_exempel.yml\n", "  - plan_exempel.yml\n"
                                                                    "  - plan_exempel.yml\n")
    problems = [str(p) for p in check_all(data_copy)]
    assert len(problems) == 1 and "står två gånger" in problems[0]


def test_a_fork_that_edits_only_county_yml_passes_check_and_is_told_what_is_ignored(data_copy):
    fork_county(data_copy)
    assert check_all(data_copy) == []
    result = run("check", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert ("Exempelfilerna forums.csv, forum_perspektiv.yml, plan_exempel.yml, "
            "insight_example.yml och uppfoljning_exempel.yml beskriver exempellänet och används inte för Testlän. Byt ut dem "
            "mot ert läns material (kapitel 16).") in result.stdout
    assert "i ordning" in result.stdout


def test_check_says_nothing_about_examples_for_the_example_county():
    assert ignored_note(DATA) is None


def test_the_loaders_behave_as_if_the_ignored_files_were_absent(fork_data):
    from naravard.forums.example import load_example
    from naravard.insight.example import example_doc
    from naravard.plan.example import example_plan

    assert load_example(fork_data) is None
    assert example_plan(fork_data) is None
    assert example_doc(fork_data) is None


@pytest.mark.parametrize("what, missing", [("plan", "exempelplan"),
                                           ("insight", "exempelstudie")])
def test_exporting_the_example_workshop_of_a_fork_explains_there_is_no_example(
        fork_data, tmp_path, what, missing):
    env = {**os.environ, "NARAVARD_WORKSPACE": str(tmp_path / "ws")}
    result = run("export", what, "--out", str(tmp_path), env=env)
    assert result.returncode == 1
    assert f"Det finns ingen {missing} att exportera i stället" in result.stderr
    assert "beskriver exempellänet och används därför inte för Testlän" in result.stderr
    assert list(tmp_path.glob("*.docx")) == []


# --- the worksheets of a fork ------------------------------------------------------------------


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def button_texts(widget) -> list[str]:
    import ipywidgets as w

    return [b.description for b in walk(widget)
            if isinstance(b, w.Button) and b.layout.display != "none"]


def html_text(widget) -> str:
    import ipywidgets as w

    return "\n".join(h.value for h in walk(widget) if isinstance(h, w.HTML))


def test_the_forum_worksheet_of_a_fork_starts_empty_without_the_example_map(fork_data,
                                                                          workspace_dir):
    from naravard.ui.common import start_session
    from naravard.ui.forums.page import build

    sheet = build(start_session("forum_mapping", workshop="exempel")).sheet
    assert not sheet.fmap.forums
    assert sheet.map_tab.example_button.layout.display == "none"
    assert "Det finns ingen exempelkarta att utgå från" in sheet.map_tab.example_hint.value
    assert "beskriver exempellänet och används" in sheet.map_tab.example_hint.value


def test_the_insight_worksheet_of_a_fork_starts_empty_without_the_example_study(fork_data,
                                                                              workspace_dir):
    from naravard.ui.common import start_session
    from naravard.ui.insight.page import InsightWorksheet

    ui = InsightWorksheet(start_session("insight_360", workshop="exempel"))
    assert ui.session.read() == {}
    assert "Läs in exempelstudien" not in button_texts(ui.root)
    assert "Det finns ingen exempelstudie att läsa in" in html_text(ui.root)


def test_the_plan_worksheet_of_a_fork_starts_the_example_workshop_empty(fork_data,
                                                                      workspace_dir):
    from naravard.core.store import Workspace
    from naravard.ui.common import start_session
    from naravard.ui.plan.page import build

    widget = build(start_session("plan_primarvard", workshop="exempel"))
    assert Workspace(workspace_dir, "exempel").read("plan_primarvard") == {}
    assert "Läs in exempelplanen" not in button_texts(widget)
    assert "Det finns ingen exempelplan att läsa in" in html_text(widget)
    assert "Norrvik" not in html_text(widget)
