"""Shewhart control charts for one series, drawn where there are enough points.

- **I-chart** (individuals, the X of an XmR chart) for measured values: the centre line is the
  mean, the moving ranges are the absolute differences between neighbouring points, and the
  limits are the mean ± 2.66 × the average moving range (2.66 = 3 / d₂ with d₂ = 1.128 for
  ranges of two points).
- **p-chart** for proportions (a count out of a total each period): the centre line is
  p̄ = Σ counts / Σ totals and each point has its own limits p̄ ± 3·√(p̄(1 − p̄)/nᵢ), cut at 0 and 1.

A point outside the limits is a signal of special-cause variation. Limits are computed from
:data:`MIN_CONTROL_POINTS` points; with fewer, the worksheet shows the run chart only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from naravard.followup.runchart import Signal

XMR_FACTOR = 2.66
MIN_CONTROL_POINTS = 20


@dataclass(frozen=True)
class ControlChart:
    """Centre line and limits per point ("I" or "p"), and the points outside them."""

    kind: str
    values: tuple[float, ...]
    centre: float
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    moving_range: float | None = None

    def outside(self) -> list[int]:
        return [i for i, v in enumerate(self.values) if v > self.upper[i] or v < self.lower[i]]


def xmr(values: Sequence[float]) -> ControlChart:
    """The I-chart of ``values``: mean ± 2.66 × average moving range."""
    vals = tuple(float(v) for v in values)
    if len(vals) < 2:
        raise ValueError("Ett styrdiagram behöver minst två värden.")
    centre = sum(vals) / len(vals)
    ranges = [abs(b - a) for a, b in zip(vals, vals[1:])]
    mr = sum(ranges) / len(ranges)
    n = len(vals)
    return ControlChart("I", vals, centre, (centre - XMR_FACTOR * mr,) * n,
                        (centre + XMR_FACTOR * mr,) * n, mr)


def p_chart(counts: Sequence[float], totals: Sequence[float]) -> ControlChart:
    """The p-chart of counts out of totals (values and limits as proportions 0–1)."""
    if len(counts) != len(totals) or not counts:
        raise ValueError("Varje period behöver både antal och totalt.")
    if any(t <= 0 for t in totals):
        raise ValueError("Totalt måste vara större än noll i varje period.")
    p_bar = sum(counts) / sum(totals)
    values = tuple(c / t for c, t in zip(counts, totals))
    spread = [3 * math.sqrt(p_bar * (1 - p_bar) / t) for t in totals]
    return ControlChart("p", values, p_bar, tuple(max(0.0, p_bar - s) for s in spread),
                        tuple(min(1.0, p_bar + s) for s in spread))


def control_signals(chart: ControlChart, label: Callable[[int], str],
                    fmt: Callable[[float], str],
                    higher_is_better: bool | None = None) -> list[Signal]:
    """One signal per side with points outside the limits, with a Swedish sentence."""
    from naravard.core.text import join_swedish

    out = []
    for above in (True, False):
        idx = [i for i in chart.outside() if (chart.values[i] > chart.upper[i]) == above]
        if not idx:
            continue
        good = "" if higher_is_better is None else (
            " Det är åt det bättre hållet." if above == higher_is_better
            else " Det är åt det sämre hållet.")
        where = "över den övre" if above else "under den nedre"
        points = join_swedish([f"{label(i)} ({fmt(chart.values[i])})" for i in idx])
        subject = "Värdet för" if len(idx) == 1 else "Värdena för"
        verb = "ligger"
        out.append(Signal("styrgräns", idx[0], idx[-1], "upp" if above else "ned",
                          f"{subject} {points} {verb} {where} styrgränsen: en särskild orsak, "
                          f"inte vanlig variation. Ta reda på vad som hände.{good}"))
    return out


def limits_text(chart: ControlChart, fmt: Callable[[float], str]) -> str:
    """What the limits mean, in one Swedish sentence."""
    if chart.kind == "p":
        return (f"Styrgränserna (p-diagram) visar hur mycket andelen kan variera av slumpen "
                f"kring genomsnittet {fmt(chart.centre)}; gränserna är vidare de perioder då "
                "färre ingår i underlaget.")
    return (f"Styrgränserna (I-diagram) ligger på {fmt(chart.lower[0])} och "
            f"{fmt(chart.upper[0])}, medelvärdet ± 2,66 gånger den genomsnittliga skillnaden "
            "mellan två värden i rad. Så länge värdena håller sig inom dem är variationen "
            "vanlig variation.")
