"""The joint primary care plan: the five steps, the Tight–Loose–Tight check, completeness and cost.

The plan lives in the workspace document ``plan_primarvard`` as plain JSON, keys in English and
values as the participants typed them::

    {"frame": {"title", "period", "level", "principals": [...]},
     "answers": {"goals" | "mapping" | "support": {question key: text}},
     "goals": {id: {"text", "measure", "baseline", "target", "date"}},
     "mapping": {"tables": {table key: {"rows": {id: {column key: value}}}}},
     "action": {"principles": {id: {"text"}},
                "levels": {"makro" | "meso" | "mikro": {"who", "responsibility"}},
                "pairs": {id: {"area", "region", "municipality", "principal"}},
                "initiatives": {id: {"area", "title", "description", "lead", "goals": [ids],
                                     "priority"}}},
     "support": {"forums": {id: {"name", "forum_id", "decides", "supports", "escalation",
                                 "note"}}},
     "followup": {"indicators": {id: {"goal", "name", "source", "frequency", "owner",
                                      "dimension"}},
                  "calendar": {id: {"date", "what", "level", "forum"}}},
     "implementation": {"cost_per_fte_month", "roles": {id: {"kind", "title", "principal",
                                                             "persons", "share", "months"}},
                        "milestones": {id: {"title", "date", "done"}}}}

Collections are dicts keyed by a short id so that two participants can add and edit rows at the
same time without overwriting each other. Numbers and dates may be saved as typed ("12 300",
"31 december 2028"); this module reads them. The step names, questions and catalogues follow SKR's
support material for a joint primary care plan, Ekholm and Caesar (2024) and Governo (2022).
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable

from naravard.core.text import MONTHS, format_date, format_number

DOC = "plan_primarvard"

# --- the steps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One page of the plan: the five steps, then implementation and prioritising."""

    key: str
    number: str
    title: str

    @property
    def heading(self) -> str:
        return f"Steg {self.number}. {self.title}" if self.number else self.title


STEPS: tuple[Step, ...] = (
    Step("goals", "1", "Gemensamma mål"),
    Step("mapping", "2", "Kartlägga förutsättningar"),
    Step("action", "3", "Agera gemensamt"),
    Step("support", "4", "Säkra stödet"),
    Step("followup", "5", "Gemensam uppföljning"),
    Step("implementation", "", "Genomförande"),
    Step("priorities", "", "Prioritering"),
)
STEP_BY_KEY = {s.key: s for s in STEPS}

#: Guiding questions per step (the participants' answers are saved under ``answers``).
QUESTIONS: dict[str, dict[str, str]] = {
    "goals": {
        "why": "Vilken gemensam målbild och värdegrund för nära vård har länet redan, och vad "
               "är vårt gemensamma varför?",
        "aim": "Vad vill vi uppnå med primärvården i länet?",
    },
    "mapping": {
        "needs": "Hur ser invånarnas behov ut, och var skiljer de sig åt mellan kommunerna?",
        "involve": "Vilka behöver vara med i arbetet, till exempel privata utförare?",
        "works": "Vad fungerar bra i samarbetet kring invånaren, och vad behöver utvecklas?",
        "meetings": "Vilka mötesplatser mellan huvudmännen finns i dag?",
        "resources": "Vilka resurser finns för att driva utvecklingen och införa nya arbetssätt, "
                     "till exempel utvecklings- eller projektledare?",
        "expectations": "Vilka förväntningar har parterna på samarbetet?",
        "agreements": "Vilka överenskommelser och arbetssätt har ni redan, till exempel om "
                      "läkarmedverkan, fast vårdkontakt eller patientkontrakt, och vilka kan ni "
                      "bygga vidare på?",
    },
    "support": {
        "today": "Hur fungerar stödet till mikronivån i dag?",
        "needed": "Vilka stödsystem behövs framåt?",
        "escalation": "Hur når en fråga som fastnat på mikronivå systemledningen, och hur snabbt "
                      "ska den vara löst?",
    },
}

# --- step 2: structured tables --------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a mapping table. ``kind`` is "text", "number" or "principal"."""

    key: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class TableSpec:
    """A structured table in step 2, with the question it answers."""

    key: str
    title: str
    question: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


