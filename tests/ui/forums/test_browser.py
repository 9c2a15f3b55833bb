"""The forum mapping worksheet in Chromium (Voilà, everything but localhost blocked): add a
forum and see it in the graph after a reload, undo a removal, import a CSV, download exports
and open them, refuse a too large file, and show HTML in names as text."""

from __future__ import annotations

import io

import pytest

from naravard.forums.example import load_example
from naravard.forums.fileio import read_upload
from naravard.forums.writers import to_csv
from naravard.forums.model import ForumMap

from tests.browser_support import open_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.book]
PRINCIPALS = ["Region Exempellän", "Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås"]


def add_forum(page, name: str) -> None:
    page.locator(".naravard-card input[type=text]").first.fill(name)
    page.get_by_role("button", name="Lägg till forum").click()
    page.wait_for_selector(f".forum-table td:text-is('{name}')", timeout=30_000)


def open_tab(page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def test_a_forum_added_in_the_worksheet_appears_in_chart_and_table_after_reload(offline):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "forumtest")
    add_forum(page, "Länsgrupp <b>NV</b>")
    page.reload()
    page.wait_for_selector(".forum-table td", timeout=120_000)
    assert page.locator(".forum-table td").first.inner_text() == "Länsgrupp <b>NV</b>"
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    assert "Länsgrupp <b>NV</b>" in page.locator(".naravard-chart").first.text_content()
    assert o.blocked == []


def test_a_removed_forum_comes_back_with_the_undo_button(offline):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "angratest")
    add_forum(page, "Vårdsamverkan Ekeås")
    page.locator("select").filter(has_text="Välj forum att ändra").select_option(
        label="Vårdsamverkan Ekeås")
    page.get_by_role("button", name="Ta bort forumet").click()
    page.wait_for_selector("text=Inga forum ännu", timeout=30_000)
    page.get_by_role("button", name="Ångra senaste ändringen").click()
    page.wait_for_selector(".forum-table td", timeout=30_000)
    assert page.locator(".forum-table td").first.inner_text() == "Vårdsamverkan Ekeås"
    assert o.blocked == []


def test_a_script_in_a_forum_name_shows_as_text_and_never_runs(offline):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "skripttest")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    add_forum(page, "<script>alert(1)</script>")
    page.wait_for_selector(".naravard-chart svg", timeout=60_000)
    page.wait_for_function("document.querySelector('.naravard-chart').textContent"
                           ".includes('<script>alert(1)</script>')", timeout=30_000)
    assert page.locator(".forum-table td").first.inner_text() == "<script>alert(1)</script>"
    assert dialogs == []


def test_a_csv_from_excel_is_previewed_and_imported_after_confirmation(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "importtest")
    path = tmp_path / "forumkarta.csv"
    path.write_bytes(to_csv(ForumMap.from_doc(load_example())))
    open_tab(page, "Import och export")
    page.locator(".naravard-upload-input").set_input_files(str(path))
    page.wait_for_selector("text=Filen innehåller", timeout=30_000)
    assert "34 forum" in page.inner_text(".forum-app")
    page.get_by_role("button", name="Ersätt kartan med filens innehåll").click()
    page.wait_for_selector("text=är inläst", timeout=30_000)
    open_tab(page, "Karta")
    page.wait_for_selector(".forum-table td:text-is('Systemledningen för Nära vård')",
                           timeout=30_000)
    assert page.locator(".forum-table tbody tr").count() == 34
    page.reload()
    page.wait_for_selector(".forum-table td", timeout=120_000)
    assert page.locator(".forum-table tbody tr").count() == 34
    assert o.blocked == []


def test_a_file_over_the_size_limit_is_refused_in_the_browser(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "stortest")
    path = tmp_path / "stor.csv"
    path.write_bytes(b"x" * (6 * 1024 * 1024))
    open_tab(page, "Import och export")
    page.locator(".naravard-upload-input").set_input_files(str(path))
    page.wait_for_selector("text=största tillåtna storlek", timeout=30_000)
    assert page.get_by_role("button", name="Ersätt kartan med filens innehåll").count() == 0 \
        or not page.get_by_role("button", name="Ersätt kartan med filens innehåll").is_visible()


def test_exports_download_inside_voila_and_open(offline, tmp_path):
    o = offline()
    page = open_worksheet(o, "forum_mapping", "exporttest")
    add_forum(page, "Åkerbys vårdråd")
    open_tab(page, "Import och export")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Ladda ner CSV för Excel").click()
    csv_path = tmp_path / info.value.suggested_filename
    info.value.save_as(csv_path)
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    result = read_upload(csv_path.name, data, PRINCIPALS)
    assert [f.name for f in result.fmap.forums.values()] == ["Åkerbys vårdråd"]
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Ladda ner Excel (.xlsx)").click()
    xlsx_path = tmp_path / info.value.suggested_filename
    info.value.save_as(xlsx_path)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    assert wb["Forum"]["A2"].value == "Åkerbys vårdråd"
    assert o.blocked == []
