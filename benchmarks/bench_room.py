"""Benchmark: worksheet time to interactive beside a bare Voilà page, and a room of 30.

Prints, measured in one run on this machine (Chromium, everything but localhost blocked):

- for every worksheet in the registry (``naravard.core.worksheets.WORKSHEETS``), with and
  without a preheated kernel, and for a bare Voilà page with one ipywidgets slider: first paint
  (the title), time to interactive (the first form field usable) and, where the first view has
  a chart, the time until it is drawn;
- a room: ``--room N`` pages (30) opened at once against one ``naravard serve`` (bounded:
  every wait has a timeout, the server and browser are stopped at the end). p50/p95 time to
  interactive, failures, total and per-kernel RSS; then every page types a line, waits until it
  is saved and vanishes without a goodbye (the shutdown beacon is blocked), and the benchmark
  checks that every page's kernel is gone within the configured idle time and that every
  page's line is on disk;
- without preheating, the CPU floor of N kernel starts on this machine's cores;
- one closing line, comparable from run to run::

    summary tti_ratio=<worst worksheet> preheat_ratio=<worst> p95_30=<s> bare_s=<bare page TTI> failures=<n> rss_per_kernel_mb=<max>

Usage: .venv/bin/python benchmarks/bench_room.py [--runs 2] [--room 30] [--room-worksheet KEY]
       [--room-modes preheat,cold] [--idle-minutes 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
#: The package to measure (another checkout's src/ to compare versions: $NARAVARD_BENCH_SRC).
SRC = Path(os.environ.get("NARAVARD_BENCH_SRC", ROOT / "src"))
sys.path.insert(0, str(SRC))
#: Where book/, data/ and worksheets/ are copied from ($NARAVARD_BENCH_SITE, to compare).
SITE = Path(os.environ.get("NARAVARD_BENCH_SITE", ROOT))

from naravard.core.worksheets import WORKSHEETS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
KERNEL_MARK = "kernel_main"
PAGE_TIMEOUT_MS = 300_000

# What the page shows, checked in the browser.
JS_PAINT = "() => !!document.querySelector('.naravard-header h1, .naravard-error, .widget-slider')"
JS_INTERACTIVE = """() => {
  const bare = document.querySelector('.widget-slider');
  if (bare && bare.offsetParent !== null) return true;
  if (document.querySelector('.naravard-app .naravard-error')) return true;
  return [...document.querySelectorAll(
      '.naravard-app input, .naravard-app textarea, .naravard-app select, .naravard-app button')]
    .some(e => e.offsetParent !== null && !e.disabled);
}"""
JS_CHART_VISIBLE = ("() => [...document.querySelectorAll('.naravard-chart')]"
                    ".some(e => e.offsetParent !== null)")
JS_CHART_DRAWN = ("() => [...document.querySelectorAll('.naravard-chart')]"
                  ".filter(e => e.offsetParent !== null).every(e => e.querySelector('svg'))")


# --- The site and the server ---------------------------------------------------------------

def copy_site(target: Path) -> Path:
    """A copy of what a county's fork holds, plus the already built chart bundle if any."""
    for name in ("book", "data", "worksheets"):
        shutil.copytree(SITE / name, target / name,
                        ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    bundle = ROOT / "book" / "_build" / "naravard-static"
    if bundle.is_dir():
        shutil.copytree(bundle, target / "book" / "_build" / "naravard-static")
    return target


def env_for(root: Path, workspace: Path) -> dict:
    return {**os.environ, "NARAVARD_ROOT": str(root), "NARAVARD_DATA": str(root / "data"),
            "NARAVARD_WORKSPACE": str(workspace), "PYTHONPATH": str(SRC)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 180, proc: subprocess.Popen | None = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"Servern för {url} avslutades (kod {proc.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


STARTED = r"Kernel started: ([0-9a-f-]{36})"
USED_PREHEATED = r"Using pre-heated kernel: ([0-9a-f-]{36})"
SHUTDOWN = r"Kernel shutdown: ([0-9a-f-]{36})"


@dataclass
class Server:
    proc: subprocess.Popen
    base: str
    log: Path
    server_log: Path = Path("/nonexistent")

    def kernels(self) -> list[psutil.Process]:
        """The server's worksheet kernels (processes started through naravard's launcher)."""
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        out = []
        for child in children:
            try:
                if KERNEL_MARK in " ".join(child.cmdline()):
                    out.append(child)
            except psutil.Error:
                pass
        return out

    def log_text(self) -> str:
        """The server's log file (Voilà and Jupyter log each kernel's start, use and end)."""
        try:
            return self.server_log.read_text("utf-8", "replace")
        except OSError:
            return ""

    def kernel_ids(self, pattern: str, since: int = 0) -> list[str]:
        """Kernel ids in log lines matching ``pattern`` (one group), after offset ``since``."""
        return re.findall(pattern, self.log_text()[since:])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def start_naravard(root: Path, env: dict, *extra: str) -> Server:
    for old in Path(env["NARAVARD_WORKSPACE"]).glob("naravard.log"):
        old.unlink()  # one server's log per run
    port = free_port()
    log = root / f"serve-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "naravard.app.cli", "serve", "--port",
                                 str(port), *extra], cwd=root, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", log,
                    Path(env["NARAVARD_WORKSPACE"]) / "naravard.log")
    try:
        wait_http(server.base + "/", proc=proc)
    except RuntimeError:
        sys.exit(f"Servern startade inte; se {log}:\n" + log.read_text()[-2000:])
    return server


