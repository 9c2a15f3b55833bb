"""Benchmark: time from a change in the forum mapping worksheet to updated analyses and chart.

Builds a random but realistic forum map (300 forums over three levels, 1,000 typed relations,
fixed seed) in a temporary workshop, opens the worksheet in this kernel and times three kinds of
change, each measured from the callback until the analyses and the chart's spec are updated and
the change is saved: adding a relation, editing a forum's mandate, and adding a forum. Also prints
the parts: analyses alone and chart spec alone. Goal: at most 150 ms per change.

Usage: .venv/bin/python benchmarks/bench_forums.py [--forums 300] [--relations 1000] [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

GOAL_MS = 150.0


def random_doc(n_forums: int, n_relations: int, principals: list[str], seed: int = 7) -> dict:
    from naravard.forums.model import RELATION_KINDS

    rnd = random.Random(seed)
    levels = ["makro"] * max(3, n_forums // 20) + ["meso"] * (n_forums // 3)
    levels += ["mikro"] * (n_forums - len(levels))
    roles = [f"Roll {i}" for i in range(n_forums // 2)]
    forums = {}
    for i, level in enumerate(levels):
        forums[f"f{i}"] = {
            "name": f"Forum {i:03d} {level}", "level": level,
            "principal": rnd.choice([*principals, "Gemensam"]),
            "type": rnd.choice(["beslutande", "beredande", "samverkande", "informerande"]),
            "mission": "" if rnd.random() < 0.1 else f"Uppdrag för forum {i}",
            "mandate": "" if rnd.random() < 0.2 else f"Mandat för forum {i}",
            "frequency": float(rnd.choice([4, 6, 10, 12, 20])),
            "members": rnd.sample(roles, 4), "system_leadership": i == 0}
    ids = list(forums)
    relations = {}
    seen = set()
    while len(relations) < n_relations:
        s, t = rnd.sample(ids, 2)
        kind = rnd.choice(RELATION_KINDS)
        if (s, kind, t) in seen:
            continue
        seen.add((s, kind, t))
        relations[f"r{len(relations)}"] = {"source": s, "kind": kind, "target": t}
    return {"forums": forums, "relations": relations}


def ms(values: list[float]) -> str:
    v = [x * 1000 for x in values]
    return (f"median {statistics.median(v):6.1f} ms  (min {min(v):6.1f}, max {max(v):6.1f}, "
            f"n={len(v)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forums", type=int, default=300)
    ap.add_argument("--relations", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    os.environ["NARAVARD_WORKSPACE"] = tempfile.mkdtemp(prefix="naravard-bench-forums-")

    from naravard.forums.charts import forum_map_spec
    from naravard.forums.analysis import analyse
    from naravard.forums.model import DOC, ForumMap
    from naravard.core.store import open_workspace
    from naravard.ui.common import start_session
    from naravard.ui.forums.page import build

    session = start_session(DOC, workshop="matning")
    principals = session.county.principals()
    doc = random_doc(args.forums, args.relations, principals)
    open_workspace("matning").replace(DOC, doc)
    t0 = time.perf_counter()
    sheet = build(session).sheet
    print(f"Karta: {len(doc['forums'])} forum, {len(doc['relations'])} relationer "
          f"({os.cpu_count()} kärnor, Python {sys.version.split()[0]})")
    print(f"Arbetsbladet byggt första gången:        {(time.perf_counter() - t0) * 1000:7.1f} ms")

    fmap = ForumMap.from_doc(doc)
    parts_a, parts_c = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        analyse(fmap)
        parts_a.append(time.perf_counter() - t)
        t = time.perf_counter()
        forum_map_spec(fmap, principals)
        parts_c.append(time.perf_counter() - t)

    ids = list(doc["forums"])
    rnd = random.Random(3)
    timings: dict[str, list[float]] = {"Ny relation": [], "Ändrat mandat": [], "Nytt forum": []}
    for i in range(args.runs):
        s, t_ = rnd.sample(ids, 2)
        sheet.relations_tab.rel_source.value, sheet.relations_tab.rel_target.value = s, t_
        sheet.relations_tab.rel_kind.value = "informerar"
        before = sheet.map_tab.chart.spec
        t = time.perf_counter()
        sheet.relations_tab.on_add_relation()
        timings["Ny relation"].append(time.perf_counter() - t)
        assert sheet.map_tab.chart.spec is not before

        sheet.map_tab.edit_select.value = ids[i + 1]
        t = time.perf_counter()
        sheet.map_tab.edit_form.mandate.value = f"Nytt mandat {i}"
        timings["Ändrat mandat"].append(time.perf_counter() - t)

        sheet.map_tab.add_form.name.value = f"Mätforum {i}"
        sheet.map_tab.add_form.level.value = "mikro"
        t = time.perf_counter()
        sheet.map_tab.on_add_forum()
        timings["Nytt forum"].append(time.perf_counter() - t)
    saved = open_workspace("matning").read(DOC)
    assert len(saved["forums"]) == args.forums + args.runs

    print(f"Analyserna (alla åtta):                  {ms(parts_a)}")
    print(f"Diagrammets spec:                        {ms(parts_c)}")
    print("Från ändring till sparat, uppdaterade analyser och diagram:")
    worst = 0.0
    for label, values in timings.items():
        print(f"  {label:38s} {ms(values)}")
        worst = max(worst, statistics.median(values) * 1000)
    verdict = "inom" if worst <= GOAL_MS else "ÖVER"
    print(f"Sämsta median {worst:.1f} ms: {verdict} målet {GOAL_MS:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
