"""Benchmark: the joint primary care plan – what a facilitator waits for.

Prints, measured in the same run on this machine with the example plan from data/:
- one keystroke in a goal field (autosave through the store and the Tight–Loose–Tight check),
- building the worksheet and opening each of its pages in the kernel,
- the Tight–Loose–Tight check and the completeness view,
- exporting the plan as Markdown, HTML (inline SVG charts) and DOCX (PNG timeline).

Usage: .venv/bin/python benchmarks/bench_plan.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def fmt_ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"median {statistics.median(ms):7.1f} ms   (min {min(ms):.1f}, max {max(ms):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="bench_plan_"))
    os.environ["NARAVARD_WORKSPACE"] = str(workspace)
    os.environ.setdefault("NARAVARD_ROOT", str(ROOT))
    sys.path.insert(0, str(ROOT / "src"))

    from naravard.core.county import current_county
    from naravard.plan.checks import tlt_check
    from naravard.plan.example import example_plan
    from naravard.plan.model import DOC, Plan
    from naravard.plan.progress import completeness
    from naravard.plan.export import export_plan
    from naravard.core.store import Workspace
    from naravard.ui.common import start_session
    from naravard.ui.plan.page import PAGES, PlanWorksheet

    county = current_county()
    example = example_plan()
    Workspace(workspace, "bench").replace(DOC, example)
    print(f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}; "
          f"{args.runs} körningar per mått, exempelplanen i data/.")

    # The worksheet in the kernel ---------------------------------------------------------
    sheets: list[PlanWorksheet] = []
    build = timed(lambda: sheets.append(PlanWorksheet(start_session(DOC, workshop="bench"))),
                  args.runs)
    sheet = sheets[-1]
    pages = {}
    for key, label in PAGES:
        def open_page(key=key):
            sheet.steps.value = "frame" if key != "frame" else "goals"
            start = time.perf_counter()
            sheet.steps.value = key
            return time.perf_counter() - start
        pages[label] = [open_page() for _ in range(args.runs)]
    sheet.steps.value = "goals"
    goal_box = next(b for b in _walk(sheet.page) if hasattr(b, "field")
                    and "plan-goal-text" in b._dom_classes)
    text = "Färre äldre skadas av fall i hemmet"
    keystrokes = []
    for i in range(1, len(text) + 1):
        start = time.perf_counter()
        goal_box.field.value = text[:i]
        keystrokes.append(time.perf_counter() - start)

    print("\nArbetsbladet i kärnan:")
    print(f"  {'En tangenttryckning i ett mål (spara + TLT)':44s} {fmt_ms(keystrokes)}")
    print(f"  {'Bygga arbetsbladet (första sidan och diagram)':44s} {fmt_ms(build)}")
    slowest = max(pages, key=lambda k: statistics.median(pages[k]))
    for label, values in pages.items():
        print(f"  {'Öppna sidan ' + label:44s} {fmt_ms(values)}")

    # The model ---------------------------------------------------------------------------------
    plan = Plan(example, county.principals())
    goals = list(plan.goals().values()) * 250
    check = timed(lambda: [tlt_check(g) for g in goals], args.runs)
    progress = timed(lambda: completeness(plan), args.runs)
    print("\nModellen:")
    per_goal = statistics.median(check) / len(goals) * 1e6
    print(f"  {'Tight–Loose–Tight-kontroll, per mål':44s} median {per_goal:7.1f} µs")
    print(f"  {'Översikten (alla steg)':44s} {fmt_ms(progress)}")

    # Exports -------------------------------------------------------------------------------------
    print("\nExport av exempelplanen:")
    for fmt, label in (("md", "Markdown"), ("html", "HTML med SVG-diagram"),
                       ("docx", "DOCX med PNG-tidslinje")):
        sizes = []
        values = timed(lambda: sizes.append(len(export_plan(example, county, "bench", fmt)[0])),
                       args.runs)
        print(f"  {label:44s} {fmt_ms(values)}   {sizes[-1] / 1024:.0f} kB")

    print(f"\nLångsammaste sidan: {slowest} "
          f"({statistics.median(pages[slowest]) * 1000:.0f} ms i median).")
    return 0


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


if __name__ == "__main__":
    sys.exit(main())
