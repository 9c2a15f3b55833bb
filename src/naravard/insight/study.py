"""The 360-degree insight study: guide wording, the study as saved, coverage and spread of views.

A systemledning takes one hard question between region and municipalities ("fråga X"), checks
that it is theirs, classifies it, chooses who holds the knowledge, interviews them with one fixed
guide and then looks at where the respondents stand on the facilitator's scales ("motpoler").
This module holds that model, shared by the worksheet, the exports, the handbook and the tests:

- the guide wording from ``data/insight_guide.yml`` (:class:`Guide`, :func:`load_guide`);
- the worksheet's saved document as a :class:`Study` (:meth:`Study.from_doc`);
- what the tedious parts compute: the relevance verdict, coverage of perspectives and
  principals, positions on the scales, spread measures, the widest gaps between groups, quotes
  per theme and frequent words to suggest themes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from naravard.core.county import County, parse_yaml, validation_problems
from naravard.insight.stacey import classify
from naravard.core.problems import DataError, Problem, relpath, yaml_line_of
from naravard.core.text import format_number

GUIDE_FILE = "insight_guide.yml"
DOC = "insight_360"

#: Positions on a scale go from the left pole (0) to the right pole (10).
SCALE_MIN, SCALE_MAX = 0, 10

GROUPINGS = {"perspective": "perspektiv", "principal": "huvudman"}

VERDICTS = {
    "ja": "Ja – frågan hör hemma i systemledningen",
    "delvis": "Delvis – avgränsa frågan eller dela den med ett annat forum",
    "nej": "Nej – lämna frågan till ett annat forum",
}

ZONE_ADVICE = {
    "enkel": "Det finns ett känt svar. Besluta och genomför; frågan behöver inte systemledningens "
             "tid och inte heller någon insiktsinsamling.",
    "komplicerad": "Svaret går att ta fram med rätt kunskap. Ge experter en tydlig beställning med "
                   "tidsram; är ni oense om målet, enas först om det.",
    "komplex": "Ingen vet svaret i förväg. Samla perspektiven, pröva lösningar i liten skala och "
               "lär av resultatet – här gör insiktsinsamlingen i 360 grader mest nytta.",
    "kaotisk": "Varken samsyn eller kunskap. Skapa först stabilitet och agera; samla sedan in "
               "perspektiv när läget har lugnat sig.",
}


class GuideError(ValueError):
    """The guide or the example study in data/ cannot be used."""


# --- the guide in data/ ------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True,
                              frozen=True)


class SubQuestion(_Model):
    """One angle of a question, answered on its own (1A, 1B …)."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                    json_schema_extra={"exempel": "id: utmaning_egen"})
    text: str = Field(min_length=1, json_schema_extra={"exempel": "text: … sett från …?"})
    short: str = Field(alias="kort", min_length=1,
                       json_schema_extra={"exempel": "kort: 1A Utmaning för den egna organisationen"})


class GuideQuestion(_Model):
    """A question of the guide; it has either its own answer (``kort``) or ``delfrågor``."""

    id: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                    json_schema_extra={"exempel": "id: viktigast"})
    text: str = Field(min_length=1, json_schema_extra={"exempel": "text: Vad är …?"})
    short: str | None = Field(None, alias="kort",
                              json_schema_extra={"exempel": "kort: 2 Viktigast för att lösa frågan"})
    parts: list[SubQuestion] = Field(default_factory=list, alias="delfrågor")



