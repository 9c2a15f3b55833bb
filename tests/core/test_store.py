"""The workspace store: saved at once, atomically, with history, and safe for two kernels."""

import json
import multiprocessing as mp
from pathlib import Path

import pytest

import naravard.core.store as store_module
from naravard.core.store import (StoreError, UnknownWorkshop, Workspace, WorkshopNameError,
                                 check_workshop_name, list_workshops, open_workspace)


def test_a_saved_value_is_there_for_a_new_session(tmp_path):
    Workspace(tmp_path, "ledning").set("insight_360", ("question", "title"), "Statsbidragen")
    again = Workspace(tmp_path, "ledning")
    assert again.read("insight_360") == {"question": {"title": "Statsbidragen"}}


def test_each_workshop_has_its_own_folder(tmp_path):
    Workspace(tmp_path, "a").set("plan_primarvard", "x", 1)
    Workspace(tmp_path, "b").set("plan_primarvard", "x", 2)
    assert (tmp_path / "a" / "plan_primarvard.json").exists()
    assert Workspace(tmp_path, "a").read("plan_primarvard") == {"x": 1}


def test_setting_one_field_keeps_the_others(tmp_path):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", ("a", "x"), 1)
    ws.set("doc", ("a", "y"), 2)
    assert ws.read("doc") == {"a": {"x": 1, "y": 2}}


def test_a_failed_write_of_the_current_file_loses_nothing_and_leaves_no_temporary_files(
        tmp_path, monkeypatch):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", "a", "före")

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.os, "replace", crash)
    ws.set("doc", "a", "efter")  # the journal has it before the current file is written
    monkeypatch.undo()
    assert json.loads((ws.path / "doc.json").read_text(encoding="utf-8")) == {"a": "före"}
    assert Workspace(tmp_path, "w").read("doc") == {"a": "efter"}
    assert not [p for p in ws.path.iterdir() if p.suffix == ".tmp"]


def test_a_failed_journal_write_saves_nothing(tmp_path, monkeypatch):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", "a", "före")

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.journal.os, "fsync", crash)
    with pytest.raises(OSError):
        ws.set("doc", "a", "efter")
    monkeypatch.undo()
    assert json.loads((ws.path / "doc.json").read_text(encoding="utf-8")) == {"a": "före"}


def test_text_is_stored_as_readable_utf8(tmp_path):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", "text", "Åkerby ställer frågan")
    raw = (ws.path / "doc.json").read_text(encoding="utf-8")
    assert "Åkerby ställer frågan" in raw


def test_deleting_keeps_the_previous_version_and_undo_brings_it_back(tmp_path):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", ("forums", "f1"), {"name": "Länsgruppen"})
    ws.delete("doc", ("forums", "f1"))
    assert ws.read("doc") == {"forums": {}}
    assert ws.undo("doc") == {"forums": {"f1": {"name": "Länsgruppen"}}}
    assert ws.read("doc")["forums"]["f1"]["name"] == "Länsgruppen"


def test_restore_brings_back_an_earlier_version_and_keeps_the_current(tmp_path):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", "title", "Första")
    ws.replace("doc", {"title": "Andra"})
    version = ws.history("doc")[-1]
    ws.restore("doc", version.id)
    assert ws.read("doc") == {"title": "Första"}
    assert any(ws.version("doc", v.id) == {"title": "Andra"} for v in ws.history("doc"))


def test_a_damaged_file_without_a_journal_is_reported_and_never_overwritten(tmp_path):
    ws = Workspace(tmp_path, "w")
    (ws.path / "doc.json").write_text("{ trasig", encoding="utf-8")
    with pytest.raises(StoreError, match="går inte att läsa"):
        ws.set("doc", "title", "ny")
    assert (ws.path / "doc.json").read_text(encoding="utf-8") == "{ trasig"


@pytest.mark.parametrize("bad", ["", "../hemligt", "Mitt möte!", "a" * 65, "x/y"])
def test_unsafe_workshop_names_are_refused_in_swedish(bad):
    with pytest.raises(ValueError, match="Workshopnamnet"):
        check_workshop_name(bad)


def test_workshop_names_are_normalised():
    assert check_workshop_name(" Ledning-Åkerby ") == "ledning-åkerby"


