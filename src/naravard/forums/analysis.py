"""Analyses of a forum map, each explained in one Swedish sentence a director understands.

Every analysis is a function ``ForumMap -> Finding``; :func:`analyse` runs them all. A finding
carries a table (header and rows of text), the forums and relations to highlight in the chart,
and what to say when there is nothing to report.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field

import networkx as nx

from naravard.core.text import format_number, join_swedish
from naravard.forums.model import DOWNWARD, LEVELS, UPWARD, ForumMap, norm

#: A role in this many forums or more is flagged as overloaded.
OVERLOAD_LIMIT = 6
#: Up to this many forums, betweenness is computed exactly; above it, from a fixed sample.
EXACT_BETWEENNESS_UP_TO = 120
BETWEENNESS_SAMPLE = 24
TOP_CENTRAL = 5


@dataclass
class Finding:
    """The result of one analysis."""

    key: str
    title: str
    explanation: str
    header: list[str]
    rows: list[list[str]]
    empty: str
    forums: list[str] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def found(self) -> bool:
        return bool(self.rows)


def _adjacency(fmap: ForumMap, kinds: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """source -> [(target, relation id)] for relations of the given kinds."""
    adj: dict[str, list[tuple[str, str]]] = {fid: [] for fid in fmap.forums}
    for rid, r in fmap.relations.items():
        if r.kind in kinds:
            adj[r.source].append((r.target, rid))
    return adj


def _sorted(fmap: ForumMap, ids) -> list[str]:
    return sorted(ids, key=lambda fid: (list(LEVELS).index(fmap.forums[fid].level)
                                        if fmap.forums[fid].level in LEVELS else 9,
                                        norm(fmap.forums[fid].name)))


def missing_mission_or_mandate(fmap: ForumMap) -> Finding:
    """Forums whose mission (uppdrag) or mandate (mandat) is empty."""
    rows, ids = [], []
    for fid in _sorted(fmap, fmap.forums):
        f = fmap.forums[fid]
        lacks = [w for w, text in (("uppdrag", f.mission), ("mandat", f.mandate)) if not text]
        if lacks:
            rows.append([f.name, LEVELS.get(f.level, f.level), join_swedish(lacks)])
            ids.append(fid)
    return Finding(
        "missing", "Forum utan uppdrag eller mandat",
        "Ett forum utan uppdrag vet inte vad det ska åstadkomma och ett forum utan mandat vet "
        "inte vad det får besluta, så båda riskerar att ta tid utan att något avgörs.",
        ["Forum", "Nivå", "Saknar"], rows,
        "Alla forum har både ett uppdrag och ett mandat beskrivet.", ids)


#: How far the leadership's reach travels along each kind of relation, in Swedish, for the
#: worksheet's analyses tab and chapter 11. The rules are implemented by :func:`reached`.
REACH_RULES: list[tuple[str, str]] = [
    ("ger uppdrag till", "Uppdrag går nedåt: når systemledningen ett forum, når den också de "
                         "forum som forumet ger uppdrag till."),
    ("informerar", "Information går nedåt: når systemledningen ett forum, når den också de "
                   "forum som forumet informerar."),
    ("rapporterar till", "Rapportering är en styrlänk åt båda hållen: forumet som tar emot "
                         "rapporten kan styra det som rapporterar. Når systemledningen det "
                         "mottagande forumet, når den alltså också forumet som rapporterar."),
    ("eskalerar till", "Eskalering fungerar som rapportering: når systemledningen forumet som "
                       "frågor eskaleras till, når den också forumet som eskalerar."),
]
REACH_SUMMARY = ("Ett forum räknas som nått när en kedja av sådana länkar leder dit från "
                 "systemledningen. Relationer som går uppåt från ett forum som inte är nått "
                 "gör det inte nått: att rapportera till systemledningen räcker, men att bara "
                 "rapportera till ett forum som själv står utanför räcker inte.")


def reached(fmap: ForumMap) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """The forums the leadership reaches under :data:`REACH_RULES`, and for each reached forum
    (except the roots) the forum and relation it was reached through.

    Commissioning and information are followed from source to target; reporting and escalation
    from target back to source (the forum reported to can steer the one that reports).
    """
    via: dict[str, list[tuple[str, str]]] = {fid: [] for fid in fmap.forums}
    for rid, r in fmap.relations.items():
        if r.kind in DOWNWARD:
            via[r.source].append((r.target, rid))
        elif r.kind in UPWARD:
            via[r.target].append((r.source, rid))
    roots = fmap.roots()
    seen = set(roots)
    through: dict[str, tuple[str, str]] = {}
    queue = deque(roots)
    while queue:
        node = queue.popleft()
        for nxt, rid in via[node]:
            if nxt not in seen:
                seen.add(nxt)
                through[nxt] = (node, rid)
                queue.append(nxt)
    return seen, through


def unreached(fmap: ForumMap) -> Finding:
    """Forums that no chain of governance links from the leadership reaches (REACH_RULES)."""
    roots = fmap.roots()
    seen, _through = reached(fmap)
    missing = _sorted(fmap, [fid for fid in fmap.forums if fid not in seen])
    rows = [[fmap.forums[f].name, LEVELS.get(fmap.forums[f].level, ""),
             fmap.forums[f].principal] for f in missing]
    note = ""
    if fmap.forums and not roots:
        note = ("Kartan har inget forum på makronivå och inget forum är markerat som "
                "systemledning, så inget forum räknas som nått.")
    elif not any(f.system_leadership for f in fmap.forums.values()) and roots:
        note = ("Inget forum är markerat som systemledning; alla forum på makronivå räknas "
                "som systemledning.")
    return Finding(
        "unreached", "Forum som systemledningen inte når",
        "Hit leder ingen kedja av uppdrag, information, rapportering eller eskalering från "
        "systemledningen, så forumet arbetar utan känd koppling till länets gemensamma "
        "riktning.",
        ["Forum", "Nivå", "Huvudman"], rows,
        "Systemledningen når alla forum genom uppdrag, information, rapportering eller "
        "eskalering.", missing, note=note)


def _upward_search(fmap: ForumMap, start: str, up: dict, roots: set[str]):
    """Shortest upward path from start to a root (list of ids and relation ids) and the
    forums where the upward search stops without reaching the leadership."""
    parent: dict[str, tuple[str, str] | None] = {start: None}
    queue = deque([start])
    goal = None
    dead: list[str] = []
    while queue:
        node = queue.popleft()
        if node in roots and node != start:
            goal = goal or node
            continue
        if not up[node] and node not in roots:
            dead.append(node)
        for nxt, rid in up[node]:
            if nxt not in parent:
                parent[nxt] = (node, rid)
                queue.append(nxt)
    path, rels = [], []
    if start in roots:
        return [start], [], []
    if goal is not None:
        node = goal
        while node is not None:
            path.append(node)
            step = parent[node]
            if step:
                rels.append(step[1])
            node = step[0] if step else None
        path.reverse()
        rels.reverse()
    return path, rels, dead


def escalation(fmap: ForumMap) -> tuple[Finding, Finding]:
    """For every micro-level forum: the escalation path up to the leadership, and the forums
    where escalation dead-ends."""
    roots = set(fmap.roots())
    up = _adjacency(fmap, UPWARD)
    path_rows, path_forums, path_rels = [], [], []
    dead_from: dict[str, list[str]] = {}
    for fid in _sorted(fmap, [f for f, x in fmap.forums.items() if x.level == "mikro"]):
        path, rels, dead = _upward_search(fmap, fid, up, roots)
        name = fmap.forums[fid].name
        if path:
            path_rows.append([name, " → ".join(fmap.name(p) for p in path), "ja"])
            path_forums += path
            path_rels += rels
        else:
            path_rows.append([name, "–", "nej"])
        for d in dead:
            dead_from.setdefault(d, []).append(name)
    paths = Finding(
        "escalation", "Eskaleringsvägar från mikronivån",
        "Så här långt kommer en fråga som fastnar i ett forum på mikronivå när den skickas "
        "uppåt genom eskalering eller rapportering, i bästa fall ända till systemledningen.",
        ["Forum på mikronivå", "Väg uppåt", "Når systemledningen"], path_rows,
        "Kartan har inga forum på mikronivå ännu.",
        list(dict.fromkeys(path_forums)), list(dict.fromkeys(path_rels)))
    dead_ids = _sorted(fmap, dead_from)
    dead_rows = [[fmap.forums[d].name, LEVELS.get(fmap.forums[d].level, ""),
                  join_swedish(sorted(set(dead_from[d]), key=norm))] for d in dead_ids]
    dead_ends = Finding(
        "dead_ends", "Där eskaleringen tar stopp",
        "Här stannar frågor som skickas uppåt: forumet har ingen väg vidare och är inte "
        "systemledningen, så det som fastnat kan bli liggande.",
        ["Forum", "Nivå", "Frågor kommer hit från"], dead_rows,
        "Varje fråga som skickas uppåt från mikronivån når systemledningen.", dead_ids)
    return paths, dead_ends


def reporting_cycles(fmap: ForumMap) -> Finding:
    """Groups of forums that report or escalate to each other in a circle."""
    g = nx.DiGraph()
    g.add_nodes_from(fmap.forums)
    edge_ids: dict[tuple[str, str], str] = {}
    for rid, r in fmap.relations.items():
        if r.kind in UPWARD:
            g.add_edge(r.source, r.target)
            edge_ids.setdefault((r.source, r.target), rid)
    rows, ids, rels = [], [], []
    for comp in nx.strongly_connected_components(g):
        if len(comp) < 2:
            continue
        cycle = nx.find_cycle(g.subgraph(comp))
        names = [fmap.name(u) for u, _v in cycle] + [fmap.name(cycle[0][0])]
        rows.append([" → ".join(names), format_number(len(comp))])
        ids += [u for u, _v in cycle]
        rels += [edge_ids[(u, v)] for u, v in cycle]
    rows.sort()
    return Finding(
        "cycles", "Cirklar i rapporteringen",
        "Forumen rapporterar till varandra i en cirkel, så ingen av dem är ytterst ansvarig för "
        "det som rapporteras och frågan kan gå runt utan att avgöras.",
        ["Cirkel", "Antal forum"], rows,
        "Rapporteringen går inte i någon cirkel.", ids, rels)


def overloaded_roles(fmap: ForumMap, limit: int = OVERLOAD_LIMIT) -> Finding:
    """Roles that sit in ``limit`` forums or more."""
    seats: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for fid in _sorted(fmap, fmap.forums):
        for role in fmap.forums[fid].members:
            seats.setdefault(norm(role), []).append(fid)
            shown.setdefault(norm(role), role)
    heavy = sorted((k for k, v in seats.items() if len(v) >= limit),
                   key=lambda k: (-len(seats[k]), k))
    rows = [[shown[k], format_number(len(seats[k])),
             join_swedish(fmap.forums[f].name for f in seats[k])] for k in heavy]
    ids = list(dict.fromkeys(f for k in heavy for f in seats[k]))
    return Finding(
        "overload", "Roller som sitter i för många forum",
        f"Samma roll sitter i {format_number(limit)} forum eller fler, vilket tar tid från det "
        "egna uppdraget och gör länet sårbart när den personen är borta.",
        ["Roll", "Antal forum", "Forum"], rows,
        f"Ingen roll sitter i {format_number(limit)} forum eller fler.", ids)


def _undirected(fmap: ForumMap) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(fmap.forums)
    g.add_edges_from((r.source, r.target) for r in fmap.relations.values())
    return g


def central_forums(fmap: ForumMap, top: int = TOP_CENTRAL) -> Finding:
    """The forums with the highest betweenness centrality (on the undirected map)."""
    g = _undirected(fmap)
    note = ""
    if g.number_of_nodes() > EXACT_BETWEENNESS_UP_TO:
        scores = nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLE, seed=1)
        note = (f"Kartan har fler än {format_number(EXACT_BETWEENNESS_UP_TO)} forum; värdena "
                f"är uppskattade från {format_number(BETWEENNESS_SAMPLE)} startpunkter.")
    else:
        scores = nx.betweenness_centrality(g)
    best = sorted((fid for fid, s in scores.items() if s > 0),
                  key=lambda fid: (-scores[fid], norm(fmap.forums[fid].name)))[:top]
    rows = [[fmap.forums[f].name, LEVELS.get(fmap.forums[f].level, ""),
             format_number(scores[f], 2)] for f in best]
    return Finding(
        "central", "Centrala forum",
        "De här forumen ligger på många av de kortaste vägarna mellan andra forum och är därför "
        "knutpunkterna där information och frågor passerar.",
        ["Forum", "Nivå", "Centralitet (0–1)"], rows,
        "Inget forum förmedlar kontakt mellan andra forum ännu.", best, note=note)


def single_points(fmap: ForumMap) -> Finding:
    """Articulation points: forums whose loss splits the map into parts that lose contact."""
    g = _undirected(fmap)
    points = _sorted(fmap, nx.articulation_points(g))
    rows = []
    for fid in points:
        h = nx.restricted_view(g, [fid], [])
        parts = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
        cut = sum(parts[1:])
        rows.append([fmap.forums[fid].name, LEVELS.get(fmap.forums[fid].level, ""),
                     format_number(cut)])
    return Finding(
        "single_points", "Sårbara punkter",
        "Om ett av de här forumen slutar fungera tappar en del av kartan kontakten med resten, så "
        "forumet behöver en ersättare eller en extra förbindelse.",
        ["Forum", "Nivå", "Forum som tappar kontakten"], rows,
        "Inget enskilt forum håller ihop kartan; den tål att ett forum faller bort.", points)


def analyse(fmap: ForumMap) -> list[Finding]:
    """All analyses, in the order the worksheet and the handbook show them."""
    paths, dead_ends = escalation(fmap)
    return [missing_mission_or_mandate(fmap), unreached(fmap), paths, dead_ends,
            reporting_cycles(fmap), overloaded_roles(fmap), central_forums(fmap),
            single_points(fmap)]


def role_counts(fmap: ForumMap) -> Counter:
    """How many forums each role sits in (by normalised role name)."""
    return Counter(norm(m) for f in fmap.forums.values() for m in f.members)
