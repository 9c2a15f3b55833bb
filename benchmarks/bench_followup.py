"""Benchmark: recompute the follow-up worksheet's view after one new value.

Builds an invented follow-up with 40 indicators × 36 monthly periods (half of them proportions
with counts and totals, so that both I-charts and p-charts are computed) and 30 participants'
ratings of the eight factors over 4 rounds, and measures, in the kernel:

- the recompute alone: the saved document analysed (spread, disagreement and change of the
  latest round; run-chart rules and control limits of all 40 series);
- what the worksheet does when one value is saved: write it to the workshop store, recompute
  the view, and make the run chart of the series on screen (altair spec);
- the first drawing of the indicators tab, for reference.

Goal: the recompute at most 150 ms. Usage: .venv/bin/python benchmarks/bench_followup.py [--runs 25]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 150.0
INDICATORS = 40
PERIODS = 36
PARTICIPANTS = 30
ROUNDS = 4


def followup_doc(seed: int = 2026) -> dict:
    """An invented follow-up of the benchmark's size, reproducible from ``seed``."""
    from naravard.core.county import current_county
    from naravard.followup.guide import current_guide

    rng = random.Random(seed)
    guide, county = current_guide(), current_county()
    principals = county.principals()
    rounds = {}
    for r in range(ROUNDS):
        participants = {
            f"p{i:02d}": {"label": f"Roll {i}", "principal": principals[i % len(principals)],
                          "scores": {f.code: rng.randint(1, 5) for f in guide.factors},
                          "evidence": {}}
            for i in range(PARTICIPANTS)}
        rounds[f"r{r}"] = {"name": f"Omgång {r + 1}", "date": f"{2024 + r // 2}-{3 + 6 * (r % 2):02d}-01",
                           "participants": participants, "joint": {}, "actions": {}}
    indicators, values = {}, {}
    months = [f"{2023 + m // 12}-{m % 12 + 1:02d}" for m in range(PERIODS)]
    for k in range(INDICATORS):
        share = k % 2 == 1
        iid = f"k{k:02d}"
        indicators[iid] = {"name": f"Indikator {k + 1}", "kind": "andel" if share else "värde",
                           "direction": "lägre", "target": None, "origin": "egen"}
        level = rng.uniform(20, 80)
        series = {}
        for i, m in enumerate(months):
            shift = -5 if i > 24 and k % 3 == 0 else 0
            if share:
                total = rng.randint(300, 500)
                series[m] = {"count": max(0, round(total * (level + shift) / 100 + rng.gauss(0, 5))),
                             "total": total}
            else:
                series[m] = {"value": round(level + shift + rng.gauss(0, 2), 1)}
        values[iid] = {"Hela länet": series}
    return {"rounds": rounds, "indicators": indicators, "values": values}


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def report(name: str, times: list[float]) -> None:
    print(f"{name:<58} median {statistics.median(times):7.1f} ms   "
          f"max {max(times):7.1f} ms   (n = {len(times)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ["NARAVARD_WORKSPACE"] = tempfile.mkdtemp(prefix="bench-followup-")

    from naravard.core.store import Workspace
    from naravard.followup.charts import run_chart
    from naravard.followup.guide import current_guide
    from naravard.followup.meeting import compute
    from naravard.ui.common import start_session
    from naravard.ui.followup.page import FollowupWorksheet

    guide = current_guide()
    doc = followup_doc()
    ws = Workspace(os.environ["NARAVARD_WORKSPACE"], "bench")
    ws.replace("uppfoljning", doc)
    print(f"Uppföljning: {INDICATORS} indikatorer × {PERIODS} perioder, {PARTICIPANTS} "
          f"deltagare × {ROUNDS} omgångar")

    recompute = timed(lambda: compute(ws.read("uppfoljning"), guide), args.runs)
    report("Omräkning av vyn (alla serier och senaste omgången)", recompute)

    counter = iter(range(10 ** 6))

    def one_value() -> None:
        n = next(counter)
        saved = ws.set("uppfoljning", ("values", "k00", "Hela länet", "2023-01"),
                       {"value": 40.0 + n % 7})
        view = compute(saved, guide)
        series = next(s for s in view.series if s.indicator.code == "k00")
        run_chart(series).to_dict()

    one = timed(one_value, args.runs)
    report("Ett nytt värde: spara, räkna om, rita seriens diagram", one)

    t = time.perf_counter()
    ui = FollowupWorksheet(start_session("uppfoljning", workshop="bench"))
    ui.tabs.selected_index = 2
    report("Första ritningen av fliken Indikatorer (referens)", [(time.perf_counter() - t) * 1000])
    ok = statistics.median(recompute) <= GOAL_MS
    print(f"Mål: omräkningen högst {GOAL_MS:.0f} ms – {'uppfyllt' if ok else 'INTE uppfyllt'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
