"""The plan's frame (name, period, level, principals) and loading the example plan."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.problems import DataError
from naravard.core.store import get_path
from naravard.plan.example import EXAMPLE_FILE, example_plan
from naravard.ui.common import autosaved_text
from naravard.ui.plan.widgets import SHORT, PageContext, card, help_html
from naravard.ui.records import autosaved_choice, button


def frame_page(ctx: PageContext) -> list[w.Widget]:
    """The frame of the plan, and the card that loads the example plan."""
    data = ctx.doc()
    chosen = set(get_path(data, ("frame", "principals"), ctx.principals) or [])
    boxes = []
    for principal in ctx.principals:
        box = w.Checkbox(value=principal in chosen, indent=False,
                         description=ctx.county.organisation_of(principal))
        box.principal = principal  # type: ignore[attr-defined]
        boxes.append(box)

    def on_tick(_change) -> None:
        ctx.s.save(("frame", "principals"), [b.principal for b in boxes if b.value])

    for box in boxes:
        box.observe(ctx.s.guarded(on_tick), names="value")
    frame = card(
        help_html("Planen kan gälla hela länet eller en kommun med regionens primärvård där. "
                  "Valet avgör vilka som behöver vara med och vem som beslutar."),
        autosaved_text(ctx.s, ("frame", "title"), "Planens namn", check=SHORT,
                       placeholder=f"Gemensam plan för primärvården i {ctx.county.name}"),
        autosaved_text(ctx.s, ("frame", "period"), "Period", check=SHORT,
                       placeholder="Till exempel: 2027–2030"),
        autosaved_choice(ctx.s, ("frame", "level"), "Planen gäller",
                         [("Hela länet", "län"), ("En kommun och regionen", "kommun")],
                         value=get_path(data, ("frame", "level"), "")),
        w.HTML('<label class="naravard-label">Huvudmän som står bakom planen</label>'),
        w.VBox(boxes),
        title="Planens ram")
    return [frame, example_card(ctx)]


def example_card(ctx: PageContext) -> w.VBox:
    """Load the example plan from data/, asking first when it would replace a plan."""
    from naravard.core.examples import example_file, unused_reason
    from naravard.core.paths import data_dir

    data = data_dir()
    if example_file(data, EXAMPLE_FILE) is None:
        return card(help_html("Det finns ingen exempelplan att läsa in. "
                              + unused_reason(data, EXAMPLE_FILE)),
                    title="Exempelplanen")
    confirm = w.HBox()
    note = w.HTML()

    def load() -> None:
        try:
            example = example_plan()
        except DataError as exc:
            ctx.s.status.error(f"Exempelplanen i data/ kunde inte läsas. {exc}")
            return
        if example is None:
            ctx.s.status.error("Det finns ingen exempelplan att läsa in.")
            return
        if ctx.s.update(lambda d: (d.clear(), d.update(example)), snapshot=True) is not None:
            ctx.s.status.info("Exempelplanen är inläst. Den tidigare planen finns i "
                              "historiken; Ångra tar tillbaka den.")
            ctx.redraw()

    def ask() -> None:
        if not ctx.doc():
            load()
            return
        note.value = ("<p class='naravard-error'>Det ni har skrivit ersätts av exempelplanen. "
                      "Den nuvarande planen sparas i historiken och kan tas tillbaka med "
                      "Ångra. Vill ni fortsätta?</p>")
        confirm.children = [
            button("Ja, ersätt med exempelplanen", load, ctx.s, style="danger"),
            button("Avbryt", lambda: (setattr(note, "value", ""),
                                      setattr(confirm, "children", [])), ctx.s)]

    return card(
        help_html(f"Exempelplanen för {ctx.county.name} är påhittad och delvis ifylld, så "
                  "att ni kan se hur ett bra svar kan se ut – och varför ett av målen flaggas. "
                  "Workshoppen ”exempel” börjar med den."),
        button("Läs in exempelplanen", ask, ctx.s, css="plan-load-example"), note, confirm,
        title="Exempelplanen")
