"""The start page links the book and each worksheet and escapes everything from data/."""

from naravard.core.county import County, load_county
from naravard.app.landing import landing_page

from tests.conftest import DATA


def test_start_page_links_book_and_all_three_worksheets():
    html = landing_page(load_county(DATA), ["exempel"], book_built=True)
    assert 'href="/bok/intro.html"' in html
    for name in ("forum_mapping", "insight_360", "plan_primarvard"):
        assert f'formaction="/voila/render/{name}.ipynb"' in html
    assert "Exempellän är ett påhittat län" in html
    assert 'lang="sv"' in html


def test_start_page_says_when_the_book_is_not_built():
    html = landing_page(load_county(DATA), [], book_built=False)
    assert "naravard build" in html


def test_county_text_is_escaped_on_the_start_page():
    raw = load_county(DATA).model_dump(by_alias=True)
    raw["namn"] = "<script>alert(1)</script>"
    county = County.model_validate(raw)
    html = landing_page(county, ["<b>x</b>"], book_built=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html
