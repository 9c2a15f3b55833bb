"""Worksheet building blocks, tested in the kernel: autosave, refusal of bad input without
touching saved work, Swedish errors instead of tracebacks, downloads."""

import logging

import ipywidgets as w
import pytest

from naravard.core.store import Workspace
from naravard.ui.app import run
from naravard.ui.common import autosaved_text, start_session
from naravard.ui.forums.form import forum_problem
from naravard.ui.widgets import DownloadButton


@pytest.fixture
def session(workspace_dir):
    return start_session("insight_360", workshop="enhetstest")


def test_every_keystroke_is_saved(session, workspace_dir):
    box = autosaved_text(session, ("question", "title"), "Frågans rubrik")
    box.field.value = "S"
    box.field.value = "Statsbidragen"
    assert Workspace(workspace_dir, "enhetstest").read("insight_360") == \
        {"question": {"title": "Statsbidragen"}}
    assert "Allt sparat" in session.status.value


def test_a_field_starts_with_what_is_saved(session):
    session.workspace.set("insight_360", ("question", "owner"), "Systemledningen")
    box = autosaved_text(session, ("question", "owner"), "Vems fråga är det?")
    assert box.field.value == "Systemledningen"


def test_refused_input_is_not_saved_and_the_message_names_the_field(session):
    session.workspace.set("insight_360", ("question", "title"), "Sparad text")
    box = autosaved_text(session, ("question", "title"), "Frågans rubrik",
                         check=lambda v: "Ta bort telefonnumret." if "070" in v else None)
    box.field.value = "Ring <b>070-1234567</b>"
    assert session.workspace.read("insight_360")["question"]["title"] == "Sparad text"
    assert "Ta bort telefonnumret." in box.message.value
    assert "Frågans rubrik" in session.status.value
    assert "<b>070" not in session.status.value


@pytest.mark.parametrize("name, existing, expected", [
    ("", [], "Skriv forumets namn."),
    ("   ", [], "Skriv forumets namn."),
    ("länsgruppen", ["Länsgruppen"], "finns redan"),
    ("Ny grupp", ["Länsgruppen"], None),
])
def test_forum_names_are_checked(name, existing, expected):
    problem = forum_problem(name, existing)
    if expected is None:
        assert problem is None
    else:
        assert expected in problem


def test_a_worksheet_that_fails_shows_swedish_text_and_logs_the_traceback(workspace_dir, caplog):
    def broken(_session):
        raise RuntimeError("internal detail")

    with caplog.at_level(logging.ERROR, logger="naravard"):
        logging.getLogger("naravard").propagate = True
        app = run("insight_360", broken, workshop="fel")
    assert isinstance(app, w.HTML)
    assert "kunde inte starta" in app.value
    assert "internal detail" not in app.value and "Traceback" not in app.value
    assert any("internal detail" in (r.exc_text or "") for r in caplog.records)


def test_download_button_sends_the_file_to_the_browser(monkeypatch):
    sent = []
    button = DownloadButton("Ladda ner", lambda: (b"abc", "fil.csv", "text/csv"))
    monkeypatch.setattr(button, "send", lambda content, buffers=None: sent.append((content, buffers)))
    button.deliver()
    assert sent == [({"type": "file", "filename": "fil.csv", "mime": "text/csv"}, [b"abc"])]


def test_download_errors_become_a_swedish_message():
    messages = []

    def fail():
        raise RuntimeError("boom")

    DownloadButton("Ladda ner", fail, on_error=messages.append).deliver()
    assert messages and "Filen kunde inte skapas" in messages[0]


def _first_field(app):
    return [c for c in app.children[1].children[2].children if hasattr(c, "field")][0].field


def test_undo_button_reverts_the_pages_own_change_and_redraws_the_worksheet(workspace_dir):
    from naravard.ui.insight.page import build

    ws = Workspace(workspace_dir, "angra")
    ws.set("insight_360", ("question", "title"), "Före")
    app = run("insight_360", build, workshop="angra")
    _first_field(app).value = "Efter misstaget"
    app.children[-1].button.click()
    assert ws.read("insight_360")["question"]["title"] == "Före"
    assert _first_field(app).value == "Före"


def test_undo_button_leaves_another_participants_changes_alone(workspace_dir):
    from naravard.ui.insight.page import build

    app = run("insight_360", build, workshop="tva")
    _first_field(app).value = "Min fråga"
    other = Workspace(workspace_dir, "tva", author="sida-bbbb0002")
    other.set("insight_360", ("question", "background"), "Den andras bakgrund")
    app.children[-1].button.click()
    saved = Workspace(workspace_dir, "tva").read("insight_360")
    assert saved["question"] == {"background": "Den andras bakgrund"}


def test_undo_over_someone_elses_later_change_says_whose_and_keeps_it(workspace_dir):
    from naravard.ui.insight.page import build

    app = run("insight_360", build, workshop="skuggad")
    _first_field(app).value = "Min fråga"
    other = Workspace(workspace_dir, "skuggad", author="sida-bbbb0002")
    other.set("insight_360", ("question", "title"), "Den andras fråga")
    app.children[-1].button.click()
    session_status = app.children[1].children[1]
    assert "skrevs senare över av deltagare BBBB" in session_status.value
    assert other.read("insight_360")["question"]["title"] == "Den andras fråga"


