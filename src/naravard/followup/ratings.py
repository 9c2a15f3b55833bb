"""What the ratings of a round say: spread per factor and per principal, where the group
disagrees most, and what changed since the previous round."""

from __future__ import annotations

import math
from dataclasses import dataclass

from naravard.core.text import format_number
from naravard.followup.guide import FollowupGuide
from naravard.followup.model import Round

#: A change of the mean by at least this much (scale steps) counts as "moved".
MOVED = 0.5


@dataclass(frozen=True)
class FactorSpread:
    """How a round rated one factor: count, lowest, highest, mean, sd and votes per step."""

    code: str
    name: str
    n: int
    low: int | None
    high: int | None
    mean: float | None
    sd: float | None
    counts: dict[int, int]
    by_principal: dict[str, tuple[float, int]]  # principal -> (mean, n)

    @property
    def range(self) -> int:
        return 0 if self.low is None or self.high is None else self.high - self.low

    @property
    def principal_gap(self) -> tuple[str, float, str, float] | None:
        """(lowest principal, its mean, highest principal, its mean) when two or more rated."""
        if len(self.by_principal) < 2:
            return None
        ordered = sorted(self.by_principal.items(), key=lambda kv: kv[1][0])
        (lo, (lo_m, _)), (hi, (hi_m, _)) = ordered[0], ordered[-1]
        return lo, lo_m, hi, hi_m


def spread(rnd: Round, guide: FollowupGuide) -> list[FactorSpread]:
    """The spread of every factor in the guide's order."""
    out = []
    for factor in guide.factors:
        scores = [(p.principal, p.scores[factor.code]) for p in rnd.participants
                  if factor.code in p.scores]
        values = [s for _, s in scores]
        n = len(values)
        mean = sum(values) / n if n else None
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
        by: dict[str, list[int]] = {}
        for principal, score in scores:
            by.setdefault(principal or "(ingen huvudman)", []).append(score)
        out.append(FactorSpread(
            factor.code, factor.name, n, min(values) if values else None,
            max(values) if values else None, mean, sd,
            {s.value: values.count(s.value) for s in guide.scale},
            {k: (sum(v) / len(v), len(v)) for k, v in by.items()}))
    return out


def widest_disagreement(spreads: list[FactorSpread], top: int = 3) -> list[FactorSpread]:
    """The factors the group disagrees on most: widest range, then largest sd."""
    rated = [s for s in spreads if s.n >= 2 and s.range > 0]
    return sorted(rated, key=lambda s: (-s.range, -(s.sd or 0), s.name))[:top]


def disagreement_sentence(s: FactorSpread) -> str:
    """Why a factor is a conversation starter, in one Swedish sentence."""
    text = (f"{s.name}: skattningarna går från {s.low} till {s.high} bland {s.n} deltagare "
            f"(medel {format_number(s.mean or 0, 1)}).")
    gap = s.principal_gap
    if gap and gap[3] - gap[1] >= 1:
        text += (f" {gap[2]} skattar i snitt {format_number(gap[3], 1)} och {gap[0]} "
                 f"{format_number(gap[1], 1)}.")
    return text


@dataclass(frozen=True)
class FactorChange:
    code: str
    name: str
    before: float | None
    after: float | None
    joint_before: int | None
    joint_after: int | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def moved(self) -> bool:
        return self.delta is not None and abs(self.delta) >= MOVED


def change(previous: Round | None, current: Round, guide: FollowupGuide) -> list[FactorChange]:
    """Mean and joint rating per factor in the previous and the current round."""
    after = {s.code: s.mean for s in spread(current, guide)}
    before = {s.code: s.mean for s in spread(previous, guide)} if previous else {}
    return [FactorChange(f.code, f.name, before.get(f.code), after.get(f.code),
                         previous.joint_score(f.code) if previous else None,
                         current.joint_score(f.code)) for f in guide.factors]


def change_sentence(c: FactorChange) -> str:
    d = c.delta or 0
    way = "stärkts" if d > 0 else "försvagats"
    return (f"{c.name} har {way}: medel {format_number(c.before or 0, 1)} → "
            f"{format_number(c.after or 0, 1)}.")
