"""The plan worksheet in the kernel: every step saves what is typed, the TLT flag follows the
text, imports and the example ask before replacing, the forum map is linked, text is escaped."""

from __future__ import annotations

import io

import ipywidgets as w
import openpyxl
import pytest

from naravard.plan.example import example_plan
from naravard.plan.model import DOC
from naravard.core.store import Workspace
from naravard.ui.common import start_session
from naravard.ui.plan.page import PAGES, PlanWorksheet, build
from naravard.ui.upload import UploadButton
from naravard.ui.widgets import DownloadButton, VegaChart

from tests.conftest import DATA

SCRIPT = "<script>alert(1)</script>"


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


def fields(widget, label_start: str) -> list:
    """The input widgets of the field boxes whose label starts with ``label_start``."""
    out = []
    for box in walk(widget):
        if hasattr(box, "field") and box.field.description.startswith(label_start):
            out.append(box.field)
    return out


def buttons(widget, description: str) -> list[w.Button]:
    return [b for b in walk(widget) if isinstance(b, w.Button) and b.description == description]


def html(widget) -> str:
    return "\n".join(h.value for h in walk(widget) if isinstance(h, w.HTML))


@pytest.fixture
def sheet(workspace_dir) -> PlanWorksheet:
    return PlanWorksheet(start_session(DOC, workshop="planprov"))


def saved(workspace_dir, workshop: str = "planprov") -> dict:
    return Workspace(workspace_dir, workshop).read(DOC)


def goto(sheet: PlanWorksheet, page: str) -> w.VBox:
    sheet.steps.value = page
    return sheet.page


def test_a_new_workshop_starts_empty_on_the_frame_page_with_the_progress_chart(sheet):
    assert sheet.steps.value == "frame"
    assert isinstance(sheet.progress, VegaChart) and sheet.progress.spec
    assert saved_is_empty(sheet)


def saved_is_empty(sheet) -> bool:
    return sheet.s.read() == {}


def test_the_example_workshop_starts_with_the_example_plan(workspace_dir):
    build(start_session(DOC, workshop="exempel"))
    assert saved(workspace_dir, "exempel") == example_plan(DATA)


def test_a_typed_goal_is_saved_and_flagged_at_once_with_the_reason(sheet, workspace_dir):
    page = goto(sheet, "goals")
    buttons(page, "Lägg till mål")[0].click()
    page = sheet.page
    [text] = fields(page, "Mål 1")
    text.value = "20 fler vårdplatser i Norrvik"
    goal = next(iter(saved(workspace_dir)["goals"].values()))
    assert goal["text"] == "20 fler vårdplatser i Norrvik"
    verdict = html(page)
    assert "Flaggat av Tight–Loose–Tight-kontrollen" in verdict
    assert "”vårdplatser”" in verdict and "Mått saknas" in verdict
    text.value = "Färre äldre skadas av fall"
    fields(page, "Mått")[0].value = "Fallskador per 1 000 invånare 80+"
    fields(page, "Utgångsvärde")[0].value = "32"
    fields(page, "Målvärde")[0].value = "24"
    fields(page, "Datum")[0].value = "31 december 2029"
    assert "Målet klarar Tight–Loose–Tight-kontrollen" in html(page)


def test_an_unreadable_date_is_refused_and_the_saved_date_is_kept(sheet, workspace_dir):
    sheet.s.workspace.set(DOC, ("goals", "g1"), {"text": "Färre fall", "date": "2029-12-31"})
    page = goto(sheet, "goals")
    [date] = fields(page, "Datum")
    date.value = "snart"
    assert saved(workspace_dir)["goals"]["g1"]["date"] == "2029-12-31"
    assert "går inte att läsa som ett datum" in sheet.s.status.value
    assert "Datum:" in sheet.s.status.value


