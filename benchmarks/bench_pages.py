"""What the benchmarks share: a copy of the site, ``naravard serve`` and a bare Voilà page on
free ports, their kernel processes, and one page opened and timed in Chromium (first paint, time
to interactive, chart drawn, kernel CPU, bytes over HTTP and the websocket).

Used by ``benchmarks/bench_room.py`` (and through it ``benchmarks/bench_platform.py``).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
#: The package to measure (another checkout's src/ to compare versions: $NARAVARD_BENCH_SRC).
SRC = Path(os.environ.get("NARAVARD_BENCH_SRC", ROOT / "src"))
sys.path.insert(0, str(SRC))
#: Where book/, data/ and worksheets/ are copied from ($NARAVARD_BENCH_SITE, to compare).
SITE = Path(os.environ.get("NARAVARD_BENCH_SITE", ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
#: How the server's kernels are told from its other processes (naravard's launcher; plain
#: ipykernel for the bare Voilà page).
KERNEL_MARKS = ("kernel_main", "ipykernel_launcher")
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

def copy_site(target: Path, site: Path = SITE) -> Path:
    """A copy of what a county's fork holds, plus the already built chart bundle if any."""
    for name in ("book", "data", "worksheets"):
        shutil.copytree(site / name, target / name,
                        ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    bundle = ROOT / "book" / "_build" / "naravard-static"
    if bundle.is_dir():
        shutil.copytree(bundle, target / "book" / "_build" / "naravard-static")
    return target


def env_for(root: Path, workspace: Path, src: Path = SRC) -> dict:
    return {**os.environ, "NARAVARD_ROOT": str(root), "NARAVARD_DATA": str(root / "data"),
            "NARAVARD_WORKSPACE": str(workspace), "PYTHONPATH": str(src)}


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
                if any(mark in " ".join(child.cmdline()) for mark in KERNEL_MARKS):
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


def start_naravard(root: Path, workspace: Path, *extra: str, src: Path = SRC) -> Server:
    """``naravard serve`` on the copy at ``root`` with its own workspace (and log file)."""
    env = env_for(root, workspace, src)
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


#: What a preheated worksheet kernel logs when it has prepared and waits for its page.
WARMED = "Förvärmd kärna väntar på sin sida:"


def waiting_kernels(server: Server) -> int | None:
    """Preheated kernels that have prepared and wait for a page, from the log (None when this
    version of naravard does not log it)."""
    text = server.log_text()
    warmed = text.count(WARMED)
    return warmed - len(re.findall(USED_PREHEATED, text)) if warmed else None


def cpu_of(proc: psutil.Process) -> float:
    """User and system CPU seconds of a process (0 when it is gone)."""
    try:
        return sum(proc.cpu_times()[:2])
    except psutil.Error:
        return 0.0


def wait_preheated(server: Server, count: int, timeout: float = 900) -> float:
    """Seconds until ``count`` preheated kernels wait for their page: as the kernels log it,
    or (older versions) started, with CPU used, and idle for a second."""
    start = time.perf_counter()
    deadline = start + timeout
    while time.perf_counter() < deadline:
        waiting = waiting_kernels(server)
        if waiting is not None:
            if waiting >= count:
                return time.perf_counter() - start
            time.sleep(0.5)
            continue
        kernels = server.kernels()
        if len(kernels) >= count and all(cpu_of(p) > 1.0 for p in kernels):
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


def _tree_cpu(server: Server) -> float:
    try:
        root = psutil.Process(server.proc.pid)
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return 0.0
    return sum(cpu_of(p) for p in procs)


def wait_quiet(servers: list[Server], timeout: float = 120, window: float = 0.5) -> float:
    """Seconds until the servers and their kernels use under a tenth of a core for ``window``
    seconds (a pool refilling, a kernel shutting down): every page is measured on a machine
    at rest, the bare page and the worksheets alike."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        before = sum(_tree_cpu(s) for s in servers)
        time.sleep(window)
        if sum(_tree_cpu(s) for s in servers) - before < 0.1 * window:
            break
    return time.perf_counter() - start


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
    cpu: float | None = None


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


def cpu_seconds(server: Server) -> dict[int, float]:
    out = {}
    for proc in server.kernels():
        try:
            out[proc.pid] = sum(proc.cpu_times()[:2])
        except psutil.Error:
            pass
    return out


async def one_tti(browser, server: Server, url: str, preheated: bool) -> PageTimes:
    """Open ``url`` once in a fresh context; also the kernel CPU seconds the page cost (the
    new kernel's, or what the preheated kernel used after the request)."""
    before = cpu_seconds(server)
    ctx = await new_context(browser)
    _page, times = await open_page(ctx, url)
    after = cpu_seconds(server)
    if preheated:
        times.cpu = sum(after[p] - before[p] for p in after if p in before)
    else:
        times.cpu = sum(v for p, v in after.items() if p not in before)
    await ctx.close()
    await asyncio.sleep(1.5)  # the kernel shuts down (and a pool refills) before the next page
    return times


async def transfer(browser, url: str) -> dict[str, float]:
    """What one page load downloads (kB over HTTP, number of requests) and what the kernel's
    websocket carries until the page and its charts are drawn (kB each way)."""
    ctx = await new_context(browser)
    page = await ctx.new_page()
    got = {"http_kb": 0.0, "requests": 0, "ws_in_kb": 0.0, "ws_out_kb": 0.0}
    responses = []
    page.on("response", lambda response: responses.append(response))

    def on_socket(ws) -> None:
        ws.on("framereceived", lambda f: got.__setitem__("ws_in_kb", got["ws_in_kb"] + len(
            f if isinstance(f, (bytes, str)) else str(f)) / 1024))
        ws.on("framesent", lambda f: got.__setitem__("ws_out_kb", got["ws_out_kb"] + len(
            f if isinstance(f, (bytes, str)) else str(f)) / 1024))

    page.on("websocket", on_socket)
    await page.goto(url, timeout=PAGE_TIMEOUT_MS)
    await page.wait_for_function(JS_INTERACTIVE, timeout=PAGE_TIMEOUT_MS, polling=100)
    if await page.evaluate(JS_CHART_VISIBLE):
        await page.wait_for_function(JS_CHART_DRAWN, timeout=PAGE_TIMEOUT_MS, polling=100)
    await asyncio.sleep(0.5)
    for response in responses:
        try:
            sizes = await response.request.sizes()
            got["http_kb"] += sizes["responseBodySize"] / 1024
            got["requests"] += 1
        except Exception:  # noqa: BLE001 - a request that failed or was blocked
            pass
    await ctx.close()
    return got
