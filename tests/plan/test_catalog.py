"""The plan's wording in data/plan_guide.yml: checked with Swedish messages naming file, row and
key, required codes kept, edits read again, and a reworded question shown in the worksheet."""

from __future__ import annotations

import pytest

from naravard.app.datacheck import check_all
from naravard.core.problems import DataError
from naravard.plan.catalog import GUIDE_FILE, load_plan_guide, plan_guide
from naravard.plan.model import DOC
from naravard.ui.common import start_session
from naravard.ui.plan.page import PlanWorksheet

from tests.conftest import DATA, replace_in

AIM = "Vad vill vi uppnå med primärvården i länet?"


def row_of(path, text: str) -> int:
    """The 1-based row of the first line in ``path`` that contains ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_the_plan_guide_in_data_is_valid_and_has_every_step():
    guide = load_plan_guide(DATA)
    assert [s.key for s in guide.steps] == ["goals", "mapping", "action", "support", "followup",
                                            "implementation", "priorities"]
    assert guide.questions["goals"]["aim"] == AIM


def test_a_misspelt_key_is_reported_in_swedish_with_file_row_and_key(data_copy):
    path = data_copy / GUIDE_FILE
    replace_in(path, "    rubrik: Kartlägga", "    rubrk: Kartlägga")
    with pytest.raises(DataError) as excinfo:
        load_plan_guide(data_copy)
    found = messages(excinfo)
    row = row_of(path, "rubrk: Kartlägga")
    assert any(m.startswith(f"{path}, rad {row}, fält ”steg[2].rubrk”: Okänd nyckel ”rubrk”")
               for m in found), found
    assert any("fält ”steg[2].rubrik”: Nyckeln saknas." in m for m in found), found


def test_a_removed_code_the_program_needs_is_named_with_its_row(data_copy):
    path = data_copy / GUIDE_FILE
    replace_in(path, "{kod: processledare, namn:", "{kod: processledning, namn:")
    with pytest.raises(DataError) as excinfo:
        load_plan_guide(data_copy)
    [message] = messages(excinfo)
    assert message.startswith(f"{path}, rad {row_of(path, 'roller:')}, fält ”roller”: ")
    assert "Rollen med koden ”processledare” saknas." in message


def test_an_unknown_colour_code_is_refused_with_the_allowed_ones(data_copy):
    path = data_copy / GUIDE_FILE
    replace_in(path, "  - kod: gul\n", "  - kod: orange\n")
    with pytest.raises(DataError) as excinfo:
        load_plan_guide(data_copy)
    found = messages(excinfo)
    assert f"{path}, rad {row_of(path, 'kod: orange')}, fält ”prioriteringar[2].kod”: Okänd " \
           "kod ”orange”. Tillåtna koder här: röd, gul, grön." in found
    assert any("Färgen med koden ”gul” saknas." in m for m in found)


def test_naravard_check_reports_a_broken_plan_guide(data_copy):
    replace_in(data_copy / GUIDE_FILE, "färg: \"#c0392b\"", "färg: röd")
    problems = [str(p) for p in check_all(data_copy)]
    assert any(GUIDE_FILE in p and "prioriteringar[1].färg" in p for p in problems), problems


def test_an_edited_guide_is_read_again_without_a_restart(data_copy):
    assert plan_guide(data_copy).questions["goals"]["aim"] == AIM
    replace_in(data_copy / GUIDE_FILE, AIM, "Vad ska invånarna märka?")
    assert plan_guide(data_copy).questions["goals"]["aim"] == "Vad ska invånarna märka?"


def test_a_reworded_question_shows_in_the_worksheet(data_copy, workspace_dir, monkeypatch):
    reworded = "Vad ska invånarna i länet märka av planen om fem år?"
    replace_in(data_copy / GUIDE_FILE, AIM, reworded)
    monkeypatch.setenv("NARAVARD_DATA", str(data_copy))
    sheet = PlanWorksheet(start_session(DOC, workshop="planord"))
    sheet.steps.value = "goals"
    labels = [h.description for h in walk(sheet.page) if getattr(h, "description", "")]
    assert any(reworded in label for label in labels)
    assert not any(AIM in label for label in labels)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)
