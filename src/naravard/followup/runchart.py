"""The run chart rules for non-random variation, applied to one series (Perla, Provost and
Murray 2011; the crossings limit after Anhøj and Olesen 2014).

A run chart is the series in time order with its median as a line. Random variation scatters
the points around the median; these patterns are unlikely to arise by chance and suggest a
real change:

- **shift**: six or more consecutive points on the same side of the median (points exactly on
  the median are skipped: they neither extend nor break a run);
- **too few crossings**: the line crosses the median fewer times than a series of that length
  crosses it in 95 % of random cases – the lower 5 % limit of a binomial distribution with
  n − 1 trials and probability ½, where n counts the points not on the median (this reproduces
  the table of expected crossings of Anhøj and Olesen);
- **trend**: five or more consecutive points each higher (or each lower) than the one before
  (a repeated equal value is skipped);
- **astronomical point**: a point obviously different from the rest. Perla and colleagues
  leave it to judgement; the worksheet flags a candidate for that judgement when a point outside
  any shift lies more than four robust standard deviations (1.4826 × the median absolute
  deviation) from the median.

The rules are applied from :data:`MIN_POINTS` points; with fewer, the chart is drawn but no
conclusion is drawn from it. Each signal carries a Swedish sentence a director understands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Sequence

SHIFT = 6
TREND = 5
MIN_POINTS = 10
ASTRONOMICAL_SDS = 4.0
MAD_TO_SD = 1.4826
CROSSINGS_ALPHA = 0.05


@dataclass(frozen=True)
class Signal:
    """One pattern found in a series: the rule, the points it spans and what it means."""

    rule: str  # "skift", "korsningar", "trend", "extremvärde", "styrgräns"
    start: int
    end: int
    direction: str = ""  # "upp", "ned" or ""
    text: str = ""


@dataclass(frozen=True)
class RunChart:
    """A series, its median, the counts behind the rules, and the signals found."""

    values: tuple[float, ...]
    median: float | None
    useful: int
    longest_run: int
    crossings: int
    crossings_min: int | None
    signals: tuple[Signal, ...] = field(default_factory=tuple)

    @property
    def enough(self) -> bool:
        return len(self.values) >= MIN_POINTS

    @property
    def non_random(self) -> bool:
        return any(s.rule != "extremvärde" for s in self.signals)


def median(values: Sequence[float]) -> float | None:
    """The median; None for an empty series."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def sides(values: Sequence[float], centre: float) -> list[tuple[int, int]]:
    """``(index, side)`` for every point not on ``centre``: side +1 above, −1 below."""
    return [(i, 1 if v > centre else -1) for i, v in enumerate(values) if v != centre]


def runs(values: Sequence[float], centre: float) -> list[tuple[int, int, int, int]]:
    """Runs around ``centre``: ``(side, first index, last index, length)``; points on the
    centre are skipped."""
    out: list[tuple[int, int, int, int]] = []
    for i, side in sides(values, centre):
        if out and out[-1][0] == side:
            s, first, _last, length = out[-1]
            out[-1] = (s, first, i, length + 1)
        else:
            out.append((side, i, i, 1))
    return out


def crossings(values: Sequence[float], centre: float) -> int:
    """How many times the series crosses ``centre`` (runs minus one)."""
    return max(0, len(runs(values, centre)) - 1)


def _binom_cdf(k: int, n: int) -> float:
    return sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n


def crossings_lower_limit(useful: int, alpha: float = CROSSINGS_ALPHA) -> int:
    """The fewest crossings expected from ``useful`` points (not on the median) in random data:
    the smallest k with P(X ≤ k) ≥ alpha for X ~ Bin(useful − 1, ½). Fewer is a signal."""
    if useful < 2:
        return 0
    n = useful - 1
    k = 0
    while _binom_cdf(k, n) < alpha:
        k += 1
    return k


def shifts(values: Sequence[float], centre: float, length: int = SHIFT) -> list[tuple[int, int, int]]:
    """Runs of at least ``length`` points on one side: ``(side, first index, last index)``."""
    return [(s, a, b) for s, a, b, n in runs(values, centre) if n >= length]


def trends(values: Sequence[float], length: int = TREND) -> list[tuple[int, int, int]]:
    """Runs of at least ``length`` points each above (or below) the one before:
    ``(+1 rising | −1 falling, first index, last index)``. Equal neighbours are skipped."""
    kept = [0] + [i for i in range(1, len(values)) if values[i] != values[i - 1]]
    out: list[tuple[int, int, int]] = []
    run_dir, first, count = 0, kept[0] if kept else 0, 1
    for prev, cur in zip(kept, kept[1:]):
        d = 1 if values[cur] > values[prev] else -1
        if d == run_dir:
            count += 1
        else:
            if run_dir and count >= length:
                out.append((run_dir, first, prev))
            run_dir, first, count = d, prev, 2
    if run_dir and count >= length and len(kept) > 1:
        out.append((run_dir, first, kept[-1]))
    return out