TABLES: tuple[TableSpec, ...] = (
    TableSpec("population", "Befolkning och behov",
              "Hur många invånare finns var, och vilka behov sticker ut?",
              (Column("area", "Område"), Column("inhabitants", "Invånare", "number"),
               Column("aged_80", "Invånare 80 år och äldre", "number"),
               Column("needs", "Behov som sticker ut"))),
    TableSpec("services", "Dagens verksamheter per huvudman",
              "Vilka primärvårdsverksamheter har varje huvudman i dag?",
              (Column("principal", "Huvudman", "principal"), Column("service", "Verksamhet"),
               Column("units", "Antal enheter", "number"),
               Column("comment", "Vad fungerar, vad behöver utvecklas?"))),
    TableSpec("resources", "Resurser för utveckling",
              "Vilka resurser finns för att utveckla och införa nya arbetssätt?",
              (Column("principal", "Huvudman", "principal"),
               Column("resource", "Roll eller funktion"),
               Column("fte", "Årsarbetare", "number"), Column("comment", "Kommentar"))),
    TableSpec("competence", "Kompetens",
              "Vilken kompetens finns, och var saknas den?",
              (Column("profession", "Yrkesgrupp"), Column("principal", "Huvudman", "principal"),
               Column("fte", "Årsarbetare", "number"),
               Column("vacancies", "Vakanta tjänster", "number"),
               Column("comment", "Kommentar"))),
    TableSpec("premises", "Lokaler",
              "Vilka lokaler används, och var går det att dela eller samlokalisera?",
              (Column("principal", "Huvudman", "principal"), Column("place", "Lokal och ort"),
               Column("use", "Används till"), Column("area_sqm", "Yta (kvm)", "number"),
               Column("sharing", "Möjlighet att dela"))),
    TableSpec("digital", "Digitalt stöd",
              "Vilka digitala stöd används, och vilka delas mellan huvudmännen?",
              (Column("principal", "Huvudman", "principal"), Column("system", "System eller tjänst"),
               Column("use", "Används till"), Column("shared", "Delas med andra huvudmän?"))),
)
TABLE_BY_KEY = {t.key: t for t in TABLES}

# --- step 3: catalogue, levels and principles -----------------------------------------------


@dataclass(frozen=True)
class ContentArea:
    """An area a joint plan can cover, from SKR's support material."""

    key: str
    group: str
    name: str


CONTENT_GROUPS = ("Primärvården som nav", "Kompetens", "Samordning kring personen")
CONTENT_AREAS: tuple[ContentArea, ...] = (
    ContentArea("development", CONTENT_GROUPS[0], "Utveckling av primärvården"),
    ContentArea("services", CONTENT_GROUPS[0], "Utbudsfrågor"),
    ContentArea("research", CONTENT_GROUPS[0], "Forskningsfrågor"),
    ContentArea("premises", CONTENT_GROUPS[0], "Lokalfrågor"),
    ContentArea("competence_supply", CONTENT_GROUPS[1], "Kompetensförsörjning"),
    ContentArea("competence_development", CONTENT_GROUPS[1], "Kompetensutveckling"),
    ContentArea("vfu", CONTENT_GROUPS[1], "Samverkan kring VFU för legitimerade yrkesgrupper"),
    ContentArea("prevention", CONTENT_GROUPS[2], "Befolkningsinriktat förebyggande arbete"),
    ContentArea("physician", CONTENT_GROUPS[2], "Läkarmedverkan"),
    ContentArea("gp_contact", CONTENT_GROUPS[2], "Fast läkarkontakt"),
    ContentArea("care_contact", CONTENT_GROUPS[2], "Fast vårdkontakt"),
    ContentArea("patient_contract", CONTENT_GROUPS[2], "Patientkontrakt"),
    ContentArea("sip", CONTENT_GROUPS[2], "Samordnad individuell plan (SIP)"),
    ContentArea("care_planning", CONTENT_GROUPS[2], "Medicinsk vårdplanering"),
)
AREA_BY_KEY = {a.key: a for a in CONTENT_AREAS}

