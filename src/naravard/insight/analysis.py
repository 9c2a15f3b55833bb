"""What the insight worksheet computes from a study, so that nobody counts by hand.

The relevance verdict suggested by the checklist and the Stacey zone (steps 2–3); coverage of
perspectives and principals (step 4); and the synthesis (step 7): positions on the scales,
spread per scale and per group, the widest gaps between groups, quotes per theme and frequent
words that suggest themes. pandas is imported inside the functions that build tables, so that
importing the study model stays light.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from naravard.core.county import County
from naravard.core.text import format_number
from naravard.insight.guide import Guide
from naravard.insight.stacey import classify
from naravard.insight.study import SCALE_MAX, SCALE_MIN, Study, Theme

if TYPE_CHECKING:
    import pandas as pd

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


# --- steps 2–3: relevance and classification ------------------------------------------------


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


@dataclass
class CoverageGaps:
    """The needed perspectives and principals that nobody covers or nobody has interviewed."""

    uncovered_perspectives: list[str]
    uncovered_principals: list[str]
    planned_only_perspectives: list[str]
    planned_only_principals: list[str]


def coverage_gaps(study: Study, guide: Guide, county: County) -> CoverageGaps:
    """What :func:`coverage` says is missing, without pandas (light enough for page start)."""

    def names(column: str, codes: list[str], name, planned_only: bool) -> list[str]:
        needed = set(study.carriers.get(column + "s") or [])
        counts: dict[str, list[int]] = {}
        for r in study.respondents:
            count = counts.setdefault(getattr(r, column), [0, 0])
            count[0] += 1
            count[1] += int(r.interviewed)
        out = []
        for code in [*codes, *(c for c in counts if c not in codes)]:
            planned, done = counts.get(code, (0, 0))
            if code in needed and ((planned > 0 and done == 0) if planned_only else planned == 0):
                out.append(name(code))
        return out

    h_codes = guide.principal_codes(county)
    h_name = lambda c: guide.principal_name(c, county)  # noqa: E731
    return CoverageGaps(
        names("perspective", guide.perspective_codes(), guide.perspective_name, False),
        names("principal", h_codes, h_name, False),
        names("perspective", guide.perspective_codes(), guide.perspective_name, True),
        names("principal", h_codes, h_name, True))


def coverage(study: Study, guide: Guide, county: County) -> Coverage:
    """Count respondents (planned and interviewed) per perspective and principal.

    A needed perspective or principal is *uncovered* when nobody is even planned for it, and
    *planned only* when somebody is planned but not yet interviewed.
    """
    import pandas as pd

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


# --- step 7: synthesis ------------------------------------------------------------------------

POSITION_COLUMNS = ["scale", "scale_name", "left", "right", "respondent", "pseudonym", "role",
                    "perspective", "principal", "position"]


def positions_frame(study: Study, guide: Guide, county: County) -> pd.DataFrame:
    """One row per placed respondent per scale, with readable group names."""
    import pandas as pd

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
    import pandas as pd

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
    import pandas as pd

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
