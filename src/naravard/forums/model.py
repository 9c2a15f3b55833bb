"""The forum map: forums, typed relations between them, and the NetworkX graph they form.

The map lives in the workspace document ``forum_mapping`` as plain JSON::

    {"forums": {id: {"name", "level", "principal", "type", "mission", "mandate",
                     "frequency", "members", "system_leadership", "composition"}},
     "relations": {id: {"source": forum id, "kind": "rapporterar till", "target": forum id}},
     "perspectives": {...}}            # see perspectives.py

Level, type, composition and relation kind are stored as the Swedish words the users see; the
principal is the region, a municipality, "Gemensam" or one of the county's areas; the frequency
is meetings per year, read from Swedish phrasings such as "2/månad" or "varannan vecka"
(:func:`parse_frequency`). An empty type is kept empty (the import warns by row), never guessed. Every change goes
through the functions here, which refuse empty or duplicate names, self-loops and unknown forums
with a Swedish message that names the field (:class:`FieldError`).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

import networkx as nx

from naravard.core.county import JOINT
from naravard.core.store import new_id
from naravard.forums.frequency import FREQUENCY_HINT, yearly_text  # noqa: F401 (re-exported)

DOC = "forum_mapping"

LEVELS: dict[str, str] = {
    "makro": "Makro – systemledning",
    "meso": "Meso – styrning",
    "mikro": "Mikro – process och arbetsgrupp",
}
LEVEL_ORDER = list(LEVELS)
TYPES: dict[str, str] = {
    "beslutande": "Beslutande",
    "beredande": "Beredande",
    "samverkande": "Samverkande",
    "informerande": "Informerande",
}
#: Who sits in the forum: elected representatives, officials or both (the sources' forum
#: exercise separates the political and the official level).
COMPOSITIONS: dict[str, str] = {
    "politisk": "Politisk (förtroendevalda)",
    "tjänstemän": "Tjänstemän",
    "blandad": "Blandad (förtroendevalda och tjänstemän)",
}
NO_TYPE = "Typ ej angiven"
RELATION_KINDS = ["ger uppdrag till", "rapporterar till", "eskalerar till", "informerar"]
#: Relations that point upwards (from the forum that reports to the one that receives).
UPWARD = ("eskalerar till", "rapporterar till")
#: Relations that carry direction from the leadership downwards.
DOWNWARD = ("ger uppdrag till", "informerar")
MAX_NAME = 120
MAX_TEXT = 2000
#: Separator between several names in one cell (members, relation targets).
LIST_SEP = "|"

#: Field keys and the Swedish names users see (also the CSV/XLSX column headings).
FIELD_LABELS: dict[str, str] = {
    "name": "namn",
    "level": "nivå",
    "principal": "huvudman",
    "type": "typ",
    "mission": "uppdrag",
    "mandate": "mandat",
    "frequency": "möten per år",
    "members": "medlemmar",
    "system_leadership": "systemledning",
    "composition": "sammansättning",
}


class FieldError(ValueError):
    """A value that cannot be saved; ``field`` is the key of the field it belongs to."""

    def __init__(self, field_key: str, message: str):
        self.field = field_key
        super().__init__(message)


@dataclass
class Forum:
    """A decision or collaboration forum of the county."""

    name: str
    level: str
    principal: str
    type: str = ""
    mission: str = ""
    mandate: str = ""
    frequency: float | None = None
    members: list[str] = field(default_factory=list)
    system_leadership: bool = False
    composition: str = ""

    def record(self) -> dict[str, Any]:
        """The JSON record saved in the workspace."""
        return asdict(self)

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Forum":
        """A forum from a saved record; missing optional fields get their defaults."""
        freq = rec.get("frequency")
        return cls(
            name=str(rec.get("name") or ""),
            level=str(rec.get("level") or "meso"),
            principal=str(rec.get("principal") or JOINT),
            type=str(rec.get("type") or ""),
            mission=str(rec.get("mission") or ""),
            mandate=str(rec.get("mandate") or ""),
            frequency=float(freq) if isinstance(freq, (int, float)) else None,
            members=[str(m) for m in (rec.get("members") or []) if str(m).strip()],
            system_leadership=bool(rec.get("system_leadership", False)),
            composition=str(rec.get("composition") or ""),
        )


@dataclass(frozen=True)
class Relation:
    """A directed, typed relation: ``source`` <kind> ``target`` (forum ids)."""

    source: str
    kind: str
    target: str

    def record(self) -> dict[str, str]:
        return {"source": self.source, "kind": self.kind, "target": self.target}


@dataclass
class ForumMap:
    """The forums and relations of one map, keyed by their ids."""

    forums: dict[str, Forum] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: dict) -> "ForumMap":
        """Read the map from the workspace document (relations to missing forums are skipped)."""
        forums = {fid: Forum.from_record(rec) for fid, rec in (doc.get("forums") or {}).items()
                  if isinstance(rec, dict)}
        relations = {}
        for rid, rec in (doc.get("relations") or {}).items():
            if not isinstance(rec, dict):
                continue
            rel = Relation(str(rec.get("source")), str(rec.get("kind")), str(rec.get("target")))
            if rel.source in forums and rel.target in forums and rel.kind in RELATION_KINDS:
                relations[rid] = rel
        return cls(forums, relations)

    def to_doc(self) -> dict[str, dict]:
        """The ``forums`` and ``relations`` parts of the workspace document."""
        return {"forums": {fid: f.record() for fid, f in self.forums.items()},
                "relations": {rid: r.record() for rid, r in self.relations.items()}}

    def name(self, fid: str) -> str:
        return self.forums[fid].name if fid in self.forums else fid

    def id_by_name(self) -> dict[str, str]:
        return {norm(f.name): fid for fid, f in self.forums.items()}

    def roots(self) -> list[str]:
        """The forums that are the system leadership (marked, else every makro forum)."""
        marked = [fid for fid, f in self.forums.items() if f.system_leadership]
        return marked or [fid for fid, f in self.forums.items() if f.level == "makro"]

    def describe(self, rel: Relation) -> str:
        """"A rapporterar till B"."""
        return f"{self.name(rel.source)} {rel.kind} {self.name(rel.target)}"


def forum_records(doc: dict) -> list[dict]:
    """The forums of a ``forum_mapping`` document for other worksheets (stable contract).

    Each record has ``id``, ``name``, ``level`` (makro/meso/mikro), ``principal``, ``type``
    (beslutande/beredande/samverkande/informerande), ``mission`` and ``mandate``, sorted by level
    (makro first) and name.
    """
    out = []
    for fid, rec in (doc.get("forums") or {}).items():
        if not isinstance(rec, dict):
            continue
        f = Forum.from_record(rec)
        out.append({"id": fid, "name": f.name, "level": f.level, "principal": f.principal,
                    "type": f.type, "mission": f.mission, "mandate": f.mandate})
    return sorted(out, key=lambda r: (LEVEL_ORDER.index(r["level"])
                                      if r["level"] in LEVELS else 9, r["name"].casefold()))


# -- the graph --------------------------------------------------------------------------------

def to_graph(fmap: ForumMap) -> nx.MultiDiGraph:
    """The map as a MultiDiGraph: nodes are forum ids with the forum's fields as attributes,
    edges are keyed by relation id with the attribute ``kind``."""
    g = nx.MultiDiGraph()
    for fid, f in fmap.forums.items():
        g.add_node(fid, **f.record())
    for rid, r in fmap.relations.items():
        g.add_edge(r.source, r.target, key=rid, kind=r.kind)
    return g


def from_graph(g: nx.MultiDiGraph) -> ForumMap:
    """The inverse of :func:`to_graph`."""
    forums = {str(n): Forum.from_record(dict(attrs)) for n, attrs in g.nodes(data=True)}
    relations = {}
    for u, v, key, attrs in g.edges(keys=True, data=True):
        relations[str(key)] = Relation(str(u), str(attrs.get("kind")), str(v))
    return ForumMap(forums, relations)


# -- checking values --------------------------------------------------------------------------

@lru_cache(maxsize=16384)
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm(name: str) -> str:
    """Names compare without case and extra spaces: "Länsgruppen  NV" == "länsgruppen nv"."""
    return _norm(str(name or ""))


def clean_name(value: Any, existing: Iterable[str] = ()) -> str:
    """A forum name ready to save, or FieldError("name") saying what is wrong."""
    name = re.sub(r"\s+", " ", str(value or "")).strip()
    if not name:
        raise FieldError("name", "Skriv forumets namn.")
    if len(name) > MAX_NAME:
        raise FieldError("name", f"Namnet är för långt (högst {MAX_NAME} tecken).")
    if LIST_SEP in name:
        raise FieldError("name", "Tecknet | skiljer namn åt i filerna och kan inte stå i ett "
                                 "forums namn. Använd till exempel ett bindestreck.")
    if norm(name) in {norm(e) for e in existing}:
        raise FieldError("name", f"Forumet ”{name}” finns redan. Välj ett annat namn eller "
                                 "ändra det befintliga forumet.")
    return name


def clean_level(value: Any) -> str:
    """"makro", "Meso", "Mikro – process och arbetsgrupp" … -> the level key."""
    text = str(value or "").strip().casefold()
    for key, label in LEVELS.items():
        if text in (key, label.casefold()) or text.startswith(key):
            return key
    raise FieldError("level", f"Nivån ”{value}” finns inte. Skriv makro, meso eller mikro.")


def clean_type(value: Any) -> str:
    """The type key, or "" when empty (the worksheet and the import then ask for it)."""
    text = str(value or "").strip().casefold()
    if not text:
        return ""
    for key in TYPES:
        if text == key or text.startswith(key[:6]):
            return key
    raise FieldError("type", f"Typen ”{value}” finns inte. Skriv beslutande, beredande, "
                             "samverkande eller informerande.")


def clean_composition(value: Any) -> str:
    """"politisk", "Tjänstemannanivå", "förtroendevalda och tjänstemän" … -> the key ("" when
    empty)."""
    text = re.sub(r"\s+", " ", str(value or "")).strip().casefold()
    if not text:
        return ""
    for key, label in COMPOSITIONS.items():
        if text in (key, label.casefold()):
            return key
    if "blanda" in text or "båda" in text or ("förtroende" in text and "tjänste" in text):
        return "blandad"
    if text.startswith(("polit", "förtroende")):
        return "politisk"
    if text.startswith("tjänste"):
        return "tjänstemän"
    raise FieldError("composition", f"Sammansättningen ”{value}” finns inte. Skriv politisk "
                                    "(förtroendevalda), tjänstemän eller blandad.")


def principal_options(principals: list[str]) -> list[str]:
    """The county's principal choices with "Gemensam" (a forum shared by several principals).

    ``principals`` is :meth:`County.principal_choices` (region, municipalities, "Gemensam",
    areas) or the older region-and-municipalities list, to which "Gemensam" is added last.
    """
    return list(principals) if JOINT in principals else [*principals, JOINT]


def clean_principal(value: Any, principals: list[str],
                    organisations: dict[str, str] | None = None) -> str:
    """Match a principal by name or organisation name ("Norrviks kommun" -> "Norrvik")."""
    text = str(value or "").strip()
    lookup = {norm(p): p for p in principal_options(principals)}
    for org, principal in (organisations or {}).items():
        lookup.setdefault(norm(org), principal)
    found = lookup.get(norm(text))
    if found:
        return found
    options = ", ".join(principal_options(principals))
    if not text:
        raise FieldError("principal", f"Ange huvudman: {options}.")
    raise FieldError("principal", f"Huvudmannen ”{text}” finns inte i länet. Skriv en av: "
                                  f"{options}.")


def clean_text(value: Any, field_key: str) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise FieldError(field_key, f"Texten är för lång (högst {MAX_TEXT} tecken).")
    return text


def _numeric(text: str) -> bool:
    try:
        float(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except (ValueError, OverflowError):
        return not text.strip()
    return True


def parse_frequency(value: Any) -> float | None:
    """Meetings per year from a number or a Swedish phrasing (:mod:`.frequency`), None when
    empty: "12", "0,5", "2/månad" (24), "varannan vecka" (26), "kvartalsvis" (4)."""
    if isinstance(value, str) and not _numeric(value):
        from naravard.forums.frequency import yearly_meetings

        try:
            return yearly_meetings(value)
        except ValueError as exc:
            raise FieldError("frequency", str(exc)) from None
    return parse_number(value)


def parse_number(value: Any) -> float | None:
    """A Swedish number ("12", "0,5", "1 000,5") or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError("frequency", "Skriv antalet möten per år som ett tal, till exempel 10 "
                                      "eller 0,5.")
    try:
        number = float(value if isinstance(value, (int, float)) else
                       str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except OverflowError:
        raise FieldError("frequency", "Antalet möten per år ska vara mellan 0 och 365.") from None
    except ValueError:
        raise FieldError("frequency", f"”{value}” är inget tal. Skriv antalet möten per år, "
                                      "till exempel 10 eller 0,5.") from None
    if math.isnan(number) or number < 0 or number > 365:
        raise FieldError("frequency", "Antalet möten per år ska vara mellan 0 och 365.")
    return number


def parse_members(value: Any) -> list[str]:
    """Roles separated by | or new lines (a list is taken as it is)."""
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        items = re.split(r"[|\n]", str(value or ""))
    out: list[str] = []
    for item in items:
        role = re.sub(r"\s+", " ", item).strip()
        if role and norm(role) not in {norm(o) for o in out}:
            if len(role) > MAX_NAME:
                raise FieldError("members", f"Rollen ”{role[:40]}…” är för lång "
                                            f"(högst {MAX_NAME} tecken).")
            out.append(role)
    return out


def represented_principals(members: Iterable[str], choices: list[str]) -> list[str]:
    """The principals a forum's members come from, where the members say so: a member that is
    a principal ("Norrvik", "Södra området"), or a role that ends with one ("Socialchef
    Norrvik"), or names the region ("Strateg region"). In the order of ``choices``; roles that
    name no principal ("Primärvårdsdirektör") count for none.

    ``choices`` is :meth:`County.principal_choices` (the region first).
    """
    found: set[str] = set()
    named = [c for c in choices if c != JOINT]
    for member in members:
        text = norm(member)
        for choice in named:
            key = norm(choice)
            if text == key or text.endswith(" " + key) or f" {key} " in f" {text} ":
                found.add(choice)
        if named and re.search(r"\bregion(en|ens)?\b", text):
            found.add(named[0])
    return [c for c in choices if c in found]


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().casefold()
    if text in ("", "nej", "n", "false", "0", "falskt"):
        return False
    if text in ("ja", "j", "true", "1", "x", "sant"):
        return True
    raise FieldError("system_leadership", f"Skriv ja eller lämna tomt, inte ”{value}”.")


def check_contact_details(text: str, field_key: str) -> None:
    from naravard.core.county import looks_like_contact_details

    if looks_like_contact_details(text):
        raise FieldError(field_key, "Texten ser ut att innehålla en e-postadress eller ett "
                                    "telefonnummer. Ange roller, aldrig kontaktuppgifter.")


def clean_field(field_key: str, value: Any, principals: list[str],
                existing_names: Iterable[str] = (),
                organisations: dict[str, str] | None = None) -> Any:
    """Check and normalise one field of a forum; FieldError says what to write instead."""
    if field_key == "name":
        name = clean_name(value, existing_names)
        check_contact_details(name, "name")
        return name
    if field_key == "level":
        return clean_level(value)
    if field_key == "principal":
        return clean_principal(value, principals, organisations)
    if field_key == "type":
        return clean_type(value)
    if field_key in ("mission", "mandate"):
        text = clean_text(value, field_key)
        check_contact_details(text, field_key)
        return text
    if field_key == "frequency":
        return parse_frequency(value)
    if field_key == "members":
        members = parse_members(value)
        for m in members:
            check_contact_details(m, "members")
        return members
    if field_key == "system_leadership":
        return parse_bool(value)
    if field_key == "composition":
        return clean_composition(value)
    raise FieldError(field_key, f"Okänt fält: {field_key}")


def make_forum(values: dict[str, Any], principals: list[str], existing_names: Iterable[str] = (),
               organisations: dict[str, str] | None = None) -> Forum:
    """A checked forum from raw values; raises the first FieldError found."""
    cleaned = {k: clean_field(k, values.get(k), principals, existing_names, organisations)
               for k in FIELD_LABELS if k in values or k in ("name", "level", "principal")}
    return Forum(**cleaned)


# -- changes to the saved document (pure functions on the dict) -------------------------------

def _forums(doc: dict) -> dict:
    return doc.setdefault("forums", {})


def _relations(doc: dict) -> dict:
    return doc.setdefault("relations", {})


def add_forum(doc: dict, values: dict[str, Any], principals: list[str],
              fid: str | None = None) -> str:
    """Add a forum to the document; returns its id. Raises FieldError for bad values."""
    names = [r.get("name", "") for r in _forums(doc).values()]
    forum = make_forum(values, principals, names)
    fid = fid or new_id("f")
    _forums(doc)[fid] = forum.record()
    return fid


def update_forum(doc: dict, fid: str, field_key: str, value: Any, principals: list[str]) -> None:
    """Change one field of a forum (the name must stay unique and non-empty)."""
    forums = _forums(doc)
    if fid not in forums:
        raise FieldError("name", "Forumet finns inte längre; någon kan ha tagit bort det. "
                                 "Ladda om sidan.")
    others = [r.get("name", "") for k, r in forums.items() if k != fid]
    forums[fid][field_key] = clean_field(field_key, value, principals, others)


def remove_forum(doc: dict, fid: str) -> None:
    """Remove a forum and every relation to or from it."""
    _forums(doc).pop(fid, None)
    rels = _relations(doc)
    for rid in [rid for rid, r in rels.items() if fid in (r.get("source"), r.get("target"))]:
        rels.pop(rid)


def check_relation(doc: dict, source: str, kind: str, target: str) -> None:
    """Raise FieldError for unknown forums, unknown kinds, self-loops and duplicates."""
    forums = doc.get("forums") or {}
    if source not in forums:
        raise FieldError("source", "Välj det forum som relationen går från.")
    if target not in forums:
        raise FieldError("target", "Välj det forum som relationen går till.")
    if kind not in RELATION_KINDS:
        raise FieldError("kind", "Välj typ av relation: " + ", ".join(RELATION_KINDS) + ".")
    if source == target:
        raise FieldError("target", "Ett forum kan inte ha en relation till sig självt. "
                                   "Välj ett annat forum.")
    for r in (doc.get("relations") or {}).values():
        if (r.get("source"), r.get("kind"), r.get("target")) == (source, kind, target):
            name_s, name_t = forums[source]["name"], forums[target]["name"]
            raise FieldError("target", f"Relationen ”{name_s} {kind} {name_t}” finns redan.")


def add_relation(doc: dict, source: str, kind: str, target: str, rid: str | None = None) -> str:
    """Add a relation between two forums of the document; returns its id."""
    check_relation(doc, source, kind, target)
    rid = rid or new_id("r")
    _relations(doc)[rid] = Relation(source, kind, target).record()
    return rid


def remove_relation(doc: dict, rid: str) -> None:
    _relations(doc).pop(rid, None)


def replace_map(doc: dict, fmap: ForumMap) -> None:
    """Put a whole new map (forums and relations) into the document; perspectives stay."""
    part = fmap.to_doc()
    doc["forums"] = part["forums"]
    doc["relations"] = part["relations"]
