"""The journal: every change kept (who, when, what), undo of one's own changes only, and a
damaged current file rebuilt from it."""

import json
import logging

import pytest

import naravard.core.store as store_module
from naravard.core import journal
from naravard.core.store import UndoConflict, Workspace

A, B = "sida-aaaa0001", "sida-bbbb0002"


def pages(tmp_path):
    return Workspace(tmp_path, "rum", author=A), Workspace(tmp_path, "rum", author=B)


def lines(ws: Workspace, doc: str = "doc") -> list[dict]:
    raw = ws.journal_file(doc).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in raw]


def test_every_change_is_one_journal_line_with_author_time_and_path(tmp_path):
    a, _ = pages(tmp_path)
    for text in ["S", "St", "Sta"]:
        a.set("doc", ("question", "title"), text)
    entries = lines(a)
    assert [e["n"] for e in entries] == [1, 2, 3]
    assert {e["by"] for e in entries} == {A}
    assert entries[-1]["ops"] == [{"p": ["question", "title"], "b": "St", "a": "Sta"}]
    assert all(e["t"].endswith("+00:00") for e in entries)


def test_history_says_who_changed_what(tmp_path):
    a, b = pages(tmp_path)
    a.set("doc", ("forums", "f1"), {"name": "Länsgruppen"})
    b.set("doc", ("forums", "f1", "name"), "Länsgruppen för vård")
    newest, oldest = a.history("doc")
    assert (newest.label, newest.what) == ("deltagare BBBB", "ändrade forums › f1 › name")
    assert (oldest.label, oldest.what) == ("deltagare AAAA", "lade till forums")


def test_every_version_can_be_read_back(tmp_path):
    a, _ = pages(tmp_path)
    for text in ["Första", "Andra", "Tredje"]:
        a.set("doc", "title", text)
    assert a.version("doc", "2") == {"title": "Andra"}


def test_undo_reverts_only_the_pages_own_last_change(tmp_path):
    a, b = pages(tmp_path)
    a.set("doc", ("forums", "fa"), {"name": "A:s forum"})
    for i in range(5):
        b.set("doc", ("forums", f"fb{i}"), {"name": f"B:s forum {i}"})
    a.undo("doc")
    forums = a.read("doc")["forums"]
    assert "fa" not in forums
    assert sorted(forums) == [f"fb{i}" for i in range(5)]


def test_undo_says_whose_later_change_it_would_overwrite_and_changes_nothing(tmp_path):
    a, b = pages(tmp_path)
    a.set("doc", ("forums", "f1"), {"name": "A"})
    b.set("doc", ("forums", "f1", "name"), "B har skrivit över")
    with pytest.raises(UndoConflict, match="skrevs senare över av deltagare BBBB kl."):
        a.undo("doc")
    assert a.read("doc")["forums"]["f1"]["name"] == "B har skrivit över"


def test_the_keystrokes_of_one_field_are_undone_together(tmp_path):
    a, _ = pages(tmp_path)
    a.set("doc", "other", "kvar")
    for text in ["H", "Hu", "Hur"]:
        a.set("doc", ("question", "title"), text)
    assert a.undo("doc") == {"other": "kvar"}


def test_repeated_undo_walks_further_back(tmp_path):
    a, _ = pages(tmp_path)
    a.set("doc", ("forums", "f1"), {"name": "Ett", "level": "makro"})
    a.set("doc", ("forums", "f2"), {"name": "Två", "level": "meso"})
    assert a.undo("doc") == {"forums": {"f1": {"name": "Ett", "level": "makro"}}}
    assert a.undo("doc") == {}
    assert a.undo("doc") is None


def test_undo_of_a_deletion_brings_the_record_back(tmp_path):
    a, b = pages(tmp_path)
    a.set("doc", ("forums", "f1"), {"name": "Länsgruppen", "level": "makro"})
    b.set("doc", ("forums", "f2"), {"name": "Annat", "level": "meso"})
    a.delete("doc", ("forums", "f1"))
    assert a.undo("doc")["forums"] == {"f1": {"name": "Länsgruppen", "level": "makro"},
                                       "f2": {"name": "Annat", "level": "meso"}}


