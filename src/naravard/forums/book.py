"""Chapter 11's executed cells: the example county's forum map and analyses, from data/."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from IPython.display import HTML

from naravard.handbook.tables import html_table
from naravard.core.county import current_county
from naravard.core.text import escape, format_number, join_swedish
from naravard.forums.analysis import Finding, analyse
from naravard.forums.example import FORUMS_FILE, PERSPECTIVES_FILE, load_example
from naravard.forums.model import ForumMap
from naravard.forums.perspectives import compare, diff_maps, majority, merged_map

if TYPE_CHECKING:  # altair loads only when a chapter draws a figure
    import altair as alt


@lru_cache(maxsize=1)
def _doc() -> dict:
    """The example document; an empty map when the county has no forums.csv of its own yet."""
    return load_example() or {"forums": {}, "relations": {}, "perspectives": {}}


def _missing(name: str, what: str) -> str:
    from naravard.core.examples import missing_notice
    from naravard.core.paths import data_dir

    return missing_notice(data_dir(), name, what)


def example_map() -> ForumMap:
    """The example county's forum map (data/forums.csv)."""
    return ForumMap.from_doc(_doc())


def _findings() -> dict[str, Finding]:
    return {f.key: f for f in analyse(example_map())}


def map_chart() -> alt.LayerChart:
    """The example map as the layered graph (for a figure cell)."""
    from naravard.forums.charts import forum_map_chart

    return forum_map_chart(example_map(), current_county().principal_choices())


def divergence() -> alt.Chart:
    """Who of the example participants knows which forum (for a figure cell)."""
    from naravard.forums.charts import divergence_chart

    return divergence_chart(compare(_doc()))


def example_perspectives():
    """The comparison of the example participants' pictures (data/forum_perspektiv.yml)."""
    return compare(_doc())


def map_facts() -> HTML:
    """One paragraph: how many forums, relations and principals the example map has."""
    fmap = example_map()
    if not fmap.forums:
        return HTML(f"<p>{escape(_missing(FORUMS_FILE, 'ingen forumkarta'))} Mallen för "
                    "kartan finns i arbetsbladet Kartlägg beslutsforum.</p>")
    levels = {lv: sum(1 for f in fmap.forums.values() if f.level == lv)
              for lv in ("makro", "meso", "mikro")}
    county = current_county()
    return HTML(
        f"<p>Kartan över {escape(county.name)} har {format_number(len(fmap.forums))} forum: "
        f"{levels['makro']} på makronivå, {levels['meso']} på mesonivå och {levels['mikro']} på "
        f"mikronivå, förbundna med {format_number(len(fmap.relations))} relationer. "
        f"{_composition_sentence(fmap)}"
        f"{'Länet och forumen är påhittade.' if county.fictional else ''}</p>")


def _composition_sentence(fmap: ForumMap) -> str:
    """"2 forum är politiska, 30 består av tjänstemän och 1 är blandat. " ("" when unknown)."""
    counts = {k: sum(1 for f in fmap.forums.values() if f.composition == k)
              for k in ("politisk", "tjänstemän", "blandad")}
    if not any(counts.values()):
        return ""
    parts = [text for key, text in (
        ("politisk", f"{format_number(counts['politisk'])} är politiska"),
        ("tjänstemän", f"{format_number(counts['tjänstemän'])} består av tjänstemän"),
        ("blandad", f"{format_number(counts['blandad'])} är blandade")) if counts[key]]
    return f"Av forumen {join_swedish(parts)}. "


def reach_rules() -> HTML:
    """The rules of "Forum som systemledningen inte når", one item per relation kind (the same
    text as beside the analysis in the worksheet)."""
    from naravard.forums.analysis import REACH_RULES, REACH_SUMMARY

    items = "".join(f"<li><em>{escape(kind)}</em>: {escape(rule)}</li>"
                    for kind, rule in REACH_RULES)
    return HTML(f"<ul>{items}</ul><p>{escape(REACH_SUMMARY)}</p>")


def analysis_overview() -> HTML:
    """Every analysis of the example map: what it found, in numbers, with its explanation."""
    rows = []
    for f in analyse(example_map()):
        count = len(f.rows) if f.key != "escalation" else sum(1 for r in f.rows if r[2] == "nej")
        what = "mikroforum utan väg till systemledningen" if f.key == "escalation" else "träffar"
        rows.append((f.title, f"{format_number(count)} {what}", f.explanation))
    return html_table(["Analys", "Resultat", "Vad det betyder"], rows,
                      caption=f"Analyserna av forumkartan för {current_county().name}")


def finding_table(key: str) -> HTML:
    """The rows of one analysis of the example map, as a table."""
    f = _findings()[key]
    if not f.rows:
        return HTML(f"<p>{escape(f.empty)}</p>")
    return html_table(f.header, f.rows, caption=f.title)


def perspective_summary() -> HTML:
    """Who took part, how alike the pictures are, and which forums few knew."""
    comp = compare(_doc())
    n = len(comp.participants)
    if not n:
        notice = _missing(PERSPECTIVES_FILE, "inga deltagares bilder")
        return HTML(f"<p>{escape(notice)}</p>")
    few = comp.few()
    unknown = comp.unknown()
    mean = comp.mean_similarity or 0.0
    parts = [
        f"<p>{format_number(n)} {'påhittade ' if current_county().fictional else ''}"
        f"deltagare ritade sina bilder: "
        f"{escape(join_swedish(comp.participants))}. Två bilder har i genomsnitt "
        f"{format_number(100 * mean)} procent av sina forum och relationer gemensamt.</p>"]
    everyone = [f.name for f in comp.forums if len(f.known_by) == n]
    if everyone:
        parts.append(f"<p>Alla kände till {escape(join_swedish(everyone))}. ")
    else:
        parts.append("<p>Inget forum kändes till av alla. ")
    parts.append(f"Hela {format_number(len(few))} forum kändes bara till av en eller två, och "
                 f"{format_number(len(unknown))} forum i kartan kände ingen av dem till.</p>")
    return HTML("".join(parts))


def decides_table(limit: int = 4) -> HTML:
    """What the participants believe the most widely known forums decide."""
    comp = compare(_doc())
    rows = []
    for f in comp.forums:
        if len(f.decides) >= 2:
            for person, text in f.decides.items():
                rows.append((f.name, person, text))
            limit -= 1
        if limit == 0:
            break
    return html_table(["Forum", "Deltagare", "Beslutar enligt deltagaren"], rows,
                      caption="Vad forumen beslutar, enligt deltagarna")


def agreed_changes() -> HTML:
    """What adopting the majority's map would change in the example county."""
    doc = _doc()
    n = len(compare(doc).participants)
    if not n:
        return HTML("<p>Utan deltagarnas bilder finns ingen överenskommen karta att visa.</p>")
    change = diff_maps(example_map(), merged_map(doc, majority(n)))
    rows = [(a, b) for a, b in change.new_mandates]
    intro = (f"<p>Med regeln att minst {format_number(majority(n))} av {format_number(n)} "
             "deltagare ska ha med ett forum eller en relation, och att allt som redan finns i "
             f"kartan behålls, tillkommer {format_number(len(change.added_forums))} forum och "
             f"{format_number(len(change.added_relations))} relationer, medan "
             f"{format_number(len(rows))} forum som saknade mandat får ett.</p>")
    if not rows:
        return HTML(intro)
    return HTML(intro + html_table(["Forum", "Mandat enligt flest deltagare"], rows,
                                   caption="Mandat som den överenskomna kartan fyller i").data)
