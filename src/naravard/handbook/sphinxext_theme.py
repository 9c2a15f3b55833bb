"""Sphinx extension: the book theme in Swedish, without thebe, and accessible (WCAG 2.1 AA).

- Every text of pydata-sphinx-theme and sphinx-book-theme that a reader sees or hears
  (buttons, tooltips, landmark names) is in Swedish; the themes ship no Swedish catalogue.
- The search field's button is named by what it shows ("Sök Ctrl+K"), not by a shorter label.
- sphinx-thebe, which Jupyter Book always loads, is switched off: the handbook runs no code in
  the browser, and its script was included twice (logging an error on every page) with an
  address on the internet in it.
- The colour mode starts as light when the reader has chosen none (the theme otherwise logs
  "invalid theme mode" on every page).
- The reference list uses list items instead of the deprecated ``doc-biblioentry`` role.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"

#: The themes' English texts (their message ids) in Swedish.
SWEDISH: dict[str, str] = {
    "Announcement": "Meddelande",
    "Back to top": "Till början av sidan",
    "Breadcrumb": "Brödsmulor",
    "Collapse Sidebar": "Fäll ihop sidopanelen",
    "Color mode": "Färgläge",
    "Dark": "Mörkt",
    "Expand Sidebar": "Fäll ut sidopanelen",
    "General Index": "Register",
    "Home": "Start",
    "Indices": "Register",
    "Light": "Ljust",
    "Main": "Huvudmeny",
    "On this page": "På den här sidan",
    "Search": "Sök",
    "Section Navigation": "Navigering i avsnittet",
    "Site navigation": "Webbplatsens navigering",
    "Skip to main content": "Hoppa till huvudinnehållet",
    "System Settings": "Systemets inställning",
    "Version warning": "Versionsvarning",
    "next": "nästa",
    "next page": "nästa sida",
    "previous": "föregående",
    "previous page": "föregående sida",
    "Contents": "Innehåll",
    "Print to PDF": "Skriv ut som PDF",
    "Download this page": "Ladda ner den här sidan",
    "Fullscreen mode": "Helskärm",
    "Toggle navigation": "Visa eller dölj navigeringen",
}

#: Landmark and button names that the themes write in English without a message id.
_LITERALS = {
    'aria-label="Main"': 'aria-label="Huvudmeny"',
    'aria-label="Page"': 'aria-label="Sidan"',
    'aria-label="Section Navigation"': 'aria-label="Navigering i avsnittet"',
    'aria-label="Site navigation"': 'aria-label="Webbplatsens navigering"',
    'aria-label="On this page"': 'aria-label="På den här sidan"',
    'aria-label="Version warning"': 'aria-label="Versionsvarning"',
}


class SwedishTheme(gettext.NullTranslations):
    """The theme's texts in Swedish; everything else from Sphinx's own Swedish catalogue."""

    def gettext(self, message: str) -> str:
        if message in SWEDISH:
            return SWEDISH[message]
        return super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return super().ngettext(singular, plural, n)


def _switch_off_thebe(app: Sphinx) -> None:
    """Remove sphinx-thebe's event handlers and stylesheet (Jupyter Book always loads it)."""
    for listeners in app.events.listeners.values():
        listeners[:] = [ls for ls in listeners
                        if getattr(ls.handler, "__module__", "") != "sphinx_thebe"]
    app.registry.css_files[:] = [(name, attrs) for name, attrs in app.registry.css_files
                                 if "thebe" not in str(name)]


def _on_config_inited(app: Sphinx, config: Config) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    _switch_off_thebe(app)


def _on_builder_inited(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    swedish = SwedishTheme()
    swedish.add_fallback(app.translator)
    environment.install_gettext_translations(swedish)


def swedish_page(html: str) -> str:
    """Landmark names in Swedish and the reference list as a list of items."""
    for english, swedish in _LITERALS.items():
        html = html.replace(english, swedish)
    return html.replace('role="doc-biblioentry"', 'role="listitem"')


def _on_page(app: Sphinx, pagename: str, templatename: str, context: dict,
             doctree: Any) -> None:
    """Drop what is left of thebe from the page and fix the body's roles."""
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if not files:
            continue
        kept, bodies = [], set()
        for f in files:
            name = getattr(f, "filename", None) or str(f)
            body = getattr(f, "attributes", {}).get("body", "") if hasattr(f, "attributes") else ""
            if "thebe" in name.lower() or "THEBE" in body:
                continue
            if body:
                if body in bodies:
                    continue  # the same inline script twice
                bodies.add(body)
            kept.append(f)
        files[:] = kept
    if "body" in context:
        context["body"] = swedish_page(context["body"])


def _row_headers(app: Sphinx, doctree: Any, docname: str) -> None:
    """A table whose top-left header cell is empty has row headers in its first column: mark
    that column as stub, so its cells become ``<th>`` (every data cell then has a header)."""
    from docutils import nodes

    for table in doctree.findall(nodes.table):
        tgroup = next(iter(table.findall(nodes.tgroup)), None)
        thead = next(iter(table.findall(nodes.thead)), None)
        if tgroup is None or thead is None:
            continue
        rows = list(thead.findall(nodes.row))
        entries = list(rows[0].findall(nodes.entry)) if rows else []
        colspecs = list(tgroup.findall(nodes.colspec))
        if entries and colspecs and not entries[0].astext().strip():
            colspecs[0]["stub"] = 1


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Translate what the page templates write in English without a message id (landmark
    names), in every written page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = swedish_page(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _on_config_inited, priority=450)
    # The colour mode the reader has not chosen is light (the theme reads "" as invalid).
    app.add_js_file(None, body='if (!document.documentElement.dataset.mode) '
                               '{ document.documentElement.dataset.mode = "light"; }')
    app.connect("builder-inited", _on_builder_inited, priority=900)
    app.connect("html-page-context", _on_page, priority=950)
    app.connect("doctree-resolved", _row_headers)
    app.connect("build-finished", _on_build_finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
