"""The sentences about the invented example county appear only for it: the example's build shows
them (the Sphinx tag ``exempellan``); tests/test_real_county.py shows another county's build
without them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.book


def page(built_site, name: str) -> str:
    return (built_site["html"] / name).read_text(encoding="utf-8")


def test_the_example_build_says_the_example_county_is_invented(built_site):
    assert "Exempellän och allt som sägs om det är påhittat." in page(built_site, "intro.html")
    about = page(built_site, "om.html")
    assert "Exempellän, dess kommuner och allt material om dem" in about
    assert "kommer från länets egna filer" not in about


def test_chapter_11_says_the_example_forums_are_invented_and_states_the_reach_rules(built_site):
    chapter = page(built_site, "chapters/11_kartlagg_forum.html")
    assert "Forumen i kartan över Exempellän är påhittade." in chapter
    assert "Rapportering är en styrlänk åt båda hållen" in chapter


def test_the_example_boxes_in_chapters_5_and_6_name_no_county(built_site):
    for name in ("chapters/05_tight_loose_tight.html", "chapters/06_fem_steg.html"):
        text = page(built_site, name)
        assert "Ett tänkt exempel" in text and "Påhittat exempel" not in text
