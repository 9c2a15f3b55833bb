"""Step 4: securing support – which forums decide, support and take escalated questions."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import set_path
from naravard.core.text import escape, join_swedish
from naravard.plan.forums_link import unknown_map_forums
from naravard.plan.model import Plan
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import (SHORT, SOURCE_SKR, PageContext, card, help_html, record_row,
                                      source_html)
from naravard.ui.records import autosaved_flag, checks, max_length

EXAMPLES = (
    '<details class="plan-examples"><summary>Exempel från källorna</summary>'
    "<p><strong>Skellefteå/Norsjö</strong> bygger samverkan på förankrade "
    "ledningsstrukturer på tre nivåer – strategisk, taktisk och operativ – med "
    "region och kommun i balans på varje nivå.</p><p><strong>Jönköpings "
    "län</strong> lyfter fram erfarenheterna från sin systemledning: planen "
    "förverkligas när det finns en systemledning som är tillgänglig och prioriterar "
    f"det som fastnat nära invånaren.</p>{source_html(SOURCE_SKR)}</details>")
#: The roles a forum can have in the plan: saved key and check box label.
FORUM_ROLES = (("decides", "Beslutar"), ("supports", "Stödjer"), ("escalation", "Hit lyfts frågor"))


def support_page(ctx: PageContext) -> list[w.Widget]:
    """The guiding questions of step 4, the forums of the forum map and forums typed here."""
    plan = ctx.plan()
    forum_map = ctx.forum_map()
    intro = card(
        help_html("En av systemledningens viktigaste uppgifter är att lösa det som står i "
                  "vägen för målen i mikrosystemet. Bestäm vilka forum som beslutar, vilka "
                  "som stödjer och vart frågor som fastnat ska lyftas."),
        *ctx.answers("support"), w.HTML(EXAMPLES),
        title=plan.guide.step_by_key["support"].heading)
    return [intro, map_forums_card(ctx, plan, forum_map), typed_forums_card(ctx, plan, forum_map)]


def map_forums_card(ctx: PageContext, plan: Plan, forum_map: list[dict]) -> w.VBox:
    """The workshop's forum map, with a check box per role for each forum."""
    workshop = ctx.s.workspace.workshop
    link = f"{ctx.county.worksheet_url}forum_mapping.ipynb?workshop={workshop}"
    if not forum_map:
        return card(w.HTML(
            "<p class='naravard-info plan-no-forum-map'>Det finns ingen forumkarta i "
            f"workshoppen ”{escape(workshop)}” ännu. Gör kartan i "
            f"arbetsbladet <a href='{escape(link)}' target='_blank'>Kartlägg beslutsforum"
            "</a> så att planen och kartan stämmer överens, eller skriv in forumen "
            "nedan.</p>"), title="Forum från forumkartan")
    saved = plan.support_forums()
    by_forum = {str(f.get("forum_id")): (sid, f) for sid, f in saved.items() if f.get("forum_id")}
    by_name = {str(f.get("name") or "").strip().casefold(): (sid, f)
               for sid, f in saved.items() if not f.get("forum_id")}
    rows: list[w.Widget] = [w.HTML("<p class='naravard-help'>Forumen kommer från workshoppens "
                                   "forumkarta. Kryssa i vilken roll varje forum har i "
                                   "planen.</p>")]
    for forum in forum_map:
        fid = str(forum.get("id") or "")
        if not fid:
            continue
        name_key = str(forum.get("name") or "").strip().casefold()
        sid, rec = by_forum.get(fid) or by_name.get(name_key) or (f"map_{fid}", {})
        level = plan.guide.levels.get(str(forum.get("level") or ""), "")
        principal = str(forum.get("principal") or "")
        meta = join_swedish([x for x in (level, ctx.county.choice_label(principal)
                                         if principal else "",
                                         str(forum.get("type") or "")) if x])
        flags = [forum_flag(ctx, sid, forum, key, label, bool(rec.get(key)))
                 for key, label in FORUM_ROLES]
        rows.append(record_row(w.HTML(f"<strong>{escape(forum.get('name'))}</strong><br>"
                                      f"<span class='plan-source'>{escape(meta)}</span>",
                                      layout=w.Layout(width="20rem")), *flags,
                               css="plan-map-forum"))
    for sid, rec in unknown_map_forums(plan, forum_map).items():
        rows.append(w.HBox([w.HTML(
            f"<span class='naravard-error'>”{escape(rec.get('name'))}” finns inte längre i "
            "forumkartan.</span>"), ctx.remove_button(("support", "forums"), sid, "Forumet")]))
    return card(*rows, title="Forum från forumkartan")


def forum_flag(ctx: PageContext, sid: str, forum: dict, key: str, label: str,
               value: bool) -> w.Checkbox:
    """A check box for one role of a forum from the map; saves the forum's id and name too."""
    box = w.Checkbox(value=value, description=label, indent=False, layout=w.Layout(width="auto"))

    def changed(change: dict) -> None:
        def update(d: dict) -> None:
            set_path(d, ("support", "forums", sid, "forum_id"), str(forum.get("id")))
            set_path(d, ("support", "forums", sid, "name"), str(forum.get("name") or ""))
            set_path(d, ("support", "forums", sid, key), bool(change["new"]))
        ctx.s.update(update)
        ctx.refresh_progress()

    box.observe(ctx.s.guarded(changed), names="value")
    return box


def typed_forums_card(ctx: PageContext, plan: Plan, forum_map: list[dict]) -> w.VBox:
    """Forums that are not in the forum map (or all, without a map), typed by the participants."""
    path = ("support", "forums")
    in_map = {str(f.get("name") or "").strip().casefold() for f in forum_map}
    rows = []
    for sid, rec in plan.support_forums().items():
        if rec.get("forum_id") or str(rec.get("name") or "").strip().casefold() in in_map:
            continue
        base = (*path, sid)
        rows.append(record_row(
            autosaved_text(ctx.s, (*base, "name"), "Forum", check=checks(
                lambda v: "Skriv forumets namn." if not v.strip() else None, max_length(120))),
            *[autosaved_flag(ctx.s, (*base, key), label, value=rec.get(key))
              for key, label in FORUM_ROLES],
            autosaved_text(ctx.s, (*base, "note"), "Kommentar", check=SHORT),
            ctx.remove_button(path, sid, "Forumet")))
    text = ("Forum som inte finns i forumkartan, eller alla forum om workshoppen saknar "
            "karta." if forum_map else "Skriv in de forum planen bygger på.")
    return card(help_html(text), *rows,
                ctx.add_button("Lägg till forum", path, "s",
                               {"name": "", "forum_id": "", "decides": False,
                                "supports": False, "escalation": False, "note": ""}),
                title="Forum som skrivs in här")