LEVELS: dict[str, str] = {"makro": "Makronivå", "meso": "Mesonivå", "mikro": "Mikronivå"}
#: Who sits at each level and what they answer for, in the handbook's words after SKR.
LEVEL_HINTS: dict[str, tuple[str, str]] = {
    "makro": ("Till exempel chefen för regionens primärvård och kommunernas social- och "
              "omsorgschefer",
              "Bär ansvaret för hela systemet, sätter den strategiska riktningen, håller fast "
              "vid målen och tar fram de vägledande principerna"),
    "meso": ("Verksamhetschefer i regionen, hos privata utförare och i kommunerna, med stöd "
             "av facilitatorer",
             "Etablerar och genomför, löser övergripande frågor och länkar ihop strategi och "
             "vardag"),
    "mikro": ("Chefer och professioner nära verksamheten, i lokala samordningsgrupper mellan "
              "region och kommun",
              "Verkställer och driver det löpande arbetet kring invånaren"),
}
#: Example guiding principles (Skellefteå/Norsjö and Jönköping, via SKR), in short form.
EXAMPLE_PRINCIPLES: tuple[str, ...] = (
    "Vad är bäst för invånaren?",
    "Ingen patient ska ligga på sjukhus i onödan.",
    "Vi gör det tillsammans – ingen lyckas om inte helheten lyckas.",
    "Ta ansvar för ditt eget arbete, återkoppla bakåt och underlätta för nästa steg.",
    "Ta tag i problemen direkt.",
)

# --- prioritising, follow-up and implementation ---------------------------------------------

#: Green/yellow/red with the meaning Ekholm and Caesar (2024) give the three levels: which
#: residents an initiative is mainly for, and what that means for the order of work.
PRIORITIES: dict[str, tuple[str, str, str]] = {
    "röd": ("Röd", "Mångbesökare och personer med sammansatta problem",
            "Börja här: samordna kring dem som har störst behov i dag."),
    "gul": ("Gul", "Riskgrupp som kan få ökade behov av stöd",
            "Förebygg: skjut upp eller undvik att behoven växer till rött."),
    "grön": ("Grön", "Klarar sig själva och har kontakt vid behov",
             "Underlätta: gör det enkelt att få kontakt när behovet finns."),
}
PRIORITY_ORDER = ("röd", "gul", "grön")
PRIORITY_COLOURS = {"röd": "#c0392b", "gul": "#e0b000", "grön": "#3c8c5a"}

TRIPLE_AIM: dict[str, str] = {
    "hälsa": "Bättre hälsa i befolkningen",
    "upplevelse": "Bättre vårdupplevelse för individen",
    "kostnad": "Lägre kostnad per invånare",
}
FREQUENCIES: dict[str, str] = {
    "vecka": "Varje vecka", "månad": "Varje månad", "kvartal": "Varje kvartal",
    "halvår": "Varje halvår", "år": "Varje år",
}
ROLE_KINDS: dict[str, str] = {
    "systemledning": "Systemledning",
    "styrgrupp": "Styrgrupp",
    "processledare": "Processledare (i par)",
    "arbetsgrupp": "Arbetsgrupp",
    "stöd": "Stöd och samordning",
}
#: Time shares suggested in Governo (2022): process leaders 25 % each, working-group members
#: 10–15 % (the lower bound is used as the starting value).
DEFAULT_SHARES: dict[str, float] = {"processledare": 25.0, "arbetsgrupp": 10.0}
#: Example milestones in Governo (2022), in the handbook's words.
EXAMPLE_MILESTONES: tuple[str, ...] = (
    "En ny samägd styrmodell är etablerad",
    "Pilotförsök med följeutvärdering har startat",
    "De nya arbetssätten sprids i området",
    "Samlad utvärdering och justering",
)

# --- reading values as typed ----------------------------------------------------------------

_NUMBER_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_MONTH_NUMBERS = {name: i + 1 for i, name in enumerate(MONTHS)}


def parse_number(value: Any) -> float | None:
    """Read a number as a Swede writes it ("12 300", "4,5", "25 %", "68 000 kr"); None if empty.

    Raises ValueError with a Swedish message when the text is not a number.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    clean = re.sub(r"(?i)\s*(%|procent|kr|kronor|st)\.?$", "", text)
    clean = clean.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _NUMBER_RE.match(clean):
        return float(clean.replace(",", "."))
    raise ValueError(f"”{text}” är inte ett tal. Skriv till exempel 12 300 eller 4,5.")


def number_problem(text: str) -> str | None:
    """The Swedish reason a typed number cannot be saved, or None."""
    try:
        value = parse_number(text)
    except ValueError as exc:
        return str(exc)
    if value is not None and value < 0:
        return "Talet får inte vara negativt."
    return None


def parse_date(value: Any) -> dt.date | None:
    """Read a date: 2028-12-31, 31 december 2028, december 2028 (last day) or 2028 (31 december).

    Returns None for empty text; raises ValueError with a Swedish message otherwise.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    low = text.lower()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
            return dt.date.fromisoformat(low)
        if re.fullmatch(r"\d{4}-\d{2}", low):
            year, month = map(int, low.split("-"))
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", low):
            return dt.date(int(low), 12, 31)
        m = re.fullmatch(r"(?:(\d{1,2})\s+)?([a-zåäö]+)\s+(\d{4})", low)
        if m and m.group(2) in _MONTH_NUMBERS:
            year, month = int(m.group(3)), _MONTH_NUMBERS[m.group(2)]
            day = int(m.group(1)) if m.group(1) else calendar.monthrange(year, month)[1]
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise ValueError(f"”{text}” går inte att läsa som ett datum. Skriv till exempel 2028-12-31 "
                     "eller 31 december 2028.")


