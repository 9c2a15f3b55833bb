"""Helpers for the handbook's executed cells: the county's data as tables and text."""

from __future__ import annotations

from typing import Iterable, Sequence

from IPython.display import HTML

from naravard.core.county import County, current_county
from naravard.core.text import escape, format_number, join_swedish, table_html


def html_table(header: Sequence[str], rows: Iterable[Sequence[object]],
               caption: str | None = None) -> HTML:
    """A plain, escaped HTML table styled by the book theme (no index column)."""
    return HTML(table_html(header, rows, caption=caption, css="table naravard-data"))


def county_summary(county: County | None = None) -> HTML:
    """The county at a glance: region, municipalities with inhabitants, the systemledning."""
    county = county or current_county()
    rows = [(m.organisation, format_number(m.inhabitants) if m.inhabitants is not None else "–")
            for m in county.municipalities]
    total = sum(m.inhabitants or 0 for m in county.municipalities)
    if all(m.inhabitants is not None for m in county.municipalities):
        rows.append(("Totalt", format_number(total)))
    municipalities = html_table(["Kommun", "Invånare"], rows,
                                caption=f"Kommunerna i {county.name}")
    members = members_table(county)
    intro = (f"<p><strong>{escape(county.name)}</strong> består av {escape(county.region)} och "
             f"{len(county.municipalities)} kommuner: "
             f"{escape(join_swedish(county.municipality_names))}.</p>")
    areas = "" if not county.areas else html_table(
        ["Område", "Typ", "Kommuner"],
        [(a.name, a.kind, join_swedish(a.municipalities)) for a in county.areas],
        caption=f"Områdena i {county.name}").data
    return HTML(intro + municipalities.data + areas + members.data)


def members_table(county: County | None = None) -> HTML:
    """The seats of the systemledning, by role and organisation."""
    county = county or current_county()
    rows = [(r["Roll"], r["Organisation"]) for r in county.members_table()]
    return html_table(["Roll", "Organisation"], rows,
                      caption=f"Systemledningen i {county.name} ({len(rows)} platser)")
