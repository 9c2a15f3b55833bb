"""Benchmark: recompute the synthesis charts of the 360-degree insight worksheet at 200 interviews.

Builds an invented study with 200 interviews (the example study's answers, spread over every
principal and perspective, with positions on four scales) and measures, in the kernel:

- the synthesis recompute alone: the saved document read into a study, the positions, the two
  spread charts (by perspective and by principal), the widest gaps and the spread table;
- what the worksheet does when a respondent is moved on a scale: save the position in the
  workshop store, recompute, and hand the new charts to the chart widgets;
- the first drawing of the whole worksheet with 200 interviews, for reference.

Goal: the recompute at most 150 ms. Usage: .venv/bin/python benchmarks/bench_insight.py [--runs 25]
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 150.0
INTERVIEWS = 200


def study_doc(n: int, seed: int = 2026) -> dict:
    """The example study grown to ``n`` interviews with reproducible random positions."""
    from naravard.core.county import current_county
    from naravard.insight.guide import current_guide
    from naravard.insight.example import example_doc

    rng = random.Random(seed)
    doc = example_doc()
    guide, county = current_guide(), current_county()
    principals = guide.principal_codes(county)
    perspectives = guide.perspective_codes()
    templates = [r for r in doc["respondents"].values() if r["answers"]]
    respondents = {}
    for i in range(n):
        r = copy.deepcopy(templates[i % len(templates)])
        r["pseudonym"] = f"IP {i + 1:03d}"
        r["principal"] = principals[i % len(principals)]
        r["perspective"] = perspectives[(i // len(principals)) % len(perspectives)]
        respondents[f"r{i:03d}"] = r
    doc["respondents"] = respondents
    for scale in doc["scales"].values():
        scale["positions"] = {rid: rng.randint(0, 10) for rid in respondents
                              if rng.random() > 0.05}
    return doc


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up: caches, imports, the chart templates
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def fmt(values: list[float]) -> str:
    return (f"median {statistics.median(values):6.1f} ms  (min {min(values):.1f}, "
            f"max {max(values):.1f}, n={len(values)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=25)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="naravard-bench-insight-"))
    os.environ["NARAVARD_WORKSPACE"] = str(tmp / "workspace")
    from naravard.core.county import current_county
    from naravard.insight.guide import current_guide
    from naravard.insight.study import Study
    from naravard.core.store import Workspace
    from naravard.ui.common import start_session
    from naravard.ui.insight.page import InsightWorksheet
    from naravard.ui.insight.synthesis import synthesis_view

    guide, county = current_guide(), current_county()
    doc = study_doc(INTERVIEWS)
    placed = sum(len(s["positions"]) for s in doc["scales"].values())
    print(f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}")
    print(f"Studie: {len(doc['respondents'])} intervjuer, {len(doc['scales'])} skalor, "
          f"{placed} placeringar")

    recompute = timed(lambda: synthesis_view(Study.from_doc(doc), guide, county), args.runs)

    Workspace(tmp / "workspace", "bench").replace("insight_360", doc)
    session = start_session("insight_360", "bench")
    start = time.perf_counter()
    ui = InsightWorksheet(session)
    first = (time.perf_counter() - start) * 1000
    syn = ui.synthesis
    rids = list(doc["respondents"])
    moves = iter(range(10**6))

    def move() -> None:
        i = next(moves)
        syn.place("beslut", rids[i % len(rids)], str(i % 11))

    slider = timed(move, args.runs)
    assert syn.chart_principal.spec["data"]["values"], "the chart got no data"

    print(f"\nSyntesens diagram räknas om (studie, placeringar, två spännviddsdiagram, "
          f"största skillnader, tabell):\n  {fmt(recompute)}")
    print(f"En intervjuad flyttas på en skala (spara i arbetsytan + räkna om + uppdatera "
          f"diagrammen):\n  {fmt(slider)}")
    print(f"Hela arbetsbladet ritas första gången med {INTERVIEWS} intervjuer: {first:.0f} ms")
    worst = max(statistics.median(recompute), statistics.median(slider))
    verdict = "inom målet" if worst <= GOAL_MS else "ÖVER målet"
    print(f"\nMål: högst {GOAL_MS:.0f} ms för omräkningen – {verdict} "
          f"(median {statistics.median(recompute):.1f} ms).")
    return 0 if worst <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
