"""The whole follow-up computed at once, and what the learning meeting talks about: the
indicators and factors that moved, the widest disagreements, and the questions to ask."""

from __future__ import annotations

from dataclasses import dataclass, field

from naravard.followup.guide import FollowupGuide
from naravard.followup.model import Followup, Round
from naravard.followup.ratings import (FactorChange, FactorSpread, change, spread,
                                       widest_disagreement)
from naravard.followup.series import SeriesView, analyse_series


@dataclass
class FollowupView:
    """Everything the worksheet shows, computed from the saved document."""

    followup: Followup
    guide: FollowupGuide
    round: Round | None
    spreads: list[FactorSpread] = field(default_factory=list)
    changes: list[FactorChange] = field(default_factory=list)
    disagreements: list[FactorSpread] = field(default_factory=list)
    series: list[SeriesView] = field(default_factory=list)

    @property
    def moved_series(self) -> list[SeriesView]:
        return [s for s in self.series if s.moved]

    @property
    def moved_factors(self) -> list[FactorChange]:
        return [c for c in self.changes if c.moved]


def compute(doc: dict, guide: FollowupGuide, round_id: str | None = None) -> FollowupView:
    """Analyse the saved document: the chosen round (default: the latest), every series."""
    fu = Followup(doc)
    rounds = fu.rounds()
    rnd = fu.round(round_id) if round_id else None
    rnd = rnd or (rounds[-1] if rounds else None)
    view = FollowupView(fu, guide, rnd)
    if rnd is not None:
        view.spreads = spread(rnd, guide)
        view.changes = change(fu.previous(rnd.id), rnd, guide)
        view.disagreements = widest_disagreement(view.spreads)
    for iid, ind in fu.indicators().items():
        for unit in fu.units_with_values(iid):
            view.series.append(analyse_series(ind, unit, fu.series(iid, unit)))
    return view


def series_questions(s: SeriesView, guide: FollowupGuide) -> list[str]:
    """The learning meeting's questions about a series that moved."""
    questions = []
    good = None
    for sig in s.signals:
        if sig.rule == "extremvärde" or sig.rule == "styrgräns":
            questions.append(guide.meeting["indikator_punkt"])
        elif sig.direction:
            up = sig.direction == "upp"
            good = up == s.indicator.higher_is_better
            questions.append(guide.meeting["indikator_upp" if good else "indikator_ned"])
        else:
            questions.append(guide.meeting["indikator_upp"])
    return list(dict.fromkeys(questions))


def factor_questions(c: FactorChange, guide: FollowupGuide) -> list[str]:
    """The learning meeting's questions about a factor that moved."""
    key = "faktor_upp" if (c.delta or 0) > 0 else "faktor_ned"
    factor = guide.factor(c.code)
    return [guide.meeting[key], *([factor.question] if factor and factor.question else [])]
