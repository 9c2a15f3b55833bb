"""Participants' own pictures of the forums, how much they agree, and the agreed map.

Each participant ticks the forums they know (from the shared map, or forums only they name),
draws the relations they believe in and says what each forum decides. Pictures are compared by
forum name, as in the paper exercise where directors draw their own charts. Saved as::

    "perspectives": {pid: {"participant": "Kommundirektör Norrvik",
                           "forums": [{"name", "ref", "level", "principal", "decides"}],
                           "relations": [{"source": name, "kind": kind, "target": name}]}}

``ref`` is the id of the forum in the shared map when the participant ticked it there; the
current name of that forum is then used, so renaming a forum does not split the comparison.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from naravard.core.county import looks_like_contact_details
from naravard.core.store import new_id
from naravard.forums.model import (JOINT, LEVELS, RELATION_KINDS, FieldError, Forum, ForumMap,
                                   Relation, clean_level, clean_name, clean_text, norm)



# -- editing one participant's picture ---------------------------------------------------------

def _perspectives(doc: dict) -> dict:
    return doc.setdefault("perspectives", {})


def _get(doc: dict, pid: str) -> dict:
    p = (doc.get("perspectives") or {}).get(pid)
    if not isinstance(p, dict):
        raise FieldError("participant", "Deltagarens bild finns inte längre. Ladda om sidan.")
    p.setdefault("forums", [])
    p.setdefault("relations", [])
    return p


def add_perspective(doc: dict, participant: str) -> str:
    """Start a new, empty picture for a participant (named by role); returns its id."""
    name = " ".join(str(participant or "").split())
    if not name:
        raise FieldError("participant", "Skriv deltagarens roll, till exempel "
                                        "”Kommundirektör” eller ”Socialchef” och kommunens namn.")
    if len(name) > 120:
        raise FieldError("participant", "Namnet är för långt (högst 120 tecken).")
    if looks_like_contact_details(name):
        raise FieldError("participant", "Ange en roll, aldrig e-postadress eller telefonnummer.")
    if norm(name) in {norm(p.get("participant", "")) for p in _perspectives(doc).values()}:
        raise FieldError("participant", f"”{name}” har redan en egen bild. Välj den i listan.")
    pid = new_id("p")
    _perspectives(doc)[pid] = {"participant": name, "forums": [], "relations": []}
    return pid


def remove_perspective(doc: dict, pid: str) -> None:
    _perspectives(doc).pop(pid, None)


def entry_name(doc: dict, entry: dict) -> str:
    """The name of a ticked forum: the shared map's current name when it is linked there."""
    ref = entry.get("ref")
    forum = (doc.get("forums") or {}).get(ref) if ref else None
    return forum["name"] if isinstance(forum, dict) and forum.get("name") else entry.get("name", "")


def known_names(doc: dict, pid: str) -> list[str]:
    return [entry_name(doc, e) for e in _get(doc, pid)["forums"]]


def _find(doc: dict, p: dict, name: str) -> dict | None:
    key = norm(name)
    return next((e for e in p["forums"] if norm(entry_name(doc, e)) == key), None)


def set_known(doc: dict, pid: str, name: str, known: bool, *, ref: str | None = None,
              level: str | None = None, principal: str | None = None) -> None:
    """Tick (or untick) a forum in a participant's picture.

    Unticking also removes the participant's relations to and from that forum.
    """
    p = _get(doc, pid)
    entry = _find(doc, p, name)
    if known and entry is None:
        if ref is None:
            clean = clean_name(name, known_names(doc, pid))
            level = clean_level(level or "meso")
        else:
            clean = name
        p["forums"].append({"name": clean, "ref": ref, "level": level,
                            "principal": principal, "decides": ""})
    elif not known and entry is not None:
        key = norm(entry_name(doc, entry))
        p["forums"].remove(entry)
        p["relations"] = [r for r in p["relations"]
                          if key not in (norm(r["source"]), norm(r["target"]))]


