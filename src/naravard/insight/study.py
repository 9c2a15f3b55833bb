"""The 360-degree insight study as the worksheet saves it, read into objects.

A systemledning takes one hard question between region and municipalities ("fråga X"), checks
that it is theirs, classifies it, chooses who holds the knowledge, interviews them with one fixed
guide and then places the respondents on the facilitator's scales ("motpoler"). The worksheet
saves all of it as one document (:data:`DOC`); :meth:`Study.from_doc` reads that document into
respondents, themes, scales and actions for the exports, the handbook and the analysis
(:mod:`naravard.insight.analysis`). The guide's wording is in :mod:`naravard.insight.guide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

DOC = "insight_360"

#: Positions on a scale go from the left pole (0) to the right pole (10).
SCALE_MIN, SCALE_MAX = 0, 10


@dataclass
class Respondent:
    """One interview: who (pseudonym, role, principal, perspective) and the answers."""

    id: str
    pseudonym: str
    role: str = ""
    principal: str = ""
    perspective: str = ""
    date: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)

    @property
    def interviewed(self) -> bool:
        """True once at least one answer has been written down."""
        return any((a or "").strip() for a in self.answers.values())


@dataclass
class Theme:
    """A code the facilitator tags answers with."""

    id: str
    name: str
    keywords: str = ""

    def keyword_list(self) -> list[str]:
        """The keywords (separated by comma or semicolon), case-folded."""
        return [k.strip().casefold() for k in re.split(r"[,;]", self.keywords or "") if k.strip()]


@dataclass
class Scale:
    """Two opposite poles ("motpoler") and where each respondent stands between them."""

    id: str
    left: str
    right: str
    theme: str = ""
    positions: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.left} – {self.right}"


@dataclass
class Action:
    """Something the systemledning does to narrow the spread, with an owner."""

    id: str
    text: str
    owner: str = ""
    scale: str = ""
    due: str = ""


@dataclass
class Study:
    """The worksheet's saved document, read into objects."""

    question: dict[str, str] = field(default_factory=dict)
    relevance: dict[str, Any] = field(default_factory=dict)
    classification: dict[str, Any] = field(default_factory=dict)
    carriers: dict[str, list[str]] = field(default_factory=dict)
    respondents: list[Respondent] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @classmethod
    def from_doc(cls, doc: dict) -> "Study":
        """Read the saved document; missing or damaged parts become empty, never an error."""
        def mapping(key: str) -> dict:
            value = doc.get(key)
            return value if isinstance(value, dict) else {}

        respondents = []
        for rid, r in mapping("respondents").items():
            if not isinstance(r, dict):
                continue
            answers = {k: str(v) for k, v in (r.get("answers") or {}).items() if v is not None}
            tags = {k: [str(t) for t in v] for k, v in (r.get("tags") or {}).items()
                    if isinstance(v, list)}
            respondents.append(Respondent(
                id=rid, pseudonym=str(r.get("pseudonym") or rid), role=str(r.get("role") or ""),
                principal=str(r.get("principal") or ""),
                perspective=str(r.get("perspective") or ""), date=str(r.get("date") or ""),
                answers=answers, tags=tags))
        themes = [Theme(id=tid, name=str(t.get("name") or tid),
                        keywords=str(t.get("keywords") or ""))
                  for tid, t in mapping("themes").items() if isinstance(t, dict)]
        scales = []
        for sid, s in mapping("scales").items():
            if not isinstance(s, dict):
                continue
            positions = {}
            for rid, value in (s.get("positions") or {}).items():
                if isinstance(value, (int, float)) and not isinstance(value, bool) \
                        and SCALE_MIN <= value <= SCALE_MAX:
                    positions[rid] = int(round(value))
            scales.append(Scale(id=sid, left=str(s.get("left") or "Vänster pol"),
                                right=str(s.get("right") or "Höger pol"),
                                theme=str(s.get("theme") or ""), positions=positions))
        actions = [Action(id=aid, text=str(a.get("text") or ""), owner=str(a.get("owner") or ""),
                          scale=str(a.get("scale") or ""), due=str(a.get("due") or ""))
                   for aid, a in mapping("actions").items() if isinstance(a, dict)]
        carriers = mapping("carriers")
        return cls(
            question={k: str(v) for k, v in mapping("question").items() if v is not None},
            relevance=mapping("relevance"), classification=mapping("classification"),
            carriers={"perspectives": list(carriers.get("perspectives") or []),
                      "principals": list(carriers.get("principals") or [])},
            respondents=respondents, themes=themes, scales=scales, actions=actions)

    # -- lookups ------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The question's title, trimmed (empty until it is written)."""
        return (self.question.get("title") or "").strip()

    def interviewed(self) -> list[Respondent]:
        """The respondents with at least one answer."""
        return [r for r in self.respondents if r.interviewed]

    def respondent(self, rid: str) -> Respondent | None:
        """The respondent with this id, or None."""
        return next((r for r in self.respondents if r.id == rid), None)

    def theme(self, tid: str) -> Theme | None:
        """The theme with this id, or None."""
        return next((t for t in self.themes if t.id == tid), None)

    def scale(self, sid: str) -> Scale | None:
        """The scale with this id, or None."""
        return next((s for s in self.scales if s.id == sid), None)

    def scale_name(self, scale: Scale) -> str:
        """The theme's name when the scale has one, else the two poles."""
        theme = self.theme(scale.theme)
        return theme.name if theme else scale.title


def question_phrase(title: str) -> str:
    """How the question is named inside a guide question: ``frågan ”…”`` or ``fråga X``."""
    clean = (title or "").strip().rstrip("?.!:; ").strip()
    return f"frågan ”{clean}”" if clean else "fråga X"


def next_pseudonym(study: Study) -> str:
    """The next free pseudonym of the form ``IP 01``."""
    used = {r.pseudonym.casefold() for r in study.respondents}
    n = len(study.respondents) + 1
    while True:
        candidate = f"IP {n:02d}"
        if candidate.casefold() not in used:
            return candidate
        n += 1
