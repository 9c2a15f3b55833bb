"""The fields of one forum, used to add a forum and to edit the selected one."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from naravard.forums.writers import format_frequency
from naravard.core.county import JOINT
from naravard.forums.model import (COMPOSITIONS, FIELD_LABELS, LEVELS, TYPES, FieldError,
                                   clean_name)
from naravard.ui.common import error_html, labelled

#: The caption of each field in the worksheet.
CAPTIONS = {"name": "Namn", "level": "Nivå", "principal": "Huvudman", "type": "Typ",
            "mission": "Uppdrag", "mandate": "Mandat (vad forumet får besluta)",
            "frequency": "Möten per år", "members": "Medlemmar (roller)",
            "system_leadership": "Systemledning",
            "composition": "Förtroendevalda eller tjänstemän"}


def forum_problem(name: str, existing: list[str]) -> str | None:
    """Why a new forum name cannot be saved (Swedish), or None if it can."""
    try:
        clean_name(name, existing)
    except FieldError as exc:
        return str(exc)
    return None


class ForumForm:
    """The fields of one forum, each with its caption above and its refusals below."""

    def __init__(self, principals: list, example_place: str = ""):
        # Text is sent to the kernel on change (Tab, Enter, a click elsewhere), in the same
        # message order as the click on "Lägg till forum" that follows: with continuous updates,
        # ipywidgets holds back later keystrokes while one is in flight and the click overtook
        # them ("L" saved for "Länsgruppen"). The edit form turns continuous updates back on.
        self.name = w.Text(placeholder="Till exempel: Länsgruppen för vård och omsorg",
                           continuous_update=False, layout=w.Layout(width="26rem"))
        self.level = w.Dropdown(options=[(v, k) for k, v in LEVELS.items()], value="makro")
        self.principal = w.Dropdown(options=principals, value=JOINT)
        self.type = w.Dropdown(options=[("Välj typ …", ""), *((v, k) for k, v in TYPES.items())],
                               value="")
        self.composition = w.Dropdown(
            options=[("Ej angiven", ""), *((v, k) for k, v in COMPOSITIONS.items())], value="")
        self.mission = w.Textarea(placeholder="Vad ska forumet åstadkomma?", rows=2,
                                  continuous_update=False,
                                  layout=w.Layout(width="26rem"))
        self.mandate = w.Textarea(placeholder="Vad får forumet besluta om?", rows=2,
                                  continuous_update=False,
                                  layout=w.Layout(width="26rem"))
        self.frequency = w.Text(placeholder="10, 2/månad, varannan vecka …",
                                continuous_update=False,
                                layout=w.Layout(width="14rem"))
        place = f" {example_place}" if example_place else ""
        self.members = w.Text(placeholder=f"Roller åtskilda med |, t.ex. Socialchef{place} | "
                                          f"Vårdcentralchef{place}",
                              continuous_update=False, layout=w.Layout(width="26rem"))
        self.system_leadership = w.Checkbox(description="Forumet är länets systemledning",
                                            indent=False)
        self.fields: dict[str, w.Widget] = {k: getattr(self, k) for k in FIELD_LABELS}
        self.boxes: dict[str, w.VBox] = {k: labelled(CAPTIONS[k], widget)
                                         for k, widget in self.fields.items()}
        self.messages: dict[str, w.HTML] = {k: box.message for k, box in self.boxes.items()}

    def layout(self) -> w.Widget:
        """The fields in three rows that wrap on a narrow screen."""
        b = self.boxes
        wrap = dict(flex_flow="row wrap", grid_gap="0 1rem")
        return w.VBox([
            w.HBox([b["name"], b["level"], b["principal"], b["type"], b["composition"]],
                   layout=w.Layout(**wrap)),
            w.HBox([b["mission"], b["mandate"]], layout=w.Layout(**wrap)),
            w.HBox([b["members"], b["frequency"], b["system_leadership"]],
                   layout=w.Layout(**wrap)),
        ])

    def values(self) -> dict[str, Any]:
        """What is typed in the fields, by field key."""
        return {k: wid.value for k, wid in self.fields.items()}

    def fill(self, record: dict[str, Any]) -> None:
        """Show a saved forum in the fields."""
        for key, widget in self.fields.items():
            value = record.get(key)
            if key == "members":
                value = " | ".join(value or [])
            elif key == "frequency":
                value = format_frequency(value)
            elif key == "system_leadership":
                value = bool(value)
            elif value is None:
                value = ""
            widget.value = value

    def clear(self) -> None:
        """Empty the free-text fields and the tick box (after a forum is added)."""
        self.name.value = self.mission.value = self.mandate.value = ""
        self.members.value = self.frequency.value = ""
        self.type.value = self.composition.value = ""
        self.system_leadership.value = False

    def clear_messages(self) -> None:
        """Remove every refusal shown under the fields."""
        for m in self.messages.values():
            m.value = ""

    def show_error(self, exc: ValueError) -> None:
        """Show a FieldError under the field it names (other errors show in the status line)."""
        if not isinstance(exc, FieldError):
            return
        box = self.messages.get(exc.field) or self.messages["name"]
        box.value = error_html(str(exc))
