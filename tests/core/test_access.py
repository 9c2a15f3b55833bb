"""Per-workshop access codes: only a salted hash is kept, and only the right code opens."""

import pytest

from naravard.core.access import (CODE_FILE, AccessDenied, code_matches, code_problem,
                                  has_code, remove_code, require_code, set_code)


def test_a_workshop_without_a_code_is_open(tmp_path):
    assert not has_code(tmp_path)
    require_code(tmp_path, "rum", None)


def test_only_the_right_code_opens_a_workshop_with_a_code(tmp_path):
    set_code(tmp_path, "Ekeås-2026")
    assert code_matches(tmp_path, "Ekeås-2026")
    assert not code_matches(tmp_path, "ekeås-2026")
    assert not code_matches(tmp_path, None)


def test_the_code_itself_is_never_written_to_disk(tmp_path):
    set_code(tmp_path, "hemlig-kod-42")
    assert "hemlig-kod-42" not in (tmp_path / CODE_FILE).read_text(encoding="utf-8")


def test_a_missing_or_wrong_code_is_refused_in_swedish(tmp_path):
    set_code(tmp_path, "hemlig-kod-42")
    with pytest.raises(AccessDenied, match="Workshoppen kräver en kod för workshoppen ”rum”"):
        require_code(tmp_path, "rum", "")
    with pytest.raises(AccessDenied, match="Koden stämmer inte"):
        require_code(tmp_path, "rum", "gissning")


def test_a_damaged_code_file_keeps_the_workshop_closed(tmp_path):
    (tmp_path / CODE_FILE).write_text("{ trasig", encoding="utf-8")
    assert not code_matches(tmp_path, "vad-som-helst")


def test_removing_the_code_opens_the_workshop_again(tmp_path):
    set_code(tmp_path, "hemlig-kod-42")
    assert remove_code(tmp_path)
    require_code(tmp_path, "rum", None)


@pytest.mark.parametrize("bad, expected", [("abc", "för kort"), ("med mellanslag", "mellanslag"),
                                           ("x" * 200, "för lång")])
def test_unusable_codes_are_refused_with_the_reason(bad, expected):
    assert expected in code_problem(bad)