def test_removing_a_goal_keeps_the_previous_version_so_undo_brings_it_back(sheet, workspace_dir):
    sheet.s.workspace.set(DOC, ("goals", "g1"), {"text": "Färre fall"})
    page = goto(sheet, "goals")
    buttons(page, "Ta bort målet")[0].click()
    assert saved(workspace_dir)["goals"] == {}
    assert sheet.s.workspace.undo(DOC)["goals"]["g1"]["text"] == "Färre fall"


def test_loading_the_example_asks_before_replacing_a_plan(sheet, workspace_dir):
    sheet.s.workspace.set(DOC, ("frame", "title"), "Vår egen plan")
    page = goto(sheet, "frame")
    buttons(page, "Läs in exempelplanen")[0].click()
    assert saved(workspace_dir)["frame"]["title"] == "Vår egen plan"
    assert "ersätts av exempelplanen" in html(page)
    buttons(page, "Ja, ersätt med exempelplanen")[0].click()
    assert saved(workspace_dir) == example_plan(DATA)
    assert sheet.s.workspace.undo(DOC)["frame"]["title"] == "Vår egen plan"


def upload(widget, name: str, content: bytes) -> None:
    """What the browser sends when a participant picks a file."""
    widget.receive(name, content)


def test_an_imported_table_asks_first_and_keeps_the_old_table_in_the_history(sheet,
                                                                             workspace_dir):
    sheet.s.workspace.set(DOC, ("mapping", "tables", "population", "rows"),
                          {"r1": {"area": "Gammal rad"}})
    page = goto(sheet, "mapping")
    [up] = [u for u in walk(page) if isinstance(u, UploadButton)
            and "plan-upload-population" in u._dom_classes]
    upload(up, "befolkning.csv", "Område;Invånare\nNorrvik;58 200\nEkeås;4300\n".encode())
    assert "innehåller 2 rader" in html(page)
    assert list(saved(workspace_dir)["mapping"]["tables"]["population"]["rows"].values()) == [
        {"area": "Gammal rad"}]
    buttons(page, "Ersätt tabellen")[0].click()
    rows = list(saved(workspace_dir)["mapping"]["tables"]["population"]["rows"].values())
    assert rows == [{"area": "Norrvik", "inhabitants": 58200},
                    {"area": "Ekeås", "inhabitants": 4300}]
    assert "2 rader lästes in" in sheet.s.status.value
    before = sheet.s.workspace.undo(DOC)
    assert list(before["mapping"]["tables"]["population"]["rows"].values()) == [
        {"area": "Gammal rad"}]


def test_a_broken_excel_file_changes_nothing_and_names_row_and_column(sheet, workspace_dir):
    book = openpyxl.Workbook()
    for row in (["Yrkesgrupp", "Årsarbetare"], ["Distriktssköterska", "många"]):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    page = goto(sheet, "mapping")
    [up] = [u for u in walk(page) if isinstance(u, UploadButton)
            and "plan-upload-competence" in u._dom_classes]
    upload(up, "kompetens.xlsx", data.getvalue())
    message = html(page)
    assert "kompetens.xlsx kunde inte läsas in. Inget har ändrats." in message
    assert "rad 2, fält ”Årsarbetare”" in message
    assert buttons(page, "Ersätt tabellen") == []
    assert saved(workspace_dir) == {}


def test_the_support_step_lists_the_workshops_forum_map_and_saves_the_choice(sheet,
                                                                             workspace_dir):
    sheet.s.workspace.set("forum_mapping", ("forums", "f1"), {
        "name": "Systemledningen för Nära vård", "level": "makro", "principal": "Gemensam",
        "type": "beslutande"})
    page = goto(sheet, "support")
    assert "Systemledningen för Nära vård" in html(page)
    decides = [b for b in walk(page) if isinstance(b, w.Checkbox) and b.description == "Beslutar"]
    decides[0].value = True
    record = next(iter(saved(workspace_dir)["support"]["forums"].values()))
    assert record == {"forum_id": "f1", "name": "Systemledningen för Nära vård",
                      "decides": True}


