"""The package's layout rules: vertical slices, no import cycles, light start-up, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "naravard"
SLICES = ("core", "documents", "forums", "insight", "plan", "followup", "handbook", "app", "ui")
#: Libraries that a model module may only import inside the function that needs them.
HEAVY = ("altair", "docx", "openpyxl", "ipywidgets", "anywidget", "vl_convert")
#: Where heavy libraries may be imported at module level.
PRESENTATION = ("naravard.ui", "naravard.handbook", "naravard.app.server")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The modules that ``path`` imports (``top_level_only``: those run at import time)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_package_is_organised_in_slices_with_nothing_loose_at_the_top():
    top = sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py")
    assert top == ["__init__.py"]
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(SLICES)


def test_no_module_imports_another_in_a_circle():
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        for target in _imports(path, top_level_only=False):
            if target in MODULES and target != name and not name.startswith(target + "."):
                graph.add_edge(name, target)
    assert list(nx.simple_cycles(graph)) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_600_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 600, f"{name} har {lines} rader"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not n.startswith(PRESENTATION)
                                        and not n.endswith((".charts", ".book"))))
def test_models_import_no_presentation_library_at_import_time(name):
    imported = {m.split(".")[0] for m in _imports(MODULES[name], top_level_only=True)}
    assert imported.isdisjoint(HEAVY), f"{name} importerar {imported & set(HEAVY)}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not n.startswith("naravard.ui")))
def test_nothing_outside_the_ui_imports_the_ui(name):
    imported = _imports(MODULES[name], top_level_only=False)
    assert not any(m.startswith("naravard.ui") for m in imported), name


def test_the_command_line_starts_without_charts_documents_or_spreadsheets():
    code = (
        "import sys\n"
        "from naravard.app.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'altair', 'docx', 'openpyxl', 'pandas', 'ipywidgets', 'networkx', 'sphinx', 'voila'})\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith("HEAVY []"), out