def date_problem(text: str) -> str | None:
    """The Swedish reason a typed date cannot be saved, or None."""
    try:
        parse_date(text)
    except ValueError as exc:
        return str(exc)
    return None


def show_date(value: Any) -> str:
    """A saved date as a Swedish reader expects it ("31 december 2028"); the text if unreadable."""
    try:
        d = parse_date(value)
    except ValueError:
        return str(value)
    return format_date(d) if d else ""


def show_number(value: Any, decimals: int = 0) -> str:
    """A saved number in Swedish format; the text as typed if it is not a number."""
    try:
        n = parse_number(value)
    except ValueError:
        return str(value)
    if n is None:
        return ""
    if decimals == 0 and n != int(n):
        decimals = 1
    return format_number(n, decimals)


def new_id(prefix: str) -> str:
    """A short random id for a new row (unique even when two sessions add rows at once)."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def records(doc: dict, *path: str) -> dict[str, dict]:
    """The dict-of-records at ``path``, skipping anything that is not a record."""
    current: Any = doc
    for key in path:
        current = current.get(key) if isinstance(current, dict) else None
    if not isinstance(current, dict):
        return {}
    return {k: v for k, v in current.items() if isinstance(v, dict)}


def normalise(doc: dict) -> dict:
    """A copy of a saved plan in today's layout (the first version kept goals as one text)."""
    out = copy.deepcopy(doc or {})
    goals = out.get("goals")
    if isinstance(goals, dict) and isinstance(goals.get("text"), str):
        legacy = goals.pop("text")
        if legacy.strip():
            goals["g0"] = {"text": legacy.strip()}
    return out


# --- the Tight–Loose–Tight check --------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Why a goal does not yet pass the Tight–Loose–Tight check."""

    field: str
    kind: str  # "struktur", "saknas", "datum" or "förändring"
    message: str
    summary: str = ""  # a few words for tables: "Mått saknas"


GOAL_FIELDS: dict[str, str] = {
    "text": "Målet", "measure": "Mått", "baseline": "Utgångsvärde", "target": "Målvärde",
    "date": "Datum",
}

_WORD_RE = re.compile(r"[0-9a-zåäöéü-]+", re.IGNORECASE)
_PLACE_EXCEPTIONS = ("arbets", "mötes", "webb", "hem")
_STRUCTURE_NOUNS = (
    "forum", "grupp", "råd", "nämnd", "kommitté", "mottagning", "vårdcentral", "hälsocentral",
    "avdelning", "boende", "lokal", "tjänst", "organisation", "center", "team", "enhet",
)
_STRUCTURE_TRIGGERS = {
    "ny", "nytt", "nya", "fler", "flera", "ytterligare", "inrätta", "inrättas", "inrättar",
    "bilda", "bildas", "bildar", "bygga", "byggs", "bygger", "öppna", "öppnas", "starta",
    "startas", "etablera", "etableras", "anställa", "anställs", "rekrytera", "rekryteras",
}


def _structure_word(token: str) -> bool:
    """Beds, places and units: the structure measures TLT goals should not be."""
    if token.startswith(("säng", "bädd")):
        return True
    if re.search(r"plats(er|en|erna)?$", token) and not token.startswith(_PLACE_EXCEPTIONS):
        return True
    return bool(re.search(r"enhet(er|en|erna)?$", token))


