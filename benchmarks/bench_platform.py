"""Benchmark: handbook build times, worksheet time to interactive and a room of 30.

Prints, measured in the same run on this machine:
- cold build of the handbook (empty cache), warm rebuild (nothing changed) and rebuild after
  editing one chapter's text (``--skip-build`` skips all three);
- everything ``benchmarks/bench_room.py`` prints: every worksheet's time to interactive with
  and without a preheated kernel beside a bare Voilà page, the room of 30 pages at once, and the
  closing ``summary …`` line.

Usage: .venv/bin/python benchmarks/bench_platform.py [--skip-build] [bench_room options]
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_room  # noqa: E402


def copy_project(target: Path) -> Path:
    for name in ("book", "data", "worksheets"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("_build"))
    return target


def env_for(root: Path, workspace: Path) -> dict:
    return {**os.environ, "NARAVARD_ROOT": str(root), "NARAVARD_DATA": str(root / "data"),
            "NARAVARD_WORKSPACE": str(workspace)}


def timed_build(root: Path, env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "naravard.app.cli", "build"], cwd=root, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("Bygget misslyckades:\n" + proc.stderr[-3000:])
    return seconds


def main() -> int:
    ap = bench_room.parser()
    ap.description = __doc__.splitlines()[0]
    ap.add_argument("--skip-build", action="store_true", help="mät inte handbokens bygge")
    args = ap.parse_args()
    print(f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}", flush=True)
    if not args.skip_build:
        tmp = Path(tempfile.mkdtemp(prefix="naravard-bench-"))
        root = copy_project(tmp / "site")
        env = env_for(root, tmp / "workspace")
        cold = timed_build(root, env)
        print(f"Handboken, kallt bygge (tom cache):           {cold:6.1f} s", flush=True)
        warm = timed_build(root, env)
        print(f"Handboken, varmt bygge (inget ändrat):        {warm:6.1f} s", flush=True)
        chapter = sorted((root / "book" / "chapters").glob("*.md"))[0]
        with chapter.open("a", encoding="utf-8") as fh:
            fh.write("\nEn mening som lagts till av mätningen.\n")
        edited = timed_build(root, env)
        print(f"Handboken, ett kapitels text ändrad:          {edited:6.1f} s  ({chapter.name})",
              flush=True)
        shutil.rmtree(tmp, ignore_errors=True)
    # Time to interactive of every worksheet beside the bare page, and the room of 30: one run,
    # ending with the summary line (benchmarks/bench_room.py).
    print(flush=True)
    results = asyncio.run(bench_room.measure(args))
    print(bench_room.report(results, args), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
