"""Export the joint primary care plan as DOCX, Markdown or HTML, and `naravard export plan`.

The plan is first laid out once as a list of blocks (:func:`outline`): headings, questions with
answers, tables and figures, one section per step. Each format renders the same blocks, so the
three files always say the same thing. The DOCX has a title page with the county from
``data/county.yml``, a table of contents, one section per step and the timeline as a PNG rendered
offline; the HTML is one self-contained file with the charts as inline SVG.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from naravard.core.county import County
from naravard.plan.model import (AREA_BY_KEY, DOC, FREQUENCIES, IN_MAP, LEVELS, PRIORITIES, PRIORITY_ORDER,
                   QUESTIONS, ROLE_KINDS, STEP_BY_KEY, TABLES, TRIPLE_AIM, Plan, completeness,
                   cost_summary, show_date, show_number, support_rows, tlt_check)
from naravard.core.text import escape, format_date, format_number, join_swedish, table_html

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
}

# --- blocks -----------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str
    note: bool = False


@dataclass
class Answer:
    question: str
    answer: str


@dataclass
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    widths: list[float] = field(default_factory=list)  # relative column widths (DOCX)


@dataclass
class Figure:
    kind: str  # "timeline" or "completeness"
    caption: str
    alt: str


Block = Union[Heading, Para, Answer, Bullets, Table, Figure]


@dataclass
class TitlePage:
    title: str
    county: str
    region: str
    municipalities: list[str]
    period: str
    principals: list[str]
    exported: str
    workshop: str
    fictional: bool


def _yes(value: bool) -> str:
    return "Ja" if value else ""


def _answers(plan: Plan, step: str) -> list[Block]:
    out: list[Block] = []
    for key, question in QUESTIONS.get(step, {}).items():
        out.append(Answer(question, plan.answer(step, key) or "Inte besvarat ännu."))
    return out


def title_page(plan: Plan, county: County, workshop: str, today: dt.date) -> TitlePage:
    frame = plan.frame
    chosen = [p for p in frame.get("principals") or [] if p in county.principals()]
    return TitlePage(
        title=str(frame.get("title") or f"Gemensam plan för primärvården i {county.name}"),
        county=county.name, region=county.region,
        municipalities=[m.organisation for m in county.municipalities],
        period=str(frame.get("period") or ""),
        principals=[county.organisation_of(p) for p in (chosen or county.principals())],
        exported=format_date(today), workshop=workshop, fictional=county.fictional)


def outline(plan: Plan, county: County, forum_map: list[dict] | None = None,
            today: dt.date | None = None) -> list[Block]:
    """The plan as blocks: one section per step, then implementation, priorities and progress."""
    today = today or dt.date.today()
    forum_map = forum_map or []
    goals = plan.goals()
    out: list[Block] = []

    # Step 1 -------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["goals"].heading))
    out += _answers(plan, "goals")
    out.append(Heading(2, "Målen"))
    if goals:
        rows, flagged = [], []
        for gid, g in goals.items():
            findings = tlt_check(g, today)
            number = plan.goal_number(gid)
            rows.append([str(number), g.get("text") or "", g.get("measure") or "",
                         g.get("baseline") or "", g.get("target") or "",
                         show_date(g.get("date")),
                         "Klarar kontrollen" if not findings else "Flaggat"])
            if findings:
                flagged.append(f"Mål {number}: " + " ".join(f.message for f in findings))
        out.append(Table(["Nr", "Mål", "Mått", "Utgångsvärde", "Målvärde", "Datum",
                          "Tight–Loose–Tight"], rows, "Gemensamma mål",
                         [0.5, 3, 3, 1.4, 1.4, 1.6, 1.4]))
        if flagged:
            out.append(Para("Mål som Tight–Loose–Tight-kontrollen flaggar, och varför:"))
            out.append(Bullets(flagged))
    else:
        out.append(Para("Inga mål är skrivna ännu.", note=True))

    # Step 2 -------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["mapping"].heading))
    out += _answers(plan, "mapping")
    for table in TABLES:
        out.append(Heading(2, table.title))
        rows = list(plan.table_rows(table.key).values())
        if not rows:
            out.append(Para("Tabellen är inte ifylld ännu.", note=True))
            continue
        body = []
        for row in rows:
            cells = []
            for col in table.columns:
                value = row.get(col.key)
                if col.kind == "number":
                    cells.append(show_number(value))
                elif col.kind == "principal":
                    cells.append(county.organisation_of(str(value)) if value else "")
                else:
                    cells.append("" if value is None else str(value))
            body.append(cells)
        out.append(Table([c.label for c in table.columns], body, table.title))

    # Step 3 -------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["action"].heading))
    out.append(Heading(2, "Vägledande principer"))
    principles = [str(p.get("text")) for p in plan.principles().values() if p.get("text")]
    out.append(Bullets(principles, numbered=True) if principles
               else Para("Inga principer är formulerade ännu.", note=True))
    out.append(Heading(2, "Ledningsnivåer och ansvar"))
    out.append(Table(["Nivå", "Vilka", "Ansvar"],
                     [[name, plan.level(key).get("who") or "",
                       plan.level(key).get("responsibility") or ""]
                      for key, name in LEVELS.items()], "Ledningsnivåer", [1, 3, 3]))
    out.append(Heading(2, "Parhästar"))
    pairs = list(plan.pairs().values())
    if pairs:
        out.append(Table(["Område", "Från regionen", "Från kommunen", "Kommun"],
                         [[p.get("area") or "", p.get("region") or "", p.get("municipality") or "",
                           county.organisation_of(p["principal"]) if p.get("principal") else ""]
                          for p in pairs], "Parhästar", [2, 3, 3, 2]))
    else:
        out.append(Para("Inga parhästar är utsedda ännu.", note=True))
    out.append(Heading(2, "Planens innehåll och insatser"))
    initiatives = plan.initiatives()
    if initiatives:
        rows = []
        for ini in initiatives.values():
            area = AREA_BY_KEY.get(str(ini.get("area") or ""))
            linked = [f"{plan.goal_number(g)}" for g in ini.get("goals") or []
                      if plan.goal_number(g)]
            colour = PRIORITIES.get(str(ini.get("priority") or ""), ("", "", ""))[0]
            rows.append([plan.initiative_title(ini), area.group if area else "Egen insats",
                         ini.get("description") or "", ini.get("lead") or "",
                         ", ".join(linked), colour])
        out.append(Table(["Insats", "Område", "Vad vi gör tillsammans", "Ansvariga", "Mål",
                          "Färg"], rows, "Insatser", [2, 1.6, 4, 2, 0.8, 0.9]))
    else:
        out.append(Para("Inga innehållsområden är valda ännu.", note=True))

    # Step 4 -------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["support"].heading))
    out += _answers(plan, "support")
    out.append(Heading(2, "Forum som beslutar, stödjer och tar emot frågor"))
    srows = support_rows(plan, forum_map)
    if srows:
        out.append(Table(["Forum", "Beslutar", "Stödjer", "Hit lyfts frågor", "Kommentar",
                          "Forumkartan"],
                         [[r.name, _yes(r.decides), _yes(r.supports), _yes(r.escalation), r.note,
                           r.status] for r in srows], "Forum i planen",
                         [3, 1, 1, 1.3, 4, 1.6]))
        if not any(r.status == IN_MAP for r in srows):
            out.append(Para("Forumen är inskrivna för hand; workshoppen har ingen forumkarta "
                            "som de kan jämföras med.", note=True))
    else:
        out.append(Para("Inga forum är valda ännu.", note=True))

    # Step 5 -------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["followup"].heading))
    out.append(Heading(2, "Indikatorer per mål"))
    indicators = plan.indicators()
    if indicators:
        rows = []
        for gid in [*goals, None]:
            for ind in indicators.values():
                if (gid is None and ind.get("goal") in goals) or \
                        (gid is not None and ind.get("goal") != gid):
                    continue
                number = plan.goal_number(str(ind.get("goal")))
                rows.append([str(number) if number else "–", ind.get("name") or "",
                             ind.get("source") or "",
                             FREQUENCIES.get(str(ind.get("frequency") or ""), ""),
                             ind.get("owner") or "",
                             TRIPLE_AIM.get(str(ind.get("dimension") or ""), "")])
        out.append(Table(["Mål", "Indikator", "Källa", "Frekvens", "Ansvarig", "Triple Aim"],
                         rows, "Indikatorer", [0.6, 3, 2.6, 1.4, 2, 2.2]))
    else:
        out.append(Para("Inga indikatorer är valda ännu.", note=True))
    out.append(Heading(2, "Uppföljningskalender"))
    cal = plan.calendar()
    if cal:
        out.append(Table(["Datum", "Vad", "Nivå", "Forum"],
                         [[show_date(c.get("date")), c.get("what") or "",
                           LEVELS.get(str(c.get("level") or ""), ""), c.get("forum") or ""]
                          for _, c in cal], "Uppföljningskalender", [1.6, 4.5, 1.3, 2.6]))
    else:
        out.append(Para("Kalendern är tom ännu.", note=True))

    # Implementation ---------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["implementation"].heading))
    out.append(Heading(2, "Roller, tidsandelar och kostnad"))
    costs = cost_summary(plan)
    if costs.roles:
        rows = [[r.title or ROLE_KINDS.get(r.kind, ""), ROLE_KINDS.get(r.kind, ""),
                 county.organisation_of(r.principal) if r.principal else "",
                 show_number(r.persons), f"{show_number(r.share)} %" if r.share is not None
                 else "", show_number(r.months),
                 format_number(r.fte, 2) if r.fte is not None else "",
                 f"{format_number(r.cost)} kr" if r.cost is not None else ""]
                for r in costs.roles]
        rows.append(["Totalt", "", "", "", "", "", format_number(costs.total_fte, 2),
                     f"{format_number(costs.total_cost)} kr"])
        out.append(Table(["Roll", "Typ", "Huvudman", "Personer", "Tidsandel", "Månader",
                          "Årsarbetare", "Kostnad"], rows, "Roller och kostnad",
                         [3, 1.8, 2, 1, 1.1, 1, 1.2, 1.6]))
        rate = plan.cost_per_fte_month
        if rate is not None:
            out.append(Para(
                f"Kostnaden är beräknad som personer × tidsandel × månader × "
                f"{format_number(rate)} kr per heltid och månad. Regionens del: "
                f"{format_number(costs.region_cost)} kr; kommunernas del: "
                f"{format_number(costs.municipal_cost)} kr."))
        else:
            out.append(Para("Kostnad per heltid och månad är inte angiven, så kostnaden kan inte "
                            "beräknas ännu.", note=True))
    else:
        out.append(Para("Inga roller är beskrivna ännu.", note=True))
    out.append(Heading(2, "Etappmål"))
    milestones = plan.milestones()
    if milestones:
        out.append(Table(["Etappmål", "Datum", "Klart"],
                         [[m.get("title") or "", show_date(m.get("date")), _yes(bool(m.get("done")))]
                          for _, m in milestones], "Etappmål", [5, 2, 1]))
    else:
        out.append(Para("Inga etappmål är satta ännu.", note=True))
    out.append(Figure("timeline", "Etappmål och uppföljningsmöten på en tidslinje.",
                      "Tidslinje med planens etappmål och uppföljningsmöten."))

    # Priorities ---------------------------------------------------------------------------------
    out.append(Heading(1, STEP_BY_KEY["priorities"].heading))
    out.append(Para("Färgerna anger vilka invånare en insats främst är till för, med den "
                    "indelning i grönt, gult och rött som Ekholm och Caesar (2024) föreslår. "
                    "Arbetet börjar med dem som har störst behov; på sikt handlar det om att "
                    "förhindra att gula blir röda."))
    out.append(Table(["Färg", "Vilka invånare", "Vad det betyder för planen"],
                     [[PRIORITIES[k][0], PRIORITIES[k][1], PRIORITIES[k][2]]
                      for k in PRIORITY_ORDER], "Färgernas betydelse", [1, 3, 4]))
    by_colour = {k: [plan.initiative_title(i) for i in initiatives.values()
                     if i.get("priority") == k] for k in PRIORITY_ORDER}
    unmarked = [plan.initiative_title(i) for i in initiatives.values()
                if i.get("priority") not in PRIORITIES]
    rows = [[PRIORITIES[k][0], join_swedish(v)] for k, v in by_colour.items() if v]
    if unmarked:
        rows.append(["Ingen färg ännu", join_swedish(unmarked)])
    if rows:
        out.append(Table(["Färg", "Insatser"], rows, "Insatser efter färg", [1.4, 6]))

    # Progress --------------------------------------------------------------------------------
    progress = completeness(plan, forum_map, today)
    out.append(Heading(1, "Så långt har planen kommit"))
    out.append(Table(["Steg", "Ifyllt", "Läge", "Kvar att göra"],
                     [[p.step.heading, f"{p.done} av {p.total}", p.status,
                       " ".join(p.missing + p.flagged) or "–"] for p in progress],
                     "Läget per steg", [2.2, 1, 1.2, 6]))
    out.append(Figure("completeness", "Andel ifyllt per steg.",
                      "Stapeldiagram med hur stor andel av varje steg som är ifylld."))
    return out


# --- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: object) -> str:
    """User text safe in Markdown: special characters escaped, lines joined."""
    clean = " ".join(str(text or "").split())
    return _MD_SPECIAL.sub(r"\\\1", clean)


def to_markdown(plan: Plan, county: County, workshop: str, forum_map: list[dict] | None = None,
                today: dt.date | None = None) -> str:
    """The plan as a Markdown document."""
    today = today or dt.date.today()
    tp = title_page(plan, county, workshop, today)
    lines = [f"# {md_escape(tp.title)}", ""]
    lines.append(f"**{md_escape(tp.county)}** · {md_escape(tp.region)} och "
                 f"{md_escape(join_swedish(tp.municipalities))}")
    lines.append("")
    if tp.period:
        lines += [f"Period: {md_escape(tp.period)}", ""]
    lines += [f"Huvudmän bakom planen: {md_escape(join_swedish(tp.principals))}", ""]
    lines += [f"Exporterad {tp.exported} från workshoppen ”{md_escape(tp.workshop)}”.", ""]
    if tp.fictional:
        lines += [f"*{md_escape(tp.county)} är ett påhittat län; planen är ett exempel.*", ""]
    for block in outline(plan, county, forum_map, today):
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + md_escape(block.text), ""]
        elif isinstance(block, Para):
            text = md_escape(block.text)
            lines += [f"*{text}*" if block.note else text, ""]
        elif isinstance(block, Answer):
            lines += [f"**{md_escape(block.question)}**", "", md_escape(block.answer), ""]
        elif isinstance(block, Bullets):
            lines += [f"{i}. {md_escape(t)}" if block.numbered else f"- {md_escape(t)}"
                      for i, t in enumerate(block.items, 1)] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            for row in block.rows:
                lines.append("| " + " | ".join(md_escape(c) for c in row) + " |")
            lines.append("")
        elif isinstance(block, Figure) and block.kind == "timeline":
            lines += ["*Tidslinjen finns som bild i DOCX- och HTML-versionen av planen.*", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML ----------------------------------------------------------------------------------------

_HTML_CSS = """
body{font-family:"Source Sans Pro",Arial,sans-serif;color:#1d2733;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45}
h1{font-size:1.9rem}h2{font-size:1.45rem;margin-top:2.2rem;border-bottom:2px solid #d5dde6}
h3{font-size:1.15rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;width:100%}
th,td{border:1px solid #c9d3de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3f8}caption{text-align:left;font-weight:600;padding:.2rem 0}
.note{color:#5a6777;font-style:italic}.q{font-weight:600;margin-bottom:.1rem}
.meta{color:#3a4a5c}figure{margin:1rem 0}figcaption{color:#3a4a5c;font-size:.95rem}
nav ol{columns:2}@media print{nav{display:none}h2{page-break-before:always}}
"""


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9åäö]+", "-", text.lower()).strip("-") or "avsnitt"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def to_html(plan: Plan, county: County, workshop: str, forum_map: list[dict] | None = None,
            today: dt.date | None = None,
            render_svg: Callable[[str], str] | None = None) -> str:
    """The plan as one self-contained HTML page (no external files, charts as inline SVG)."""
    today = today or dt.date.today()
    render_svg = render_svg or (lambda kind: chart_svg(plan, forum_map, kind, today))
    tp = title_page(plan, county, workshop, today)
    blocks = outline(plan, county, forum_map, today)
    used: set[str] = set()
    ids = {id(b): _slug(b.text, used) for b in blocks if isinstance(b, Heading)}
    toc = "".join(f'<li><a href="#{ids[id(b)]}">{escape(b.text)}</a></li>'
                  for b in blocks if isinstance(b, Heading) and b.level == 1)
    parts = [
        "<!DOCTYPE html>", '<html lang="sv"><head><meta charset="utf-8">',
        f"<title>{escape(tp.title)}</title><style>{_HTML_CSS}</style></head><body>",
        f"<header><h1>{escape(tp.title)}</h1>",
        f'<p class="meta"><strong>{escape(tp.county)}</strong> · {escape(tp.region)} och '
        f"{escape(join_swedish(tp.municipalities))}</p>",
    ]
    if tp.period:
        parts.append(f'<p class="meta">Period: {escape(tp.period)}</p>')
    parts.append(f'<p class="meta">Huvudmän bakom planen: {escape(join_swedish(tp.principals))}'
                 f'</p><p class="meta">Exporterad {escape(tp.exported)} från workshoppen '
                 f"”{escape(tp.workshop)}”.</p>")
    if tp.fictional:
        parts.append(f'<p class="note">{escape(tp.county)} är ett påhittat län; planen är ett '
                     "exempel.</p>")
    parts.append(f"</header><nav><h2>Innehåll</h2><ol>{toc}</ol></nav><main>")
    for block in blocks:
        if isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            parts.append(f'<{tag} id="{ids[id(block)]}">{escape(block.text)}</{tag}>')
        elif isinstance(block, Para):
            cls = ' class="note"' if block.note else ""
            parts.append(f"<p{cls}>{escape(block.text)}</p>")
        elif isinstance(block, Answer):
            parts.append(f'<p class="q">{escape(block.question)}</p><p>{escape(block.answer)}</p>')
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            parts.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items)
                         + f"</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_html(block.header, block.rows, caption=block.caption))
        elif isinstance(block, Figure):
            svg = render_svg(block.kind)
            data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            parts.append(f'<figure><img alt="{escape(block.alt)}" style="max-width:100%" '
                         f'src="data:image/svg+xml;base64,{data}"><figcaption>'
                         f"{escape(block.caption)}</figcaption></figure>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


# --- charts for the exports ----------------------------------------------------------------------

def _chart(plan: Plan, forum_map: list[dict] | None, kind: str, today: dt.date):
    from naravard.plan.charts import completeness_chart, timeline_chart

    if kind == "timeline":
        return timeline_chart(plan)
    return completeness_chart(completeness(plan, forum_map, today))


def chart_svg(plan: Plan, forum_map: list[dict] | None, kind: str, today: dt.date) -> str:
    from naravard.core.charts import to_svg

    return to_svg(_chart(plan, forum_map, kind, today))


def chart_png(plan: Plan, forum_map: list[dict] | None, kind: str, today: dt.date) -> bytes:
    from naravard.core.charts import to_png

    return to_png(_chart(plan, forum_map, kind, today))


# --- DOCX ----------------------------------------------------------------------------------------

def _set_language(element, lang: str = "sv-SE") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    node = rpr.find(qn("w:lang"))
    if node is None:
        node = OxmlElement("w:lang")
        rpr.append(node)
    node.set(qn("w:val"), lang)
    node.set(qn("w:eastAsia"), lang)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC …) in a paragraph, with a placeholder result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._r.append(fld)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def _toc(document, headings: list[Heading]) -> None:
    """A table of contents field, filled with the headings so it reads well before updating."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    entries = [h for h in headings if h.level <= 2]
    first = document.add_paragraph(style="TOC 1")
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-2" \\h \\z \\u '
    first.add_run()._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    first.add_run()._r.append(sep)
    paragraphs = [first]
    for i, h in enumerate(entries):
        p = first if i == 0 else document.add_paragraph(style=f"TOC {h.level}")
        p.add_run(h.text)
        paragraphs.append(p)
    last = paragraphs[-1]
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    last.add_run()._r.append(end)


def _update_fields_on_open(document) -> None:
    """Ask Word to refresh the table of contents and page numbers when the file is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    node = settings.find(qn("w:updateFields"))
    if node is None:
        node = OxmlElement("w:updateFields")
        # Word requires schema order: updateFields comes before these settings.
        later = {qn(f"w:{t}") for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
                                        "docVars", "rsids", "attachedSchema", "themeFontLang",
                                        "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                                        "doNotAutoCompressPictures", "forceUpgrade", "captions",
                                        "readModeInkLockDown", "smartTagType", "schemaLibrary",
                                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                                        "listSeparator")}
        later.add("{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr")
        successor = next((child for child in settings if child.tag in later), None)
        if successor is not None:
            successor.addprevious(node)
        else:
            settings.append(node)
    node.set(qn("w:val"), "true")


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _set_language(normal.element)
    for name, size in (("Title", 28), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1D, 0x4E, 0x5F)
    for level in (1, 2):
        name = f"TOC {level}"
        if name not in [s.name for s in styles]:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)


def to_docx(plan: Plan, county: County, workshop: str, forum_map: list[dict] | None = None,
            today: dt.date | None = None,
            render_png: Callable[[str], bytes] | None = None) -> bytes:
    """The plan as a Word document a county can circulate as it is."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt, RGBColor

    today = today or dt.date.today()
    render_png = render_png or (lambda kind: chart_png(plan, forum_map, kind, today))
    tp = title_page(plan, county, workshop, today)
    blocks = outline(plan, county, forum_map, today)
    document = docx.Document()
    _styles(document)
    _update_fields_on_open(document)
    props = document.core_properties
    props.title = tp.title
    props.subject = f"Gemensam plan för primärvården – {tp.county}"
    props.language = "sv-SE"
    props.author = tp.region

    # Title page
    for _ in range(4):
        document.add_paragraph()
    document.add_paragraph(tp.title, style="Title")
    sub = document.add_paragraph(style="Subtitle")
    sub.add_run(tp.county).bold = True
    for line in (f"{tp.region} och {join_swedish(tp.municipalities)}",
                 f"Period: {tp.period}" if tp.period else "",
                 f"Huvudmän bakom planen: {join_swedish(tp.principals)}", "",
                 f"Utkast exporterat {tp.exported} från workshoppen ”{tp.workshop}”."):
        if line:
            document.add_paragraph(line)
    if tp.fictional:
        note = document.add_paragraph()
        run = note.add_run(f"{tp.county} är ett påhittat län. Planen är ett exempel.")
        run.italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Table of contents
    document.add_paragraph("Innehåll", style="TOC Heading")
    _toc(document, [b for b in blocks if isinstance(b, Heading)])
    hint = document.add_paragraph()
    hint_run = hint.add_run("Sidnumren i innehållsförteckningen uppdateras när dokumentet öppnas "
                            "i Word (högerklicka och välj Uppdatera fält om de saknas).")
    hint_run.italic = True
    hint_run.font.size = Pt(9)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Footer with page numbers
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{tp.title} · sida ")
    _field(footer, "PAGE", "1")

    first_h1 = True
    for block in blocks:
        if isinstance(block, Heading):
            if block.level == 1 and not first_h1:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            first_h1 = first_h1 and block.level != 1
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            p = document.add_paragraph()
            run = p.add_run(block.text)
            if block.note:
                run.italic = True
                run.font.color.rgb = RGBColor(0x5A, 0x67, 0x77)
        elif isinstance(block, Answer):
            q = document.add_paragraph()
            q.add_run(block.question).bold = True
            q.paragraph_format.space_after = Pt(2)
            document.add_paragraph(block.answer)
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                document.add_paragraph(item, style=style)
        elif isinstance(block, Table):
            if block.caption:
                cap = document.add_paragraph(f"Tabell: {block.caption}", style="Caption")
                cap.paragraph_format.keep_with_next = True
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = document.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            header = table.rows[0]
            _repeat_header(header)
            for cell, text in zip(header.cells, block.header):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.bold = True
                run.font.size = Pt(9.5)
                _shade(cell, "DCE6F0")
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = ""
                    cell.paragraphs[0].add_run(str(text)).font.size = Pt(9.5)
            if block.widths:
                total = sum(block.widths)
                usable = 16.6
                for row in table.rows:
                    for cell, wdt in zip(row.cells, block.widths):
                        cell.width = Cm(usable * wdt / total)
            document.add_paragraph()
        elif isinstance(block, Figure):
            png = render_png(block.kind)
            document.add_picture(io.BytesIO(png), width=Cm(16.5))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.add_paragraph(f"Figur: {block.caption}", style="Caption")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- one entry point for the worksheet and the command line -------------------------------------

def export_plan(doc: dict, county: County, workshop: str, fmt: str,
                forum_doc: dict | None = None,
                today: dt.date | None = None) -> tuple[bytes, str, str]:
    """The saved plan as ``(content, filename, mime type)`` in the format docx, md or html."""
    from naravard.plan.model import forum_map_records

    if fmt not in FORMATS:
        raise ValueError(f"Okänt format ”{fmt}”. Välj docx, md eller html.")
    plan = Plan(doc, county.principals())
    forum_map = forum_map_records(forum_doc)
    mime, suffix = FORMATS[fmt]
    filename = f"gemensam-plan-{workshop}.{suffix}"
    if fmt == "docx":
        return to_docx(plan, county, workshop, forum_map, today), filename, mime
    if fmt == "md":
        return to_markdown(plan, county, workshop, forum_map, today).encode("utf-8"), filename, \
            mime
    return to_html(plan, county, workshop, forum_map, today).encode("utf-8"), filename, mime


def cmd_export_plan(args: argparse.Namespace) -> int:
    from naravard.core.examples import no_example_note, saved_or_example
    from naravard.plan.model import example_plan
    from naravard.plan.example import EXAMPLE_FILE
    from naravard.core.county import current_county
    from naravard.core.store import StoreError, open_workspace

    try:
        ws = open_workspace(args.workshop)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        doc, from_example = saved_or_example(ws, DOC, example_plan)
        forum_doc = ws.read("forum_mapping")
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not doc:
        print(f"Workshoppen ”{ws.workshop}” har ingen sparad plan. "
              + no_example_note(ws.workshop, EXAMPLE_FILE, "exempelplan")
              + "Öppna arbetsbladet plan_primarvard med "
              f"?workshop={ws.workshop} och fyll i planen först.", file=sys.stderr)
        return 1
    if from_example:
        print("Workshoppen ”exempel” har ingen egen plan sparad; exporterar exempelplanen från "
              "data/plan_exempel.yml.", file=sys.stderr)
    content, filename, _mime = export_plan(doc, current_county(), ws.workshop, args.format,
                                           forum_doc)
    out = Path(args.out) if args.out else Path.cwd() / filename
    if out.is_dir():
        out = out / filename
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except OSError as exc:
        print(f"Kunde inte spara filen {out}: {exc.strerror or exc}. Välj en annan plats med "
              "--out.", file=sys.stderr)
        return 1
    print(f"Planen är sparad i {out}.")
    return 0


def add_export_parser(subparsers) -> None:
    """`naravard export plan --format docx|md|html [--workshop NAMN] [--out FIL]`."""
    p = subparsers.add_parser("plan", help="den gemensamma planen för primärvården")
    p.add_argument("--format", choices=list(FORMATS), default="docx",
                   help="docx (standard), md eller html")
    p.add_argument("--workshop", default="exempel", help="workshoppens namn (standard: exempel)")
    p.add_argument("--out", help="fil eller mapp att spara i (standard: aktuell mapp)")
    p.set_defaults(func=cmd_export_plan)
