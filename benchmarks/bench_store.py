"""Benchmark: what saving costs in the workspace store (journal + current file).

Fills a temporary workshop with a forum map (300 forums, 1,000 relations, the same generator as
bench_forums.py), then times: one saved change (a forum's mandate), one read, undo of a page's
own change, and rebuilding a deleted current file from the journal. Prints medians and the
journal's size per change.

Usage: .venv/bin/python benchmarks/bench_store.py [--forums 300] [--changes 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))


def ms(values: list[float]) -> str:
    v = [x * 1000 for x in values]
    return f"median {statistics.median(v):6.1f} ms  (min {min(v):6.1f}, max {max(v):6.1f}, n={len(v)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forums", type=int, default=300)
    ap.add_argument("--relations", type=int, default=1000)
    ap.add_argument("--changes", type=int, default=200)
    args = ap.parse_args()

    from bench_forums import random_doc

    from naravard.core.store import Workspace

    root = tempfile.mkdtemp(prefix="naravard-bench-store-")
    doc = random_doc(args.forums, args.relations, ["Region", "Norrvik", "Sjöstad"])
    ws = Workspace(root, "matning", author="sida-bench0001")
    ws.replace("forum_mapping", doc)
    forums = list(doc["forums"])
    saves, reads = [], []
    for i in range(args.changes):
        t = time.perf_counter()
        ws.set("forum_mapping", ("forums", forums[i % len(forums)], "mandate"), f"Mandat {i}")
        saves.append(time.perf_counter() - t)
        t = time.perf_counter()
        ws.read("forum_mapping")
        reads.append(time.perf_counter() - t)
    size = ws.journal_file("forum_mapping").stat().st_size
    t = time.perf_counter()
    ws.undo("forum_mapping")
    undo = time.perf_counter() - t
    ws.file("forum_mapping").unlink()
    t = time.perf_counter()
    Workspace(root, "matning").read("forum_mapping")
    rebuild = time.perf_counter() - t
    print(f"Karta: {args.forums} forum, {args.relations} relationer, {args.changes} ändringar "
          f"({os.cpu_count()} kärnor, Python {sys.version.split()[0]})")
    print(f"Spara en ändring (journal med fsync + aktuell fil): {ms(saves)}")
    print(f"Läsa dokumentet:                                   {ms(reads)}")
    print(f"Ångra den egna senaste ändringen:                  {undo * 1000:6.1f} ms")
    print(f"Bygga upp en raderad fil ur journalen:             {rebuild * 1000:6.1f} ms")
    print(f"Journalen: {size / 1024:,.0f} kB, {size / (args.changes + 1):,.0f} byte per ändring"
          .replace(",", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
