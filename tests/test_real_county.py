"""A real county fits: Västerbottens län (tests/fixtures/vasterbotten), with three
närsjukvårdsområden, political and official forums and a consultancy offer, runs through the
whole pipeline – check, the forum analyses, a plan with fixed costs and areas, every export and
the build – and nothing it reads names the example county (except chapter 16, which explains
how a county replaces the example)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from naravard.app.datacheck import check_all, check_notes
from naravard.core.county import load_county
from naravard.forums.analysis import analyse, unreached
from naravard.forums.example import load_example
from naravard.forums.model import ForumMap
from naravard.plan.checks import leader_pair_problems
from naravard.plan.cost import cost_summary, cost_table
from naravard.plan.model import county_plan

from tests.conftest import build_env, copy_project
from tests.fixtures import EXAMPLE_NAMES, county_plan_doc, use_county

WORKSHOP = "västerbottens-län"
EXAMPLE_RE = re.compile("|".join(EXAMPLE_NAMES))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project whose data/ is Västerbottens län's, as a county's fork has it."""
    root = copy_project(tmp_path_factory.mktemp("vasterbotten"))
    use_county(root / "data")
    return root


@pytest.fixture(scope="module")
def data(project) -> Path:
    return project / "data"


@pytest.fixture(scope="module")
def env(project, tmp_path_factory) -> dict:
    return build_env(project, tmp_path_factory.mktemp("workspace"))