def structure_terms(text: str) -> list[str]:
    """The words in ``text`` that name structures (beds, places, units, new forums …)."""
    tokens = [t.lower().strip("-") for t in _WORD_RE.findall(text or "")]
    found: list[str] = []
    for i, token in enumerate(tokens):
        if _structure_word(token):
            found.append(token)
            continue
        if token in _STRUCTURE_TRIGGERS:
            for nxt in tokens[i + 1:i + 4]:
                if any(noun in nxt for noun in _STRUCTURE_NOUNS) and not _structure_word(nxt):
                    found.append(f"{token} {nxt}" if token in ("ny", "nytt", "nya") else nxt)
                    break
    seen: list[str] = []
    for term in found:
        if term not in seen:
            seen.append(term)
    return seen


def tlt_check(goal: dict, today: dt.date | None = None) -> list[Finding]:
    """Check one goal against Tight–Loose–Tight; an empty list means it passes.

    A goal is flagged when it names structures (beds, places, units, new forums) instead of a
    change for residents, or lacks a measure, a baseline, a target or a date.
    """
    today = today or dt.date.today()
    text = _text(goal.get("text"))
    findings: list[Finding] = []
    if not text:
        findings.append(Finding("text", "saknas", "Målet saknar text: beskriv vilken förändring "
                                                  "invånarna ska märka.", "Text saknas"))
    for key, where in (("text", "Målet"), ("measure", "Måttet"), ("target", "Målvärdet")):
        terms = structure_terms(_text(goal.get(key)))
        if terms:
            named = ", ".join(f"”{t}”" for t in terms)
            findings.append(Finding(key, "struktur", (
                f"{where} handlar om struktur ({named}) i stället för om en förändring för "
                "invånarna. Enligt Tight–Loose–Tight ska målen mäta den förändring ni vill nå, "
                "till exempel färre fallskador eller kortare väntetider, inte antal sängar, "
                "platser, enheter eller nya forum. Fråga er vad som ska bli bättre för invånarna."
            ), f"{where} handlar om struktur ({named})"))
    if not _text(goal.get("measure")):
        findings.append(Finding("measure", "saknas", "Mått saknas: skriv hur förändringen ska "
                                "mätas, till exempel andelen invånare över 75 år med fast "
                                "vårdkontakt.", "Mått saknas"))
    if not _text(goal.get("baseline")):
        findings.append(Finding("baseline", "saknas", "Utgångsvärde saknas: skriv var ni står i "
                                "dag, annars går det inte att se om det blir bättre.",
                                "Utgångsvärde saknas"))
    if not _text(goal.get("target")):
        findings.append(Finding("target", "saknas", "Målvärde saknas: skriv vilket värde ni vill "
                                "nå.", "Målvärde saknas"))
    if _text(goal.get("baseline")) and _text(goal.get("target")) \
            and _leading_number(goal.get("baseline")) is not None \
            and _leading_number(goal.get("baseline")) == _leading_number(goal.get("target")):
        findings.append(Finding("target", "förändring", "Målvärdet är detsamma som "
                                "utgångsvärdet, så målet beskriver ingen förändring.",
                                "Ingen förändring"))
    raw_date = _text(goal.get("date"))
    if not raw_date:
        findings.append(Finding("date", "saknas", "Datum saknas: skriv när målet ska vara nått, "
                                "till exempel 2028-12-31.", "Datum saknas"))
    else:
        try:
            when = parse_date(raw_date)
        except ValueError as exc:
            findings.append(Finding("date", "datum", str(exc), "Datumet går inte att läsa"))
        else:
            if when and when < today:
                findings.append(Finding("date", "datum", f"Datumet {format_date(when)} har "
                                        "redan passerat. Skriv ett nytt datum eller följ upp "
                                        "målet.", "Datumet har passerat"))
    return findings


def _leading_number(value: Any) -> float | None:
    m = re.match(r"\s*([0-9][0-9 \u00a0]*(?:[.,][0-9]+)?)", str(value or ""))
    if not m:
        return None
    try:
        return parse_number(m.group(1))
    except ValueError:
        return None


# --- a plan, read from a saved document --------------------------------------------------------


