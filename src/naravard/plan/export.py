"""The joint primary care plan as a document: Word, Markdown or HTML.

This module says what the exported plan holds, as blocks of :mod:`naravard.documents`: a title
page with the county from ``data/county.yml``, a table of contents, one section per step with
the questions and their answers, tables and figures, then implementation, priorities and
progress. The shared renderers write the same blocks to every format, so the three files always
say the same thing: Word on the county's template with the timeline as a PNG rendered offline,
one self-contained HTML page with the charts as inline SVG, and Markdown.
``naravard export plan`` (:mod:`naravard.app.export`) writes the same files from the command
line.
"""

from __future__ import annotations

import datetime as dt

from naravard.core.county import County
from naravard.core.text import format_date, format_number, join_swedish
from naravard.documents.blocks import (Block, Bullets, Document, Figure, Heading, PageBreak,
                                       Para, Table, TitlePage, Toc)
from naravard.plan.checks import tlt_check
from naravard.plan.cost import cost_summary, cost_table, parts_sentence
from naravard.plan.forums_link import IN_MAP, forum_map_records, support_rows
from naravard.plan.model import Plan, county_plan
from naravard.plan.progress import PROGRESS_COLUMNS, completeness, progress_rows
from naravard.plan.values import show_date, show_number

#: format -> (mime type, file suffix)
FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
}
EXPORT_COST_COLUMNS = ("role", "kind", "principal", "persons", "share", "months", "fte",
                       "person_years", "cost")
EXPORT_COST_WIDTHS = [2.6, 1.6, 2, 0.9, 1, 1, 1.1, 1.1, 1.7]


def _yes(value: bool) -> str:
    return "Ja" if value else ""


def _answers(plan: Plan, step: str) -> list[Block]:
    """Each guiding question of the step with its answer."""
    out: list[Block] = []
    for key, question in plan.guide.questions.get(step, {}).items():
        out += [Para(question, "question"), Para(plan.answer(step, key) or "Inte besvarat ännu.")]
    return out


def _table_or_note(empty: str, header: list[str], rows: list[list[str]], caption: str,
                   widths: list[float]) -> Block:
    """The table, or the note ``empty`` when it has no rows yet."""
    return Table(header, rows, caption, widths) if rows else Para(empty, "note")


def _step(plan: Plan, key: str) -> Heading:
    return Heading(plan.guide.step_by_key[key].heading)


def title_page(plan: Plan, county: County, workshop: str, today: dt.date) -> TitlePage:
    """The cover: the county, its region and municipalities, period and principals."""
    frame = plan.frame
    chosen = [p for p in frame.get("principals") or [] if p in county.principals()]
    principals = [county.organisation_of(p) for p in (chosen or county.principals())]
    lines = [f"{county.region} och "
             f"{join_swedish(m.organisation for m in county.municipalities)}"]
    if frame.get("period"):
        lines.append(f"Period: {frame['period']}")
    lines += [f"Huvudmän bakom planen: {join_swedish(principals)}",
              f"Utkast exporterat {format_date(today)} från workshoppen ”{workshop}”."]
    note = (f"{county.name} är ett påhittat län; planen är ett exempel." if county.fictional
            else "")
    return TitlePage(county.name, lines, note, own_page=True)


def _goals(plan: Plan, today: dt.date) -> list[Block]:
    out: list[Block] = [_step(plan, "goals"), *_answers(plan, "goals"), Heading("Målen", 2)]
    goals = plan.goals()
    if not goals:
        return out + [Para("Inga mål är skrivna ännu.", "note")]
    rows, flagged = [], []
    for gid, g in goals.items():
        findings = tlt_check(g, today)
        number = plan.goal_number(gid)
        rows.append([str(number), g.get("text") or "", g.get("measure") or "",
                     g.get("baseline") or "", g.get("target") or "", show_date(g.get("date")),
                     "Klarar kontrollen" if not findings else "Flaggat"])
        if findings:
            flagged.append(f"Mål {number}: " + " ".join(f.message for f in findings))
    out.append(Table(["Nr", "Mål", "Mått", "Utgångsvärde", "Målvärde", "Datum",
                      "Tight–Loose–Tight"], rows, "Gemensamma mål",
                     [0.5, 3, 3, 1.4, 1.4, 1.6, 1.4]))
    if flagged:
        out += [Para("Mål som Tight–Loose–Tight-kontrollen flaggar, och varför:"),
                Bullets(flagged)]
    return out