def naravard(env: dict, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "naravard.app.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1800)


# -- check ------------------------------------------------------------------------------------

def test_check_finds_nothing_wrong_and_lists_the_derived_organisation_names(data):
    assert check_all(data) == []
    notes = "\n".join(check_notes(data))
    for line in ("Umeå → Umeå kommun", "Malå → Malå kommun", "Storuman → Storumans kommun",
                 "Bjurholm → Bjurholms kommun", "Robertsfors → Robertsfors kommun"):
        assert line in notes


def test_the_county_has_its_three_areas_as_principal_choices(data):
    county = load_county(data)
    assert len(county.municipalities) == 15
    assert [len(a.municipalities) for a in county.areas] == [2, 6, 7]
    assert county.principal_choices()[-4:] == ["Gemensam", "Skellefteå närsjukvårdsområde",
                                               "Umeå närsjukvårdsområde",
                                               "Södra Lapplands närsjukvårdsområde"]
    assert county.area_of("Malå").name == "Södra Lapplands närsjukvårdsområde"


def test_the_naravard_check_command_says_all_is_well(project, env):
    proc = naravard(env, project, "check")
    assert proc.returncode == 0, proc.stderr
    assert "Skellefteå → Skellefteå kommun" in proc.stdout
    assert not EXAMPLE_RE.search(proc.stdout.split("Organisationsnamn")[1])


# -- the forum map ----------------------------------------------------------------------------

def forum_map(data: Path) -> ForumMap:
    return ForumMap.from_doc(load_example(data))


def test_the_forums_keep_their_areas_levels_and_yearly_meetings(data):
    forums = {f.name: f for f in forum_map(data).forums.values()}
    assert forums["Styrgrupp Umeå närsjukvårdsområde"].principal == "Umeå närsjukvårdsområde"
    assert forums["Samråd vård och omsorg"].composition == "politisk"
    assert forums["Länsamverkansgruppen"].composition == "tjänstemän"
    assert forums["Processledning och arbetsgrupp Umeå närsjukvårdsområde"].frequency == 24
    assert forums["Länsgemensam workshop för nära vård"].frequency == 2
    assert forums["Socialchefsnätverket"].type == ""


def test_working_groups_reporting_to_commissioned_steering_groups_are_reached(data):
    fmap = forum_map(data)
    missing = {fmap.forums[f].name for f in unreached(fmap).forums}
    assert not any(name.startswith(("Styrgrupp", "Processledning")) for name in missing)
    assert "Samråd vård och omsorg" in missing  # it is reported to, it does not steer


def test_every_analysis_runs_on_the_county_map(data):
    findings = analyse(forum_map(data))
    assert len(findings) == 8
    assert not any(EXAMPLE_RE.search(str(f.rows)) for f in findings)


# -- the plan ---------------------------------------------------------------------------------

def test_the_plan_costs_roles_per_area_and_the_fixed_offer(data):
    county = load_county(data)
    plan = county_plan(county_plan_doc(), county)
    costs = cost_summary(plan)
    # 6 process leaders × 25 % and 3 working groups of 6 × 10–15 %, 4 months, 65 000 kr/month.
    assert costs.total_fte == pytest.approx(6 * 0.25 + 3 * 0.6)
    assert costs.total_cost == pytest.approx(3.3 * 4 * 65000 + 1152000)
    assert costs.total_cost_max == pytest.approx((1.5 + 2.7) * 4 * 65000 + 1152000)
    assert leader_pair_problems(plan, costs.roles) == []
    _, rows = cost_table(plan, county, ("role", "principal", "cost"))
    assert ["Konsultstöd enligt offert", "Gemensam", "1\u00a0152\u00a0000 kr exkl. moms"] in rows
    assert rows[2][1] == "Skellefteå närsjukvårdsområde"


# -- exports ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(project, env, tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    """Every export of the county's default workshop, with its plan saved first."""
    from naravard.core.store import Workspace

    ws = Workspace(Path(env["NARAVARD_WORKSPACE"]), WORKSHOP)
    ws.update("plan_primarvard", lambda d: d.update(county_plan_doc()))
    # What "Börja med kartan över Västerbottens län i data/" saves in the forum sheet.
    ws.update("forum_mapping", lambda d: d.update(load_example(project / "data")))
    out = tmp_path_factory.mktemp("exports")
    runs = {}
    for what, formats in (("forums", ("csv", "xlsx", "graphml", "json")),
                          ("plan", ("docx", "md", "html")), ("mandat", ("docx",))):
        for fmt in formats:
            runs[f"{what}.{fmt}"] = naravard(env, project, "export", what, "--format", fmt,
                                             "--out", str(out / f"{what}.{fmt}"))
    for what in ("insight", "uppfoljning"):
        runs[what] = naravard(env, project, "export", what, "--out", str(out / what))
    return {"runs": runs, "dir": out}


def _texts(folder: Path) -> dict[str, str]:
    """The text of every exported file (the XML inside DOCX and XLSX files)."""
    import zipfile

    texts = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                texts[path.name] = " ".join(z.read(n).decode("utf-8", "replace")
                                            for n in z.namelist() if n.endswith(".xml"))
        else:
            texts[path.name] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def test_every_export_uses_the_county_default_workshop_and_names_no_example(exports):
    runs = exports["runs"]
    for key in ("forums.csv", "forums.xlsx", "forums.graphml", "forums.json", "plan.docx",
                "plan.md", "plan.html", "mandat.docx"):
        assert runs[key].returncode == 0, (key, runs[key].stderr)
    for key, proc in runs.items():
        assert not EXAMPLE_RE.search(proc.stdout + proc.stderr), (key, proc.stdout, proc.stderr)
    texts = _texts(exports["dir"])
    assert texts
    for name, text in texts.items():
        found = EXAMPLE_RE.search(text)
        assert not found, (name, text[max(0, found.start() - 80):found.end() + 80])


def test_the_exported_plan_shows_the_offer_the_areas_and_months_from_start(exports):
    md = next(t for n, t in _texts(exports["dir"]).items() if n.endswith(".md"))
    assert "Konsultstöd enligt offert" in md and "exkl. moms" in md
    assert "Södra Lapplands närsjukvårdsområde" in md
    assert "månad 4 från start (1 januari 2023)" in md
    assert "Årsarbetare under perioden" in md


def test_the_forum_template_help_sheet_speaks_of_the_county(exports):
    from openpyxl import load_workbook

    path = next(p for p in exports["dir"].rglob("*.xlsx") if "forum" in p.name)
    help_text = " ".join(str(c.value) for row in load_workbook(path)["Läs mig"].iter_rows()
                         for c in row if c.value)
    assert "Västerbottens län" in help_text and "Socialchef Bjurholm" in help_text
    assert "Umeå närsjukvårdsområde" in help_text


# -- the handbook -----------------------------------------------------------------------------

#: Chapter 16 explains how a county replaces the example county, so it may name it.
ALLOWED = ("16_anpassa",)


@pytest.mark.book
def test_the_built_handbook_names_no_example_county_outside_chapter_16(project, env):
    proc = naravard(env, project, "build")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = project / "book" / "_build" / "html"
    hits = []
    for path in html.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".js", ".txt", ".md", ".json",
                                                     ".svg", ".ipynb"):
            continue
        rel = path.relative_to(html).as_posix()
        # _sources/ holds the chapters' Markdown as written, where a sentence about the example
        # county may stand in an {only} block that the rendered page leaves out.
        if any(a in rel for a in ALLOWED) or rel == "searchindex.js" or \
                rel.startswith("_sources/"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in EXAMPLE_RE.finditer(text):
            hits.append(f"{rel}: …{text[max(0, m.start() - 60):m.end() + 60]}…")
    assert hits == [], "\n".join(hits[:20])
    intro = (html / "intro.html").read_text(encoding="utf-8")
    assert "Västerbottens län" in intro
    chapter = (html / "chapters" / "11_kartlagg_forum.html").read_text(encoding="utf-8")
    assert "Kartan över Västerbottens län har 12 forum" in chapter
    assert "påhittade" not in chapter
    assert "Rapportering är en styrlänk åt båda hållen" in chapter