def set_decides(doc: dict, pid: str, name: str, text: str) -> None:
    """What the participant believes the forum decides."""
    p = _get(doc, pid)
    entry = _find(doc, p, name)
    if entry is None:
        raise FieldError("decides", f"Kryssa först i att du känner till ”{name}”.")
    entry["decides"] = clean_text(text, "decides")


def add_relation(doc: dict, pid: str, source: str, kind: str, target: str) -> None:
    """A relation in the participant's picture, between two forums they know."""
    p = _get(doc, pid)
    known = {norm(n) for n in known_names(doc, pid)}
    if norm(source) not in known:
        raise FieldError("source", "Välj ett forum som finns i din bild.")
    if norm(target) not in known:
        raise FieldError("target", "Välj ett forum som finns i din bild.")
    if kind not in RELATION_KINDS:
        raise FieldError("kind", "Välj typ av relation.")
    if norm(source) == norm(target):
        raise FieldError("target", "Ett forum kan inte ha en relation till sig självt.")
    triple = (norm(source), kind, norm(target))
    for r in p["relations"]:
        if (norm(r["source"]), r["kind"], norm(r["target"])) == triple:
            raise FieldError("target", f"Relationen ”{source} {kind} {target}” finns redan i "
                                       "din bild.")
    p["relations"].append({"source": source, "kind": kind, "target": target})


def remove_relation(doc: dict, pid: str, index: int) -> None:
    p = _get(doc, pid)
    if 0 <= index < len(p["relations"]):
        del p["relations"][index]


def copy_map_relations(doc: dict, pid: str) -> int:
    """Add the shared map's relations between forums this participant knows; returns how many."""
    fmap = ForumMap.from_doc(doc)
    known = {norm(n) for n in known_names(doc, pid)}
    added = 0
    for r in fmap.relations.values():
        s, t = fmap.name(r.source), fmap.name(r.target)
        if norm(s) in known and norm(t) in known:
            try:
                add_relation(doc, pid, s, r.kind, t)
                added += 1
            except FieldError:
                pass
    return added


# -- comparing the pictures ---------------------------------------------------------------------

@dataclass
class ForumAgreement:
    """How the participants see one forum."""

    key: str
    name: str
    known_by: list[str]
    share: float
    relation_agreement: float | None
    decides: dict[str, str]
    in_map: bool
    level: str


@dataclass
class RelationAgreement:
    """How many participants drew one relation."""

    source: str
    kind: str
    target: str
    drawn_by: list[str]
    share: float
    in_map: bool

    @property
    def text(self) -> str:
        return f"{self.source} {self.kind} {self.target}"


