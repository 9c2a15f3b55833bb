"""The overview figures (eight success factors, the series of three meetings, the spectrum of
cooperation forms) render offline with Swedish text, say the same as the chapter tables they
summarise, and are shown in their chapters with a Swedish text alternative."""

import re
from pathlib import Path

import pytest

from naravard.core.charts import to_svg
from naravard.handbook.figures.cooperation_forms import ACROSS, GROUPS, cooperation_forms
from naravard.handbook.figures.success_factors import FACTORS, success_factors
from naravard.handbook.figures.workshop_series import BETWEEN, MEETINGS, workshop_series

CHAPTERS = Path(__file__).resolve().parents[2] / "book" / "chapters"

FIGURES = {
    "success_factors": (success_factors, ["Gemensamt se hela vårdsystemet", "införandestöd"]),
    "workshop_series": (workshop_series, ["Träff 1", "Träff 3", "Parsamtal", "Surdegslistan"]),
    "cooperation_forms": (cooperation_forms, ["Avtalssamverkan", "Kommunalförbund",
                                              "Medarbetardriven organisation"]),
}


def _chapter(prefix: str) -> str:
    (path,) = [p for p in CHAPTERS.glob("*.md") if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def _table_column(text: str, name: str, column: int) -> list[str]:
    table = text.split(f":name: {name}", 1)[1].split("\n:::", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("|")][2:]
    cells = [row.strip("|").split("|")[column].strip() for row in rows]
    return [re.sub(r"\{term\}`([^`<]*?)\s*(?:<[^`>]*>)?`", r"\1", c) for c in cells]


@pytest.mark.parametrize("name", FIGURES)
def test_overview_figure_renders_offline_to_svg_with_swedish_text(name):
    make, phrases = FIGURES[name]
    svg = to_svg(make())
    assert svg.startswith("<svg")
    for phrase in phrases:
        assert phrase.lower() in svg.lower(), f"{phrase!r} saknas i {name}"
    assert "http" not in svg.replace("http://www.w3.org", "")


def test_success_factor_figure_has_the_eight_factors_of_the_chapter_table_in_order():
    table = _table_column(_chapter("08_"), "tab-framgangsfaktorer", 1)
    assert [n for n, _, _ in FACTORS] == list(range(1, 9))
    assert len(table) == len(FACTORS) == 8
    for (_, name, _), row in zip(FACTORS, table):
        # The figure may shorten a long name, but never to something else.
        assert row.lower().startswith(name.lower()[:20]), (name, row)


def test_cooperation_figure_shows_every_form_in_the_chapter_table_once():
    table = _table_column(_chapter("09_"), "tab-associationsformer", 0)
    shown = [form for _, forms, _ in GROUPS for form in forms] + [ACROSS[0]]
    assert sorted(f.lower() for f in shown) == sorted(f.lower() for f in table)


def test_workshop_figure_has_three_meetings_and_work_before_between_and_after():
    assert [title for title, _ in MEETINGS] == ["Träff 1", "Träff 2", "Träff 3"]
    assert [title for title, _ in BETWEEN][0] == "Före"
    assert [title for title, _ in BETWEEN][-1] == "Efter"
    assert len(BETWEEN) == len(MEETINGS) + 1


@pytest.mark.parametrize("prefix, module, label", [
    ("08_", "success_factors", "fig-framgangsfaktorer"),
    ("09_", "cooperation_forms", "fig-samverkansformer"),
    ("14_", "workshop_series", "fig-traffserie"),
])
def test_chapter_shows_the_figure_with_a_swedish_text_alternative(prefix, module, label):
    text = _chapter(prefix)
    assert text.startswith("---\nfile_format: mystnb")
    cell = text.split(f"name: {label}", 1)[0].rsplit("```{code-cell}", 1)[1]
    alt = re.search(r"alt: (.+)", cell).group(1)
    assert len(alt.split()) >= 30 and re.search("[åäö]", alt)
    assert f"naravard.handbook.figures.{module} import" in text.split(f"name: {label}", 1)[1]
    assert f"{{numref}}`{label}`" in text