class Perspective(_Model):
    """A perspective the study may need: residents, staff, managers, politicians …"""

    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                      json_schema_extra={"exempel": "kod: invanare"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Invånare och patienter"})
    description: str = Field("", alias="beskrivning")


class OtherPrincipal(_Model):
    """A respondent's organisation that is neither the region nor a municipality."""

    code: str = Field(alias="kod", min_length=1, json_schema_extra={"exempel": "kod: Gemensam"})
    name: str = Field(alias="namn", min_length=1,
                      json_schema_extra={"exempel": "namn: Gemensamt organ"})


class RelevanceItem(_Model):
    """One reason why a question belongs to the systemledning."""

    code: str = Field(alias="kod", min_length=1, pattern=r"^[a-z][a-z0-9_]*$",
                      json_schema_extra={"exempel": "kod: flera_huvudman"})
    text: str = Field(min_length=1)
    decisive: bool = Field(False, alias="avgörande",
                           json_schema_extra={"exempel": "avgörande: true"})


class GuideTexts(_Model):
    """The running text of the interview guide."""

    title: str = Field(alias="rubrik", min_length=1)
    to_interviewer: str = Field(alias="till_intervjuaren", min_length=1)
    opening: str = Field(alias="inledning", min_length=1)
    closing: str = Field(alias="avslutning", min_length=1)


@dataclass(frozen=True)
class AnswerField:
    """A question that gets its own answer: a column in the template, a field in the form."""

    id: str
    short: str
    text: str
    number: str
    lead: str = ""


class Guide(_Model):
    """Everything in ``data/insight_guide.yml``."""

    texts: GuideTexts = Field(alias="intervjuguide")
    questions: list[GuideQuestion] = Field(alias="frågor", min_length=1)
    perspectives: list[Perspective] = Field(alias="perspektiv", min_length=1)
    other_principals: list[OtherPrincipal] = Field(default_factory=list, alias="andra_huvudmän")
    relevance: list[RelevanceItem] = Field(alias="relevans", min_length=1)
    stopwords: list[str] = Field(default_factory=list, alias="stoppord")

    def answer_fields(self) -> list[AnswerField]:
        """The questions that are answered, in guide order (1A, 1B, …, 2, 3 …)."""
        out = []
        for i, q in enumerate(self.questions, start=1):
            if q.parts:
                for j, part in enumerate(q.parts):
                    out.append(AnswerField(part.id, part.short, part.text,
                                           f"{i}{chr(ord('A') + j)}", lead=q.text))
            else:
                out.append(AnswerField(q.id, q.short or q.id, q.text, str(i)))
        return out

    def perspective_name(self, code: str) -> str:
        return next((p.name for p in self.perspectives if p.code == code), code or "Okänt")

    def perspective_codes(self) -> list[str]:
        return [p.code for p in self.perspectives]

    def principal_codes(self, county: County) -> list[str]:
        """Every principal a respondent can belong to: region, municipalities, the others."""
        return [*county.principals(), *(o.code for o in self.other_principals)]

    def principal_name(self, code: str, county: County) -> str:
        for o in self.other_principals:
            if o.code == code:
                return o.name
        return county.organisation_of(code) if code else "Okänd"

    def stopword_set(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.stopwords)


def _guide_problems(guide: Guide, text: str, file: str) -> list[Problem]:
    problems = []

    def dup(values: Iterable[tuple[str, tuple]], what: str) -> None:
        seen: set[str] = set()
        for value, loc in values:
            key = value.casefold()
            if key in seen:
                problems.append(Problem(file, f"{what} ”{value}” står två gånger. Ändra den "
                                              "ena så att de skiljer sig åt.",
                                        row=yaml_line_of(text, loc)))
            seen.add(key)

    ids = []
    shorts = []
    for i, q in enumerate(guide.questions):
        ids.append((q.id, ("frågor", i, "id")))
        if not q.parts and not q.short:
            problems.append(Problem(file, "Frågan behöver antingen ”kort” (rubriken i mallen) "
                                          "eller ”delfrågor”.", row=yaml_line_of(text, ("frågor", i)),
                                    field=f"frågor[{i + 1}]"))
        if q.short:
            shorts.append((q.short, ("frågor", i, "kort")))
        for j, p in enumerate(q.parts):
            ids.append((p.id, ("frågor", i, "delfrågor", j, "id")))
            shorts.append((p.short, ("frågor", i, "delfrågor", j, "kort")))
    dup(ids, "Id")
    dup(shorts, "Rubriken")
    dup([(p.code, ("perspektiv", i, "kod")) for i, p in enumerate(guide.perspectives)], "Koden")
    dup([(p.name, ("perspektiv", i, "namn")) for i, p in enumerate(guide.perspectives)], "Namnet")
    dup([(r.code, ("relevans", i, "kod")) for i, r in enumerate(guide.relevance)], "Koden")
    return problems


def _read_yaml(path: Path, what: str) -> tuple[Any, str, str]:
    shown = relpath(path)
    if not path.is_file():
        raise DataError([Problem(shown, f"Filen saknas. Den behövs för {what}. Hämta den från "
                                        "huvudprojektets data/ och anpassa texterna.")])
    raw, text = parse_yaml(path)
    if not isinstance(raw, dict):
        raise DataError([Problem(shown, row=1, message="Filen ska bestå av nycklar med värden.")])
    return raw, text, shown


def load_guide(data: Path) -> Guide:
    """Load and check ``<data>/insight_guide.yml``; raise DataError listing every problem."""
    raw, text, shown = _read_yaml(data / GUIDE_FILE, "intervjuguiden")
    try:
        guide = Guide.model_validate(raw)
    except ValidationError as exc:
        raise DataError(validation_problems(Guide, exc, text, shown)) from None
    problems = _guide_problems(guide, text, shown)
    if problems:
        raise DataError(problems)
    return guide


@lru_cache(maxsize=8)
def _cached_guide(folder: str, mtime: float) -> Guide:
    return load_guide(Path(folder))


def current_guide(data: Path | None = None) -> Guide:
    """The guide of the project's data folder, cached until the file changes."""
    from naravard.core.paths import data_dir

    folder = (data or data_dir()).resolve()
    file = folder / GUIDE_FILE
    mtime = file.stat().st_mtime if file.exists() else 0.0
    return _cached_guide(str(folder), mtime)


# --- the saved study ---------------------------------------------------------------------------


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
        return (self.question.get("title") or "").strip()

    def interviewed(self) -> list[Respondent]:
        return [r for r in self.respondents if r.interviewed]

    def respondent(self, rid: str) -> Respondent | None:
        return next((r for r in self.respondents if r.id == rid), None)

    def theme(self, tid: str) -> Theme | None:
        return next((t for t in self.themes if t.id == tid), None)

    def scale(self, sid: str) -> Scale | None:
        return next((s for s in self.scales if s.id == sid), None)

    def scale_name(self, scale: Scale) -> str:
        """The theme's name when the scale has one, else the two poles."""
        theme = self.theme(scale.theme)
        return theme.name if theme else scale.title


# --- step 1–3: question, relevance, classification --------------------------------------------


def question_phrase(title: str) -> str:
    """How the question is named inside a guide question: ``frågan ”…”`` or ``fråga X``."""
    clean = (title or "").strip().rstrip("?.!:; ").strip()
    return f"frågan ”{clean}”" if clean else "fråga X"


def suggest_verdict(guide: Guide, checks: dict[str, bool]) -> tuple[str, str]:
    """A suggested verdict (ja/delvis/nej) from the relevance checklist, with the reason."""
    ticked = [i for i in guide.relevance if checks.get(i.code)]
    missing_decisive = [i for i in guide.relevance if i.decisive and not checks.get(i.code)]
    n, total = len(ticked), len(guide.relevance)
    if not ticked:
        return "", "Kryssa i det som stämmer för frågan."
    if not missing_decisive and n >= max(3, math.ceil(total / 2)):
        return "ja", (f"{n} av {total} skäl stämmer, också de avgörande. Frågan ser ut att höra "
                      "hemma i systemledningen.")
    if missing_decisive and n <= 2:
        return "nej", (f"Bara {n} av {total} skäl stämmer och inte alla avgörande. Frågan kan "
                       "sannolikt lösas av en huvudman eller i ett annat forum.")
    if missing_decisive:
        names = "; ".join(i.text.rstrip(".") for i in missing_decisive)
        return "delvis", (f"{n} av {total} skäl stämmer, men inte: {names}. Pröva om frågan kan "
                          "avgränsas eller ges till ett annat forum.")
    return "delvis", (f"{n} av {total} skäl stämmer. Pröva om frågan kan avgränsas så att den blir "
                      "tydligt gemensam.")


def zone_of(classification: dict) -> str:
    """The Stacey zone of a saved classification (komplex when nothing is saved yet)."""
    try:
        return classify(float(classification.get("agreement", 0.5)),
                        float(classification.get("certainty", 0.5)))
    except (TypeError, ValueError):
        return classify(0.5, 0.5)


# --- step 4: coverage -------------------------------------------------------------------------


@dataclass
class Coverage:
    """Who is planned and interviewed, by perspective and principal, and what nobody covers."""

    table: pd.DataFrame
    perspectives: pd.DataFrame
    principals: pd.DataFrame
    uncovered_perspectives: list[str]
    uncovered_principals: list[str]
    planned_only_perspectives: list[str]
    planned_only_principals: list[str]


def coverage(study: Study, guide: Guide, county: County) -> Coverage:
    """Count respondents (planned and interviewed) per perspective and principal.

    A needed perspective or principal is *uncovered* when nobody is even planned for it, and
    *planned only* when somebody is planned but not yet interviewed.
    """
    needed_p = set(study.carriers.get("perspectives") or [])
    needed_h = set(study.carriers.get("principals") or [])
    p_codes = guide.perspective_codes()
    h_codes = guide.principal_codes(county)
    rows = []
    for r in study.respondents:
        rows.append({"perspective": r.perspective, "principal": r.principal,
                     "planned": 1, "interviewed": int(r.interviewed)})
    base = pd.DataFrame(rows, columns=["perspective", "principal", "planned", "interviewed"])

    def per(column: str, codes: list[str], needed: set[str], name) -> pd.DataFrame:
        grouped = base.groupby(column)[["planned", "interviewed"]].sum() if len(base) else None
        out = []
        extra = [c for c in (base[column].unique() if len(base) else []) if c not in codes]
        for code in [*codes, *extra]:
            planned = int(grouped.loc[code, "planned"]) if grouped is not None \
                and code in grouped.index else 0
            done = int(grouped.loc[code, "interviewed"]) if grouped is not None \
                and code in grouped.index else 0
            out.append({"code": code, "name": name(code), "needed": code in needed,
                        "planned": planned, "interviewed": done})
        return pd.DataFrame(out, columns=["code", "name", "needed", "planned", "interviewed"])

    persp = per("perspective", p_codes, needed_p, guide.perspective_name)
    princ = per("principal", h_codes, needed_h, lambda c: guide.principal_name(c, county))
    table = (base.groupby(["perspective", "principal"])[["planned", "interviewed"]].sum()
             .reset_index() if len(base) else base.drop(columns=[]))
    table = table.assign(
        perspective_name=[guide.perspective_name(c) for c in table["perspective"]],
        principal_name=[guide.principal_name(c, county) for c in table["principal"]])

    def names(frame: pd.DataFrame, planned: bool) -> list[str]:
        need = frame[frame["needed"]]
        if planned:
            return need[(need["planned"] > 0) & (need["interviewed"] == 0)]["name"].tolist()
        return need[need["planned"] == 0]["name"].tolist()

    return Coverage(table=table, perspectives=persp, principals=princ,
                    uncovered_perspectives=names(persp, False),
                    uncovered_principals=names(princ, False),
                    planned_only_perspectives=names(persp, True),
                    planned_only_principals=names(princ, True))


def next_pseudonym(study: Study) -> str:
    """The next free pseudonym of the form ``IP 01``."""
    used = {r.pseudonym.casefold() for r in study.respondents}
    n = len(study.respondents) + 1
    while True:
        candidate = f"IP {n:02d}"
        if candidate.casefold() not in used:
            return candidate
        n += 1


# --- step 7: synthesis ------------------------------------------------------------------------

POSITION_COLUMNS = ["scale", "scale_name", "left", "right", "respondent", "pseudonym", "role",
                    "perspective", "principal", "position"]


def positions_frame(study: Study, guide: Guide, county: County) -> pd.DataFrame:
    """One row per placed respondent per scale, with readable group names."""
    by_id = {r.id: r for r in study.respondents}
    p_names = {p.code: p.name for p in guide.perspectives}
    h_cache: dict[str, str] = {}
    rows = []
    for scale in study.scales:
        name = study.scale_name(scale)
        for rid, pos in scale.positions.items():
            r = by_id.get(rid)
            if r is None:
                continue
            if r.principal not in h_cache:
                h_cache[r.principal] = guide.principal_name(r.principal, county)
            rows.append((scale.id, name, scale.left, scale.right, rid, r.pseudonym, r.role,
                         p_names.get(r.perspective, r.perspective or "Okänt"),
                         h_cache[r.principal], int(pos)))
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)