def _mapping(plan: Plan, county: County) -> list[Block]:
    out: list[Block] = [_step(plan, "mapping"), *_answers(plan, "mapping")]
    for table in plan.guide.tables:
        out.append(Heading(table.title, 2))
        rows = list(plan.table_rows(table.key).values())
        if not rows:
            out.append(Para("Tabellen är inte ifylld ännu.", "note"))
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
    return out


def _action(plan: Plan, county: County) -> list[Block]:
    guide = plan.guide
    out: list[Block] = [_step(plan, "action"), Heading("Vägledande principer", 2)]
    principles = [str(p.get("text")) for p in plan.principles().values() if p.get("text")]
    out.append(Bullets(principles, numbered=True) if principles
               else Para("Inga principer är formulerade ännu.", "note"))
    out.append(Heading("Ledningsnivåer och ansvar", 2))
    out.append(Table(["Nivå", "Vilka", "Ansvar"],
                     [[name, plan.level(key).get("who") or "",
                       plan.level(key).get("responsibility") or ""]
                      for key, name in guide.levels.items()], "Ledningsnivåer", [1, 3, 3]))
    out.append(Heading("Parhästar", 2))
    out.append(_table_or_note(
        "Inga parhästar är utsedda ännu.", ["Område", "Från regionen", "Från kommunen", "Kommun"],
        [[p.get("area") or "", p.get("region") or "", p.get("municipality") or "",
          county.organisation_of(p["principal"]) if p.get("principal") else ""]
         for p in plan.pairs().values()], "Parhästar", [2, 3, 3, 2]))
    out.append(Heading("Planens innehåll och insatser", 2))
    initiatives = plan.initiatives()
    if not initiatives:
        return out + [Para("Inga innehållsområden är valda ännu.", "note")]
    rows = []
    for ini in initiatives.values():
        area = guide.area_by_key.get(str(ini.get("area") or ""))
        linked = [f"{plan.goal_number(g)}" for g in ini.get("goals") or [] if plan.goal_number(g)]
        colour = guide.priorities.get(str(ini.get("priority") or ""), ("", "", ""))[0]
        rows.append([plan.initiative_title(ini), area.group if area else "Egen insats",
                     ini.get("description") or "", ini.get("lead") or "", ", ".join(linked),
                     colour])
    out.append(Table(["Insats", "Område", "Vad vi gör tillsammans", "Ansvariga", "Mål", "Färg"],
                     rows, "Insatser", [2, 1.6, 4, 2, 0.8, 0.9]))
    return out


def _support(plan: Plan, forum_map: list[dict]) -> list[Block]:
    out: list[Block] = [_step(plan, "support"), *_answers(plan, "support"),
                        Heading("Forum som beslutar, stödjer och tar emot frågor", 2)]
    srows = support_rows(plan, forum_map)
    if not srows:
        return out + [Para("Inga forum är valda ännu.", "note")]
    out.append(Table(["Forum", "Beslutar", "Stödjer", "Hit lyfts frågor", "Kommentar",
                      "Forumkartan"],
                     [[r.name, _yes(r.decides), _yes(r.supports), _yes(r.escalation), r.note,
                       r.status] for r in srows], "Forum i planen", [3, 1, 1, 1.3, 4, 1.6]))
    if not any(r.status == IN_MAP for r in srows):
        out.append(Para("Forumen är inskrivna för hand; workshoppen har ingen forumkarta som de "
                        "kan jämföras med.", "note"))
    return out


