"""Exports of the 360-degree insight study: the interview guide and the report, as Word and HTML.

This module says what each document holds, as blocks of :mod:`naravard.documents`; the shared
renderers write them to Word (on the county's template, charts as PNG) or to one self-contained
HTML page (charts as inline SVG, a print style sheet). Charts are rendered in-process by
vl-convert, with no network. ``naravard export insight`` (:mod:`naravard.app.export`) writes the
same files from the command line.
"""

from __future__ import annotations

import datetime as dt

from naravard.core.county import County
from naravard.core.text import date_text, format_date, format_number, join_swedish
from naravard.documents.blocks import (Block, Bullets, Document, Figure, Heading, Lines,
                                       NoteSpace, Para, Quote, Table, TitlePage)
from naravard.documents.docx import DOCX_MIME, to_docx
from naravard.documents.html import to_html
from naravard.insight.analysis import (VERDICTS, ZONE_ADVICE, coverage, gap_sentence,
                                       positions_frame, quotes_by_theme, representative_quotes,
                                       scale_spread, widest_gaps, zone_of)
from naravard.insight.guide import Guide
from naravard.insight.study import Study, question_phrase

HTML_MIME = "text/html"
QUOTES_PER_THEME = 5
#: The documents of the study and the formats each can be exported in.
DOCUMENTS = {"rapport": ("docx", "html"), "intervjuguide": ("docx", "html")}
FORMATS = ("docx", "html")


# --- the interview guide -----------------------------------------------------------------------


def guide_document(guide: Guide, study: Study, county: County) -> Document:
    """The interview guide for the study's question, from the wording in data/."""
    phrase = question_phrase(study.title)
    blocks: list[Block] = []
    if study.title:
        blocks.append(Para(f"Fråga X: {study.title}", "lead"))
    if study.question.get("description"):
        blocks.append(Para(study.question["description"]))
    blocks += [Heading("Till dig som intervjuar", 2), Para(guide.texts.to_interviewer, "note"),
               Lines(["Pseudonym", "Roll", "Huvudman", "Perspektiv", "Datum"]),
               Heading("Inledning", 2), Para(guide.texts.opening),
               Heading("Frågor", 2)]
    for i, q in enumerate(guide.questions, start=1):
        blocks.append(Para(f"{i}. " + q.text.replace("{fraga}", phrase), "question"))
        if not q.parts:
            blocks.append(NoteSpace())
        for j, part in enumerate(q.parts):
            letter = chr(ord("A") + j)
            blocks += [Para(f"{letter}. " + part.text.replace("{fraga}", phrase), "subquestion"),
                       NoteSpace()]
    blocks += [Heading("Avslutning", 2), Para(guide.texts.closing)]
    return Document(f"{guide.texts.title}: {study.title or 'fråga X'}", blocks,
                    TitlePage(f"{county.name} · {format_date(dt.date.today())}"))


# --- the report ------------------------------------------------------------------------------