@dataclass
class Plan:
    """A read-only view of a saved plan document, with the county it belongs to."""

    doc: dict
    principals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.doc = normalise(self.doc)

    # frame and answers
    @property
    def frame(self) -> dict:
        frame = self.doc.get("frame")
        return frame if isinstance(frame, dict) else {}

    def answer(self, step: str, key: str) -> str:
        answers = self.doc.get("answers")
        value = answers.get(step, {}).get(key) if isinstance(answers, dict) and \
            isinstance(answers.get(step), dict) else None
        return _text(value)

    # collections
    def goals(self) -> dict[str, dict]:
        return records(self.doc, "goals")

    def goal_number(self, goal_id: str) -> int | None:
        ids = list(self.goals())
        return ids.index(goal_id) + 1 if goal_id in ids else None

    def goal_label(self, goal_id: str) -> str:
        number = self.goal_number(goal_id)
        if number is None:
            return "(målet finns inte längre)"
        text = _text(self.goals()[goal_id].get("text")) or "(utan text)"
        return f"Mål {number}: {text}"

    def table_rows(self, table: str) -> dict[str, dict]:
        return records(self.doc, "mapping", "tables", table, "rows")

    def principles(self) -> dict[str, dict]:
        return records(self.doc, "action", "principles")

    def level(self, key: str) -> dict:
        return records(self.doc, "action", "levels").get(key, {})

    def pairs(self) -> dict[str, dict]:
        return records(self.doc, "action", "pairs")

    def initiatives(self) -> dict[str, dict]:
        return records(self.doc, "action", "initiatives")

    def initiative_title(self, initiative: dict) -> str:
        area = AREA_BY_KEY.get(_text(initiative.get("area")))
        return _text(initiative.get("title")) or (area.name if area else "(insats utan namn)")

    def support_forums(self) -> dict[str, dict]:
        return records(self.doc, "support", "forums")

    def indicators(self) -> dict[str, dict]:
        return records(self.doc, "followup", "indicators")

    def indicators_for(self, goal_id: str) -> dict[str, dict]:
        return {k: v for k, v in self.indicators().items() if v.get("goal") == goal_id}

    def calendar(self) -> list[tuple[str, dict]]:
        """Follow-up meetings sorted by date (unreadable or missing dates last)."""
        return sorted(records(self.doc, "followup", "calendar").items(),
                      key=lambda kv: _sort_date(kv[1].get("date")))

    def roles(self) -> dict[str, dict]:
        return records(self.doc, "implementation", "roles")

    def milestones(self) -> list[tuple[str, dict]]:
        """Milestones sorted by date (unreadable or missing dates last)."""
        return sorted(records(self.doc, "implementation", "milestones").items(),
                      key=lambda kv: _sort_date(kv[1].get("date")))

    @property
    def cost_per_fte_month(self) -> float | None:
        impl = self.doc.get("implementation")
        value = impl.get("cost_per_fte_month") if isinstance(impl, dict) else None
        try:
            return parse_number(value)
        except ValueError:
            return None

    def is_region(self, principal: str) -> bool:
        return bool(self.principals) and principal == self.principals[0]


def _sort_date(value: Any) -> tuple[int, dt.date]:
    try:
        d = parse_date(value)
    except ValueError:
        d = None
    return (0, d) if d else (1, dt.date.max)


# --- cost from time shares -----------------------------------------------------------------------


@dataclass(frozen=True)
class RoleCost:
    """One role's share of the implementation: full-time equivalents and cost."""

    id: str
    kind: str
    title: str
    principal: str
    persons: float | None
    share: float | None
    months: float | None
    fte: float | None
    cost: float | None


def role_cost(role_id: str, role: dict, cost_per_fte_month: float | None) -> RoleCost:
    """Full-time equivalents (persons × share) and cost (× months × monthly cost) of a role."""
    def num(key: str) -> float | None:
        try:
            return parse_number(role.get(key))
        except ValueError:
            return None

    persons, share, months = num("persons"), num("share"), num("months")
    fte = persons * share / 100 if persons is not None and share is not None else None
    cost = (round(persons * share * months * cost_per_fte_month / 100, 2)
            if fte is not None and months is not None and cost_per_fte_month is not None
            else None)
    return RoleCost(role_id, _text(role.get("kind")), _text(role.get("title")),
                    _text(role.get("principal")), persons, share, months, fte, cost)


@dataclass(frozen=True)
class CostSummary:
    """The cost estimate of the implementation, per role and in total."""

    roles: list[RoleCost]
    total_fte: float
    total_cost: float
    region_cost: float
    municipal_cost: float
    incomplete: list[str]


def cost_summary(plan: Plan) -> CostSummary:
    """Cost of the implementation from the roles' time shares and the cost per full-time month."""
    rate = plan.cost_per_fte_month
    rows = [role_cost(rid, r, rate) for rid, r in plan.roles().items()]
    incomplete = [r.title or ROLE_KINDS.get(r.kind, "Roll utan namn")
                  for r in rows if r.fte is None or r.months is None]
    region = sum(r.cost or 0 for r in rows if plan.is_region(r.principal))
    total = sum(r.cost or 0 for r in rows)
    return CostSummary(rows, sum(r.fte or 0 for r in rows), total, region,
                       total - region, incomplete)