def _followup(plan: Plan) -> list[Block]:
    guide = plan.guide
    out: list[Block] = [_step(plan, "followup"), Heading("Indikatorer per mål", 2)]
    goals, indicators = plan.goals(), plan.indicators()
    rows = []
    for gid in [*goals, None]:  # per goal in order, then those without a goal
        for ind in indicators.values():
            if (gid is None and ind.get("goal") in goals) or \
                    (gid is not None and ind.get("goal") != gid):
                continue
            number = plan.goal_number(str(ind.get("goal")))
            rows.append([str(number) if number else "–", ind.get("name") or "",
                         ind.get("source") or "",
                         guide.frequencies.get(str(ind.get("frequency") or ""), ""),
                         ind.get("owner") or "",
                         guide.triple_aim.get(str(ind.get("dimension") or ""), "")])
    out.append(_table_or_note(
        "Inga indikatorer är valda ännu.",
        ["Mål", "Indikator", "Källa", "Frekvens", "Ansvarig", "Triple Aim"], rows,
        "Indikatorer", [0.6, 3, 2.6, 1.4, 2, 2.2]))
    out.append(Heading("Uppföljningskalender", 2))
    out.append(_table_or_note(
        "Kalendern är tom ännu.", ["Datum", "Vad", "Nivå", "Forum"],
        [[show_date(c.get("date")), c.get("what") or "",
          guide.levels.get(str(c.get("level") or ""), ""), c.get("forum") or ""]
         for _, c in plan.calendar()], "Uppföljningskalender", [1.6, 4.5, 1.3, 2.6]))
    return out


def _milestone_when(plan: Plan, milestone: dict) -> str:
    """The milestone's date, else "månad 4 från start" (with the date when a start is set)."""
    own = show_date(milestone.get("date"))
    if own:
        return own
    month = plan.milestone_month(milestone)
    if month is None:
        return ""
    when = plan.milestone_date(milestone)
    text = f"månad {format_number(month)} från start"
    return f"{text} ({format_date(when)})" if when else text


def _implementation(plan: Plan, county: County) -> list[Block]:
    out: list[Block] = [_step(plan, "implementation"),
                        Heading("Roller, tidsandelar och kostnad", 2)]
    costs = cost_summary(plan)
    if costs.roles or costs.fixed:
        header, rows = cost_table(plan, county, EXPORT_COST_COLUMNS)
        out.append(Table(header, rows, "Roller och kostnad", EXPORT_COST_WIDTHS))
        rate = plan.cost_per_fte_month
        if rate is not None or not costs.roles:
            how = (f"Rollernas kostnad är beräknad som personer × tidsandel × månader × "
                   f"{format_number(rate)} kr per heltid och månad; " if rate is not None
                   else "")
            out.append(Para(
                f"{how}heltidsekvivalenter är personer × tidsandel och årsarbetare under "
                f"perioden heltidsekvivalenter × månader / 12. {parts_sentence(plan, costs)}"))
        else:
            out.append(Para("Kostnad per heltid och månad är inte angiven, så rollernas kostnad "
                            "kan inte beräknas ännu.", "note"))
    else:
        out.append(Para("Inga roller eller fasta kostnader är beskrivna ännu.", "note"))
    out.append(Heading("Etappmål", 2))
    out.append(_table_or_note(
        "Inga etappmål är satta ännu.", ["Etappmål", "Datum", "Klart"],
        [[m.get("title") or "", _milestone_when(plan, m), _yes(bool(m.get("done")))]
         for _, m in plan.milestones()], "Etappmål", [5, 2, 1]))
    out.append(Figure("timeline", "Etappmål och uppföljningsmöten på en tidslinje.",
                      "Tidslinje med planens etappmål och uppföljningsmöten.",
                      text="Tidslinjen finns som bild i DOCX- och HTML-versionen av planen."))
    return out