def _writer(root: str, prefix: str, n: int) -> None:
    ws = Workspace(Path(root), "delad")
    for i in range(n):
        ws.set("forum_mapping", ("forums", f"{prefix}{i}"), {"name": f"{prefix} forum {i}"})


def test_two_processes_writing_the_same_workshop_lose_nothing(tmp_path):
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), p, 40)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    forums = Workspace(tmp_path, "delad").read("forum_mapping")["forums"]
    assert len(forums) == 80
    raw = json.loads((tmp_path / "delad" / "forum_mapping.json").read_text(encoding="utf-8"))
    assert raw["forums"] == forums


def test_undo_keeps_the_version_it_leaves_so_an_accidental_undo_can_be_reverted(tmp_path):
    ws = Workspace(tmp_path, "w")
    ws.set("doc", "title", "Gammal")
    ws.replace("doc", {"title": "Ny"})
    ws.undo("doc")
    left = next(v for v in ws.history("doc") if v.kind == "undo")
    before_undo = str(int(left.id) - 1)
    ws.restore("doc", before_undo)
    assert ws.read("doc") == {"title": "Ny"}


# -- workshop names: one rule, a Swedish message that says what is allowed, no fallback ----------

@pytest.mark.parametrize("device", ["con", "NUL", "com1", "lpt9", "prn", "aux"])
def test_windows_device_names_are_refused_as_workshop_names(device):
    with pytest.raises(WorkshopNameError, match="Windows reserverar"):
        check_workshop_name(device)


def test_names_that_only_begin_like_a_device_name_are_allowed():
    assert check_workshop_name("con-2026") == "con-2026"
    assert check_workshop_name("com0") == "com0"


def test_the_refusal_names_the_characters_that_are_not_allowed():
    with pytest.raises(WorkshopNameError, match="det innehåller ”.” och ”/”"):
        check_workshop_name("../../etc")


def test_the_refusal_says_what_is_allowed():
    with pytest.raises(WorkshopNameError) as caught:
        check_workshop_name("Mitt möte!")
    message = str(caught.value)
    assert "1–64 tecken" in message and "små bokstäver a–z, å, ä, ö" in message
    assert "bindestreck (-)" in message and "understreck (_)" in message


def test_a_nul_character_is_named_and_not_echoed():
    with pytest.raises(WorkshopNameError) as caught:
        check_workshop_name("ledning\x00x")
    assert "U+0000" in str(caught.value) and "\x00" not in str(caught.value)


def test_a_very_long_name_is_refused_with_its_length_and_not_echoed_in_full():
    with pytest.raises(WorkshopNameError) as caught:
        check_workshop_name("a" * 5000)
    assert "5\u00a0000 tecken" in str(caught.value)
    assert len(str(caught.value)) < 600


def test_a_name_must_begin_with_a_letter_or_digit():
    with pytest.raises(WorkshopNameError, match="börja med en bokstav eller siffra"):
        check_workshop_name("-ledning")


def test_a_decomposed_swedish_letter_gives_the_same_workshop_as_the_composed_one():
    assert check_workshop_name("a\u030akerby") == check_workshop_name("åkerby") == "åkerby"


def test_a_line_break_inside_a_name_is_refused():
    with pytest.raises(WorkshopNameError):
        check_workshop_name("led\nning")


@pytest.mark.parametrize("bad", ["../../etc", "a\x00b", "x" * 5000, "con", ".", ".."])
def test_an_invalid_name_opens_no_workshop_and_writes_nothing(tmp_path, bad):
    with pytest.raises(WorkshopNameError):
        open_workspace(bad, root=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_workshop_is_not_created_when_it_must_exist(tmp_path):
    Workspace(tmp_path, "ledning")
    with pytest.raises(UnknownWorkshop, match="Sparade workshoppar: ledning"):
        open_workspace("typo", root=tmp_path, create=False)
    assert list_workshops(tmp_path) == ["ledning"]


def test_an_existing_workshop_opens_when_it_must_exist(tmp_path):
    Workspace(tmp_path, "ledning").set("plan_primarvard", "x", 1)
    ws = open_workspace("Ledning", root=tmp_path, create=False)
    assert ws.read("plan_primarvard") == {"x": 1}
