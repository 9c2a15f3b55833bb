"""The start page links the book and each worksheet and escapes everything from data/."""

from naravard.core.county import County, load_county
from naravard.app.landing import landing_page

from tests.conftest import DATA


def test_start_page_links_book_and_every_worksheet():
    html = landing_page(load_county(DATA), ["exempel"], book_built=True)
    assert 'href="/bok/intro.html"' in html
    for name in ("forum_mapping", "insight_360", "plan_primarvard", "uppfoljning"):
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


def _form_pattern(html: str) -> str:
    import html as html_module
    import re

    return html_module.unescape(re.search(r'<input id="workshop"[^>]*pattern="([^"]*)"',
                                          html).group(1))


def test_the_start_page_form_uses_the_stores_workshop_rule():
    from naravard.core.store import WORKSHOP_PATTERN

    html = landing_page(load_county(DATA), [], book_built=True)
    assert _form_pattern(html) == WORKSHOP_PATTERN
    assert "små bokstäver a–z, å, ä, ö" in html


def test_the_start_page_pattern_accepts_exactly_the_names_the_server_accepts():
    import re

    from naravard.core.store import check_workshop_name

    pattern = re.compile(f"^(?:{_form_pattern(landing_page(load_county(DATA), [], True))})$")
    names = ["ledning-åkerby", "a", "x" * 64, "x" * 65, "con", "con-2026", "com0", "lpt1",
             "-ledning", "a.b", "../etc", "a b", "_a", "2026_möte"]
    for name in names:
        try:
            check_workshop_name(name)
            accepted = True
        except ValueError:
            accepted = False
        assert bool(pattern.fullmatch(name)) == accepted, name
