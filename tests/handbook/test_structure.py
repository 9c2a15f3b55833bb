"""Every chapter has the form the handbook promises: "I korthet", questions for the leadership
group, citations that resolve, enough depth, glossary terms defined once, figures with alt text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

BOOK = ROOT / "book"
ROLE_RE = re.compile(r"\{(cite(?::[a-z]+)?|term|ref|numref|doc|arbetsblad)\}`([^`]*)`")


def toc_files() -> list[str]:
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]


def chapters() -> list[Path]:
    return [BOOK / f"{f}.md" for f in toc_files() if f.startswith("chapters/")]


def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(text: str) -> str:
    """The text a reader reads: no front matter, code cells, directives' options or markup."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"(?m)^:[a-z-]+:.*$", "", text)
    text = ROLE_RE.sub(lambda m: m.group(2) if m.group(1) in ("term", "arbetsblad") else "", text)
    return text


def words(text: str) -> int:
    return len(re.findall(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+", prose(text)))


def bib_keys() -> set[str]:
    return set(re.findall(r"(?m)^@\w+\{([^,\s]+),", source(BOOK / "references.bib")))


def cite_keys(text: str) -> list[str]:
    keys = []
    for role, body in ROLE_RE.findall(text):
        if role.startswith("cite"):
            keys += [k.strip() for k in body.split(",") if k.strip()]
    return keys


def glossary_terms() -> list[str]:
    text = source(BOOK / "ordlista.md")
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    return [line.strip() for line in body.splitlines()
            if line.strip() and not line.startswith((" ", ":"))]


CHAPTERS = chapters()
IDS = [p.stem for p in CHAPTERS]


def test_the_toc_lists_every_chapter_file():
    on_disk = {p.stem for p in (BOOK / "chapters").glob("*.md")}
    assert on_disk == {p.stem for p in CHAPTERS}


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_opens_with_i_korthet(path):
    text = source(path)
    head = prose(text).split("\n## ", 1)[0]
    assert re.search(r":::\{admonition\} I korthet", head), "”I korthet” saknas överst"
    box = text.split(":::{admonition} I korthet", 1)[1].split(":::", 1)[0]
    points = re.findall(r"(?m)^- ", box)
    assert 3 <= len(points) <= 5, f"”I korthet” ska ha 3–5 punkter, har {len(points)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_ends_with_questions_for_the_leadership_group(path):
    text = source(path)
    assert "\n## Frågor att samtala om\n" in text
    after = text.split("\n## Frågor att samtala om\n", 1)[1]
    assert len(re.findall(r"(?m)^\d+\. ", after)) >= 3


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_has_citations(path):
    assert cite_keys(source(path)), "kapitlet saknar källhänvisningar"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_is_at_least_1000_words(path):
    assert words(source(path)) >= 1000


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_has_a_label_for_cross_references(path):
    number = path.stem.split("_", 1)[0]
    assert f"(kap-{number})=" in source(path)


def test_every_cited_key_is_in_references_bib():
    known = bib_keys()
    missing = {}
    for path in [BOOK / f"{f}.md" for f in toc_files()] + [BOOK / "ordlista.md"]:
        for key in cite_keys(source(path)):
            if key not in known:
                missing.setdefault(path.name, []).append(key)
    assert missing == {}


def test_the_book_has_at_least_sixty_citations():
    total = sum(len(cite_keys(source(p))) for p in CHAPTERS)
    assert total >= 60


def test_no_glossary_term_is_defined_twice():
    terms = glossary_terms()
    seen = {}
    for t in terms:
        seen[t.casefold()] = seen.get(t.casefold(), 0) + 1
    assert [t for t, n in seen.items() if n > 1] == []
    assert len(terms) >= 40


def test_every_glossary_term_has_a_citation():
    text = source(BOOK / "ordlista.md").split("```{glossary}", 1)[1]
    entries = re.split(r"(?m)^(?=\S)", text)
    without = [e.splitlines()[0] for e in entries if e.strip() and not e.startswith("```")
               and "{cite" not in e]
    assert without == []


def test_every_term_link_points_to_a_defined_term():
    terms = {t.casefold() for t in glossary_terms()}
    unknown = []
    for path in CHAPTERS:
        for role, body in ROLE_RE.findall(source(path)):
            if role == "term":
                target = body.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in body else body
                if target.casefold() not in terms:
                    unknown.append((path.name, target))
    assert unknown == []


def _figure_cells(text: str) -> list[str]:
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
    # a "Figuren som text" cell (core.charts.figure_text) writes a figure's text, not a figure
    return [c for c in cells if re.search(r"naravard\.(handbook\.figures|\w+\.charts)\b", c)
            and "figure_text(" not in c]


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_every_figure_has_swedish_alt_text_and_a_caption(path):
    for cell in _figure_cells(source(path)):
        meta = yaml.safe_load(cell.split("---", 2)[1]) if cell.startswith("---") else {}
        mystnb = (meta or {}).get("mystnb", {})
        alt = mystnb.get("image", {}).get("alt", "")
        caption = mystnb.get("figure", {}).get("caption", "")
        assert len(alt.split()) >= 5, f"alt-text saknas eller är för kort i {path.name}"
        assert caption, f"bildtext saknas i {path.name}"
        assert re.search(r"[åäö]|\b(och|som|med|för)\b", alt), "alt-texten ska vara på svenska"


def test_the_required_figures_are_in_the_book():
    text = "".join(source(p) for p in CHAPTERS)
    for module in ("handbook.figures.tlt", "insight.charts import stacey_matrix",
                   "handbook.figures.five_steps", "handbook.figures.leadership_levels",
                   "handbook.figures.care_levels", "handbook.figures.fokuspatient"):
        assert f"naravard.{module}" in text, module


def test_chapter_nine_compares_association_forms_and_reference_cases_in_tables():
    text = source(BOOK / "chapters" / "09_samverkansformer.md")
    tables = re.findall(r":::\{(?:table|list-table)\}", text) + re.findall(r"```\{(?:table|list-table)\}", text)
    assert len(tables) >= 2
    for case in ("Buurtzorg", "Nuka", "Tiohundra", "Borgholm", "Gotland"):
        assert case in text