def start_bare(folder: Path, env: dict) -> Server:
    """Voilà alone, serving one notebook with one slider: the yardstick."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell("import ipywidgets as w\nw.IntSlider(description='x')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "slider.ipynb")
    port = free_port()
    log = folder / "voila.log"
    with log.open("w") as out:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("voila")), str(folder),
                                 "--no-browser", f"--port={port}"], cwd=folder, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", log)
    try:
        wait_http(server.base + "/", proc=proc)
    except RuntimeError:
        sys.exit(f"Servern startade inte; se {log}:\n" + log.read_text()[-2000:])
    return server


def wait_preheated(server: Server, count: int, timeout: float = 900) -> float:
    """Seconds until ``count`` preheated kernels wait for their page: started, and each has
    run its worksheet up to the request (no CPU used for a second)."""
    start = time.perf_counter()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        kernels = server.kernels()
        if len(kernels) >= count:
            for proc in kernels:
                try:
                    proc.cpu_percent(None)
                except psutil.Error:
                    pass
            time.sleep(1.0)
            busy = 0
            for proc in kernels:
                try:
                    busy += proc.cpu_percent(None) > 3.0
                except psutil.Error:
                    busy += 1
            if not busy:
                return time.perf_counter() - start
        else:
            time.sleep(0.5)
    raise TimeoutError(f"Förvärmningen blev inte klar ({count} kärnor) på {timeout:.0f} s")


def rss_mb(processes: list[psutil.Process]) -> list[float]:
    out = []
    for proc in processes:
        try:
            out.append(proc.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return out


# --- One page ------------------------------------------------------------------------------

@dataclass
class PageTimes:
    paint: float | None = None
    interactive: float | None = None
    chart: float | None = None
    error: str | None = None
    saved: bool = False


async def new_context(browser, *, block_goodbye: bool = False):
    ctx = await browser.new_context()

    async def route(r):
        url = r.request.url
        if not url.startswith(LOCAL) or (block_goodbye and "/voila/api/shutdown/" in url):
            await r.abort()
        else:
            await r.continue_()

    await ctx.route("**/*", route)
    return ctx


async def open_page(ctx, url: str, *, chart: bool = True) -> tuple[object, PageTimes]:
    """Open ``url`` and time first paint, interactive and (if visible) the chart drawn."""
    page = await ctx.new_page()
    times = PageTimes()
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=PAGE_TIMEOUT_MS)
        await page.wait_for_function(JS_PAINT, timeout=PAGE_TIMEOUT_MS, polling=50)
        times.paint = time.perf_counter() - start
        await page.wait_for_function(JS_INTERACTIVE, timeout=PAGE_TIMEOUT_MS, polling=50)
        times.interactive = time.perf_counter() - start
        if await page.locator(".naravard-app .naravard-error").count():
            times.error = (await page.locator(".naravard-app .naravard-error").first
                           .inner_text())[:200]
        elif chart and await page.evaluate(JS_CHART_VISIBLE):
            await page.wait_for_function(JS_CHART_DRAWN, timeout=PAGE_TIMEOUT_MS, polling=50)
            times.chart = time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - a failure is counted and reported
        times.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    return page, times


async def type_and_wait_saved(page, text: str) -> bool:
    """Type ``text`` into the first visible autosaved field and wait for "Allt sparat"."""
    field = page.locator(".naravard-field input:visible, .naravard-field textarea:visible").first
    await field.fill(text, timeout=60_000)
    await page.wait_for_function(
        "() => [...document.querySelectorAll('.naravard-status')]"
        ".some(e => e.textContent.includes('Allt sparat'))", timeout=120_000, polling=100)
    return True


async def sequential_tti(browser, url: str, runs: int, chart: bool = True) -> list[PageTimes]:
    out = []
    for _ in range(runs):
        ctx = await new_context(browser)
        _page, times = await open_page(ctx, url, chart=chart)
        out.append(times)
        await ctx.close()
        await asyncio.sleep(1.5)  # let the kernel shut down before the next run
    return out


# --- The room ------------------------------------------------------------------------------

@dataclass
class RoomResult:
    mode: str
    pages: list[PageTimes] = field(default_factory=list)
    wall: float = 0.0
    rss: list[float] = field(default_factory=list)
    kernel_cpu: list[float] = field(default_factory=list)
    gone_after: float | None = None
    attached: int = 0
    left: int = 0
    lost: int = 0

    @property
    def tti(self) -> list[float]:
        return [p.interactive for p in self.pages if p.interactive is not None and not p.error]

    @property
    def failures(self) -> int:
        return sum(1 for p in self.pages if p.error or p.interactive is None) + self.lost + \
            self.left


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))
    return ordered[k]


async def run_room(browser, server: Server, workspace: Path, key: str, n: int, mode: str,
                   idle_s: float) -> RoomResult:
    """N pages at once; then each types a line, waits for "saved" and vanishes."""
    result = RoomResult(mode)
    log_start = len(server.log_text())
    contexts = [await new_context(browser, block_goodbye=True) for _ in range(n)]
    names = [f"rum-{mode}-{i + 1:02d}" for i in range(n)]
    start = time.perf_counter()
    opened = await asyncio.gather(*[
        open_page(ctx, f"{server.base}/voila/render/{WORKSHEETS[key].notebook}?workshop={name}",
                  chart=False)
        for ctx, name in zip(contexts, names)])
    result.wall = time.perf_counter() - start
    result.pages = [times for _page, times in opened]
    # The pages' kernels: started for a page, or taken from the preheated pool.
    attached = server.kernel_ids(USED_PREHEATED if mode == "förvärmd" else STARTED, log_start)
    kernels = server.kernels()
    result.rss = rss_mb(kernels)
    for proc in kernels:
        try:
            result.kernel_cpu.append(sum(proc.cpu_times()[:2]))
        except psutil.Error:
            pass

    async def save(page, times: PageTimes, name: str) -> None:
        if times.error or times.interactive is None:
            return
        try:
            times.saved = await type_and_wait_saved(page, f"Rummets rad {name}")
        except Exception as exc:  # noqa: BLE001
            times.error = f"sparades inte: {type(exc).__name__}"

    await asyncio.gather(*[save(page, times, name)
                           for (page, times), name in zip(opened, names)])
    for ctx in contexts:  # vanish: the shutdown beacon is blocked, the socket just closes
        await ctx.close()
    closed = time.perf_counter()
    # Every kernel that served a page must be gone within the idle time (plus one cull interval
    # and the shutdown itself); preheated kernels waiting for a page stay.
    deadline = closed + idle_s + max(1, min(60, idle_s // 4)) + 60
    attached_set = set(attached)
    while time.perf_counter() < deadline:
        if attached_set <= set(server.kernel_ids(SHUTDOWN, log_start)):
            result.gone_after = time.perf_counter() - closed
            break
        await asyncio.sleep(1.0)
    else:
        result.left = len(attached_set - set(server.kernel_ids(SHUTDOWN, log_start)))
    result.attached = len(attached_set)
    for name, (_page, times) in zip(names, opened):
        if times.saved and not any(f"Rummets rad {name}" in p.read_text("utf-8", "replace")
                                   for p in (workspace / name).glob("*.json")):
            result.lost += 1
    return result


# --- Reporting -----------------------------------------------------------------------------

def median_of(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def cell(value: float | None) -> str:
    return f"{value:6.2f} s" if value is not None else "      – "


async def measure(args) -> dict:
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="naravard-room-"))
    root = copy_site(tmp / "site")
    workspace = tmp / "workspace"
    env = env_for(root, workspace)
    keys = list(WORKSHEETS)
    rows: dict[str, list[PageTimes]] = {}
    rooms: list[RoomResult] = []
    load = os.getloadavg()[0]
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bare = start_bare(tmp / "bare", env)
            try:
                rows["bare"] = await sequential_tti(
                    browser, f"{bare.base}/voila/render/slider.ipynb", args.runs)
            finally:
                bare.stop()
            idle = ["--idle-minutes", str(args.idle_minutes)]
            server = start_naravard(root, env, *idle)
            try:
                for key in keys:
                    rows[key] = await sequential_tti(
                        browser, f"{server.base}/voila/render/{key}.ipynb", args.runs)
            finally:
                server.stop()
            server = start_naravard(root, env, "--preheat", "1", *idle)
            try:
                wait_preheated(server, len(keys))
                for key in keys:
                    times = []
                    for _ in range(args.runs):
                        times += await sequential_tti(
                            browser, f"{server.base}/voila/render/{key}.ipynb", 1)
                        time.sleep(2.0)  # Voilà refills the pool a second after a kernel is used
                        wait_preheated(server, len(keys))
                    rows[f"{key} (förvärmd)"] = times
            finally:
                server.stop()
            idle_s = args.idle_minutes * 60
            for mode in args.room_modes:
                if args.room <= 0:
                    break
                extra = idle + (["--room", str(args.room), "--room-worksheet",
                                 args.room_worksheet] if mode == "förvärmd" else [])
                server = start_naravard(root, env, *extra)
                try:
                    if mode == "förvärmd":
                        filled = wait_preheated(server, args.room)
                        print(f"  (rummets pool på {args.room} kärnor fylld på {filled:.0f} s)",
                              flush=True)
                    rooms.append(await run_room(browser, server, workspace,
                                                args.room_worksheet, args.room, mode, idle_s))
                finally:
                    server.stop()
            await browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "rooms": rooms, "keys": keys, "load": load}


def report(results: dict, args) -> str:
    rows, rooms, keys = results["rows"], results["rooms"], results["keys"]
    lines = [f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}, "
             f"belastning vid start {results['load']:.1f} (andra program delar processorn)",
             "", "Tid tills sidan går att använda (median av "
             f"{args.runs}; Chromium, allt utom localhost blockerat):",
             f"  {'sida':34s} {'titel syns':>10s} {'interaktiv':>10s} {'diagram':>10s}  "
             "kvot mot tom sida"]
    bare = median_of([t.interactive for t in rows["bare"]]) or float("nan")
    ratios: dict[str, float] = {}
    for label, times in rows.items():
        inter = median_of([t.interactive for t in times])
        ratio = (inter / bare) if inter else float("nan")
        if label != "bare":
            ratios[label] = ratio
        errors = [t.error for t in times if t.error]
        name = "tom Voilà-sida med ett reglage" if label == "bare" else label
        lines.append(f"  {name:34s} {cell(median_of([t.paint for t in times]))}   "
                     f"{cell(inter)}   {cell(median_of([t.chart for t in times]))}  "
                     f"{ratio:5.2f}×" + (f"  FEL: {errors[0]}" if errors else ""))
    cold = [ratios[k] for k in keys if k in ratios]
    warm = [ratios[f"{k} (förvärmd)"] for k in keys if f"{k} (förvärmd)" in ratios]
    failures = sum(1 for times in rows.values() for t in times if t.error)
    p95 = float("nan")
    rss_max = 0.0
    for room in rooms:
        tti = room.tti
        lines += ["", f"Rummet, {args.room} sidor på en gång ({room.mode}, "
                      f"{WORKSHEETS[args.room_worksheet].title}):",
                  f"  tid tills interaktiv: p50 {percentile(tti, 0.5):.1f} s, "
                  f"p95 {percentile(tti, 0.95):.1f} s, alla klara efter {room.wall:.1f} s",
                  f"  misslyckade: {room.failures} (sidor med fel {sum(1 for p in room.pages if p.error)}, "
                  f"förlorade rader {room.lost}, kärnor kvar {room.left})"]
        if room.rss:
            lines.append(f"  minne: {len(room.rss)} kärnor, totalt {sum(room.rss):.0f} MB RSS, "
                         f"per kärna {min(room.rss):.0f}–{max(room.rss):.0f} MB "
                         f"(medel {statistics.mean(room.rss):.0f})")
            rss_max = max(rss_max, max(room.rss))
        if room.gone_after is not None:
            lines.append(f"  sidorna försvann utan adjö: alla deras kärnor stängda efter "
                         f"{room.gone_after:.0f} s (tomgångstid {args.idle_minutes * 60:.0f} s); "
                         f"{sum(1 for p in room.pages if p.saved)} sparade rader finns kvar")
        if room.mode == "kalla" and room.kernel_cpu:
            per = statistics.median(room.kernel_cpu)
            floor = per * args.room / (os.cpu_count() or 1)
            lines.append(f"  processorgolv: {args.room} kärnstarter × {per:.1f} s CPU "
                         f"/ {os.cpu_count()} kärnor = {floor:.0f} s (utan webbläsaren); "
                         f"uppmätt p95 {percentile(tti, 0.95):.0f} s")
        if room.mode == "förvärmd" or len(rooms) == 1:
            p95 = percentile(tti, 0.95)
        failures += room.failures
    lines += ["", f"summary tti_ratio={max(cold, default=float('nan')):.2f} "
                  f"preheat_ratio={max(warm, default=float('nan')):.2f} p95_30={p95:.1f} "
                  f"bare_s={bare:.2f} failures={failures} rss_per_kernel_mb={rss_max:.0f}"]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2, help="mätningar per sida (median)")
    ap.add_argument("--room", type=int, default=30, help="sidor på en gång (0: inget rum)")
    ap.add_argument("--room-worksheet", default="plan_primarvard", choices=list(WORKSHEETS))
    ap.add_argument("--room-modes", default="förvärmd,kalla",
                    type=lambda s: [m.strip() for m in s.split(",") if m.strip()],
                    help="förvärmd, kalla eller båda (kommaseparerat)")
    ap.add_argument("--idle-minutes", type=float, default=0.5,
                    help="serverns tomgångstid för kärnor utan sida")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    results = asyncio.run(measure(args))
    print(report(results, args), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
