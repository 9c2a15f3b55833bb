"""The invented example study in ``data/insight_example.yml``: loaded, checked, ready to use.

The example shows a whole 360-degree study for Exempellän, from the question to the actions.
The worksheet can load it into a workshop, chapter 12 draws its charts at build time, and
``naravard check`` validates it against the guide and the county (perspectives, principals,
question ids, themes, scales, no personal data). A county without an example study of its own
(the file is absent, or ``data/exempel.yml`` marks it as another county's) gets None.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, ValidationError

from naravard.core.county import County, current_county
from naravard.core.datafile import DataModel, read_data_yaml, validation_problems
from naravard.core.examples import example_file, load_examples
from naravard.insight.stacey import classify
from naravard.insight.guide import Guide, current_guide, load_guide
from naravard.insight.study import SCALE_MAX, SCALE_MIN, Study
from naravard.core.pii import pii_problem
from naravard.core.problems import DataError, Problem, yaml_line_of

EXAMPLE_FILE = "insight_example.yml"


class _ExQuestion(DataModel):
    title: str = Field(alias="rubrik", min_length=1)
    description: str = Field("", alias="beskrivning")
    why_now: str = Field("", alias="varför_nu")
    owner: str = Field("", alias="ägare")


class _ExRelevance(DataModel):
    checks: list[str] = Field(default_factory=list, alias="kryss")
    verdict: str = Field("", alias="bedömning", pattern=r"^(ja|delvis|nej|)$",
                         json_schema_extra={"exempel": "bedömning: ja"})
    reasoning: str = Field("", alias="motivering")


class _ExClassification(DataModel):
    agreement: float = Field(alias="enighet", ge=0, le=1,
                             json_schema_extra={"exempel": "enighet: 0.3"})
    certainty: float = Field(alias="säkerhet", ge=0, le=1,
                             json_schema_extra={"exempel": "säkerhet: 0.4"})


class _ExNeeds(DataModel):
    perspectives: list[str] = Field(default_factory=list, alias="perspektiv")
    principals: list[str] = Field(default_factory=list, alias="huvudmän")


class _ExInterview(DataModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$", json_schema_extra={"exempel": "id: ip01"})
    pseudonym: str = Field(min_length=1, json_schema_extra={"exempel": "pseudonym: IP 01"})
    role: str = Field(alias="roll", min_length=1, json_schema_extra={"exempel": "roll: Socialchef"})
    principal: str = Field(alias="huvudman", min_length=1)
    perspective: str = Field(alias="perspektiv", min_length=1)
    date: dt.date | None = Field(None, alias="datum",
                                 json_schema_extra={"exempel": "datum: 2026-03-02"})
    answers: dict[str, str] = Field(default_factory=dict, alias="svar")
    tags: dict[str, list[str]] = Field(default_factory=dict, alias="teman")


class _ExTheme(DataModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    name: str = Field(alias="namn", min_length=1)
    keywords: str = Field("", alias="sökord")


class _ExScale(DataModel):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    theme: str = Field("", alias="tema")
    left: str = Field(alias="vänster", min_length=1)
    right: str = Field(alias="höger", min_length=1)
    positions: dict[str, int] = Field(default_factory=dict, alias="positioner")


class _ExAction(DataModel):
    text: str = Field(min_length=1)
    owner: str = Field("", alias="ägare")
    scale: str = Field("", alias="skala")
    due: dt.date | None = Field(None, alias="senast")


class ExampleStudy(DataModel):
    """The invented example study in ``data/insight_example.yml`` (Swedish keys)."""

    question: _ExQuestion = Field(alias="fråga")
    relevance: _ExRelevance = Field(default_factory=_ExRelevance, alias="relevans")
    classification: _ExClassification = Field(alias="klassificering")
    needs: _ExNeeds = Field(default_factory=_ExNeeds, alias="behov")
    interviews: list[_ExInterview] = Field(alias="intervjuer", min_length=1)
    themes: list[_ExTheme] = Field(default_factory=list, alias="teman")
    scales: list[_ExScale] = Field(default_factory=list, alias="skalor")
    actions: list[_ExAction] = Field(default_factory=list, alias="åtgärder")

    def to_doc(self) -> dict:
        """The study in the worksheet's saved layout."""
        return {
            "question": {"title": self.question.title, "description": self.question.description,
                         "why_now": self.question.why_now, "owner": self.question.owner},
            "relevance": {"checks": {c: True for c in self.relevance.checks},
                          "verdict": self.relevance.verdict,
                          "reasoning": self.relevance.reasoning},
            "classification": {"agreement": self.classification.agreement,
                               "certainty": self.classification.certainty,
                               "zone": classify(self.classification.agreement,
                                                self.classification.certainty)},
            "carriers": {"perspectives": list(self.needs.perspectives),
                         "principals": list(self.needs.principals)},
            "respondents": {
                i.id: {"pseudonym": i.pseudonym, "role": i.role, "principal": i.principal,
                       "perspective": i.perspective,
                       "date": i.date.isoformat() if i.date else "",
                       "answers": dict(i.answers), "tags": {k: list(v) for k, v in i.tags.items()}}
                for i in self.interviews},
            "themes": {t.id: {"name": t.name, "keywords": t.keywords} for t in self.themes},
            "scales": {s.id: {"left": s.left, "right": s.right, "theme": s.theme,
                              "positions": dict(s.positions)} for s in self.scales},
            "actions": {f"a{n:02d}": {"text": a.text, "owner": a.owner, "scale": a.scale,
                                      "due": a.due.isoformat() if a.due else ""}
                        for n, a in enumerate(self.actions, start=1)},
        }


