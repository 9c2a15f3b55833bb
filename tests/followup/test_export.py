"""The follow-up report as DOCX and HTML through the shared document renderers, and
`naravard export uppfoljning`."""

from __future__ import annotations

import datetime as dt
import io

import docx

from naravard.app.cli import main
from naravard.core.store import Workspace
from naravard.followup.export import export_followup, report_document
from naravard.followup.meeting import compute

TODAY = dt.date(2026, 5, 4)


def test_the_report_holds_profile_change_run_charts_notes_and_actions(example, guide, county):
    doc = report_document(compute(example, guide), county, "exempel", TODAY)
    headings = [h.text for h in doc.headings()]
    assert headings[:3] == ["Självskattningen", "Där ni ser olika",
                            "Förändring sedan förra omgången"]
    assert "Akutbesök, 80 år och äldre – Hela länet" in headings
    assert "Lärmötet" in headings and "Åtgärder" in headings
    assert doc.title == "Uppföljning av omställningen: Våren 2026"


def test_the_html_report_is_offline_and_escapes_user_text(example, guide, county):
    example["rounds"]["r02"]["notes"] = "<script>alert(1)</script>"
    content, name, mime = export_followup(example, guide, county, "exempel", "html", today=TODAY)
    html = content.decode("utf-8")
    assert name == "uppfoljning-exempel.html" and mime == "text/html"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert html.count("data:image/svg+xml;base64,") >= 8  # profile, principals, change, 6 series


def test_the_word_report_has_the_charts_as_pictures(example, guide, county):
    content, name, _ = export_followup(example, guide, county, "exempel", "docx", today=TODAY)
    document = docx.Document(io.BytesIO(content))
    assert name == "uppfoljning-exempel.docx"
    assert len(document.inline_shapes) >= 8
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hösten 2025" in text and "medianen" in text


def test_naravard_export_uppfoljning_writes_a_workshops_report(workspace_dir, tmp_path, capsys,
                                                               example):
    Workspace(workspace_dir, "lan").replace("uppfoljning", example)
    out = tmp_path / "rapport.html"
    assert main(["export", "uppfoljning", "--workshop", "lan", "--format", "html",
                 "--out", str(out)]) == 0
    assert "Uppföljningsrapporten är sparad" in capsys.readouterr().out
    assert "Faktorprofil" in out.read_text(encoding="utf-8")


def test_naravard_export_uppfoljning_says_when_the_workshop_has_nothing(workspace_dir, capsys):
    Workspace(workspace_dir, "tom").set("uppfoljning", ("other",), 1)
    assert main(["export", "uppfoljning", "--workshop", "tom"]) == 1
    assert "har ingen sparad uppföljning" in capsys.readouterr().err
