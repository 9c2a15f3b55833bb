"""The follow-up worksheet in the kernel: a round, a participant and a rating are saved as they
are entered; bad input gets a Swedish message at the field and saves nothing; a value and a
file of values reach the run chart; an action reaches the plan."""

from __future__ import annotations

import ipywidgets as w
import pytest

from naravard.core.store import Workspace
from naravard.followup.example import example_doc
from naravard.ui.common import start_session
from naravard.ui.followup.page import FollowupWorksheet

from tests.conftest import DATA


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def find(root, kind, css: str | None = None, description: str | None = None):
    return [x for x in walk(root) if isinstance(x, kind)
            and (css is None or css in x._dom_classes)
            and (description is None or getattr(x, "description", None) == description)]


def click(root, label: str) -> None:
    buttons = find(root, w.Button, description=label)
    assert buttons, f"no button {label!r}"
    buttons[0].click()


@pytest.fixture
def ui(workspace_dir):
    return FollowupWorksheet(start_session("uppfoljning", workshop="uppfprov"))


@pytest.fixture
def example_ui(workspace_dir):
    Workspace(workspace_dir, "uppfprov").replace("uppfoljning", example_doc(DATA))
    return FollowupWorksheet(start_session("uppfoljning", workshop="uppfprov"))


def saved(ui) -> dict:
    return ui.session.workspace.read("uppfoljning")


def add_round(ui, name: str, date: str = "") -> None:
    texts = find(ui.round_bar, w.Text)
    texts[0].value, texts[1].value = name, date
    click(ui.round_bar, "Lägg till omgång")


def test_a_round_a_participant_and_a_rating_are_saved_as_entered(ui):
    add_round(ui, "Hösten 2026", "2026-10-15")
    (rid, rnd), = saved(ui)["rounds"].items()
    assert rnd["name"] == "Hösten 2026" and ui.ctx.round_id == rid
    tab = ui.tabs_parts[0]
    find(tab.widget, w.Text)[0].value = "Socialchef, Norrvik"
    find(tab.widget, w.Dropdown)[0].value = "Norrvik"
    click(tab.widget, "Lägg till deltagare")
    (pid, person), = saved(ui)["rounds"][rid]["participants"].items()
    assert person["label"] == "Socialchef, Norrvik" and person["principal"] == "Norrvik"
    score = find(tab.widget, w.Dropdown, "followup-score")[0]
    score.value = 4
    assert saved(ui)["rounds"][rid]["participants"][pid]["scores"] == {"helhet": 4}
    score.value = 0
    assert saved(ui)["rounds"][rid]["participants"][pid]["scores"] == {}


def test_a_participant_with_contact_details_is_refused_at_the_field(ui):
    add_round(ui, "Hösten 2026")
    tab = ui.tabs_parts[0]
    find(tab.widget, w.Text)[0].value = "Anna, anna@example.se"
    click(tab.widget, "Lägg till deltagare")
    rid = ui.ctx.round_id
    assert saved(ui)["rounds"][rid]["participants"] == {}
    assert "e-postadress" in ui.session.status.value


def test_a_round_date_that_cannot_be_read_is_refused(ui):
    add_round(ui, "Hösten", "den femtonde")
    assert "rounds" not in saved(ui)
    assert "naravard-error" in ui.session.status.value


def test_the_synthesis_shows_where_the_example_disagrees(example_ui):
    example_ui.tabs.selected_index = 1
    html = " ".join(x.value for x in walk(example_ui.tabs_parts[1].widget)
                    if isinstance(x, w.HTML))
    assert "Systemägare som röjer väg: skattningarna går från" in html
    assert "Förändring sedan Hösten 2025" in html


def test_an_action_sent_to_the_plan_becomes_an_initiative_once(example_ui):
    example_ui.tabs.selected_index = 1
    tab = example_ui.tabs_parts[1]
    click(tab.widget, "Skicka till planen")
    plan = example_ui.session.workspace.read("plan_primarvard")
    (iid, initiative), = plan["action"]["initiatives"].items()
    assert initiative["title"] == "Bjud in två patientföreträdare till nästa lärmöte"
    action = next(iter(saved(example_ui)["rounds"]["r02"]["actions"].values()))
    assert action["plan_id"] == iid
    click(example_ui.tabs_parts[1].widget, "Skicka till planen")
    assert len(example_ui.session.workspace.read("plan_primarvard")["action"]["initiatives"]) == 1


def test_a_value_is_saved_and_a_bad_value_is_refused_at_the_field(example_ui):
    example_ui.tabs.selected_index = 2
    tab = example_ui.tabs_parts[2]
    assert tab.indicator == "akutbesok_80"
    find(tab.widget, w.Text, "followup-period")[0].value = "juli 2026"
    value = find(tab.widget, w.Text, "followup-value")[0]
    value.value = "trettio"
    click(tab.widget, "Spara värdet")
    assert "2026-07" not in saved(example_ui)["values"]["akutbesok_80"]["Hela länet"]
    assert "är inte ett tal" in example_ui.session.status.value
    value.value = "31,2"
    click(tab.widget, "Spara värdet")
    assert saved(example_ui)["values"]["akutbesok_80"]["Hela länet"]["2026-07"] == \
        {"value": 31.2}


def test_a_starter_indicator_is_followed_and_values_imported_from_a_file(ui):
    ui.tabs.selected_index = 2
    tab = ui.tabs_parts[2]
    click(tab.widget, "Följ indikatorn")
    (iid, ind), = saved(ui)["indicators"].items()
    assert ind["origin"] == "start" and ind["name"] == "Undvikbar slutenvård"
    rows = "".join(f"Undvikbar slutenvård;Hela länet;{2015 + i};{900 - 10 * i}\r\n"
                   for i in range(12))
    upload = next(x for x in walk(tab.widget) if type(x).__name__ == "UploadButton")
    upload.receive("v.csv", ("Indikator;Enhet;Period;Värde\r\n" + rows).encode("utf-8"))
    assert len(saved(ui)["values"][iid]["Hela länet"]) == 12
    html = " ".join(x.value for x in walk(ui.tabs_parts[2].widget) if isinstance(x, w.HTML))
    assert "lägre än det förra" in html  # a falling trend, said in Swedish


def test_a_bad_file_changes_nothing_and_names_the_row(example_ui):
    example_ui.tabs.selected_index = 2
    tab = example_ui.tabs_parts[2]
    before = saved(example_ui)
    upload = next(x for x in walk(tab.widget) if type(x).__name__ == "UploadButton")
    upload.receive("v.csv", "Indikator;Period;Värde\r\nOkänd;2026-01;3\r\n".encode("utf-8"))
    assert saved(example_ui) == before
    html = " ".join(x.value for x in walk(tab.widget) if isinstance(x, w.HTML))
    assert "rad 2" in html and "Okänd indikator" in html


def test_meeting_notes_are_saved_with_the_round(example_ui):
    example_ui.tabs.selected_index = 3
    notes = find(example_ui.tabs_parts[3].widget, w.Textarea)[0]
    notes.value = "Vi bjuder in patientföreträdare."
    assert saved(example_ui)["rounds"]["r02"]["notes"] == "Vi bjuder in patientföreträdare."
