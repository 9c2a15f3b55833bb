"""The `naravard` command: check validates all of data/ and refuses a broken county in Swedish."""

import subprocess
import sys

from tests.conftest import DATA, replace_in


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "naravard.app.cli", *args], capture_output=True,
                          text=True, env=env)


def test_check_accepts_the_example_county():
    result = run("check", "--data", str(DATA))
    assert result.returncode == 0
    assert "i ordning" in result.stdout


def test_check_rejects_a_broken_county_naming_file_row_and_key(data_copy):
    replace_in(data_copy / "county.yml", "  - namn: Sjöstad", "  - nman: Sjöstad")
    result = run("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert "county.yml, rad 18, fält ”kommuner[2].nman”: Okänd nyckel" in result.stderr
    assert "kommuner[2].namn" in result.stderr and "saknas" in result.stderr
    assert "Rätta felen" in result.stderr


def test_serve_refuses_to_start_with_invalid_data(data_copy, tmp_path):
    import os

    replace_in(data_copy / "county.yml", "region: Region Exempellän\n", "")
    env = {**os.environ, "NARAVARD_DATA": str(data_copy), "NARAVARD_WORKSPACE": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "naravard.app.cli", "serve", "--port", "8999"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "Servern startades inte" in result.stderr


def test_help_is_in_swedish():
    result = run("--help")
    assert "kontrollera allt i data/" in result.stdout


def test_history_and_restore_bring_back_an_earlier_version(tmp_path):
    import os

    from naravard.core.store import Workspace

    ws = Workspace(tmp_path, "ledning")
    ws.set("insight_360", "title", "Första")
    ws.replace("insight_360", {"title": "Andra"})
    env = {**os.environ, "NARAVARD_WORKSPACE": str(tmp_path)}
    listed = run("history", "ledning", "insight_360", env=env)
    assert listed.returncode == 0
    oldest = listed.stdout.split("\n\n")[0].splitlines()[-1]
    version = oldest.split()[0]
    assert run("restore", "ledning", "insight_360", version, env=env).returncode == 0
    assert Workspace(tmp_path, "ledning").read("insight_360") == {"title": "Första"}


def test_history_lists_who_changed_what_and_works_on_a_damaged_file(tmp_path):
    import os

    from naravard.core.store import Workspace

    ws = Workspace(tmp_path, "ledning", author="sida-aaaa0001")
    for i in range(20):
        ws.set("forum_mapping", ("forums", f"f{i}"), {"name": f"Forum {i}"})
    (tmp_path / "ledning" / "forum_mapping.json").write_text('{"forums": {"f0', encoding="utf-8")
    env = {**os.environ, "NARAVARD_WORKSPACE": str(tmp_path)}
    listed = run("history", "ledning", "forum_mapping", env=env)
    assert listed.returncode == 0
    assert "(20 av 20)" in listed.stdout
    assert "deltagare AAAA  lade till forums › f19" in listed.stdout
    restored = run("restore", "ledning", "forum_mapping", "20", env=env)
    assert restored.returncode == 0, restored.stderr
    assert len(Workspace(tmp_path, "ledning").read("forum_mapping")["forums"]) == 20


def test_argparse_errors_are_in_swedish():
    result = run("history")
    assert result.returncode == 2
    assert "följande argument saknas" in result.stderr


def test_the_export_formats_of_the_command_line_are_the_worksheets_own():
    from naravard.app.export import TARGETS
    from naravard.forums.export import FORMATS as FORUMS
    from naravard.insight.export import DOCUMENTS, FORMATS as INSIGHT
    from naravard.plan.export import FORMATS as PLAN

    assert set(TARGETS["forums"].formats) == set(FORUMS)
    assert set(TARGETS["insight"].formats) == set(INSIGHT)
    assert set(TARGETS["insight"].documents) == set(DOCUMENTS)
    assert set(TARGETS["plan"].formats) == set(PLAN)


def test_an_export_that_cannot_be_written_says_so_in_swedish(tmp_path):
    import os

    blocker = tmp_path / "fil"
    blocker.write_text("", encoding="utf-8")
    env = {**os.environ, "NARAVARD_WORKSPACE": str(tmp_path / "ws")}
    result = run("export", "plan", "--format", "md", "--out", str(blocker / "plan.md"), env=env)
    assert result.returncode == 1
    assert "Kunde inte spara filen" in result.stderr and "--out" in result.stderr


def test_an_export_from_an_invalid_workshop_name_is_refused_in_swedish(tmp_path):
    import os

    env = {**os.environ, "NARAVARD_WORKSPACE": str(tmp_path)}
    result = run("export", "insight", "--workshop", "../utanför", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "workshop" in result.stderr.lower()


def _env(workspace):
    import os

    env = {**os.environ, "NARAVARD_WORKSPACE": str(workspace)}
    env.pop("NARAVARD_LOG", None)
    return env


def test_history_of_an_unknown_workshop_names_the_saved_ones(tmp_path):
    from naravard.core.store import Workspace

    Workspace(tmp_path, "ledning")
    result = run("history", "typo", "forum_mapping", env=_env(tmp_path))
    assert result.returncode == 1
    assert "Workshoppen ”typo” finns inte" in result.stderr
    assert "Sparade workshoppar: ledning" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_history_of_an_unknown_workshop_creates_no_workshop(tmp_path):
    run("history", "typo", "forum_mapping", env=_env(tmp_path))
    assert not (tmp_path / "typo").exists()


def test_history_with_an_invalid_workshop_name_says_what_is_allowed(tmp_path):
    result = run("history", "../../etc", "forum_mapping", env=_env(tmp_path))
    assert result.returncode == 2
    assert "Workshopnamnet ”../../etc” går inte att använda" in result.stderr
    assert "små bokstäver a–z, å, ä, ö" in result.stderr
    assert "Traceback" not in result.stderr


def test_history_of_an_unknown_worksheet_names_the_worksheets(tmp_path):
    from naravard.core.store import Workspace

    Workspace(tmp_path, "ledning")
    result = run("history", "ledning", "forum_mapin", env=_env(tmp_path))
    assert result.returncode == 2
    assert "Arbetsbladet ”forum_mapin” finns inte" in result.stderr
    assert "forum_mapping, insight_360, plan_primarvard" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_in_an_unknown_workshop_is_refused_and_creates_nothing(tmp_path):
    result = run("restore", "typo", "plan_primarvard", "20260101T000000_000000",
                 env=_env(tmp_path))
    assert result.returncode == 1
    assert "finns inte" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "typo").exists()


def test_restore_of_an_unknown_version_is_one_swedish_line(tmp_path):
    from naravard.core.store import Workspace

    Workspace(tmp_path, "ledning").set("plan_primarvard", "x", 1)
    result = run("restore", "ledning", "plan_primarvard", "finns-inte", env=_env(tmp_path))
    assert result.returncode == 1
    assert "Versionen finns-inte finns inte" in result.stderr and "Traceback" not in result.stderr


def test_export_from_an_unknown_workshop_creates_no_workshop(tmp_path):
    result = run("export", "plan", "--workshop", "typo", "--out", str(tmp_path / "ut"),
                 env=_env(tmp_path / "ws"))
    assert result.returncode == 1
    assert "Workshoppen ”typo” har ingen sparad plan" in result.stderr
    assert not (tmp_path / "ws" / "typo").exists()


def test_an_unexpected_error_is_one_swedish_line_naming_the_log_file(tmp_path, monkeypatch,
                                                                   capsys):
    from naravard.app import cli

    def broken(_args):
        raise RuntimeError("internal detail")

    monkeypatch.setenv("NARAVARD_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("NARAVARD_LOG", raising=False)
    monkeypatch.setattr(cli, "cmd_workshops", broken)
    assert cli.main(["workshops"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Ett oväntat fel stoppade naravard workshops")
    assert str(tmp_path / "naravard.log") in err
    assert "Traceback" not in err and "internal detail" not in err


def test_an_unexpected_errors_traceback_goes_to_the_workspace_log(tmp_path, monkeypatch,
                                                                 capsys):
    from naravard.app import cli

    def broken(_args):
        raise RuntimeError("internal detail")

    monkeypatch.setenv("NARAVARD_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("NARAVARD_LOG", raising=False)
    monkeypatch.setattr(cli, "cmd_workshops", broken)
    cli.main(["workshops"])
    log = (tmp_path / "naravard.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: internal detail" in log
