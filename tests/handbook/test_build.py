"""The handbook builds with zero warnings, speaks of the county in data/, caches executed
pages, and its pages load nothing from outside the machine."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FORK_NAMES, build_env, fork_county, replace_in

pytestmark = pytest.mark.book


def test_book_builds_with_zero_warnings(built_site):
    proc = built_site["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "WARNING" not in re.sub(r"\[IPKernelApp\] WARNING[^\n]*", "", proc.stderr + proc.stdout)
    assert (built_site["html"] / "intro.html").exists()


def test_every_page_in_the_toc_is_built(built_site):
    import yaml

    toc = yaml.safe_load((built_site["root"] / "book" / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    for f in files:
        assert (built_site["html"] / f"{f}.html").exists(), f


def test_book_shows_the_county_from_data(built_site):
    intro = (built_site["html"] / "intro.html").read_text(encoding="utf-8")
    assert "Exempellän" in intro
    adapt = (built_site["html"] / "chapters" / "16_anpassa.html").read_text(encoding="utf-8")
    for municipality in ("Norrvik", "Sjöstad", "Åkerby", "Bergslund", "Ekeås"):
        assert municipality in adapt
    assert "Hälso- och sjukvårdsdirektör" in adapt


def test_book_interface_is_swedish(built_site):
    page = (built_site["html"] / "intro.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in page
    for english in ("Skip to main content", "Back to top", "Toggle primary sidebar"):
        assert english not in page


class _ResourceParser(HTMLParser):
    """Collect every URL a page would load by itself (not plain links the reader follows)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical",):
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])


def test_built_pages_and_styles_load_nothing_from_outside(built_site):
    html = built_site["html"]
    external = []
    for page in html.rglob("*.html"):
        parser = _ResourceParser()
        parser.feed(page.read_text(encoding="utf-8"))
        external += [(page.name, u) for u in parser.urls if re.match(r"^(https?:)?//", u)]
    for css in html.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                external.append((css.name, url))
        for imp in re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", imp):
                external.append((css.name, imp))
    assert external == []


def test_charts_are_static_svg_in_the_book(built_site):
    images = list((built_site["html"] / "_images").glob("*.svg"))
    assert images, "no chart was rendered to SVG"
    svg = images[0].read_text(encoding="utf-8")
    assert "<svg" in svg and "<script" not in svg


def test_rebuild_with_unchanged_data_reuses_executed_pages(built_site):
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build"], cwd=built_site["root"],
                          env=built_site["env"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = proc.stdout + proc.stderr
    assert "kör kapitlets kod" not in text
    assert "data/ har ändrats" not in text


def test_a_fork_that_edits_county_yml_sees_its_county_everywhere(built_site, tmp_path):
    root = tmp_path / "fork"
    shutil.copytree(built_site["root"], root)
    fork_county(root / "data")
    env = build_env(root, tmp_path / "ws")
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "WARNING" not in re.sub(r"\[IPKernelApp\] WARNING[^\n]*", "", proc.stderr + proc.stdout)
    html = root / "book" / "_build" / "html"
    intro = (html / "intro.html").read_text(encoding="utf-8")
    assert "Testlän" in intro and "Region Testlän" in intro
    adapt = (html / "chapters" / "16_anpassa.html").read_text(encoding="utf-8")
    assert "Alfastads kommun" in adapt and "Epsilonås" in adapt
    from tests.handbook.test_mandate import docx_text

    mandate = docx_text((html / "_downloads" / "naravard" /
                         "mandat-och-arbetsordning.docx").read_bytes())
    assert "Testlän" in mandate and "Exempellän" not in mandate, "the download is not the fork's"
    assert "Norrviks kommun" not in adapt, "an executed page still shows the old county"
    for chapter, missing in (("11_kartlagg_forum", "Testlän har ingen forumkarta ännu"),
                             ("12_insikt_360", "Testlän har ingen exempelstudie ännu"),
                             ("13_ta_fram_planen", "Testlän har ingen exempelplan ännu")):
        text = _article_text(html / "chapters" / f"{chapter}.html")
        assert missing in text, chapter
        for old, _new in FORK_NAMES[1:]:
            assert old not in text, f"{chapter} shows the example county's {old}"
        assert "<figure" not in (html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")


def _article_text(page: Path) -> str:
    """The visible text of a page's article, without tags and with single spaces."""
    import html

    source = page.read_text(encoding="utf-8")
    article = source[source.index("<article"):source.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_build_stops_with_a_swedish_message_when_data_is_broken(tmp_path, built_site):
    root = tmp_path / "broken"
    shutil.copytree(built_site["root"] / "data", root / "data")
    shutil.copytree(built_site["root"] / "book", root / "book",
                    ignore=shutil.ignore_patterns("_build"))
    replace_in(root / "data" / "county.yml", "region: Region Exempellän\n", "")
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build"], cwd=root,
                          env=build_env(root, tmp_path / "ws"), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1
    assert "fält ”region”: Nyckeln saknas" in proc.stderr
    assert not (root / "book" / "_build" / "html").exists()
