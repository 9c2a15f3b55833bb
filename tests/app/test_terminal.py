"""The facilitator's terminal during `naravard serve`: the banner, only what matters in it
(routine Jupyter, Voilà and tornado messages go to the log file), the access token hidden, and
participants' errors as one Swedish line naming the workshop and the worksheet."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from naravard.app.server import HIDDEN, KERNEL_ARGV, POOL_FILLED, NaravardKernelSpecManager, \
    banner, install_logging
from naravard.core.worksheets import WORKSHEETS

BASE = "http://127.0.0.1:8866"


def make_banner(tmp_path: Path, **kwargs) -> str:
    args = dict(token=None, workshops=["exempel", "ledning"], workspace=tmp_path,
                log_file=tmp_path / "naravard.log", pid=4321)
    args.update(kwargs)
    return banner(BASE, **args)


def test_the_banner_lists_the_start_page_the_book_and_every_worksheet(tmp_path):
    text = make_banner(tmp_path)
    assert f"{BASE}/\n" in text
    assert f"{BASE}/bok/intro.html" in text
    for sheet in WORKSHEETS.values():
        assert sheet.title in text
        assert f"{BASE}/voila/render/{sheet.notebook}" in text


def test_the_banner_names_the_workshops_in_use(tmp_path):
    assert "exempel, ledning" in make_banner(tmp_path)


def test_the_banner_says_when_no_workshop_is_saved_yet(tmp_path):
    assert "inga ännu" in make_banner(tmp_path, workshops=[])


def test_the_banner_says_where_the_work_and_the_log_are_kept(tmp_path):
    text = make_banner(tmp_path)
    assert f"Loggfil      {tmp_path / 'naravard.log'}" in text
    assert f"Sparas i     {tmp_path}" in text


def test_the_banner_says_how_to_stop(tmp_path):
    text = make_banner(tmp_path)
    assert "Ctrl+C" in text and "kill 4321" in text


def test_the_banner_shows_the_access_code_on_one_line_only(tmp_path):
    text = make_banner(tmp_path, token="hemlig-kod-123")
    lines = [line for line in text.splitlines() if "hemlig-kod-123" in line]
    assert len(lines) == 1 and "Åtkomstkod" in lines[0]


@pytest.fixture
def server_logging(tmp_path):
    """install_logging on a stand-in Voilà logger; the root logger is restored afterwards."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    app_log = logging.getLogger("NaravardVoilaTest")
    terminal = io.StringIO()
    log_file = tmp_path / "naravard.log"
    handlers = install_logging(app_log, log_file, "hemlig-kod-123", stream=terminal)
    try:
        yield app_log, terminal, log_file
    finally:
        for handler in handlers:
            root.removeHandler(handler)
            handler.close()
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging.captureWarnings(False)


@pytest.mark.parametrize("logger, level, message", [
    ("NaravardVoilaTest", logging.WARNING, "Notebook insight_360.ipynb is not trusted"),
    ("NaravardVoilaTest", logging.INFO, "Starting buffering for 1234-abcd"),
    ("NaravardVoilaTest", logging.INFO, "Kernel started: 1234-abcd"),
    ("tornado.access", logging.WARNING, "404 GET /saknas (127.0.0.1) 0.50ms"),
])
def test_routine_messages_reach_the_log_file_but_not_the_terminal(server_logging, logger,
                                                                  level, message):
    app_log, terminal, log_file = server_logging
    target = app_log if logger == app_log.name else logging.getLogger(logger)
    target.log(level, message)
    assert terminal.getvalue() == ""
    assert message in log_file.read_text(encoding="utf-8")


def test_a_server_error_is_one_swedish_line_in_the_terminal(server_logging):
    app_log, terminal, log_file = server_logging
    try:
        raise RuntimeError("trasig")
    except RuntimeError:
        app_log.exception("Uncaught exception GET /voila/render/plan_primarvard.ipynb")
    assert terminal.getvalue() == ("FEL i servern: Uncaught exception GET "
                                   "/voila/render/plan_primarvard.ipynb (mer i loggfilen)\n")
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_a_filled_kernel_pool_is_announced_once_per_worksheet(server_logging):
    app_log, terminal, _ = server_logging
    for _ in range(2):
        app_log.info(POOL_FILLED, "forum_mapping.ipynb", 1)
    assert terminal.getvalue() == "Förvärmt: Kartlägg beslutsforum öppnas direkt.\n"