def astronomical(values: Sequence[float], centre: float | None = None) -> list[int]:
    """Points outside any shift that lie more than four robust standard deviations from the
    median (candidates for the group's judgement)."""
    centre = median(values) if centre is None else centre
    if centre is None or len(values) < 3:
        return []
    mad = median([abs(v - centre) for v in values]) or 0.0
    if mad == 0:
        return []
    limit = ASTRONOMICAL_SDS * MAD_TO_SD * mad
    in_shift = {i for _s, a, b in shifts(values, centre) for i in range(a, b + 1)}
    return [i for i, v in enumerate(values) if abs(v - centre) > limit and i not in in_shift]


# --- Swedish sentences -------------------------------------------------------------------------

Label = Callable[[int], str]


def _judged(side: int, higher_is_better: bool | None) -> str:
    if higher_is_better is None:
        return ""
    good = (side > 0) == higher_is_better
    return " – åt det bättre hållet." if good else " – åt det sämre hållet."


def shift_text(side: int, first: int, last: int, label: Label, higher_is_better: bool | None,
               count: int, latest: bool = True) -> str:
    """A shift; ``latest`` when the run reaches the last point (then it is today's level,
    otherwise the level the series has left)."""
    where = "över" if side > 0 else "under"
    text = (f"Från {label(first)} till {label(last)} ligger {count} värden i rad {where} "
            f"medianen. Så lång svit uppstår sällan av en slump (gränsen är {SHIFT}), så något "
            "har förändrats")
    if higher_is_better is None:
        return text + "."
    now = side if latest else -side
    good = (now > 0) == higher_is_better
    return text + (f"{'' if latest else ' sedan dess'}, och läget {'nu' if latest else 'efteråt'} "
                   f"är {'bättre' if good else 'sämre'}.")


def crossings_text(found: int, limit: int, useful: int) -> str:
    return (f"Kurvan korsar medianen {found} {'gång' if found == 1 else 'gånger'} på {useful} "
            f"värden; vid slumpvis variation korsar den minst {limit} gånger. Värdena ligger "
            "kvar för länge på samma sida, vilket tyder på en verklig förändring.")


def trend_text(direction: int, first: int, last: int, label: Label,
               higher_is_better: bool | None, count: int) -> str:
    word = "högre" if direction > 0 else "lägre"
    return (f"Från {label(first)} till {label(last)} är vart och ett av {count} värden "
            f"{word} än det förra. En så lång trend är ovanlig vid slumpvis variation (gränsen "
            f"är {TREND} värden){_judged(direction, higher_is_better) or '.'}")


def astronomical_text(index: int, value: str, label: Label) -> str:
    return (f"Värdet för {label(index)} ({value}) ligger långt från de andra. Ta reda på vad "
            "som hände då – eller om värdet är fel i underlaget.")


def no_signal_text(n: int) -> str:
    return (f"Inga tecken på en verklig förändring i de {n} värdena: variationen ryms i det "
            "som slumpen ger. Fortsätt mäta, och ändra inte arbetssätt på grund av enstaka "
            "toppar och dalar.")


def too_few_text(n: int) -> str:
    return (f"Serien har {n} {'värde' if n == 1 else 'värden'}. Reglerna för körningsdiagram "
            f"används från {MIN_POINTS} värden; fram till dess visar diagrammet bara hur "
            "värdena ligger.")


def analyse(values: Sequence[float], *, label: Label | None = None,
            higher_is_better: bool | None = None,
            fmt: Callable[[float], str] | None = None) -> RunChart:
    """Apply the run chart rules to ``values`` (in time order)."""
    vals = tuple(float(v) for v in values)
    label = label or (lambda i: f"punkt {i + 1}")
    fmt = fmt or (lambda v: f"{v:g}")
    centre = median(vals)
    if centre is None:
        return RunChart(vals, None, 0, 0, 0, None)
    useful = len(sides(vals, centre))
    all_runs = runs(vals, centre)
    longest = max((r[3] for r in all_runs), default=0)
    found = max(0, len(all_runs) - 1)
    limit = crossings_lower_limit(useful)
    signals: list[Signal] = []
    if len(vals) >= MIN_POINTS:
        for side, first, last, count in all_runs:
            if count >= SHIFT:
                signals.append(Signal("skift", first, last, "upp" if side > 0 else "ned",
                                      shift_text(side, first, last, label, higher_is_better,
                                                 count, latest=last == len(vals) - 1)))
        if found < limit:
            signals.append(Signal("korsningar", 0, len(vals) - 1, "",
                                  crossings_text(found, limit, useful)))
        for direction, first, last in trends(vals):
            count = 1 + sum(1 for i in range(first + 1, last + 1) if vals[i] != vals[i - 1])
            signals.append(Signal("trend", first, last, "upp" if direction > 0 else "ned",
                                  trend_text(direction, first, last, label, higher_is_better,
                                             count)))
        for i in astronomical(vals, centre):
            signals.append(Signal("extremvärde", i, i, "upp" if vals[i] > centre else "ned",
                                  astronomical_text(i, fmt(vals[i]), label)))
    return RunChart(vals, centre, useful, longest, found, limit, tuple(signals))


def summary(chart: RunChart) -> list[str]:
    """The Swedish sentences for a series: one per signal, or why there is none."""
    if not chart.enough:
        return [too_few_text(len(chart.values))]
    if not chart.signals:
        return [no_signal_text(len(chart.values))]
    return [s.text for s in chart.signals]