def scale_spread(frame: pd.DataFrame) -> pd.DataFrame:
    """Per scale: how many are placed, lowest, highest, range, mean, standard deviation, IQR."""
    cols = ["scale", "scale_name", "n", "min", "max", "range", "mean", "std", "iqr"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    g = frame.groupby(["scale", "scale_name"], sort=False)["position"]
    out = g.agg(n="count", min="min", max="max", mean="mean",
                std=lambda s: float(s.std(ddof=0)),
                iqr=lambda s: float(s.quantile(0.75) - s.quantile(0.25))).reset_index()
    out["range"] = out["max"] - out["min"]
    return out[cols]


def group_spread(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per scale and group (perspective or principal): n, mean, lowest and highest position."""
    if by not in GROUPINGS:
        raise ValueError(f"Okänd gruppering {by!r}; välj perspective eller principal.")
    cols = ["scale", "scale_name", "group", "n", "mean", "min", "max"]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    out = (frame.groupby(["scale", "scale_name", by], sort=False)["position"]
           .agg(n="count", mean="mean", min="min", max="max").reset_index()
           .rename(columns={by: "group"}))
    return out[cols]


@dataclass(frozen=True)
class Gap:
    """The two groups whose average positions on one scale lie furthest apart."""

    scale: str
    scale_name: str
    left: str
    right: str
    grouping: str
    low_group: str
    low_mean: float
    low_n: int
    high_group: str
    high_mean: float
    high_n: int

    @property
    def size(self) -> float:
        return self.high_mean - self.low_mean


def widest_gaps(frame: pd.DataFrame, by: str | None = None, top: int | None = None) -> list[Gap]:
    """For every scale the widest gap between two groups, widest first.

    ``by`` is ``"perspective"``, ``"principal"`` or None for both. Groups need at least one
    placed respondent; a scale where everyone is in one group has no gap.
    """
    if frame.empty:
        return []
    bys = [by] if by else list(GROUPINGS)
    meta = frame.drop_duplicates("scale").set_index("scale")[["scale_name", "left", "right"]]
    gaps = []
    for grouping in bys:
        spread = group_spread(frame, grouping)
        for sid, part in spread.groupby("scale", sort=False):
            if len(part) < 2:
                continue
            lo = part.loc[part["mean"].idxmin()]
            hi = part.loc[part["mean"].idxmax()]
            if hi["mean"] - lo["mean"] <= 0:
                continue
            m = meta.loc[sid]
            gaps.append(Gap(sid, m["scale_name"], m["left"], m["right"], grouping,
                            str(lo["group"]), float(lo["mean"]), int(lo["n"]),
                            str(hi["group"]), float(hi["mean"]), int(hi["n"])))
    gaps.sort(key=lambda g: (-g.size, g.scale_name, g.grouping))
    return gaps[:top] if top else gaps


def _count(n: int) -> str:
    return f"{n} intervjuad" if n == 1 else f"{n} intervjuade"


def gap_sentence(gap: Gap) -> str:
    """The gap in one Swedish sentence, for the worksheet, the report and the handbook."""
    per = "per perspektiv" if gap.grouping == "perspective" else "per huvudman"
    return (f"{gap.scale_name} ({per}): {gap.low_group} står i snitt på "
            f"{format_number(gap.low_mean, 1)} ({_count(gap.low_n)}) och {gap.high_group} på "
            f"{format_number(gap.high_mean, 1)} ({_count(gap.high_n)}), "
            f"{format_number(gap.size, 1)} steg isär mellan ”{gap.left}” ({SCALE_MIN}) och "
            f"”{gap.right}” ({SCALE_MAX}).")


@dataclass(frozen=True)
class Quote:
    """An answer tagged with a theme, shown with who said it (by role, never by name)."""

    theme: str
    respondent: str
    pseudonym: str
    role: str
    perspective: str
    principal: str
    question: str
    text: str


def quotes_by_theme(study: Study, guide: Guide, county: County) -> dict[str, list[Quote]]:
    """Tagged answers per theme id, in the order of the interviews and the guide."""
    shorts = {f.id: f.short for f in guide.answer_fields()}
    order = list(shorts)
    out: dict[str, list[Quote]] = {t.id: [] for t in study.themes}
    for r in study.respondents:
        for qid in sorted(r.tags, key=lambda q: order.index(q) if q in order else len(order)):
            text = (r.answers.get(qid) or "").strip()
            if not text:
                continue
            for tid in r.tags[qid]:
                if tid in out:
                    out[tid].append(Quote(tid, r.id, r.pseudonym, r.role,
                                          guide.perspective_name(r.perspective),
                                          guide.principal_name(r.principal, county),
                                          shorts.get(qid, qid), text))
    return out


def representative_quotes(quotes: list[Quote], limit: int) -> list[Quote]:
    """Up to ``limit`` quotes that cover as many principals and perspectives as possible."""
    chosen: list[Quote] = []
    for key in ("principal", "perspective", None):
        seen = {getattr(q, key) for q in chosen} if key else set()
        for q in quotes:
            if len(chosen) >= limit:
                return chosen
            if q in chosen:
                continue
            if key is None or getattr(q, key) not in seen:
                chosen.append(q)
                if key:
                    seen.add(getattr(q, key))
    order = {id(q): i for i, q in enumerate(quotes)}
    return sorted(chosen, key=lambda q: order[id(q)])


_WORD_RE = re.compile(r"[a-zåäöéüæø]+(?:-[a-zåäöéüæø]+)*")


def frequent_words(study: Study, guide: Guide, top: int = 12, min_length: int = 4) -> \
        list[tuple[str, int]]:
    """Words used by the most respondents, as theme suggestions: ``[(word, respondents)]``.

    Stopwords from the guide, the words of the question itself and words that already name a
    theme are left out. Only words used by at least two respondents are suggested.
    """
    skip = set(guide.stopword_set())
    skip |= {w.casefold() for w in _WORD_RE.findall(study.title.casefold())}
    for t in study.themes:
        skip |= set(_WORD_RE.findall(t.name.casefold()))
    counts: Counter[str] = Counter()
    for r in study.respondents:
        words = set()
        for answer in r.answers.values():
            words |= {w for w in _WORD_RE.findall((answer or "").casefold())
                      if len(w) >= min_length and w not in skip}
        counts.update(words)
    ranked = sorted(((w, n) for w, n in counts.items() if n >= 2), key=lambda x: (-x[1], x[0]))
    return ranked[:top]


def keyword_matches(study: Study, theme: Theme) -> list[tuple[str, str]]:
    """Answers ``(respondent id, question id)`` that contain one of the theme's keywords."""
    keys = theme.keyword_list()
    if not keys:
        return []
    out = []
    for r in study.respondents:
        for qid, text in r.answers.items():
            low = (text or "").casefold()
            if any(k in low for k in keys):
                out.append((r.id, qid))
    return out


def tag_counts(study: Study) -> dict[str, int]:
    """How many answers carry each theme."""
    counts = {t.id: 0 for t in study.themes}
    for r in study.respondents:
        for tids in r.tags.values():
            for tid in tids:
                if tid in counts:
                    counts[tid] += 1
    return counts