@pytest.mark.parametrize("damage", ["truncated", "invalid", "empty", "missing"])
def test_a_damaged_current_file_is_rebuilt_from_the_journal(tmp_path, damage, caplog):
    a, _ = pages(tmp_path)
    for i in range(20):
        a.set("forum_mapping", ("forums", f"f{i}"), {"name": f"Forum {i}"})
    path = a.file("forum_mapping")
    text = path.read_text(encoding="utf-8")
    if damage == "missing":
        path.unlink()
    else:
        path.write_text({"truncated": text[: len(text) // 2], "invalid": "{ trasig",
                         "empty": ""}[damage], encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="naravard"):
        doc = Workspace(tmp_path, "rum").read("forum_mapping")
    assert len(doc["forums"]) == 20
    assert "återskapad ur journalen" in caplog.text
    assert json.loads(path.read_text(encoding="utf-8")) == doc


def test_the_damaged_file_is_kept_beside_the_rebuilt_one(tmp_path):
    a, _ = pages(tmp_path)
    a.set("doc", "title", "Sparat")
    a.file("doc").write_text("{ trasig", encoding="utf-8")
    Workspace(tmp_path, "rum").read("doc")
    [kept] = a.path.glob("doc.json.trasig-*")
    assert kept.read_text(encoding="utf-8") == "{ trasig"


def test_a_change_after_damage_builds_on_the_recovered_document(tmp_path):
    a, b = pages(tmp_path)
    a.set("doc", ("forums", "f1"), {"name": "Ett"})
    a.file("doc").write_text('{"forums": {"f1', encoding="utf-8")
    b.set("doc", ("forums", "f2"), {"name": "Två"})
    assert sorted(a.read("doc")["forums"]) == ["f1", "f2"]


def test_a_half_written_last_journal_line_is_tolerated_cut_off_and_kept(tmp_path, caplog):
    a, _ = pages(tmp_path)
    a.set("doc", "title", "Sparat")
    with a.journal_file("doc").open("ab") as fh:
        fh.write(b'{"n":2,"t":"2026-05-04T09:00:00.000+00:00","by":"x","kind":"change","h":"ab')
    a.file("doc").unlink()
    with caplog.at_level(logging.WARNING, logger="naravard"):
        assert Workspace(tmp_path, "rum").read("doc") == {"title": "Sparat"}
        a.set("doc", "title", "Sparat igen")
    assert "halvskriven rad" in caplog.text
    assert [e["n"] for e in lines(a)] == [1, 2]
    assert list(a.journal_file("doc").parent.glob("doc.jsonl.trasig-*"))
    a.file("doc").unlink()
    assert Workspace(tmp_path, "rum").read("doc") == {"title": "Sparat igen"}


def test_a_current_file_one_change_behind_the_journal_is_brought_forward(tmp_path):
    a, _ = pages(tmp_path)
    a.set("doc", "title", "Ett")
    behind = a.file("doc").read_text(encoding="utf-8")
    a.set("doc", "title", "Två")
    a.file("doc").write_text(behind, encoding="utf-8")  # a crash between the two writes
    assert Workspace(tmp_path, "rum").read("doc") == {"title": "Två"}


def test_a_current_file_edited_by_hand_is_kept_and_recorded_in_the_journal(tmp_path):
    a, _ = pages(tmp_path)
    a.set("doc", "title", "Ett")
    a.set("doc", "title", "Två")
    a.file("doc").write_text('{"title": "Handskrivet"}', encoding="utf-8")
    assert Workspace(tmp_path, "rum").read("doc") == {"title": "Handskrivet"}
    assert lines(a)[-1]["kind"] == "external"


def test_restore_works_when_the_current_file_is_damaged(tmp_path):
    a, _ = pages(tmp_path)
    for text in ["Ett", "Två", "Tre"]:
        a.set("doc", "title", text)
    a.file("doc").write_text("{ tras", encoding="utf-8")
    a.restore("doc", "1")
    assert Workspace(tmp_path, "rum").read("doc") == {"title": "Ett"}


def _legacy_workshop(tmp_path):
    folder = tmp_path / "gammal"
    (folder / "history" / "doc").mkdir(parents=True)
    (folder / "doc.json").write_text('{"title": "Nu"}', encoding="utf-8")
    (folder / "history" / "doc" / "20250101T100000_000000.json").write_text(
        '{"title": "Förr"}', encoding="utf-8")
    return Workspace(tmp_path, "gammal", author=A)


def test_a_workshop_saved_before_the_journal_opens_and_keeps_its_snapshots(tmp_path):
    ws = _legacy_workshop(tmp_path)
    assert ws.read("doc") == {"title": "Nu"}
    assert [v.id for v in ws.history("doc")] == ["20250101T100000_000000"]
    ws.restore("doc", "20250101T100000_000000")
    assert ws.read("doc") == {"title": "Förr"}


def test_the_first_change_to_an_old_workshop_starts_its_journal_from_the_saved_document(tmp_path):
    ws = _legacy_workshop(tmp_path)
    ws.set("doc", "more", "ny")
    ws.file("doc").unlink()
    assert Workspace(tmp_path, "gammal").read("doc") == {"title": "Nu", "more": "ny"}
    assert lines(ws)[0]["kind"] == "base"


def test_a_damaged_old_workshop_without_journal_can_be_restored_from_a_snapshot(tmp_path):
    ws = _legacy_workshop(tmp_path)
    ws.file("doc").write_text("{ tras", encoding="utf-8")
    ws.restore("doc", "20250101T100000_000000")
    assert ws.read("doc") == {"title": "Förr"}


def test_a_big_journal_is_rotated_and_its_versions_stay_readable(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "JOURNAL_MAX_BYTES", 2000)
    a, _ = pages(tmp_path)
    for i in range(40):
        a.set("doc", ("notes", f"n{i}"), f"Anteckning {i}")
    archives = list(journal.iter_archives(a.journal_file("doc").parent, "doc"))
    assert archives
    assert a.version("doc", "3") == {"notes": {"n0": "Anteckning 0", "n1": "Anteckning 1",
                                               "n2": "Anteckning 2"}}
    a.file("doc").unlink()
    assert len(Workspace(tmp_path, "rum").read("doc")["notes"]) == 40


def test_a_write_reads_the_journal_tail_not_the_whole_journal(tmp_path, monkeypatch):
    a, _ = pages(tmp_path)
    a.set("doc", "title", "Ett")
    monkeypatch.setattr(journal, "read", lambda *_: pytest.fail("the whole journal was read"))
    a.set("doc", "title", "Två")
    assert Workspace(tmp_path, "rum").read("doc") == {"title": "Två"}


def _room_writer(root: str, author: str, n: int) -> None:
    ws = Workspace(root, "rummet", author=author)
    for i in range(n):
        ws.set("forum_mapping", ("forums", f"{author}-{i}"), {"name": f"Forum {i} av {author}"})


def test_a_room_of_writers_loses_nothing_and_the_journal_replays_to_the_saved_document(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    authors = [f"sida-{i:08x}" for i in range(6)]
    procs = [ctx.Process(target=_room_writer, args=(str(tmp_path), a, 25)) for a in authors]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    ws = Workspace(tmp_path, "rummet")
    saved = ws.read("forum_mapping")
    assert len(saved["forums"]) == 150
    entries = ws.entries("forum_mapping")
    assert [e.n for e in entries] == list(range(1, 151))
    assert journal.replay(entries) == saved