# --- completeness ------------------------------------------------------------------------------


@dataclass
class StepProgress:
    """How far one step has come: what is filled in, what is missing and what is flagged."""

    step: Step
    done: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.done += 1
        else:
            self.missing.append(what)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def status(self) -> str:
        """Klart, Påbörjat, Inte påbörjat, or Flaggat when a check flags something."""
        if self.flagged:
            return "Flaggat"
        if self.done == self.total:
            return "Klart"
        return "Påbörjat" if self.done else "Inte påbörjat"


def completeness(plan: Plan, forum_map: list[dict] | None = None,
                 today: dt.date | None = None) -> list[StepProgress]:
    """Per step: what is filled in, what is still empty and what the checks flag."""
    out = {s.key: StepProgress(s) for s in STEPS}
    goals = plan.goals()

    p = out["goals"]
    p.check(bool(plan.answer("goals", "aim")), "Frågan ”Vad vill vi uppnå?” är obesvarad.")
    p.check(bool(goals), "Inga mål är skrivna.")
    for gid, goal in goals.items():
        findings = tlt_check(goal, today)
        label = f"Mål {plan.goal_number(gid)}"
        p.check(not findings, f"{label} klarar inte Tight–Loose–Tight-kontrollen.")
        p.flagged += [f"{label}: {f.message}" for f in findings]

    p = out["mapping"]
    for key, question in QUESTIONS["mapping"].items():
        p.check(bool(plan.answer("mapping", key)), f"Obesvarad fråga: {question}")
    for table in TABLES:
        p.check(bool(plan.table_rows(table.key)), f"Tabellen ”{table.title}” är tom.")

    p = out["action"]
    p.check(any(_text(r.get("text")) for r in plan.principles().values()),
            "Inga vägledande principer.")
    for key, name in LEVELS.items():
        level = plan.level(key)
        p.check(bool(_text(level.get("who")) and _text(level.get("responsibility"))),
                f"{name}: vilka som ingår och deras ansvar är inte ifyllt.")
    p.check(any(_text(r.get("region")) and _text(r.get("municipality"))
                for r in plan.pairs().values()), "Inga parhästar med en roll från varje sida.")
    initiatives = plan.initiatives()
    p.check(bool(initiatives), "Inga innehållsområden eller insatser är valda.")
    for iid, initiative in initiatives.items():
        p.check(bool(_text(initiative.get("description"))),
                f"Insatsen ”{plan.initiative_title(initiative)}” saknar beskrivning.")

    p = out["support"]
    for key, question in QUESTIONS["support"].items():
        p.check(bool(plan.answer("support", key)), f"Obesvarad fråga: {question}")
    forums = plan.support_forums()
    p.check(any(f.get("decides") for f in forums.values()), "Inget forum som beslutar är valt.")
    p.check(any(f.get("escalation") for f in forums.values()),
            "Inget forum dit frågor som fastnat kan lyftas är valt.")
    if forum_map is not None:
        for row in support_rows(plan, forum_map):
            if row.status == MISSING_FROM_MAP:
                p.flagged.append(f"Forumet ”{row.name}” finns inte längre i forumkartan.")

    p = out["followup"]
    for gid in goals:
        p.check(bool(plan.indicators_for(gid)),
                f"Mål {plan.goal_number(gid)} saknar indikator.")
    for iid, ind in plan.indicators().items():
        gaps = [label for key, label in (("source", "källa"), ("frequency", "frekvens"),
                                         ("owner", "ansvarig"), ("dimension", "Triple Aim"))
                if not _text(ind.get(key))]
        name = _text(ind.get("name")) or "utan namn"
        p.check(not gaps, f"Indikatorn ”{name}” saknar {', '.join(gaps)}.")
        if ind.get("goal") not in goals:
            p.flagged.append(f"Indikatorn ”{name}” hör till ett mål som inte finns längre.")
    covered = {_text(i.get("dimension")) for i in plan.indicators().values()}
    for key, name in TRIPLE_AIM.items():
        p.check(key in covered, f"Ingen indikator för {name.lower()} (Triple Aim).")
    p.check(bool(plan.calendar()), "Uppföljningskalendern är tom.")

    p = out["implementation"]
    costs = cost_summary(plan)
    p.check(plan.cost_per_fte_month is not None, "Kostnad per heltid och månad saknas.")
    p.check(bool(costs.roles), "Inga roller är beskrivna.")
    for role in costs.roles:
        name = role.title or ROLE_KINDS.get(role.kind, "utan namn")
        p.check(role.fte is not None and role.months is not None,
                f"Rollen ”{name}” saknar antal personer, tidsandel eller månader.")
    leaders = [r for r in costs.roles if r.kind == "processledare"]
    if leaders:
        pair = any(plan.is_region(r.principal) for r in leaders) and \
            any(r.principal and not plan.is_region(r.principal) for r in leaders)
        p.check(pair, "Processledarna är inte ett par med en från regionen och en från en "
                      "kommun.")
    dated = [m for _, m in plan.milestones() if _sort_date(m.get("date"))[0] == 0]
    p.check(bool(dated), "Inga etappmål med datum.")

    p = out["priorities"]
    p.check(bool(initiatives), "Det finns inga insatser att prioritera (välj dem i steg 3).")
    for initiative in initiatives.values():
        p.check(_text(initiative.get("priority")) in PRIORITIES,
                f"Insatsen ”{plan.initiative_title(initiative)}” har ingen färg.")
    return [out[s.key] for s in STEPS]