def _example_problems(ex: ExampleStudy, guide: Guide, county: County, text: str,
                      file: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple, message: str, field_name: str | None = None) -> None:
        problems.append(Problem(file, message, row=yaml_line_of(text, loc), field=field_name))

    p_codes = guide.perspective_codes()
    h_codes = guide.principal_codes(county)
    q_ids = [f.id for f in guide.answer_fields()]
    r_codes = [i.code for i in guide.relevance]
    theme_ids = [t.id for t in ex.themes]
    interview_ids = [i.id for i in ex.interviews]
    scale_ids = [s.id for s in ex.scales]
    for j, code in enumerate(ex.relevance.checks):
        if code not in r_codes:
            add(("relevans", "kryss", j), f"Okänd relevanskod ”{code}”. Använd en av: "
                + ", ".join(r_codes) + ".", "relevans.kryss")
    for j, code in enumerate(ex.needs.perspectives):
        if code not in p_codes:
            add(("behov", "perspektiv", j), f"Okänt perspektiv ”{code}”. Använd en av: "
                + ", ".join(p_codes) + ".", "behov.perspektiv")
    for j, code in enumerate(ex.needs.principals):
        if code not in h_codes:
            add(("behov", "huvudmän", j), f"Okänd huvudman ”{code}”. Använd en av: "
                + ", ".join(h_codes) + ".", "behov.huvudmän")
    seen: set[str] = set()
    for n, i in enumerate(ex.interviews):
        loc = ("intervjuer", n)
        where = f"intervjuer[{n + 1}]"
        if i.id in seen:
            add(loc + ("id",), f"Intervjun ”{i.id}” står två gånger.", where + ".id")
        seen.add(i.id)
        if i.perspective not in p_codes:
            add(loc + ("perspektiv",), f"Okänt perspektiv ”{i.perspective}”. Använd en av: "
                + ", ".join(p_codes) + ".", where + ".perspektiv")
        if i.principal not in h_codes:
            add(loc + ("huvudman",), f"Okänd huvudman ”{i.principal}”. Använd en av: "
                + ", ".join(h_codes) + ".", where + ".huvudman")
        for qid, answer in i.answers.items():
            if qid not in q_ids:
                add(loc + ("svar", qid), f"Okänd fråga ”{qid}”. Frågorna heter: "
                    + ", ".join(q_ids) + ".", where + ".svar")
            problem = pii_problem(answer)
            if problem:
                add(loc + ("svar", qid), problem, f"{where}.svar.{qid}")
        for label, value in (("pseudonym", i.pseudonym), ("roll", i.role)):
            problem = pii_problem(value)
            if problem:
                add(loc + (label,), problem, f"{where}.{label}")
        for qid, tids in i.tags.items():
            for tid in tids:
                if tid not in theme_ids:
                    add(loc + ("teman", qid), f"Okänt tema ”{tid}”. Teman: "
                        + ", ".join(theme_ids) + ".", where + ".teman")
    for n, s in enumerate(ex.scales):
        loc = ("skalor", n)
        if s.theme and s.theme not in theme_ids:
            add(loc + ("tema",), f"Okänt tema ”{s.theme}”.", f"skalor[{n + 1}].tema")
        for rid, pos in s.positions.items():
            if rid not in interview_ids:
                add(loc + ("positioner",), f"Okänd intervju ”{rid}” i positionerna.",
                    f"skalor[{n + 1}].positioner")
            if not SCALE_MIN <= pos <= SCALE_MAX:
                add(loc + ("positioner",), f"Positionen för ”{rid}” ska vara ett heltal "
                    f"från {SCALE_MIN} till {SCALE_MAX}.", f"skalor[{n + 1}].positioner")
    for n, a in enumerate(ex.actions):
        if a.scale and a.scale not in scale_ids:
            add(("åtgärder", n, "skala"), f"Okänd skala ”{a.scale}”. Skalor: "
                + ", ".join(scale_ids) + ".", f"åtgärder[{n + 1}].skala")
    return problems


def load_example(data: Path, county: County | None = None,
                 guide: Guide | None = None) -> dict | None:
    """Load and check ``<data>/insight_example.yml``; return it in the worksheet's layout.

    None when the county has no example study of its own.
    """
    from naravard.core.county import load_county

    path = example_file(data, EXAMPLE_FILE)
    if path is None:
        return None
    county = county or load_county(data)
    guide = guide or load_guide(data)
    raw, text, shown = read_data_yaml(path, "exempelstudien")
    try:
        ex = ExampleStudy.model_validate(raw)
    except ValidationError as exc:
        raise DataError(validation_problems(ExampleStudy, exc, text, shown)) from None
    problems = _example_problems(ex, guide, county, text, shown)
    if problems:
        raise DataError(problems)
    return ex.to_doc()


def example_doc(data: Path | None = None) -> dict | None:
    """The example study of the project's data folder in the worksheet's saved layout, or None."""
    from naravard.core.paths import data_dir

    folder = (data or data_dir()).resolve()
    return load_example(folder, current_county(folder), current_guide(folder))


def example_study(data: Path | None = None) -> Study | None:
    """The example study as a :class:`Study` (for the handbook and the tests), or None."""
    doc = example_doc(data)
    return Study.from_doc(doc) if doc is not None else None


def check_insight_data(data: Path) -> None:
    """Checker for ``naravard check``: the guide, and the example study if the county has one."""
    from naravard.core.county import load_county

    problems: list[Problem] = []
    guide = None
    try:
        guide = load_guide(data)
    except DataError as exc:
        problems.extend(exc.problems)
    if guide is not None:
        try:
            county = load_county(data)
            load_examples(data)
        except DataError:
            county = None  # county.yml or exempel.yml is broken; their own checkers report it
        if county is not None:
            try:
                load_example(data, county, guide)
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
