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
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pages import (CHROMIUM, CHROMIUM_ARGS, SHUTDOWN, STARTED, USED_PREHEATED,  # noqa: E402
                         PageTimes, Server, copy_site, cpu_of, env_for, new_context, one_tti,
                         open_page, rss_mb, start_bare, start_naravard, transfer, type_and_wait_saved,
                         wait_preheated, wait_quiet)
from naravard.core.worksheets import WORKSHEETS  # noqa: E402
from room_client import Page  # noqa: E402


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


def _attached_kernels(result: RoomResult, server: Server, mode: str, log_start: int) -> set[str]:
    """The room's kernels (started for a page, or taken from the preheated pool); their memory
    and CPU go into ``result``."""
    attached = server.kernel_ids(USED_PREHEATED if mode == "förvärmd" else STARTED, log_start)
    kernels = server.kernels()
    result.rss = rss_mb(kernels)
    result.kernel_cpu = [cpu_of(proc) for proc in kernels]
    return set(attached)


async def _after_the_pages_vanished(result: RoomResult, server: Server, workspace: Path,
                                    names: list[str], attached: set[str], log_start: int,
                                    idle_s: float) -> None:
    """Every kernel that served a page must be gone within the idle time (plus one cull
    interval and the shutdown itself), and every saved line must be on disk."""
    closed = time.perf_counter()
    deadline = closed + idle_s + max(1, min(60, idle_s // 4)) + 60
    while time.perf_counter() < deadline:
        if attached <= set(server.kernel_ids(SHUTDOWN, log_start)):
            result.gone_after = time.perf_counter() - closed
            break
        await asyncio.sleep(1.0)
    else:
        result.left = len(attached - set(server.kernel_ids(SHUTDOWN, log_start)))
    result.attached = len(attached)
    for name, times in zip(names, result.pages):
        if times.saved and not any(f"Rummets rad {name}" in p.read_text("utf-8", "replace")
                                   for p in (workspace / name).glob("*.json")):
            result.lost += 1


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
    attached = _attached_kernels(result, server, mode, log_start)

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
    await _after_the_pages_vanished(result, server, workspace, names, attached, log_start,
                                    idle_s)
    return result


async def run_room_participants(server: Server, workspace: Path, key: str, n: int, mode: str,
                                idle_s: float, device_s: float) -> RoomResult:
    """N participants at once (``room_client.Page``: what a page does over the network); each
    one's time to interactive is when its widgets' states arrived plus ``device_s``, the time
    one Chromium page needs on its own after that point. Then each types a line, waits for
    "saved" and vanishes."""
    result = RoomResult(mode)
    log_start = len(server.log_text())
    names = [f"rum-{mode}-{i + 1:02d}" for i in range(n)]
    pages = [Page(server.base, WORKSHEETS[key].notebook, name) for name in names]
    start = time.perf_counter()
    got = await asyncio.gather(*[page.open() for page in pages])
    result.wall = time.perf_counter() - start
    result.pages = [PageTimes(paint=p.html, interactive=(p.states + device_s)
                              if p.states is not None else None, error=p.error) for p in got]
    attached = _attached_kernels(result, server, mode, log_start)
    await asyncio.gather(*[page.type_and_wait_saved(f"Rummets rad {page.result.name}")
                           for page in pages if page.result.error is None])
    for page, times in zip(pages, result.pages):
        times.saved = page.result.saved
        times.error = page.result.error
        page.vanish()
    await _after_the_pages_vanished(result, server, workspace, names, attached, log_start,
                                    idle_s)
    return result


async def participant_states(server: Server, notebook: str, pool: int) -> float:
    """Seconds until one participant alone, on a preheated server at rest, has its widgets'
    states (see room_client)."""
    wait_preheated(server, pool)
    wait_quiet([server])
    page = Page(server.base, notebook, f"ensam-{uuid.uuid4().hex[:6]}")
    got = await page.open()
    page.vanish()
    await asyncio.sleep(1.5)
    if got.states is None:
        raise RuntimeError(f"En ensam deltagare fick inget svar: {got.error}")
    return got.states


# --- Reporting -----------------------------------------------------------------------------

def median_of(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def cell(value: float | None) -> str:
    return f"{value:6.2f} s" if value is not None else "      – "


class _Skip(Exception):
    """``--runs 0``: only the room."""


async def measure(args) -> dict:
    from playwright.async_api import async_playwright

    tmp = Path(tempfile.mkdtemp(prefix="naravard-room-"))
    root = copy_site(tmp / "site")
    env = env_for(root, tmp / "ws-bare")
    keys = list(WORKSHEETS)
    rows: dict[str, list[PageTimes]] = {}
    sizes: dict[str, dict[str, float]] = {}
    rooms: list[RoomResult] = []
    load = os.getloadavg()[0]
    device = args.device_seconds
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            idle = ["--idle-minutes", str(args.idle_minutes)]
            # All three servers run side by side and the pages take turns, so that the other
            # programs on the machine weigh on the bare page and the worksheets alike.
            servers = [start_bare(tmp / "bare", env)] if args.runs > 0 else []
            try:
                if not servers:
                    raise _Skip
                servers.append(start_naravard(root, tmp / "ws-kall", *idle))
                servers.append(start_naravard(root, tmp / "ws-varm", "--preheat", "1", *idle))
                bare, cold, warm = servers
                pools = {warm.base: len(keys)}
                targets = [("bare", bare, "slider.ipynb", False)]
                targets += [(key, cold, WORKSHEETS[key].notebook, False) for key in keys]
                targets += [(f"{key} (förvärmd)", warm, WORKSHEETS[key].notebook, True)
                            for key in keys]
                if args.before:
                    # The same pages from an earlier version, side by side with this one.
                    old = copy_site(tmp / "före", args.before)
                    old_keys = [k for k in keys
                                if (old / "worksheets" / WORKSHEETS[k].notebook).exists()]
                    src = args.before / "src"
                    servers.append(start_naravard(old, tmp / "ws-före-kall", *idle, src=src))
                    servers.append(start_naravard(old, tmp / "ws-före-varm", "--preheat", "1",
                                                  *idle, src=src))
                    cold_b, warm_b = servers[-2:]
                    pools[warm_b.base] = len(old_keys)
                    targets += [(f"före: {k}", cold_b, WORKSHEETS[k].notebook, False)
                                for k in old_keys]
                    targets += [(f"före: {k} (förvärmd)", warm_b, WORKSHEETS[k].notebook, True)
                                for k in old_keys]
                for server in servers:
                    if server.base in pools:
                        wait_preheated(server, pools[server.base])
                for _ in range(args.runs):
                    for label, server, notebook, preheated in targets:
                        if preheated:
                            wait_preheated(server, pools[server.base])
                        wait_quiet(servers)
                        rows.setdefault(label, []).append(await one_tti(
                            browser, server, f"{server.base}/voila/render/{notebook}", preheated))
                # What one page's device needs after its widgets' states have arrived: the
                # browser's time to interactive minus a lone participant's time to the states.
                room_nb = WORKSHEETS[args.room_worksheet].notebook
                lone = [await participant_states(warm, room_nb, pools[warm.base])
                        for _ in range(max(args.runs, 1))]
                browser_tti = median_of([t.interactive for t in
                                         rows.get(f"{args.room_worksheet} (förvärmd)", [])])
                if browser_tti is not None:
                    device = max(0.0, browser_tti - statistics.median(lone))
                for label, server, notebook, preheated in targets[:len(keys) + 1]:
                    try:
                        sizes[label] = await transfer(browser,
                                                      f"{server.base}/voila/render/{notebook}")
                    except Exception as exc:  # noqa: BLE001 - the timings are kept
                        print(f"  (mätningen av vad {label} hämtar misslyckades: {exc})")
            except _Skip:
                pass
            finally:
                for server in servers:
                    server.stop()
            idle_s = args.idle_minutes * 60
            for mode in args.room_modes:
                if args.room <= 0:
                    break
                extra = idle + (["--room", str(args.room), "--room-worksheet",
                                 args.room_worksheet] if mode == "förvärmd" else [])
                workspace = tmp / f"ws-rum-{mode}"
                server = start_naravard(root, workspace, *extra)
                try:
                    if mode == "förvärmd":
                        filled = wait_preheated(server, args.room)
                        print(f"  (rummets pool på {args.room} kärnor fylld på {filled:.0f} s)",
                              flush=True)
                    # The room arrives at a server at rest (started minutes before).
                    wait_quiet([server])
                    if args.room_client == "chromium":
                        rooms.append(await run_room(browser, server, workspace,
                                                    args.room_worksheet, args.room, mode, idle_s))
                    else:
                        rooms.append(await run_room_participants(
                            server, workspace, args.room_worksheet, args.room, mode, idle_s,
                            device if device is not None else 0.0))
                finally:
                    server.stop()
            await browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "rooms": rooms, "keys": keys, "load": load, "sizes": sizes,
            "device": device}


def report(results: dict, args) -> str:
    rows, rooms, keys = results["rows"], results["rooms"], results["keys"]
    lines = [f"Maskin: {os.cpu_count()} kärnor, Python {sys.version.split()[0]}, "
             f"belastning vid start {results['load']:.1f} (andra program delar processorn)",
             "", "Tid tills sidan går att använda (median av "
             f"{args.runs}; Chromium, allt utom localhost blockerat):",
             f"  {'sida':34s} {'titel syns':>10s} {'interaktiv':>10s} {'diagram':>10s}  "
             f"{'kvot':>6s}  {'kärnans CPU':>11s}"]
    bare = median_of([t.interactive for t in rows.get("bare", [])]) or float("nan")
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
                     f"{ratio:5.2f}×  {cell(median_of([t.cpu for t in times]))}"
                     + (f"  FEL: {errors[0]}" if errors else ""))
    if results.get("sizes"):
        lines += ["", "Vad sidan hämtar (exempelworkshoppen, tills sidan och diagrammen är ritade):",
                  f"  {'sida':34s} {'HTTP':>9s} {'anrop':>6s} {'websocket in':>13s} {'ut':>8s}"]
        for label, got in results["sizes"].items():
            name = "tom Voilà-sida med ett reglage" if label == "bare" else label
            lines.append(f"  {name:34s} {got['http_kb']:6.0f} kB {got['requests']:6.0f} "
                         f"{got['ws_in_kb']:10.1f} kB {got['ws_out_kb']:5.1f} kB")
    cold = [ratios[k] for k in keys if k in ratios]
    warm = [ratios[f"{k} (förvärmd)"] for k in keys if f"{k} (förvärmd)" in ratios]
    failures = sum(1 for times in rows.values() for t in times if t.error)
    p95 = float("nan")
    rss_max = 0.0
    for room in rooms:
        tti = room.tti
        lines += ["", f"Rummet, {args.room} sidor på en gång ({room.mode}, "
                      f"{WORKSHEETS[args.room_worksheet].title}):"]
        if args.room_client == "chromium":
            lines.append("  alla sidor i en Chromium på den här maskinen (delar dess kärnor)")
        else:
            lines.append(f"  deltagare med egna enheter: sidan, dess filer, kärnan och "
                         f"widgetarnas tillstånd över nätet, plus {results['device'] or 0:.2f} s "
                         "för enheten att rita sidan (en ensam Chromium-sida, samma körning)")
        lines += [
                  f"  tid tills interaktiv: p50 {percentile(tti, 0.5):.1f} s, "
                  f"p95 {percentile(tti, 0.95):.1f} s, alla klara efter {room.wall:.1f} s",
                  f"  misslyckade: {room.failures} (sidor med fel {sum(1 for p in room.pages if p.error)}, "
                  f"förlorade rader {room.lost}, kärnor kvar {room.left})"]
        errors = [p.error for p in room.pages if p.error]
        if errors:
            lines.append(f"  första felet: {errors[0]}")
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
    ap.add_argument("--before", type=Path, default=None, metavar="MAPP",
                    help="en tidigare version (src/, book/, data/, worksheets/, t.ex. ur "
                         "git archive) att mäta sida vid sida med den här")
    ap.add_argument("--room-client", default="deltagare", choices=["deltagare", "chromium"],
                    help="deltagare: rummets sidor ritas på deltagarnas egna enheter (klienter "
                         "som gör det sidan gör över nätet, plus en ensam sidas ritning); "
                         "chromium: alla sidor i en Chromium på den här maskinen")
    ap.add_argument("--device-seconds", type=float, default=None,
                    help="en enhets tid att rita sidan efter att ha fått widgetarnas tillstånd "
                         "(annars uppmätt i samma körning)")
    ap.add_argument("--idle-minutes", type=float, default=2.0,
                    help="serverns tomgångstid för kärnor utan sida")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    results = asyncio.run(measure(args))
    print(report(results, args), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
