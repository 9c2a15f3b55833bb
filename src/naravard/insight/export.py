"""Exports of the 360-degree insight study: interview guide and report, as DOCX and HTML.

Both documents are first described as a list of blocks (headings, paragraphs, lists, tables,
figures, quotes) and then written to Word (python-docx, charts as PNG) or to one self-contained
HTML page (charts as inline SVG, a print style sheet). Charts are rendered in-process by
vl-convert, with no network. ``naravard export insight`` writes the same files from the command
line.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from naravard.core.county import County
from naravard.insight.study import (DOC, VERDICTS, ZONE_ADVICE, Guide, Study, coverage, gap_sentence,
                      positions_frame, question_phrase, quotes_by_theme, representative_quotes,
                      scale_spread, widest_gaps, zone_of)
from naravard.core.text import escape, format_date, format_number, join_swedish, table_html

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML_MIME = "text/html"
QUOTES_PER_THEME = 5


# --- blocks ----------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    style: str = ""  # "", "note", "lead", "meta"


@dataclass
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Figure:
    kind: str
    alt: str
    caption: str


@dataclass
class QuoteBlock:
    text: str
    source: str


@dataclass
class Question:
    """A question of the interview guide with room for notes."""

    number: str
    text: str
    parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Lines:
    """Fill-in lines for the interviewer (label: ____)."""

    labels: list[str]


Block = Union[Heading, Para, Bullets, Table, Figure, QuoteBlock, Question, Lines]


@dataclass
class Document:
    title: str
    subtitle: str
    blocks: list[Block]


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
        text = q.text.replace("{fraga}", phrase)
        parts = [(chr(ord("A") + j), p.text.replace("{fraga}", phrase))
                 for j, p in enumerate(q.parts)]
        blocks.append(Question(str(i), text, parts))
    blocks += [Heading("Avslutning", 2), Para(guide.texts.closing)]
    subtitle = f"{county.name} · {format_date(dt.date.today())}"
    return Document(f"{guide.texts.title}: {study.title or 'fråga X'}", subtitle, blocks)


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
    blocks.append(Figure("stacey", "Stacey-matrisen med frågan placerad efter enighet och "
                                   "säkerhet om orsak och verkan.",
                         "Frågan i Stacey-matrisen."))

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
    blocks.append(Figure("coverage", "Rutnät med perspektiv som rader och huvudmän som "
                                     "kolumner; varje ruta visar antal intervjuade.",
                         "Vilka perspektiv och huvudmän intervjuerna täcker."))
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
        blocks.append(Figure("spread_perspective", "Punktdiagram per skala där varje rad är ett "
                                                   "perspektiv och punkterna visar var de "
                                                   "intervjuade står mellan motpolerna.",
                             "Spännvidden per perspektiv."))
        blocks.append(Figure("spread_principal", "Punktdiagram per skala där varje rad är en "
                                                 "huvudman och punkterna visar var de "
                                                 "intervjuade står mellan motpolerna.",
                             "Spännvidden per huvudman."))
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
                blocks.append(QuoteBlock(qt.text, f"{qt.pseudonym}, {qt.role.lower()}, "
                                                  f"{qt.principal} – {qt.question}"))

    blocks.append(Heading("Åtgärder för att minska spännvidden"))
    if study.actions:
        names = {s.id: study.scale_name(s) for s in study.scales}
        blocks.append(Table(["Åtgärd", "Ägare", "Skala", "Klart senast"],
                            [[a.text, a.owner, names.get(a.scale, ""), date_text(a.due)]
                             for a in study.actions], "Åtgärder med ägare."))
    else:
        blocks.append(Para("Inga åtgärder är beslutade ännu.", "note"))
    subtitle = (f"{county.name} · workshop ”{workshop}” · exporterad {format_date(today)}")
    return Document(f"Insiktsinsamling i 360 grader: {study.title or 'fråga X'}", subtitle,
                    blocks)


def date_text(value: str) -> str:
    """An ISO date as Swedish text ("15 juni 2026"); other text is returned as it is."""
    try:
        return format_date(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return value or ""


# --- charts ----------------------------------------------------------------------------------


def report_chart(kind: str, study: Study, guide: Guide, county: County):
    """The altair chart behind a report figure."""
    import pandas as pd

    from naravard.insight.charts import coverage_chart, spread_chart
    from naravard.insight.charts import stacey_matrix

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


# --- HTML ------------------------------------------------------------------------------------

_HTML_CSS = """
body { font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: #1d2733;
       max-width: 52rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; } h2 { margin-top: 2rem; color: #1d4e5f; }
h3 { margin-top: 1.4rem; color: #1d4e5f; }
.meta, .subtitle { color: #3a4a5c; } .lead { font-size: 1.15rem; font-weight: 600; }
.note { background: #fff6e5; border-left: 4px solid #d07a1b; padding: 0.4rem 0.8rem; }
table { border-collapse: collapse; margin: 0.8rem 0; width: 100%; }
th, td { border: 1px solid #c9d3de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; } caption { text-align: left; color: #3a4a5c; padding: 0.3rem 0; }
blockquote { margin: 0.6rem 0 0.6rem 0; padding: 0.3rem 0.9rem; border-left: 4px solid #a3336d;
             background: #faf3f7; } blockquote footer { color: #3a4a5c; font-size: 0.9rem; }
figure { margin: 1rem 0; } figure img { max-width: 100%; } figcaption { color: #3a4a5c; }
.question { margin: 1rem 0 0; font-weight: 600; } .notes { border-bottom: 1px solid #9aa5b1;
       height: 5.5rem; margin: 0.3rem 0 1rem; }
.lines div { border-bottom: 1px solid #9aa5b1; padding: 0.8rem 0 0.1rem; }
.toolbar { margin: 1rem 0; } .toolbar button { font-size: 1rem; padding: 0.4rem 1rem; }
@media print { body { margin: 0; max-width: none; } .toolbar { display: none; }
  h2, h3 { page-break-after: avoid; } figure, blockquote, tr { page-break-inside: avoid; } }
"""


def blocks_html(blocks: list[Block], render_svg: Callable[[str], str] | None = None) -> str:
    """The blocks as escaped HTML (figures only when ``render_svg`` is given)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Para):
            cls = f' class="{block.style}"' if block.style else ""
            parts.append(f"<p{cls}>{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            parts.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items)
                         + f"</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_html(block.header, block.rows, caption=block.caption))
        elif isinstance(block, Figure) and render_svg is not None:
            data = base64.b64encode(render_svg(block.kind).encode("utf-8")).decode("ascii")
            parts.append(f'<figure><img alt="{escape(block.alt)}" '
                         f'src="data:image/svg+xml;base64,{data}"><figcaption>'
                         f"{escape(block.caption)}</figcaption></figure>")
        elif isinstance(block, QuoteBlock):
            parts.append(f"<blockquote><p>”{escape(block.text)}”</p><footer>"
                         f"{escape(block.source)}</footer></blockquote>")
        elif isinstance(block, Question):
            parts.append(f'<p class="question">{escape(block.number)}. {escape(block.text)}</p>')
            if block.parts:
                for letter, text in block.parts:
                    parts.append(f'<p class="question">{escape(letter)}. {escape(text)}</p>'
                                 '<div class="notes"></div>')
            else:
                parts.append('<div class="notes"></div>')
        elif isinstance(block, Lines):
            parts.append('<div class="lines">' + "".join(f"<div>{escape(label)}:</div>"
                                                         for label in block.labels) + "</div>")
    return "\n".join(parts)


def to_html(doc: Document, render_svg: Callable[[str], str] | None = None,
            print_button: bool = False) -> str:
    """One self-contained HTML page (no external files; charts as inline SVG images)."""
    parts = ["<!DOCTYPE html>", '<html lang="sv"><head><meta charset="utf-8">',
             f"<title>{escape(doc.title)}</title><style>{_HTML_CSS}</style></head><body>"]
    if print_button:
        parts.append('<div class="toolbar"><button type="button" onclick="window.print()">'
                     "Skriv ut</button></div>")
    parts.append(f"<header><h1>{escape(doc.title)}</h1>"
                 f'<p class="subtitle">{escape(doc.subtitle)}</p></header><main>')
    parts.append(blocks_html(doc.blocks, render_svg))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


# --- DOCX ------------------------------------------------------------------------------------


def _swedish(document) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13)):
        styles[name].font.name = "Calibri"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor(0x1D, 0x4E, 0x5F)
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)


def to_docx(doc: Document, render_png: Callable[[str], bytes] | None = None) -> bytes:
    """A Word document of the blocks (charts as PNG images rendered offline)."""
    from docx import Document as WordDocument
    from docx.shared import Cm, Pt, RGBColor

    document = WordDocument()
    _swedish(document)
    document.core_properties.title = doc.title
    document.core_properties.language = "sv-SE"
    document.add_heading(doc.title, level=0)
    sub = document.add_paragraph(doc.subtitle)
    sub.runs[0].font.color.rgb = RGBColor(0x3A, 0x4A, 0x5C)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            p = document.add_paragraph()
            run = p.add_run(block.text)
            if block.style == "lead":
                run.bold = True
                run.font.size = Pt(13)
            elif block.style in ("note", "meta"):
                run.italic = True
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                document.add_paragraph(item, style=style)
        elif isinstance(block, Table):
            if block.caption:
                cap = document.add_paragraph()
                cap.add_run(block.caption).italic = True
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row):
                    cell.text = str(text)
        elif isinstance(block, Figure) and render_png is not None:
            document.add_picture(io.BytesIO(render_png(block.kind)), width=Cm(16))
            cap = document.add_paragraph()
            cap.add_run(block.caption).italic = True
        elif isinstance(block, QuoteBlock):
            p = document.add_paragraph(style="Quote")
            p.add_run(f"”{block.text}”")
            src = document.add_paragraph()
            src.paragraph_format.left_indent = Cm(1)
            src_run = src.add_run(block.source)
            src_run.font.size = Pt(9)
            src_run.font.color.rgb = RGBColor(0x3A, 0x4A, 0x5C)
        elif isinstance(block, Question):
            p = document.add_paragraph()
            p.add_run(f"{block.number}. {block.text}").bold = True
            items = block.parts or [("", "")]
            for letter, text in items:
                if letter:
                    sp = document.add_paragraph()
                    sp.paragraph_format.left_indent = Cm(0.6)
                    sp.add_run(f"{letter}. {text}").bold = True
                for _ in range(4):
                    line = document.add_paragraph("_" * 80)
                    line.runs[0].font.color.rgb = RGBColor(0xB0, 0xB8, 0xC2)
        elif isinstance(block, Lines):
            for label in block.labels:
                document.add_paragraph(f"{label}: " + "_" * 50)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- one call per file ----------------------------------------------------------------------

DOCUMENTS = {"rapport": ("docx", "html"), "intervjuguide": ("docx", "html")}


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


# --- command line ----------------------------------------------------------------------------


def cmd_export_insight(args: argparse.Namespace) -> int:
    from naravard.core.examples import no_example_note, saved_or_example
    from naravard.insight.example import EXAMPLE_FILE, example_doc
    from naravard.core.county import current_county
    from naravard.insight.study import current_guide
    from naravard.core.store import StoreError, open_workspace

    fmt = args.format or "docx"
    if fmt not in DOCUMENTS[args.dokument]:
        print(f"Formatet ”{fmt}” finns inte för {args.dokument}. Välj docx eller html.",
              file=sys.stderr)
        return 2
    try:
        ws = open_workspace(args.workshop)
        doc, from_example = saved_or_example(ws, DOC, example_doc)
    except (ValueError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if not doc:
        print(f"Workshoppen ”{ws.workshop}” har ingen sparad insiktsstudie. "
              + no_example_note(ws.workshop, EXAMPLE_FILE, "exempelstudie")
              + "Öppna arbetsbladet insight_360 med "
              f"?workshop={ws.workshop} och fyll i det först.", file=sys.stderr)
        return 1
    if from_example:
        print("Workshoppen ”exempel” har ingen egen studie sparad; exporterar exempelstudien "
              "från data/insight_example.yml.", file=sys.stderr)
    content, filename, _mime = export_insight(Study.from_doc(doc), current_guide(),
                                              current_county(), ws.workshop, args.dokument, fmt)
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
    what = "Rapporten" if args.dokument == "rapport" else "Intervjuguiden"
    print(f"{what} är sparad i {out}.")
    return 0


def add_export_parser(subparsers) -> None:
    """`naravard export insight [--dokument rapport|intervjuguide] --format docx|html …`."""
    p = subparsers.add_parser("insight", help="insiktsinsamlingen i 360 grader: rapport eller "
                                              "intervjuguide")
    p.add_argument("--dokument", choices=list(DOCUMENTS), default="rapport",
                   help="rapport (standard) eller intervjuguide")
    p.add_argument("--format", choices=["docx", "html"], default=None,
                   help="docx (standard) eller html")
    p.add_argument("--workshop", default="exempel", help="workshoppens namn (standard: exempel)")
    p.add_argument("--out", help="fil eller mapp att spara i (standard: aktuell mapp)")
    p.set_defaults(func=cmd_export_insight)
