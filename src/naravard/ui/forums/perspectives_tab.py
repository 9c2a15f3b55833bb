"""The "Deltagarnas bilder" tab: each participant ticks the forums they know, writes what they
believe each decides and draws the relations of their own picture."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.county import JOINT

from naravard.core.text import format_number
from naravard.forums import perspectives as persp
from naravard.forums.model import LEVELS, RELATION_KINDS, FieldError, clean_name, norm
from naravard.ui.common import error_html, labelled, sheet_table
from naravard.ui.forums.part import Sheet, SheetPart, show_at

INTRO = ('<p class="naravard-help">Varje deltagare ritar sin egen bild: vilka forum som finns, '
         "hur de hänger ihop och vad de beslutar. Deltagarna kan fylla i samtidigt på var sin "
         "dator. Jämförelsen visar sedan var bilderna skiljer sig.</p>")
CHECKS_HELP = ('<h3>Forum du känner till</h3><p class="naravard-help">Kryssa i de forum du vet '
               "finns och skriv vad du tror att de beslutar om. Titta inte på de andras bilder "
               "förrän alla är klara.</p>")


class PerspectivesTab(SheetPart):
    """Choose or add a participant, then tick forums and draw relations in their picture."""

    def __init__(self, sheet: Sheet):
        super().__init__(sheet)
        g = self.session.guarded
        county = sheet.county
        self.selected_perspective: str | None = None
        self.checks_key: tuple | None = None
        self.p_check_widgets: dict[str, tuple[w.Checkbox, w.Text]] = {}
        self.p_select = w.Dropdown(options=[("Välj deltagare", "")], value="",
                                   layout=w.Layout(width="24rem"))
        self.p_select.observe(g(self.on_select_perspective), names="value")
        suggestions = [m.role if m.principal == county.region else f"{m.role} {m.principal}"
                       for m in county.members]
        self.p_new = w.Combobox(options=suggestions, placeholder="Till exempel Kommundirektör "
                                f"{sheet.county.municipality_names[0]}", ensure_option=False,
                                layout=w.Layout(width="24rem"))
        new_box = labelled("Ny deltagare (roll)", self.p_new)
        self.p_new_msg = new_box.message
        self.p_add = w.Button(description="Lägg till deltagare", button_style="primary")
        self.p_add.on_click(g(self.on_add_perspective))
        self.p_checks = w.VBox([])
        self.p_detail = w.VBox([w.HTML(CHECKS_HELP), self.p_checks, self._own_forum_row(),
                                *self._relation_rows()])
        self.p_detail.layout.display = "none"
        bottom = w.Layout(align_items="flex-end", flex_flow="row wrap")
        self.widget = w.VBox([w.HTML(INTRO), w.HBox([labelled("Deltagare", self.p_select)]),
                              w.HBox([new_box, self.p_add], layout=bottom), self.p_detail])

    def _own_forum_row(self) -> w.HBox:
        """A forum that only this participant knows of, with its level and principal."""
        g = self.session.guarded
        options = self.sheet.options
        self.p_own_name = w.Text(placeholder="Forum som inte står i listan",
                                 continuous_update=False,
                                 layout=w.Layout(width="22rem"))
        self.p_own_level = w.Dropdown(options=[(v, k) for k, v in LEVELS.items()], value="meso")
        self.p_own_principal = w.Dropdown(options=options, value=JOINT)
        own_box = labelled("Ett forum bara du känner till", self.p_own_name)
        self.p_own_msg = own_box.message
        self.p_own_add = w.Button(description="Lägg till i min bild")
        self.p_own_add.on_click(g(self.on_add_own_forum))
        return w.HBox([own_box, self.p_own_level, self.p_own_principal, self.p_own_add],
                      layout=w.Layout(align_items="center", flex_flow="row wrap"))

    def _relation_rows(self) -> list[w.Widget]:
        """The relations of the picture: add, copy from the map, list, remove; delete all."""
        g = self.session.guarded
        self.p_rel_source = w.Dropdown(options=[], layout=w.Layout(width="20rem"))
        self.p_rel_kind = w.Dropdown(options=RELATION_KINDS, value=RELATION_KINDS[0])
        self.p_rel_target = w.Dropdown(options=[], layout=w.Layout(width="20rem"))
        target_box = labelled("Till forum", self.p_rel_target)
        self.p_rel_msg = target_box.message
        self.p_rel_add = w.Button(description="Lägg till relation i min bild")
        self.p_rel_add.on_click(g(self.on_add_perspective_relation))
        self.p_rel_copy = w.Button(description="Hämta relationerna från kartan",
                                   tooltip="Lägger till kartans relationer mellan forum du "
                                           "känner till; ta sedan bort dem du inte håller med om")
        self.p_rel_copy.on_click(g(self.on_copy_relations))
        self.p_rel_table = w.HTML("")
        self.p_rel_remove_select = w.Dropdown(options=[("Välj relation att ta bort", -1)],
                                              value=-1, layout=w.Layout(width="36rem"))
        self.p_rel_remove = w.Button(description="Ta bort relationen")
        self.p_rel_remove.on_click(g(self.on_remove_perspective_relation))
        self.p_delete = w.Button(description="Ta bort deltagarens bild", button_style="warning")
        self.p_delete.on_click(g(self.on_delete_perspective))
        return [w.HTML("<h3>Relationer i din bild</h3>"),
                w.HBox([labelled("Från forum", self.p_rel_source),
                        labelled("Relation", self.p_rel_kind), target_box]),
                w.HBox([self.p_rel_add, self.p_rel_copy]),
                self.p_rel_table, w.HBox([self.p_rel_remove_select, self.p_rel_remove]),
                w.HBox([self.p_delete])]

    # -- drawing -------------------------------------------------------------------------------
    def candidates(self) -> list[tuple[str, str | None]]:
        """Every forum name a participant can tick: the map's, then those only pictures have."""
        out = {norm(f.name): (f.name, fid) for fid, f in self.fmap.forums.items()}
        for p in (self.doc.get("perspectives") or {}).values():
            for e in p.get("forums") or []:
                name = persp.entry_name(self.doc, e)
                out.setdefault(norm(name), (name, None))
        return sorted(out.values(), key=lambda x: norm(x[0]))

    def refresh(self) -> None:
        """Redraw the participants and the chosen participant's picture."""
        people = sorted(((p.get("participant", ""), pid) for pid, p in
                         (self.doc.get("perspectives") or {}).items()), key=lambda x: norm(x[0]))
        pid = self.selected_perspective if self.selected_perspective in {k for _n, k in people} \
            else None
        self.selected_perspective = pid
        self.set_options(self.p_select, [("Välj deltagare", "")] + people)
        with self.quiet():
            self.p_select.value = pid or ""
        self.p_detail.layout.display = "" if pid else "none"
        if pid:
            self.draw_picture(pid)

    def draw_picture(self, pid: str) -> None:
        """The tick boxes, the own relations and their choices of one participant."""
        picture = self.doc["perspectives"][pid]
        entries = {norm(persp.entry_name(self.doc, e)): e for e in picture.get("forums") or []}
        candidates = self.candidates()
        key = (pid, tuple(n for n, _ in candidates))
        if self.checks_key != key:
            self.checks_key = key
            self.p_check_widgets = {}
            self.p_checks.children = [self._check_row(name, ref) for name, ref in candidates]
        with self.quiet():
            for k, (box, text) in self.p_check_widgets.items():
                box.value = k in entries
                decides = entries[k].get("decides", "") if k in entries else ""
                if text.value != decides:
                    text.value = decides
        known = sorted((persp.entry_name(self.doc, e) for e in entries.values()), key=norm)
        self.set_options(self.p_rel_source, known)
        self.set_options(self.p_rel_target, known)
        rels = picture.get("relations") or []
        self.set_options(self.p_rel_remove_select, [("Välj relation att ta bort", -1)] + [
            (f"{r['source']} {r['kind']} {r['target']}", i) for i, r in enumerate(rels)])
        self.p_rel_table.value = sheet_table(
            ["Från", "Relation", "Till"], [[r["source"], r["kind"], r["target"]] for r in rels],
            "perspective-relations") if rels else "<p>Inga relationer i bilden ännu.</p>"

    def _check_row(self, name: str, ref: str | None) -> w.HBox:
        g = self.session.guarded
        box = w.Checkbox(value=False, description=name, indent=False,
                         layout=w.Layout(width="24rem"))
        box.add_class("forum-check")
        text = w.Text(placeholder="Vad beslutar forumet?", continuous_update=True,
                      layout=w.Layout(width="28rem"))
        box.observe(g(lambda c: self.on_tick(name, ref, c["new"])), names="value")
        text.observe(g(lambda c: self.on_decides(name, ref, c["new"])), names="value")
        self.p_check_widgets[norm(name)] = (box, text)
        return w.HBox([box, text])

    # -- changes -------------------------------------------------------------------------------
    def on_add_perspective(self, _button=None) -> None:
        self.p_new_msg.value = ""
        name = self.p_new.value
        if self.save(lambda d: persp.add_perspective(d, name), on_error=show_at(self.p_new_msg)):
            self.selected_perspective = self.result
            self.p_new.value = ""
            self.refresh()

    def on_select_perspective(self, change: dict) -> None:
        if self.loading:
            return
        self.selected_perspective = change["new"] or None
        self.checks_key = None
        self.refresh()

    def on_tick(self, name: str, ref: str | None, known: bool) -> None:
        pid = self.selected_perspective
        if self.loading or not pid:
            return
        entry = next((e for e in self.doc["perspectives"][pid].get("forums") or []
                      if norm(persp.entry_name(self.doc, e)) == norm(name)), None)
        level = principal = None
        if ref is None:
            for p in self.doc.get("perspectives", {}).values():
                for e in p.get("forums") or []:
                    if norm(persp.entry_name(self.doc, e)) == norm(name) and e.get("level"):
                        level, principal = e.get("level"), e.get("principal")
        self.save(lambda d: persp.set_known(d, pid, name, known, ref=ref, level=level,
                                            principal=principal),
                  snapshot=entry is not None and not known)

    def on_decides(self, name: str, ref: str | None, text: str) -> None:
        pid = self.selected_perspective
        if self.loading or not pid:
            return
        box, _text = self.p_check_widgets[norm(name)]
        if not box.value:
            self.on_tick(name, ref, True)
        self.save(lambda d: persp.set_decides(d, pid, name, text))

    def on_add_own_forum(self, _button=None) -> None:
        pid = self.selected_perspective
        self.p_own_msg.value = ""
        if not pid:
            return
        name, level, principal = (self.p_own_name.value, self.p_own_level.value,
                                  self.p_own_principal.value)
        try:
            clean_name(name, [n for n, _r in self.candidates()])
        except FieldError as exc:
            self.p_own_msg.value = error_html(str(exc))
            return
        if self.save(lambda d: persp.set_known(d, pid, name, True, level=level,
                                               principal=principal),
                     on_error=show_at(self.p_own_msg)):
            self.p_own_name.value = ""

    def on_add_perspective_relation(self, _button=None) -> None:
        pid = self.selected_perspective
        self.p_rel_msg.value = ""
        if not pid:
            return
        s, k, t = self.p_rel_source.value, self.p_rel_kind.value, self.p_rel_target.value
        self.save(lambda d: persp.add_relation(d, pid, s or "", k, t or ""),
                  on_error=show_at(self.p_rel_msg))

    def on_copy_relations(self, _button=None) -> None:
        pid = self.selected_perspective
        if pid and self.save(lambda d: persp.copy_map_relations(d, pid)):
            self.session.status.info(f"{format_number(self.result)} relationer hämtades "
                                     "från kartan.")

    def on_remove_perspective_relation(self, _button=None) -> None:
        pid, index = self.selected_perspective, self.p_rel_remove_select.value
        if pid and index is not None and index >= 0:
            self.save(lambda d: persp.remove_relation(d, pid, index), snapshot=True)

    def on_delete_perspective(self, _button=None) -> None:
        pid = self.selected_perspective
        if pid:
            self.save(lambda d: persp.remove_perspective(d, pid), snapshot=True)
            self.selected_perspective = None
            self.refresh()