def test_without_a_forum_map_the_support_step_says_so_and_forums_are_typed(sheet, workspace_dir):
    page = goto(sheet, "support")
    assert "Det finns ingen forumkarta i workshoppen ”planprov”" in html(page)
    buttons(page, "Lägg till forum")[0].click()
    fields(sheet.page, "Forum")[0].value = "Länsgruppen"
    assert next(iter(saved(workspace_dir)["support"]["forums"].values()))["name"] == "Länsgruppen"


def test_choosing_a_content_area_adds_an_initiative_that_gets_a_colour(sheet, workspace_dir):
    page = goto(sheet, "action")
    [tick] = [b for b in walk(page) if isinstance(b, w.Checkbox)
              and b.description == "Fast vårdkontakt"]
    tick.value = True
    [ini] = saved(workspace_dir)["action"]["initiatives"].values()
    assert ini["area"] == "care_contact"
    page = goto(sheet, "priorities")
    [toggle] = [t for t in walk(page) if isinstance(t, w.ToggleButtons)]
    toggle.value = "röd"
    assert next(iter(saved(workspace_dir)["action"]["initiatives"].values()))["priority"] == "röd"
    assert "Fast vårdkontakt" in html(page) and "Mångbesökare" in html(page)


def test_roles_with_time_shares_give_a_cost(sheet, workspace_dir):
    page = goto(sheet, "implementation")
    fields(page, "Kostnad per heltid")[0].value = "60 000"
    buttons(page, "Lägg till roller som i exemplet")[0].click()
    page = sheet.page
    for box in fields(page, "Månader"):
        box.value = "12"
    fields(page, "Antal personer")[2].value = "4"
    cost = html(page)
    assert "180\u00a0000 kr" in cost and "648\u00a0000–792\u00a0000 kr" in cost


def test_every_page_of_the_example_plan_draws_without_errors(workspace_dir):
    sheet = PlanWorksheet(start_session(DOC, workshop="exempel"))
    build(sheet.s)
    for key, _ in PAGES:
        goto(sheet, key)
        assert sheet.page.children
        assert "naravard-error" not in sheet.s.status.value
    assert isinstance(sheet.widget, w.VBox)


def test_user_text_is_escaped_on_every_page(workspace_dir):
    ws = Workspace(workspace_dir, "planprov")
    ws.replace(DOC, example_plan(DATA))
    ws.set(DOC, ("goals", "g1", "text"), SCRIPT)
    ws.set(DOC, ("action", "initiatives", "i1", "title"), SCRIPT)
    ws.set(DOC, ("action", "initiatives", "i1", "area"), "")
    ws.set(DOC, ("implementation", "roles", "r1", "title"), SCRIPT)
    ws.set(DOC, ("mapping", "tables", "population", "rows", "r1", "area"), SCRIPT)
    ws.set("forum_mapping", ("forums", "f1"), {"name": SCRIPT, "level": "makro"})
    sheet = PlanWorksheet(start_session(DOC, workshop="planprov"))
    for key, _ in PAGES:
        page = goto(sheet, key)
        assert SCRIPT not in html(page), key
    assert "&lt;script&gt;" in html(goto(sheet, "followup"))


def test_the_docx_download_delivers_the_plan(sheet, workspace_dir, monkeypatch):
    sheet.s.workspace.replace(DOC, example_plan(DATA))
    page = goto(sheet, "overview")
    [button] = [d for d in walk(page) if isinstance(d, DownloadButton)
                and "plan-download-docx" in d._dom_classes]
    sent = []
    monkeypatch.setattr(button, "send", lambda content, buffers=None: sent.append((content,
                                                                                   buffers)))
    button.deliver()
    [(meta, [data])] = sent
    assert meta["filename"] == "gemensam-plan-planprov.docx"
    assert data[:2] == b"PK"


def test_downloading_an_empty_plan_says_so_in_swedish(sheet):
    page = goto(sheet, "overview")
    [button] = [d for d in walk(page) if isinstance(d, DownloadButton)
                and "plan-download-md" in d._dom_classes]
    button.deliver()
    assert "Planen är tom" in sheet.s.status.value