def test_the_toolbar_names_the_participant_as_the_history_shows_them(workspace_dir):
    from naravard.ui.insight.page import build

    app = run("insight_360", build, workshop="namn")
    assert "deltagare " in app.children[-1].children[1].value


def test_each_page_records_its_changes_under_its_own_author(workspace_dir):
    one, two = start_session("insight_360", "rum"), start_session("insight_360", "rum")
    one.save(("question", "title"), "Ett")
    two.save(("question", "background"), "Två")
    authors = [v.author for v in one.workspace.history("insight_360")]
    assert authors == [two.author, one.author] and one.author != two.author


def test_the_saved_status_names_the_field_and_the_saved_texts_hash(workspace_dir):
    from naravard.ui.common import field_key, text_hash

    session = start_session("insight_360", "status")
    session.save(("question", "title"), "Åkerby")
    value = session.status.value
    assert f'data-key="{field_key(("question", "title"))}"' in value
    assert f'data-hash="{text_hash("Åkerby")}"' in value
    assert text_hash("Åkerby") == "%08x" % __import__("zlib").crc32("Åkerby".encode())


def test_a_save_that_fails_is_never_shown_as_saved(workspace_dir, monkeypatch):
    session = start_session("insight_360", "fel")

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(session.workspace, "set", broken)
    assert session.save(("question", "title"), "x") is None
    assert "sparat" not in session.status.value.lower()
    assert "Kunde inte spara" in session.status.value


def test_an_autosaved_field_carries_its_key_for_the_page_script(session):
    from naravard.ui.common import autosaved_text, field_key

    box = autosaved_text(session, ("question", "title"), "Frågans rubrik")
    assert f"naravard-key-{field_key(('question', 'title'))}" in box.field._dom_classes


@pytest.mark.parametrize("query", ["workshop=..%2F..%2Fetc", "workshop=a%00b", "workshop=con",
                                   "workshop=" + "x" * 5000])
def test_an_invalid_workshop_in_the_address_is_refused_not_replaced_by_the_default(monkeypatch,
                                                                                   query):
    from naravard.core.store import WorkshopNameError
    from naravard.ui.common import requested_workshop

    monkeypatch.setenv("QUERY_STRING", query)
    with pytest.raises(WorkshopNameError, match="Workshopnamnet"):
        requested_workshop()


def test_without_a_workshop_in_the_address_the_default_workshop_is_used(monkeypatch):
    from naravard.ui.common import requested_workshop

    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.delenv("NARAVARD_WORKSHOP", raising=False)
    assert requested_workshop() == "exempel"


def test_a_worksheet_with_an_invalid_workshop_says_what_is_allowed_and_links_home(
        workspace_dir, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "workshop=..%2F..%2Fetc")
    app = run("insight_360", lambda _session: w.HTML("ska inte visas"))
    assert isinstance(app, w.HTML)
    assert "Workshopnamnet" in app.value and "små bokstäver a–z, å, ä, ö" in app.value
    assert 'href="/"' in app.value and "startsidan" in app.value


def test_a_worksheet_with_an_invalid_workshop_opens_and_writes_no_workshop(workspace_dir,
                                                                           monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "workshop=con")
    run("insight_360", lambda _session: w.HTML("ska inte visas"))
    folders = [p for p in workspace_dir.iterdir() if p.is_dir()] if workspace_dir.exists() else []
    assert folders == []


def test_the_invalid_workshop_page_escapes_the_name():
    from naravard.ui.app import invalid_workshop_html

    html = invalid_workshop_html("Workshopnamnet ”<script>” går inte att använda.")
    assert "<script>" not in html and "&lt;script&gt;" in html


# -- access codes ---------------------------------------------------------------------------------

def test_a_workshop_with_a_code_shows_the_code_form_and_nothing_of_the_workshop(
        workspace_dir, monkeypatch):
    from naravard.core.access import set_code
    from naravard.ui.insight.page import build

    Workspace(workspace_dir, "stangd").set("insight_360", ("question", "title"), "Hemlig fråga")
    set_code(workspace_dir / "stangd", "rummets-kod")
    monkeypatch.setenv("QUERY_STRING", "workshop=stangd")
    app = run("insight_360", build)
    assert "Workshoppen kräver en kod" in app.value
    assert 'type="password" name="kod"' in app.value
    assert "Hemlig fråga" not in app.value


def test_a_wrong_code_is_refused_and_the_right_code_opens_the_worksheet(workspace_dir,
                                                                         monkeypatch):
    from naravard.core.access import set_code
    from naravard.ui.insight.page import build

    Workspace(workspace_dir, "stangd").set("insight_360", ("question", "title"), "Hemlig fråga")
    set_code(workspace_dir / "stangd", "rummets-kod")
    monkeypatch.setenv("QUERY_STRING", "workshop=stangd&kod=gissning")
    assert "Koden stämmer inte" in run("insight_360", build).value
    monkeypatch.setenv("QUERY_STRING", "workshop=stangd&kod=rummets-kod")
    assert _first_field(run("insight_360", build)).value == "Hemlig fråga"
