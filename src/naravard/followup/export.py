"""The follow-up report (DOCX, HTML): factor profile, disagreements, change since the last
round, the run charts with what they say, the learning meeting's notes and the actions.

The blocks come from :mod:`naravard.documents`; charts are rendered in-process by vl-convert
(PNG in Word, inline SVG in HTML), with no network. ``naravard export uppfoljning`` writes the
same files from the command line.
"""

from __future__ import annotations

import datetime as dt

from naravard.core.county import County
from naravard.core.text import date_text, format_date, format_number
from naravard.documents.blocks import (Block, Bullets, Document, Figure, Heading, Para, Table,
                                       TitlePage)
from naravard.documents.docx import DOCX_MIME, to_docx
from naravard.documents.html import to_html
from naravard.followup.guide import FollowupGuide
from naravard.followup.meeting import FollowupView, compute
from naravard.followup.ratings import change_sentence, disagreement_sentence

HTML_MIME = "text/html"
FORMATS = ("docx", "html")


def _num(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


def report_document(view: FollowupView, county: County, workshop: str,
                    today: dt.date | None = None) -> Document:
    """The report of the chosen round and every indicator series, in reading order."""
    today = today or dt.date.today()
    guide = view.guide
    rnd = view.round
    blocks: list[Block] = []
    if county.fictional:
        blocks.append(Para(f"{county.name} är ett påhittat län; uppföljningen är ett exempel.",
                           "note"))
    blocks.append(Heading("Självskattningen"))
    if rnd is None:
        blocks.append(Para("Ingen omgång av självskattningen är gjord ännu.", "note"))
    else:
        blocks.append(Para(f"Omgång: {rnd.title}"
                           + (f", {date_text(rnd.date)}" if rnd.date else "")
                           + f". {len(rnd.participants)} deltagare har skattat de "
                           f"{len(guide.factors)} framgångsfaktorerna på skalan "
                           f"{guide.low}–{guide.high}.", "lead"))
        blocks.append(Figure("profile", caption="Faktorprofilen: deltagarnas skattningar, "
                                                "medelvärdet och den gemensamma skattningen.",
                             alt="Punktdiagram med en rad per framgångsfaktor och skattningarna "
                                 "som cirklar på skalan."))
        blocks.append(Table(
            ["Faktor", "Deltagare", "Från–till", "Medel", "Gemensam"],
            [[s.name, str(s.n), f"{s.low}–{s.high}" if s.n else "–", _num(s.mean),
              str(rnd.joint_score(s.code) or "–")] for s in view.spreads],
            "Skattningarna per framgångsfaktor."))
        blocks.append(Heading("Där ni ser olika", 2))
        if view.disagreements:
            blocks.append(Bullets([disagreement_sentence(s) for s in view.disagreements]))
        else:
            blocks.append(Para("Deltagarna skattar faktorerna lika.", "note"))
        blocks.append(Figure("principal", caption="Medelskattning per huvudman.",
                             alt="Rutnät med faktorer som rader och huvudmän som kolumner; "
                                 "varje ruta visar medelskattningen."))
        previous = view.followup.previous(rnd.id)
        blocks.append(Heading("Förändring sedan förra omgången", 2))
        if previous is None:
            blocks.append(Para("Det här är den första omgången.", "note"))
        else:
            moved = view.moved_factors
            blocks.append(Para(f"Jämfört med {previous.title}: "
                               + (f"{len(moved)} faktorer har rört sig minst ett halvt steg."
                                  if moved else "ingen faktor har rört sig ett halvt steg.")))
            if moved:
                blocks.append(Bullets([change_sentence(c) for c in moved]))
            blocks.append(Figure("change", caption=f"Medelskattning i {previous.title} och "
                                                   f"{rnd.title}.",
                                 alt="Pilar per faktor från förra omgångens medelvärde till "
                                     "den här omgångens."))
            blocks.append(Table(["Faktor", previous.title, rnd.title, "Gemensam före",
                                 "Gemensam nu"],
                                [[c.name, _num(c.before), _num(c.after),
                                  str(c.joint_before or "–"), str(c.joint_after or "–")]
                                 for c in view.changes], "Medelskattning per omgång."))
        comments = [f"{guide.factor_name(code)}: {j.get('comment')}"
                    for code, j in rnd.joint.items() if (j.get("comment") or "").strip()]
        if comments:
            blocks.append(Heading("Gemensamma kommentarer", 2))
            blocks.append(Bullets(comments))
    blocks.append(Heading("Indikatorerna över tid"))
    if not view.series:
        blocks.append(Para("Inga värden är inlagda ännu.", "note"))
    blocks.append(Para("Körningsdiagrammen läses med reglerna för icke-slumpmässig variation "
                       "(Perla, Provost och Murray 2011): en svit på minst sex värden på samma "
                       "sida om medianen, för få korsningar av medianen, en trend på minst fem "
                       "värden och ett värde långt från de andra. Med minst 20 värden visas "
                       "också styrgränser.", "meta"))
    for i, s in enumerate(view.series):
        ind = s.indicator
        blocks.append(Heading(f"{ind.name} – {s.unit}", 2))
        facts = [f"{len(s.values)} värden"]
        if s.run.median is not None:
            facts.append(f"median {s.fmt(s.run.median)}")
        if ind.target is not None:
            facts.append(f"mål {s.fmt(ind.target)}")
        facts.append("lägre är bättre" if not ind.higher_is_better else "högre är bättre")
        blocks.append(Para(", ".join(facts).capitalize() + "."
                           + (f" Källa: {ind.source}." if ind.source else ""), "meta"))
        blocks.append(Figure(f"series:{i}", caption=f"{ind.name}, {s.unit}.",
                             alt=f"Körningsdiagram för {ind.name} i {s.unit} med median"
                                 + (" och mål." if ind.target is not None else ".")))
        blocks.append(Bullets(s.sentences()))
    if rnd is not None:
        blocks.append(Heading("Lärmötet"))
        blocks.append(Para(rnd.notes or "Inga anteckningar från lärmötet ännu.",
                           "" if rnd.notes else "note"))
        blocks.append(Heading("Åtgärder"))
        if rnd.actions:
            blocks.append(Table(["Åtgärd", "Faktor", "Ansvarig", "Klart senast", "I planen"],
                                [[a.text, guide.factor_name(a.factor) if a.factor else "",
                                  a.owner, date_text(a.due), "ja" if a.plan_id else "nej"]
                                 for a in rnd.actions], "Åtgärder som gruppen kommit överens om."))
        else:
            blocks.append(Para("Inga åtgärder är beslutade ännu.", "note"))
    title = "Uppföljning av omställningen" + (f": {rnd.title}" if rnd else "")
    subtitle = f"{county.name} · workshop ”{workshop}” · exporterad {format_date(today)}"
    return Document(title, blocks, TitlePage(subtitle))


def report_chart(key: str, view: FollowupView, county: County):
    """The altair chart behind a report figure."""
    from naravard.followup.charts import change_chart, principal_chart, profile_chart, run_chart

    rnd = view.round
    if key.startswith("series:"):
        return run_chart(view.series[int(key.split(":", 1)[1])], title="")
    if rnd is None:
        raise ValueError(f"Okänd figur {key!r}")
    if key == "profile":
        return profile_chart(rnd, view.guide)
    if key == "principal":
        return principal_chart(rnd, view.guide, county.principals())
    if key == "change":
        previous = view.followup.previous(rnd.id)
        return change_chart(view.changes, previous.title if previous else "", rnd.title,
                            view.guide)
    raise ValueError(f"Okänd figur {key!r}")


def export_followup(doc: dict, guide: FollowupGuide, county: County, workshop: str, fmt: str,
                    round_id: str | None = None,
                    today: dt.date | None = None) -> tuple[bytes, str, str]:
    """``(content, filename, mime)`` of the follow-up report as DOCX or HTML."""
    if fmt not in FORMATS:
        raise ValueError(f"Formatet ”{fmt}” finns inte för uppföljningen. Välj docx eller html.")
    view = compute(doc, guide, round_id)
    content = report_document(view, county, workshop, today)
    name = f"uppfoljning-{workshop}.{fmt}"
    if fmt == "docx":
        from naravard.core.charts import to_png

        return to_docx(content, lambda k: to_png(report_chart(k, view, county))), name, DOCX_MIME
    from naravard.core.charts import to_svg

    return (to_html(content, lambda k: to_svg(report_chart(k, view, county)),
                    print_button=True).encode("utf-8"), name, HTML_MIME)