def test_the_token_is_hidden_in_logged_urls(server_logging):
    app_log, terminal, log_file = server_logging
    logging.getLogger("tornado.access").info(
        "200 GET /voila/render/insight_360.ipynb?token=abcDEF123456&workshop=lan (127.0.0.1)")
    text = log_file.read_text(encoding="utf-8")
    assert "abcDEF123456" not in text
    assert f"?token={HIDDEN}&workshop=lan" in text


def test_the_servers_own_token_is_hidden_everywhere(server_logging):
    app_log, terminal, log_file = server_logging
    app_log.error("Voilà is running at:\nhttp://vm:8866/ with code hemlig-kod-123")
    assert "hemlig-kod-123" not in log_file.read_text(encoding="utf-8")
    assert "hemlig-kod-123" not in terminal.getvalue()


def test_python_kernels_start_through_the_launcher_that_keeps_their_notes_in_the_log():
    spec = NaravardKernelSpecManager().get_kernel_spec("python3")
    assert spec.argv == KERNEL_ARGV
    assert "naravard.app.kernel import kernel_main" in " ".join(spec.argv)


# Worksheet errors, logged in the worksheet's kernel by naravard.ui.

@pytest.fixture
def worksheet_log(monkeypatch):
    """The terminal line and the log file entry of naravard.ui's errors, captured."""
    from naravard.ui import common

    monkeypatch.setattr(common, "_LOG_CONTEXT", {})
    terminal, file = io.StringIO(), io.StringIO()
    to_terminal = logging.StreamHandler(terminal)
    to_terminal.setLevel(logging.ERROR)
    to_terminal.setFormatter(common.WorksheetErrorLine())
    to_file = logging.StreamHandler(file)
    to_file.setFormatter(common.WorksheetLogFile())
    logger = logging.getLogger("naravard.ui")
    logger.addHandler(to_terminal)
    logger.addHandler(to_file)
    try:
        yield terminal, file
    finally:
        logger.removeHandler(to_terminal)
        logger.removeHandler(to_file)


@pytest.fixture
def failing_session(workspace_dir, monkeypatch):
    from naravard.core.county import current_county
    from naravard.core.store import Workspace
    from naravard.ui.common import Session

    session = Session(worksheet="plan_primarvard", county=current_county(),
                      workspace=Workspace(workspace_dir, "exempel"))

    def refuse(*args, **kwargs):
        raise PermissionError("[Errno 13] Permission denied: 'plan_primarvard.json'")

    monkeypatch.setattr(session.workspace, "set", refuse)
    return session


def test_a_worksheet_error_is_one_line_with_workshop_and_worksheet(worksheet_log,
                                                                    failing_session):
    terminal, _ = worksheet_log
    failing_session.save(("frame", "title"), "Vår plan")
    assert terminal.getvalue() == (
        "FEL [workshop exempel · Gemensam plan för primärvården] Kunde inte spara frame.title "
        "– PermissionError: [Errno 13] Permission denied: 'plan_primarvard.json'\n")


def test_a_worksheet_errors_traceback_goes_to_the_log_file_only(worksheet_log, failing_session):
    terminal, file = worksheet_log
    failing_session.save(("frame", "title"), "Vår plan")
    assert "Traceback" not in terminal.getvalue()
    entry = file.getvalue()
    assert "[workshop exempel · Gemensam plan för primärvården] Kunde inte spara" in entry
    assert "Traceback" in entry and "PermissionError" in entry


def test_an_error_before_the_session_opened_names_the_page_it_came_from(worksheet_log,
                                                                        monkeypatch):
    terminal, _ = worksheet_log
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/insight_360.ipynb")
    monkeypatch.setenv("QUERY_STRING", "workshop=ledning")
    logging.getLogger("naravard.ui").error("Fel i data/: county.yml saknas\nfler rader")
    assert terminal.getvalue() == ("FEL [workshop ledning · Insiktsinsamling i 360 grader] "
                                   "Fel i data/: county.yml saknas (mer i loggfilen)\n")


def test_worksheet_warnings_stay_out_of_the_terminal(worksheet_log):
    terminal, file = worksheet_log
    logging.getLogger("naravard.ui").warning("Ogiltigt workshopnamn i adressen: '../x'")
    assert terminal.getvalue() == ""
    assert "Ogiltigt workshopnamn" in file.getvalue()


def test_the_kernel_launcher_is_importable_without_the_server():
    import subprocess

    code = ("import sys\nfrom naravard.app.kernel import kernel_main\n"
            "print('voila' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"
