"""Step 3: acting together – principles, leadership levels, pairs, content and initiatives."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.store import new_id, set_path
from naravard.core.text import escape
from naravard.plan.model import Plan
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import (ROLE_TEXT, SHORT, SOURCE_SKR, TEXT, PageContext, card, chip,
                                      gapped, help_html, record_row, source_html)
from naravard.ui.records import add_record, autosaved_choice, button, remove_record


def action_page(ctx: PageContext) -> list[w.Widget]:
    """Principles, levels, pairs, the catalogue of content areas and the initiatives."""
    plan = ctx.plan()
    return [
        card(help_html("Samverkanskulturen byggs med vägledande principer, tydliga "
                       "ledningsnivåer och parhästar över organisationsgränsen. Välj sedan vad "
                       "planen ska innehålla."), title=plan.guide.step_by_key["action"].heading),
        principles_card(ctx, plan), levels_card(ctx, plan), pairs_card(ctx, plan),
        catalogue_card(ctx, plan), initiatives_card(ctx, plan),
    ]


def principles_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """The guiding principles, with the examples from the sources to add in one go."""
    path = ("action", "principles")
    examples = plan.guide.example_principles
    rows = []
    for n, (pid, _p) in enumerate(plan.principles().items(), 1):
        field = autosaved_text(ctx.s, (*path, pid, "text"), f"Princip {n}", check=SHORT)
        field.add_class("plan-principle")
        rows.append(record_row(field, ctx.remove_button(path, pid, "Principen")))
    existing = {str(p.get("text", "")).strip().casefold() for p in plan.principles().values()}

    def add_examples() -> None:
        def change(d: dict) -> None:
            for text in examples:
                if text.casefold() not in existing:
                    set_path(d, (*path, new_id("p")), {"text": text})
        ctx.update_and_redraw(change)

    items = "".join(f"<li>{escape(t)}</li>" for t in examples)
    return card(
        help_html("Principerna hjälper alla att lösa problem tillsammans när de uppstår, "
                  "utan att först fråga om lov."),
        w.HTML(f'<details class="plan-examples"><summary>Exempel från Skellefteå/Norsjö och '
               f"Jönköpings län</summary><ol>{items}</ol>{source_html(SOURCE_SKR)}</details>"),
        *rows,
        w.HBox([ctx.add_button("Lägg till princip", path, "p", {"text": ""}),
                button("Lägg till exemplen", add_examples, ctx.s)]),
        title="Vägledande principer")


def levels_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """Who leads at the macro, meso and micro levels, and what they answer for."""
    parts: list[w.Widget] = [help_html("Beskriv vilka som leder på varje nivå och vad de "
                                       "ansvarar för, över huvudmanna- och utförargränserna.")]
    for key, name in plan.guide.levels.items():
        who_hint, duty_hint = plan.guide.level_hints[key]
        parts.append(w.HTML(f"<h3>{escape(name)}</h3>"))
        parts.append(autosaved_text(ctx.s, ("action", "levels", key, "who"),
                                    f"{name}: vilka ingår (roller)", placeholder=who_hint,
                                    multiline=True, rows=2, check=ROLE_TEXT))
        parts.append(autosaved_text(ctx.s, ("action", "levels", key, "responsibility"),
                                    f"{name}: ansvar", placeholder=duty_hint,
                                    multiline=True, rows=2, check=TEXT))
    parts.append(w.HTML(source_html(SOURCE_SKR)))
    return card(*parts, title="Ledningsnivåer och ansvar")


def pairs_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """Pairs that lead an area together, one from each side of the border."""
    path = ("action", "pairs")
    rows = []
    for hid, pair in plan.pairs().items():
        rows.append(record_row(
            autosaved_text(ctx.s, (*path, hid, "area"), "Område", check=SHORT),
            autosaved_text(ctx.s, (*path, hid, "region"), "Roll i regionen", check=ROLE_TEXT),
            autosaved_text(ctx.s, (*path, hid, "municipality"), "Roll i kommunen",
                           check=ROLE_TEXT),
            autosaved_choice(ctx.s, (*path, hid, "principal"), "Kommun",
                             ctx.municipality_options, value=pair.get("principal", "")),
            ctx.remove_button(path, hid, "Paret")))
    return card(
        help_html("Parhästar är par med en person på var sida om gränsen mellan regionen (eller "
                  "en privat utförare) och kommunen, som leder ett område tillsammans utifrån "
                  "principerna. Ange roller, inte namn."),
        *rows, ctx.add_button("Lägg till parhästar", path, "h", {}),
        w.HTML(source_html(SOURCE_SKR)), title="Parhästar")


def catalogue_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """The content areas of a joint plan; ticking one adds an initiative for it."""
    path = ("action", "initiatives")
    chosen = {str(i.get("area")): iid for iid, i in plan.initiatives().items() if i.get("area")}
    groups = []
    for group in plan.guide.content_groups:
        boxes = []
        for area in [a for a in plan.guide.content_areas if a.group == group]:
            box = w.Checkbox(value=area.key in chosen, description=area.name, indent=False,
                             layout=w.Layout(width="auto"))

            def toggled(change: dict, area=area) -> None:
                if change["new"]:
                    record = {"area": area.key, "title": "", "description": "", "lead": "",
                              "goals": [], "priority": ""}
                    if add_record(ctx.s, path, new_id("i"), record):
                        ctx.redraw()
                elif area.key in chosen:
                    if remove_record(ctx.s, path, chosen[area.key]):
                        ctx.s.status.info(f"”{area.name}” togs bort ur planen. Ångra "
                                          "längst ned om det var fel.")
                        ctx.redraw()

            box.observe(ctx.s.guarded(toggled), names="value")
            boxes.append(box)
        groups.append(w.VBox([w.HTML(f"<strong>{escape(group)}</strong>"), *boxes]))
    return card(
        help_html("Områden som kan ingå i en gemensam plan. Kryssa i det ni vill planera "
                  "tillsammans; beskriv sedan vad ni ska göra under ”Insatser”."),
        gapped(w.HBox(groups, layout=w.Layout(flex_flow="row wrap"))),
        w.HTML(source_html(SOURCE_SKR)),
        title="Planens innehåll")


def initiatives_card(ctx: PageContext, plan: Plan) -> w.VBox:
    """What the plan does in each chosen area (or an own initiative), and which goals it serves."""
    path = ("action", "initiatives")
    goals = plan.goals()
    cards = []
    for iid, ini in plan.initiatives().items():
        base = (*path, iid)
        area = plan.guide.area_by_key.get(str(ini.get("area") or ""))
        parts: list[w.Widget] = [w.HTML(
            f"<h3>{escape(plan.initiative_title(ini))} "
            f"{chip(plan.guide, str(ini.get('priority') or ''))}</h3>"
            f"<p class='plan-source'>{escape(area.group if area else 'Egen insats')}</p>")]
        if area is None:
            parts.append(autosaved_text(ctx.s, (*base, "title"), "Insatsens namn", check=SHORT))
        parts += [
            autosaved_text(ctx.s, (*base, "description"), "Vad ska ni göra tillsammans?",
                           multiline=True, rows=2, check=TEXT),
            autosaved_text(ctx.s, (*base, "lead"), "Ansvariga (roller eller parhästar)",
                           check=ROLE_TEXT),
        ]
        if goals:
            parts += goal_ticks(ctx, base, goals, set(ini.get("goals") or []))
        parts.append(w.HBox([ctx.remove_button(path, iid, "Insatsen")]))
        box = w.VBox(parts)
        box.add_class("plan-record")
        cards.append(box)
    empty = [help_html("Inga insatser ännu: kryssa i ett område ovan eller lägg till en "
                       "egen.")] if not cards else []
    add = ctx.add_button("Lägg till egen insats", path, "i",
                         {"area": "", "title": "", "description": "", "lead": "",
                          "goals": [], "priority": ""})
    return card(*cards, *empty, add, title="Insatser")


def goal_ticks(ctx: PageContext, base: tuple, goals: dict, linked: set) -> list[w.Widget]:
    """Check boxes that link an initiative to the goals it contributes to."""
    ticks = []
    for n, gid in enumerate(goals, 1):
        tick = w.Checkbox(value=gid in linked, description=f"Mål {n}", indent=False,
                          layout=w.Layout(width="auto"))
        tick.goal_id = gid  # type: ignore[attr-defined]
        ticks.append(tick)

    def linked_goals(_change) -> None:
        ctx.s.save((*base, "goals"), [t.goal_id for t in ticks if t.value])

    for tick in ticks:
        tick.observe(ctx.s.guarded(linked_goals), names="value")
    return [w.HTML('<label class="naravard-label">Vilka mål bidrar insatsen till?</label>'),
            w.HBox(ticks)]
