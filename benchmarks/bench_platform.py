"""Benchmark: handbook build times and worksheet time to interactive.

Prints, measured in the same run on this machine:
- cold build of the handbook (empty cache), warm rebuild (nothing changed) and rebuild after
  editing one chapter's text;
- time from opening a worksheet in Chromium until it is usable (heading, widgets and chart
  drawn), with and without preheated kernels, beside a bare Voilà page with one ipywidgets
  slider.

Usage: .venv/bin/python benchmarks/bench_platform.py [--runs 3] [--skip-build]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


def time_to_interactive(browser, url: str, selector: str, runs: int) -> list[float]:
    """Open url in a fresh browser context `runs` times; seconds until selector is visible."""
    out = []
    for _ in range(runs):
        ctx = browser.new_context()
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
            ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else r.abort())
        page = ctx.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(selector, state="visible", timeout=180_000)
        out.append(time.perf_counter() - start)
        ctx.close()
        time.sleep(1.0)
    return out


def serve(cmd: list[str], cwd: Path, env: dict, url: str) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait_http(url)
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def fmt(values: list[float]) -> str:
    return (f"median {statistics.median(values):.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f}, n={len(values)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="naravard-bench-"))
    root = copy_project(tmp / "site")
    env = env_for(root, tmp / "workspace")

    print(f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}")
    cold = timed_build(root, env)
    print(f"Handboken, kallt bygge (tom cache):           {cold:6.1f} s")
    if not args.skip_build:
        warm = timed_build(root, env)
        print(f"Handboken, varmt bygge (inget ändrat):        {warm:6.1f} s")
        chapter = sorted((root / "book" / "chapters").glob("*.md"))[0]
        with chapter.open("a", encoding="utf-8") as fh:
            fh.write("\nEn mening som lagts till av mätningen.\n")
        edited = timed_build(root, env)
        print(f"Handboken, ett kapitels text ändrad:          {edited:6.1f} s  ({chapter.name})")

    from playwright.sync_api import sync_playwright

    bare = tmp / "bare"
    bare.mkdir()
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("import ipywidgets as w\nw.IntSlider(description='x')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, bare / "slider.ipynb")

    results: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        port = free_port()
        voila = Path(sys.executable).with_name("voila")
        proc = serve([str(voila), str(bare), "--no-browser", f"--port={port}"], bare, env,
                     f"http://127.0.0.1:{port}/")
        try:
            results["Tom Voilà-sida med ett reglage"] = time_to_interactive(
                browser, f"http://127.0.0.1:{port}/voila/render/slider.ipynb", ".widget-slider",
                args.runs)
        finally:
            stop(proc)
        for preheat in (0, 1):
            port = free_port()
            cmd = [sys.executable, "-m", "naravard.app.cli", "serve", "--port", str(port)]
            if preheat:
                cmd += ["--preheat", "1"]
            proc = serve(cmd, root, env, f"http://127.0.0.1:{port}/")
            try:
                if preheat:
                    time.sleep(25)  # let the pool fill before measuring
                for name in ("insight_360", "plan_primarvard"):
                    label = f"{name}{' (förvärmd)' if preheat else ''}"
                    results[label] = time_to_interactive(
                        browser, f"http://127.0.0.1:{port}/voila/render/{name}.ipynb",
                        ".naravard-chart svg", args.runs)
            finally:
                stop(proc)
        browser.close()
    print("\nTid tills sidan går att använda (Chromium, allt utom localhost blockerat):")
    for label, values in results.items():
        print(f"  {label:38s} {fmt(values)}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