@dataclass
class Comparison:
    """Agreement between all pictures: per forum, per relation and per pair of participants."""

    participants: list[str]
    forums: list[ForumAgreement] = field(default_factory=list)
    relations: list[RelationAgreement] = field(default_factory=list)
    pairs: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def mean_similarity(self) -> float | None:
        return sum(self.pairs.values()) / len(self.pairs) if self.pairs else None

    def few(self, most: int = 2) -> list[ForumAgreement]:
        """Forums known by only one or two participants (when at least three took part)."""
        if len(self.participants) <= most:
            return []
        return [f for f in self.forums if 1 <= len(f.known_by) <= most]

    def unknown(self) -> list[ForumAgreement]:
        """Forums of the shared map that no participant ticked."""
        return [f for f in self.forums if not f.known_by]


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets agree fully (1.0)."""
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def _pictures(doc: dict) -> list[tuple[str, dict[str, dict], set[tuple[str, str, str]]]]:
    out = []
    for p in (doc.get("perspectives") or {}).values():
        if not isinstance(p, dict) or not p.get("participant"):
            continue
        forums = {}
        for e in p.get("forums") or []:
            name = entry_name(doc, e)
            if name:
                forums[norm(name)] = {**e, "name": name}
        rels = {(norm(r["source"]), r["kind"], norm(r["target"])) for r in p.get("relations") or []
                if norm(r.get("source")) in forums and norm(r.get("target")) in forums}
        out.append((p["participant"], forums, rels))
    return sorted(out, key=lambda x: norm(x[0]))


def compare(doc: dict) -> Comparison:
    """Compare every participant's picture with the others'."""
    pictures = _pictures(doc)
    fmap = ForumMap.from_doc(doc)
    in_map = {norm(f.name): f for f in fmap.forums.values()}
    map_rels = {(norm(fmap.name(r.source)), r.kind, norm(fmap.name(r.target)))
                for r in fmap.relations.values()}
    people = [name for name, _f, _r in pictures]
    n = len(people)
    comp = Comparison(people)
    if not n:
        return comp
    names: dict[str, str] = {}
    levels: dict[str, Counter] = {}
    for _person, forums, _rels in pictures:
        for key, e in forums.items():
            names.setdefault(key, in_map[key].name if key in in_map else e["name"])
            if e.get("level") in LEVELS:
                levels.setdefault(key, Counter())[e["level"]] += 1
    for key, forum in in_map.items():
        names.setdefault(key, forum.name)
    for key, name in names.items():
        who = [person for person, forums, _r in pictures if key in forums]
        rel_sets = []
        for person, forums, rels in pictures:
            if key in forums:
                rel_sets.append({(k, t if s == key else s, "ut" if s == key else "in")
                                 for s, k, t in rels if key in (s, t)})
        pair_scores = [jaccard(a, b) for a, b in itertools.combinations(rel_sets, 2)]
        level = in_map[key].level if key in in_map else (
            levels[key].most_common(1)[0][0] if key in levels else "meso")
        comp.forums.append(ForumAgreement(
            key=key, name=name, known_by=who, share=len(who) / n,
            relation_agreement=(sum(pair_scores) / len(pair_scores)) if pair_scores else None,
            decides={person: forums[key].get("decides", "") for person, forums, _r in pictures
                     if key in forums and forums[key].get("decides")},
            in_map=key in in_map, level=level))
    comp.forums.sort(key=lambda f: (-f.share, norm(f.name)))
    triples: dict[tuple[str, str, str], list[str]] = {}
    for person, _forums, rels in pictures:
        for t in rels:
            triples.setdefault(t, []).append(person)
    for (s, k, t), who in triples.items():
        comp.relations.append(RelationAgreement(names.get(s, s), k, names.get(t, t), who,
                                                len(who) / n, (s, k, t) in map_rels))
    comp.relations.sort(key=lambda r: (-r.share, norm(r.text)))
    for (a, fa, ra), (b, fb, rb) in itertools.combinations(pictures, 2):
        comp.pairs[(a, b)] = jaccard(set(fa) | {("rel",) + t for t in ra},
                                     set(fb) | {("rel",) + t for t in rb})
    return comp


# -- the agreed map -----------------------------------------------------------------------------

NO_ANSWER = {"", "vet inte", "vet ej", "?", "-", "–", "oklart", "okänt"}


def majority(n_participants: int) -> int:
    """More than half of the participants (at least one)."""
    return max(1, n_participants // 2 + 1)


def merged_map(doc: dict, min_count: int | None = None, keep_map: bool = True) -> ForumMap:
    """The map the group can agree on.

    Forums named and relations drawn by at least ``min_count`` participants (default: a
    majority) are included; with ``keep_map`` everything already in the shared map stays too,
    since a forum that few participants know may still exist. Forums of the shared map keep
    their id and details; a forum only the participants named gets the level and principal most
    of them gave. Where the shared map has no mandate, the most common answer to "what does it
    decide" is filled in ("vet inte" and the like are skipped).
    """
    comp = compare(doc)
    need = majority(len(comp.participants)) if min_count is None else max(1, min_count)
    current = ForumMap.from_doc(doc)
    by_name = current.id_by_name()
    pictures = {person: forums for person, forums, _r in _pictures(doc)}
    out = ForumMap()
    ids: dict[str, str] = {}
    agreements = {fa.key: fa for fa in comp.forums}
    if keep_map:
        for fid, forum in current.forums.items():
            out.forums[fid] = Forum.from_record(forum.record())
            ids[norm(forum.name)] = fid
    for fa in comp.forums:
        if fa.key in ids or len(fa.known_by) < need:
            continue
        if fa.key in by_name:
            fid = by_name[fa.key]
            forum = Forum.from_record(current.forums[fid].record())
        else:
            fid = new_id("f")
            entries = [pictures[p][fa.key] for p in fa.known_by]
            principals = Counter(e.get("principal") for e in entries if e.get("principal"))
            forum = Forum(name=fa.name, level=fa.level,
                          principal=principals.most_common(1)[0][0] if principals else JOINT)
        ids[fa.key] = fid
        out.forums[fid] = forum
    for key, fid in ids.items():
        fa = agreements.get(key)
        forum = out.forums[fid]
        if fa is None or forum.mandate:
            continue
        answers = Counter(t.strip() for t in fa.decides.values()
                          if norm(t).strip(" .") not in NO_ANSWER)
        if answers:
            forum.mandate = answers.most_common(1)[0][0]
    if keep_map:
        out.relations.update({rid: r for rid, r in current.relations.items()
                              if r.source in out.forums and r.target in out.forums})
    existing = {(r.source, r.kind, r.target): rid for rid, r in current.relations.items()}
    present = {(r.source, r.kind, r.target) for r in out.relations.values()}
    for ra in comp.relations:
        s, t = ids.get(norm(ra.source)), ids.get(norm(ra.target))
        if len(ra.drawn_by) < need or s is None or t is None or (s, ra.kind, t) in present:
            continue
        rid = existing.get((s, ra.kind, t)) or new_id("r")
        out.relations[rid] = Relation(s, ra.kind, t)
        present.add((s, ra.kind, t))
    return out


@dataclass
class MapChange:
    """What adopting a new map would change, in forum names and relation texts."""

    added_forums: list[str]
    removed_forums: list[str]
    added_relations: list[str]
    removed_relations: list[str]
    new_mandates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added_forums or self.removed_forums or self.added_relations
                    or self.removed_relations or self.new_mandates)


def diff_maps(old: ForumMap, new: ForumMap) -> MapChange:
    """Forums and relations that a new map adds or removes, compared by name."""
    old_f = {norm(f.name): f.name for f in old.forums.values()}
    new_f = {norm(f.name): f.name for f in new.forums.values()}
    old_r = {norm(old.describe(r)): old.describe(r) for r in old.relations.values()}
    new_r = {norm(new.describe(r)): new.describe(r) for r in new.relations.values()}
    old_mandates = {norm(f.name): f.mandate for f in old.forums.values()}
    mandates = sorted(((f.name, f.mandate) for f in new.forums.values()
                       if f.mandate and norm(f.name) in old_mandates
                       and old_mandates[norm(f.name)] != f.mandate), key=lambda x: norm(x[0]))
    return MapChange(sorted((new_f[k] for k in new_f.keys() - old_f.keys()), key=norm),
                     sorted((old_f[k] for k in old_f.keys() - new_f.keys()), key=norm),
                     sorted((new_r[k] for k in new_r.keys() - old_r.keys()), key=norm),
                     sorted((old_r[k] for k in old_r.keys() - new_r.keys()), key=norm),
                     mandates)


def perspectives_from_records(records: list[dict[str, Any]]) -> dict[str, dict]:
    """Saved perspectives from plain records (participant, forums, relations) with new ids."""
    return {new_id("p"): {"participant": r["participant"], "forums": r.get("forums", []),
                          "relations": r.get("relations", [])} for r in records}