# --- the forum map link --------------------------------------------------------------------------

IN_MAP = "I forumkartan"
MISSING_FROM_MAP = "Saknas i forumkartan"
TYPED = "Inskrivet här"


def forum_map_records(forum_doc: dict | None) -> list[dict]:
    """The forums of the workshop's forum map, each with at least ``id`` and ``name``.

    Uses ``naravard.forums.forum_records`` when that module provides it, else reads the
    ``forums`` key of the ``forum_mapping`` document directly.
    """
    forum_doc = forum_doc or {}
    raw = records(forum_doc, "forums")
    try:
        from naravard.forums import forum_records  # type: ignore[attr-defined]
    except ImportError:
        forum_records = None
    rows: list[dict] = []
    if forum_records is not None:
        by_name = {_text(f.get("name")).casefold(): fid for fid, f in raw.items()}
        for rec in forum_records(forum_doc):
            rec = dict(rec)
            rec.setdefault("id", by_name.get(_text(rec.get("name")).casefold(), ""))
            rows.append(rec)
    else:
        rows = [{"id": fid, **f} for fid, f in raw.items()]
    return [r for r in rows if _text(r.get("name"))]


@dataclass(frozen=True)
class SupportRow:
    """A forum the plan relies on, and whether the forum map knows it."""

    id: str
    name: str
    level: str
    principal: str
    decides: bool
    supports: bool
    escalation: bool
    note: str
    status: str


def support_rows(plan: Plan, forum_map: list[dict]) -> list[SupportRow]:
    """The plan's forums with their roles, matched against the forum map by id or by name."""
    by_id = {r["id"]: r for r in forum_map if r.get("id")}
    by_name = {_text(r.get("name")).casefold(): r for r in forum_map}
    rows = []
    for sid, f in plan.support_forums().items():
        if not (f.get("decides") or f.get("supports") or f.get("escalation")):
            continue
        forum_id = _text(f.get("forum_id"))
        match = by_id.get(forum_id) if forum_id else by_name.get(_text(f.get("name")).casefold())
        if match is None and forum_id:
            match = by_name.get(_text(f.get("name")).casefold())
        if match is not None:
            status = IN_MAP
        else:
            status = MISSING_FROM_MAP if forum_id else TYPED
        source = match or f
        rows.append(SupportRow(
            sid, _text(source.get("name")) or _text(f.get("name")),
            _text(source.get("level")), _text(source.get("principal")),
            bool(f.get("decides")), bool(f.get("supports")), bool(f.get("escalation")),
            _text(f.get("note")), status))
    return rows


# --- the example plan ------------------------------------------------------------------------------

def example_plan(data=None) -> dict | None:
    """The example plan for the county in data/ (``data/plan_exempel.yml``), or None.

    None when the county has no example plan: the file is absent, or it describes another
    county's example (``data/exempel.yml``).
    """
    from naravard.plan.example import load_example_plan
    from naravard.core.paths import data_dir

    return load_example_plan(data or data_dir())


def joined(items: Iterable[str]) -> str:
    """Non-empty items joined with a comma."""
    return ", ".join(i for i in items if i)
