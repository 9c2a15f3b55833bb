"""The start page that links the handbook and the three worksheets."""

from __future__ import annotations

from naravard.core.county import County
from naravard.core.store import WORKSHOP_PATTERN, WORKSHOP_RULE
from naravard.core.text import escape, join_swedish
from naravard.core.worksheets import WORKSHEETS


def landing_page(county: County, workshops: list[str], book_built: bool,
                 worksheet_base: str = "/voila/render/", default: str | None = None) -> str:
    """The HTML of the start page. Every value from data/ or the workspace is escaped.

    ``default`` is the workshop name filled in (:func:`naravard.core.examples.default_workshop`
    when not given: "exempel" for the example county, else one made from the county's name).
    """
    if default is None:
        from naravard.core.examples import default_workshop

        default = default_workshop()
    name = escape(county.name)
    fictional = (f'<p class="note">{name} är ett påhittat län som används som exempel. '
                 "Byt till ert eget län i <code>data/county.yml</code> (se kapitel 16).</p>"
                 if county.fictional else "")
    book = ('<a class="card" href="/bok/intro.html"><h2>Handboken</h2>'
            "<p>Systemledning för Nära vård – läs om systemledarskap, Tight–Loose–Tight och de "
            "fem stegen till en gemensam plan för primärvården.</p></a>"
            if book_built else
            '<div class="card missing"><h2>Handboken</h2><p>Handboken är inte byggd ännu. '
            "Kör <code>naravard build</code> och ladda om sidan.</p></div>")
    buttons = "".join(
        f'<button type="submit" formaction="{escape(worksheet_base)}{ws.notebook}">'
        f"<strong>{escape(ws.title)}</strong><span>{escape(ws.summary)}</span>"
        "</button>"
        for ws in WORKSHEETS.values()
    )
    existing = "".join(f'<option value="{escape(ws)}"></option>' for ws in workshops)
    saved = (f"<p>Sparade workshoppar: {escape(join_swedish(workshops))}.</p>" if workshops else
             "<p>Inga workshoppar är sparade ännu.</p>")
    municipalities = escape(join_swedish(county.municipality_names))
    areas = ("" if not county.areas else "<p>Områden: " + escape(join_swedish(
        [f"{a.name} ({a.kind}: {join_swedish(a.municipalities)})" for a in county.areas]))
        + ".</p>")
    rule = f"Workshopnamnet har {WORKSHOP_RULE}."
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Systemledning för Nära vård – {name}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0;
       color: #1d2733; background: #f5f7fa; line-height: 1.5; }}
main {{ max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }}
h1 {{ font-size: 2rem; margin: 0 0 .25rem; }}
.lead {{ font-size: 1.15rem; color: #3a4a5c; }}
.rule {{ color: #3a4a5c; font-size: .95rem; margin: .25rem 0 0; }}
.note {{ background: #fff6e0; border-left: 4px solid #d07a1b; padding: .5rem .75rem; }}
.card {{ display: block; background: #fff; border: 1px solid #d5dde6; border-radius: 8px;
        padding: 1rem 1.25rem; margin: 1rem 0; color: inherit; text-decoration: none; }}
a.card:hover, a.card:focus {{ border-color: #1f5fa8; box-shadow: 0 0 0 3px #c9dbf0; }}
.card h2 {{ margin: 0 0 .25rem; font-size: 1.3rem; color: #1f5fa8; }}
form {{ background: #fff; border: 1px solid #d5dde6; border-radius: 8px; padding: 1rem 1.25rem; }}
label {{ font-weight: 600; display: block; margin-bottom: .25rem; }}
input {{ font-size: 1.1rem; padding: .4rem .5rem; width: min(24rem, 100%); }}
.buttons {{ display: grid; gap: .75rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
           margin-top: 1rem; }}
button {{ text-align: left; font-size: 1rem; padding: .75rem 1rem; border-radius: 8px;
         border: 1px solid #1f5fa8; background: #eef4fb; cursor: pointer; }}
button strong {{ display: block; color: #1f5fa8; font-size: 1.1rem; }}
button span {{ display: block; color: #3a4a5c; }}
button:hover, button:focus {{ background: #dce9f7; }}
footer {{ margin-top: 2rem; color: #5a6b7c; font-size: .9rem; }}
</style>
</head>
<body>
<main>
<h1>Systemledning för Nära vård</h1>
<p class="lead">Handbok och arbetsblad för {name}: {escape(county.region)} och
{municipalities}.</p>
{areas}
{fictional}
{book}
<form method="get" action="{escape(worksheet_base)}forum_mapping.ipynb">
<h2>Arbetsblad</h2>
<label for="workshop">Workshop</label>
<input id="workshop" name="workshop" value="{escape(default)}" list="workshops"
       pattern="{escape(WORKSHOP_PATTERN)}" required maxlength="64"
       title="{escape(rule)}" aria-describedby="workshop-rule">
<p id="workshop-rule" class="rule">{escape(rule)}</p>
<datalist id="workshops">{existing}</datalist>
<p>Allt som skrivs sparas direkt under workshopnamnet. Välj samma namn igen för att fortsätta.</p>
{saved}
<div class="buttons">{buttons}</div>
</form>
<footer>Allt körs på den här datorn. Inget hämtas från internet.</footer>
</main>
</body>
</html>
"""
