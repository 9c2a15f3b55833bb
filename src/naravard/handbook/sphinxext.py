"""Sphinx extension: makes the handbook speak of the county in data/.

- Loads and validates ``data/county.yml`` before anything is read; invalid data stops the build
  with the Swedish list of problems.
- Fills MyST substitutions (``{{ lan }}``, ``{{ region }}``, ``{{ kommuner }}`` …).
- Fingerprints data/: a change rebuilds every page and clears the notebook execution cache, so
  pages that execute code never show another county's data.
- Adds the role ``{arbetsblad}`forum_mapping``` linking to a worksheet.
- Sets a Sphinx tag for each kind of example material the county has (``exempelplan`` …), so
  that chapters show text in ``{only}`` blocks, and code cells tagged ``only-exempelplan``,
  only when the material applies to the county (see :mod:`naravard.core.examples`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from naravard.core.county import County, load_county
from naravard.core.examples import example_file, is_example_county
from naravard.core.fingerprint import data_fingerprint
from naravard.core.problems import DataError
from naravard.core.text import join_swedish
from naravard.core.worksheets import WORKSHEETS

logger = logging.getLogger(__name__)

FINGERPRINT_FILE = ".naravard-data-fingerprint"

#: Sphinx tags set when the county has the material in data/, for ``{only}`` blocks.
MATERIAL_TAGS = {
    "forumkarta": "forums.csv",
    "forumbilder": "forum_perspektiv.yml",
    "exempelplan": "plan_exempel.yml",
    "exempelstudie": "insight_example.yml",
    "exempeluppfoljning": "uppfoljning_exempel.yml",
}
#: Set when county.yml describes the example county of data/exempel.yml, for ``{only}``
#: blocks and cells that speak of the example county (:func:`naravard.core.examples.is_example_county`).
EXAMPLE_COUNTY_TAG = "exempellan"
#: Every tag resolved while a page is read.
CONDITION_TAGS = (*MATERIAL_TAGS, EXAMPLE_COUNTY_TAG)
#: A code cell tagged ``only-<tag>`` is shown only when the Sphinx tag is set (MyST-NB turns
#: the cell's tags into classes ``tag_<tag>``).
CELL_ONLY_CLASS = "tag_only-"


def substitutions(county: County) -> dict[str, Any]:
    """The MyST substitutions that put the county into the text."""
    names = county.municipality_names
    return {
        "lan": county.name,
        "region": county.region,
        "kommuner": join_swedish(names),
        "antal_kommuner": str(len(names)),
        "systemledning_roller": join_swedish(
            [f"{m.role.lower()} ({county.organisation_of(m.principal)})" for m in county.members]
        ),
        "pahittat": (f"{county.name} är ett påhittat län som används som exempel."
                     if county.fictional else ""),
    }


def _data_dir(config: Config, confdir: Path) -> Path:
    value = config.naravard_data
    if value:
        return (confdir / value).resolve()
    from naravard.core.paths import data_dir

    return data_dir()


def _on_config_inited(app: Sphinx, config: Config) -> None:
    data = _data_dir(config, Path(app.confdir))
    try:
        county = load_county(data)
        material = {tag: example_file(data, name) is not None
                    for tag, name in MATERIAL_TAGS.items()}
        material[EXAMPLE_COUNTY_TAG] = is_example_county(data)
    except DataError as exc:
        raise ExtensionError(
            "Handboken kan inte byggas eftersom data/ innehåller fel. Rätta dem och bygg om.\n"
            + str(exc)
        ) from None
    for tag, present in material.items():
        if present:
            app.tags.add(tag)
        elif app.tags.has(tag):
            app.tags.remove(tag)
    subs = dict(config.myst_substitutions or {})
    subs.update(substitutions(county))
    config.myst_substitutions = subs
    config.naravard_worksheet_url = county.worksheet_url
    fingerprint = data_fingerprint(data)
    config.naravard_data_fingerprint = fingerprint
    _clear_stale_execution_cache(app, config, fingerprint)


def _clear_stale_execution_cache(app: Sphinx, config: Config, fingerprint: str) -> None:
    """Drop cached notebook outputs when data/ changed since they were computed."""
    build_root = Path(app.outdir).parent
    marker = build_root / FINGERPRINT_FILE
    previous = marker.read_text(encoding="utf-8").strip() if marker.exists() else None
    if previous == fingerprint:
        return
    cache_path = getattr(config, "nb_execution_cache_path", "") or str(build_root / ".jupyter_cache")
    cache = Path(cache_path)
    if not cache.is_absolute():
        cache = Path(app.confdir) / cache
    if previous is not None and cache.exists():
        logger.info("naravard: data/ har ändrats – tömmer körcachen %s", cache)
        shutil.rmtree(cache, ignore_errors=True)
    build_root.mkdir(parents=True, exist_ok=True)
    marker.write_text(fingerprint, encoding="utf-8")


def _resolve_material_conditions(app: Sphinx, doctree: nodes.document) -> None:
    """Keep or drop what depends on the county's material, while the page is read.

    Code cells tagged ``only-<tag>`` and ``{only}`` blocks that test only the tags in
    :data:`MATERIAL_TAGS` are resolved here rather than when writing, so that a figure the county
    has no material for gets no number and the remaining figures are numbered without gaps.
    """
    for cell in list(doctree.findall(nodes.container)):
        tags = [c[len(CELL_ONLY_CLASS):] for c in cell["classes"] if c.startswith(CELL_ONLY_CLASS)]
        unknown = [t for t in tags if t not in CONDITION_TAGS]
        if unknown:
            logger.warning("naravard: okänd cellmarkering only-%s. Kända: %s.", unknown[0],
                           ", ".join(f"only-{t}" for t in CONDITION_TAGS), location=cell)
        if tags and not all(app.tags.has(t) for t in tags):
            cell.replace_self(nodes.comment())
    for only in list(doctree.findall(addnodes.only)):
        names = set(re.findall(r"\w+", only["expr"])) - {"and", "or", "not"}
        if names and names <= set(CONDITION_TAGS):
            keep = app.tags.eval_condition(only["expr"])
            only.replace_self(only.children if keep and only.children else nodes.comment())


_EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def _drop_external_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree: Any) -> None:
    """Keep the handbook offline: remove scripts and styles that would load from the internet.

    Runs after every other extension. The only known case is MathJax, which Jupyter Book adds
    to the single-page build although the handbook has no formulas; a page that really has
    formulas gets a warning instead of silently broken maths.
    """
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if not files:
            continue
        external = [f for f in files if _EXTERNAL.match(getattr(f, "filename", None) or str(f))]
        if not external:
            continue
        files[:] = [f for f in files if f not in external]
        has_math = False
        if doctree is not None:
            from docutils.nodes import math, math_block

            has_math = bool(list(doctree.findall(math)) or list(doctree.findall(math_block)))
        if has_math or any("mathjax" not in (getattr(f, "filename", "") or "") for f in external):
            logger.warning("naravard: %s skulle hämta %s från internet; det är borttaget. "
                           "Handboken ska fungera utan nätverk.", pagename,
                           ", ".join(getattr(f, "filename", str(f)) for f in external))


class WorksheetRole(SphinxRole):
    """``{arbetsblad}`forum_mapping``` or ``{arbetsblad}`Egen text <forum_mapping>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text = self.text.strip()
        if text.endswith(">") and "<" in text:
            label, _, target = text[:-1].rpartition("<")
            label, target = label.strip(), target.strip()
        else:
            label, target = "", text
        if target not in WORKSHEETS:
            known = ", ".join(sorted(WORKSHEETS))
            msg = self.inliner.reporter.warning(
                f"Okänt arbetsblad ”{target}”. Kända arbetsblad: {known}.", line=self.lineno
            )
            return [nodes.problematic(self.rawtext, self.rawtext)], [msg]
        base = self.config.naravard_worksheet_url
        if not base.endswith("/"):
            base += "/"
        label = label or f"Öppna arbetsbladet ”{WORKSHEETS[target].title}”"
        ref = nodes.reference(self.rawtext, label, refuri=f"{base}{target}.ipynb",
                              classes=["naravard-worksheet-link"])
        return [ref], []


def setup(app: Sphinx) -> dict[str, Any]:
    from naravard.handbook.bibformat import register as register_bibformat
    from naravard.handbook.bibstyle import register as register_bibstyle

    register_bibstyle()
    register_bibformat()
    app.add_config_value("naravard_data", "", "env")
    app.add_config_value("naravard_data_fingerprint", "", "env")
    app.add_config_value("naravard_worksheet_url", "/voila/render/", "env")
    app.connect("config-inited", _on_config_inited, priority=400)
    app.add_role("arbetsblad", WorksheetRole())
    app.setup_extension("naravard.handbook.downloads")
    app.setup_extension("naravard.handbook.sphinxext_theme")
    app.connect("doctree-read", _resolve_material_conditions)
    app.connect("html-page-context", _drop_external_assets, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