def report_document(study: Study, guide: Guide, county: County, workshop: str,
                    today: dt.date | None = None) -> Document:
    """The synthesis to bring to the leadership meeting, in reading order."""
    today = today or dt.date.today()
    blocks: list[Block] = []
    q = study.question
    if county.fictional:
        blocks.append(Para(f"{county.name} är ett påhittat län; studien är ett exempel.", "note"))
    blocks.append(Heading("Frågan"))
    blocks.append(Para(f"Fråga X: {study.title or 'ingen rubrik ännu'}", "lead"))
    for label, key in (("Beskrivning", "description"), ("Varför nu", "why_now"),
                       ("Vems fråga", "owner")):
        if (q.get(key) or "").strip():
            blocks.append(Para(f"{label}: {q[key].strip()}"))

    blocks.append(Heading("Hör frågan hemma i systemledningen?"))
    checks = (study.relevance.get("checks") or {}) if isinstance(study.relevance, dict) else {}
    verdict = study.relevance.get("verdict") or ""
    blocks.append(Para(f"Bedömning: {VERDICTS.get(verdict, 'inte gjord ännu')}."))
    ticked = [i.text for i in guide.relevance if checks.get(i.code)]
    if ticked:
        blocks.append(Bullets(ticked))
    if (study.relevance.get("reasoning") or "").strip():
        blocks.append(Para(f"Motivering: {study.relevance['reasoning'].strip()}"))

    zone = zone_of(study.classification)
    blocks.append(Heading("Vad slags fråga är det?"))
    blocks.append(Para(f"Frågan placeras som {zone}: {ZONE_ADVICE[zone]}"))
    blocks.append(Figure("stacey", caption="Frågan i Stacey-matrisen.",
                         alt="Stacey-matrisen med frågan placerad efter enighet och säkerhet "
                             "om orsak och verkan."))

    cov = coverage(study, guide, county)
    done = study.interviewed()
    blocks.append(Heading("Vilka har intervjuats?"))
    blocks.append(Para(f"{len(done)} intervjuade av {len(study.respondents)} planerade."))
    missing = []
    if cov.uncovered_perspectives:
        missing.append("perspektiv som ingen täcker: "
                       + join_swedish(cov.uncovered_perspectives))
    if cov.planned_only_perspectives:
        missing.append("perspektiv som är planerade men inte intervjuade: "
                       + join_swedish(cov.planned_only_perspectives))
    if cov.uncovered_principals:
        missing.append("huvudmän som ingen täcker: " + join_swedish(cov.uncovered_principals))
    if missing:
        blocks.append(Para("Luckor: " + "; ".join(missing) + ".", "note"))
    blocks.append(Figure("coverage", caption="Vilka perspektiv och huvudmän intervjuerna täcker.",
                         alt="Rutnät med perspektiv som rader och huvudmän som kolumner; varje "
                             "ruta visar antal intervjuade."))
    blocks.append(Table(["Pseudonym", "Roll", "Huvudman", "Perspektiv", "Status"],
                        [[r.pseudonym, r.role, guide.principal_name(r.principal, county),
                          guide.perspective_name(r.perspective),
                          "intervjuad" if r.interviewed else "planerad"]
                         for r in study.respondents], "De intervjuade, med pseudonym och roll."))

    frame = positions_frame(study, guide, county)
    blocks.append(Heading("Spännvidden i synsätten"))
    if frame.empty:
        blocks.append(Para("Ingen är placerad på någon skala ännu.", "note"))
    else:
        rows = []
        for r in scale_spread(frame).itertuples(index=False):
            rows.append([r.scale_name, str(int(r.n)), f"{int(r.min)}–{int(r.max)}",
                         format_number(r.mean, 1), format_number(r.std, 1)])
        blocks.append(Table(["Skala", "Placerade", "Från–till", "Medelvärde", "Spridning (sd)"],
                            rows, "Hur långt isär de intervjuade står på varje skala (0–10)."))
        blocks.append(Figure("spread_perspective", caption="Spännvidden per perspektiv.",
                             alt="Punktdiagram per skala där varje rad är ett perspektiv och "
                                 "punkterna visar var de intervjuade står mellan motpolerna."))
        blocks.append(Figure("spread_principal", caption="Spännvidden per huvudman.",
                             alt="Punktdiagram per skala där varje rad är en huvudman och "
                                 "punkterna visar var de intervjuade står mellan motpolerna."))
        gaps = widest_gaps(frame, top=5)
        if gaps:
            blocks.append(Heading("Där skillnaderna är störst", 2))
            blocks.append(Bullets([gap_sentence(g) for g in gaps]))

    quotes = quotes_by_theme(study, guide, county)
    if study.themes:
        blocks.append(Heading("Teman och citat"))
        for theme in study.themes:
            chosen = representative_quotes(quotes.get(theme.id, []), QUOTES_PER_THEME)
            total = len(quotes.get(theme.id, []))
            blocks.append(Heading(theme.name, 2))
            blocks.append(Para(f"{total} svar är märkta med temat."
                               + (f" Ett urval av {len(chosen)}:" if chosen and total > len(chosen)
                                  else ""), "meta"))
            for qt in chosen:
                blocks.append(Quote(qt.text, f"{qt.pseudonym}, {qt.role.lower()}, "
                                                  f"{qt.principal} – {qt.question}"))

    blocks.append(Heading("Åtgärder för att minska spännvidden"))
    if study.actions:
        names = {s.id: study.scale_name(s) for s in study.scales}
        blocks.append(Table(["Åtgärd", "Ägare", "Skala", "Klart senast"],
                            [[a.text, a.owner, names.get(a.scale, ""), date_text(a.due)]
                             for a in study.actions], "Åtgärder med ägare."))
    else:
        blocks.append(Para("Inga åtgärder är beslutade ännu.", "note"))
    subtitle = f"{county.name} · workshop ”{workshop}” · exporterad {format_date(today)}"
    return Document(f"Insiktsinsamling i 360 grader: {study.title or 'fråga X'}", blocks,
                    TitlePage(subtitle))


# --- charts ----------------------------------------------------------------------------------


def report_chart(kind: str, study: Study, guide: Guide, county: County):
    """The altair chart behind a report figure."""
    import pandas as pd

    from naravard.insight.charts import coverage_chart, spread_chart, stacey_matrix

    if kind == "stacey":
        c = study.classification
        point = pd.DataFrame([{"label": study.title or "Fråga X",
                               "agreement": float(c.get("agreement", 0.5)),
                               "certainty": float(c.get("certainty", 0.5))}])
        return stacey_matrix(points=point)
    if kind == "coverage":
        return coverage_chart(coverage(study, guide, county))
    frame = positions_frame(study, guide, county)
    if kind == "spread_perspective":
        return spread_chart(frame, "perspective", [p.name for p in guide.perspectives])
    if kind == "spread_principal":
        return spread_chart(frame, "principal", [guide.principal_name(c, county)
                                                 for c in guide.principal_codes(county)])
    raise ValueError(f"Okänd figur {kind!r}")


# --- one call per file ----------------------------------------------------------------------


def export_insight(study: Study, guide: Guide, county: County, workshop: str, document: str,
                   fmt: str, today: dt.date | None = None) -> tuple[bytes, str, str]:
    """``(content, filename, mime)`` of the report or the interview guide as DOCX or HTML."""
    if document not in DOCUMENTS:
        raise ValueError(f"Okänt dokument ”{document}”. Välj rapport eller intervjuguide.")
    if fmt not in DOCUMENTS[document]:
        raise ValueError(f"Formatet ”{fmt}” finns inte för {document}. Välj docx eller html.")
    if document == "intervjuguide":
        content = guide_document(guide, study, county)
        name = f"intervjuguide-{workshop}.{fmt}"
        if fmt == "docx":
            return to_docx(content), name, DOCX_MIME
        return to_html(content, print_button=True).encode("utf-8"), name, HTML_MIME
    content = report_document(study, guide, county, workshop, today)
    name = f"insikt-360-{workshop}.{fmt}"
    if fmt == "docx":
        from naravard.core.charts import to_png

        return (to_docx(content, lambda k: to_png(report_chart(k, study, guide, county))),
                name, DOCX_MIME)
    from naravard.core.charts import to_svg

    return (to_html(content, lambda k: to_svg(report_chart(k, study, guide, county)),
                    print_button=True).encode("utf-8"), name, HTML_MIME)