def _priorities(plan: Plan) -> list[Block]:
    guide = plan.guide
    out: list[Block] = [
        _step(plan, "priorities"),
        Para("Färgerna anger vilka invånare en insats främst är till för, med den indelning i "
             "grönt, gult och rött som Ekholm och Caesar (2024) föreslår. Arbetet börjar med dem "
             "som har störst behov; på sikt handlar det om att förhindra att gula blir röda."),
        Table(["Färg", "Vilka invånare", "Vad det betyder för planen"],
              [list(guide.priorities[k]) for k in guide.priority_order], "Färgernas betydelse",
              [1, 3, 4])]
    initiatives = plan.initiatives().values()
    rows = [[guide.priorities[k][0], join_swedish(names)] for k in guide.priority_order
            if (names := [plan.initiative_title(i) for i in initiatives
                          if i.get("priority") == k])]
    unmarked = [plan.initiative_title(i) for i in initiatives
                if i.get("priority") not in guide.priorities]
    if unmarked:
        rows.append(["Ingen färg ännu", join_swedish(unmarked)])
    if rows:
        out.append(Table(["Färg", "Insatser"], rows, "Insatser efter färg", [1.4, 6]))
    return out


def _progress(plan: Plan, forum_map: list[dict], today: dt.date) -> list[Block]:
    rows = progress_rows(completeness(plan, forum_map, today))
    return [Heading("Så långt har planen kommit"),
            Table(PROGRESS_COLUMNS, [r.cells() for r in rows], "Läget per steg",
                  [2.2, 1, 1.2, 6]),
            Figure("completeness", "Andel ifyllt per steg.",
                   "Stapeldiagram med hur stor andel av varje steg som är ifylld.")]


def plan_document(plan: Plan, county: County, workshop: str,
                  forum_map: list[dict] | None = None, today: dt.date | None = None) -> Document:
    """The plan as a document: cover, contents, one section per step, priorities, progress."""
    today = today or dt.date.today()
    forum_map = forum_map or []
    sections = [_goals(plan, today), _mapping(plan, county), _action(plan, county),
                _support(plan, forum_map), _followup(plan), _implementation(plan, county),
                _priorities(plan), _progress(plan, forum_map, today)]
    blocks: list[Block] = [Toc()]
    for section in sections:
        blocks += [PageBreak(), *section]
    cover = title_page(plan, county, workshop, today)
    title = str(plan.frame.get("title") or f"Gemensam plan för primärvården i {county.name}")
    return Document(title, blocks, cover, subject=f"Gemensam plan för primärvården – "
                                                  f"{county.name}",
                    author=county.region, footer=title)


# --- charts for the exports ----------------------------------------------------------------------

def plan_chart(plan: Plan, forum_map: list[dict] | None, kind: str, today: dt.date):
    """The altair chart behind a figure of the export: "timeline" or "completeness"."""
    from naravard.plan.charts import completeness_chart, timeline_chart

    if kind == "timeline":
        return timeline_chart(plan)
    if kind == "completeness":
        return completeness_chart(completeness(plan, forum_map, today))
    raise ValueError(f"Okänd figur {kind!r}")


# --- one entry point for the worksheet and the command line -------------------------------------

def export_plan(doc: dict, county: County, workshop: str, fmt: str,
                forum_doc: dict | None = None,
                today: dt.date | None = None) -> tuple[bytes, str, str]:
    """The saved plan as ``(content, filename, mime type)`` in the format docx, md or html."""
    if fmt not in FORMATS:
        raise ValueError(f"Okänt format ”{fmt}”. Välj docx, md eller html.")
    today = today or dt.date.today()
    plan = county_plan(doc, county)
    forum_map = forum_map_records(forum_doc)
    document = plan_document(plan, county, workshop, forum_map, today)
    mime, suffix = FORMATS[fmt]
    filename = f"gemensam-plan-{workshop}.{suffix}"
    if fmt == "docx":
        from naravard.core.charts import to_png
        from naravard.documents.docx import to_docx

        content = to_docx(document, lambda k: to_png(plan_chart(plan, forum_map, k, today)))
        return content, filename, mime
    if fmt == "md":
        from naravard.documents.markdown import to_markdown

        return to_markdown(document).encode("utf-8"), filename, mime
    from naravard.core.charts import to_svg
    from naravard.documents.html import to_html

    content = to_html(document, lambda k: to_svg(plan_chart(plan, forum_map, k, today)))
    return content.encode("utf-8"), filename, mime
