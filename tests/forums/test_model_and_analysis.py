"""The forum map model: checked changes, the graph, every analysis on small hand-made maps with
known answers, the participants' pictures and the agreed map."""

from __future__ import annotations

import pytest

from naravard.forums import analysis, forum_records
from naravard.forums import perspectives as persp
from naravard.forums.example import load_example, parse_relation
from naravard.forums.model import (FieldError, Forum, ForumMap, Relation, add_forum, add_relation,
                                   from_graph, remove_forum, to_graph, update_forum)

PRINCIPALS = ["Region Exempellän", "Norrvik", "Sjöstad"]


def make_map(forums: dict[str, tuple], relations: list[tuple[str, str, str]]) -> ForumMap:
    """forums: id -> (level, mission, mandate, members, leadership); relations: (s, kind, t)."""
    fmap = ForumMap()
    for fid, (level, mission, mandate, members, leader) in forums.items():
        fmap.forums[fid] = Forum(name=fid.upper(), level=level, principal="Gemensam",
                                 mission=mission, mandate=mandate, members=list(members),
                                 system_leadership=leader)
    for i, (s, k, t) in enumerate(relations):
        fmap.relations[f"r{i}"] = Relation(s, k, t)
    return fmap


def f(level="meso", mission="x", mandate="y", members=(), leader=False):
    return (level, mission, mandate, members, leader)


# -- changes to the saved document -----------------------------------------------------------

def test_a_forum_is_saved_with_every_field_of_the_contract():
    doc: dict = {}
    fid = add_forum(doc, {"name": " Länsgruppen  NV ", "level": "Meso", "principal": "norrvik",
                          "type": "beslutande", "mission": "Bereda", "mandate": "Rutiner",
                          "frequency": "0,5", "members": "Socialchef Norrvik | Socialchef Sjöstad"},
                    PRINCIPALS)
    rec = doc["forums"][fid]
    assert rec["name"] == "Länsgruppen NV"
    assert (rec["level"], rec["principal"], rec["type"]) == ("meso", "Norrvik", "beslutande")
    assert rec["frequency"] == 0.5
    assert rec["members"] == ["Socialchef Norrvik", "Socialchef Sjöstad"]


@pytest.mark.parametrize("values, field, words", [
    ({"name": "", "level": "makro", "principal": "Norrvik"}, "name", "Skriv forumets namn"),
    ({"name": "länsgruppen", "level": "makro", "principal": "Norrvik"}, "name", "finns redan"),
    ({"name": "Ny", "level": "topp", "principal": "Norrvik"}, "level", "makro, meso eller mikro"),
    ({"name": "Ny", "level": "meso", "principal": "Ankeby"}, "principal", "finns inte i länet"),
    ({"name": "Ny", "level": "meso", "principal": "Norrvik", "frequency": "ofta"}, "frequency",
     "mötesfrekvens"),
    ({"name": "Ring 070-123 45 67", "level": "meso", "principal": "Norrvik"}, "name",
     "telefonnummer"),
])
def test_bad_forum_values_are_refused_at_their_field(values, field, words):
    doc = {"forums": {"a": {"name": "Länsgruppen", "level": "meso", "principal": "Norrvik"}}}
    with pytest.raises(FieldError) as info:
        add_forum(doc, values, PRINCIPALS)
    assert info.value.field == field
    assert words in str(info.value)
    assert list(doc["forums"]) == ["a"]


def test_renaming_to_another_forums_name_is_refused():
    doc = {"forums": {"a": {"name": "A", "level": "meso", "principal": "Norrvik"},
                      "b": {"name": "B", "level": "meso", "principal": "Norrvik"}}}
    with pytest.raises(FieldError):
        update_forum(doc, "b", "name", "a", PRINCIPALS)
    update_forum(doc, "b", "name", "B2", PRINCIPALS)
    assert doc["forums"]["b"]["name"] == "B2"


@pytest.mark.parametrize("source, target, words", [
    ("a", "a", "sig självt"), ("a", "zz", "Välj det forum som relationen går till"),
    ("zz", "a", "Välj det forum som relationen går från"), ("a", "b", "finns redan"),
])
def test_self_loops_unknown_forums_and_duplicate_relations_are_refused(source, target, words):
    doc = {"forums": {"a": {"name": "A"}, "b": {"name": "B"}},
           "relations": {"r": {"source": "a", "kind": "rapporterar till", "target": "b"}}}
    with pytest.raises(FieldError) as info:
        add_relation(doc, source, "rapporterar till", target)
    assert words in str(info.value)
    assert len(doc["relations"]) == 1


def test_removing_a_forum_removes_its_relations():
    doc = {"forums": {"a": {"name": "A"}, "b": {"name": "B"}, "c": {"name": "C"}},
           "relations": {"r1": {"source": "a", "kind": "informerar", "target": "b"},
                         "r2": {"source": "b", "kind": "informerar", "target": "c"}}}
    remove_forum(doc, "a")
    assert list(doc["relations"]) == ["r2"]


def test_the_map_round_trips_through_a_networkx_multidigraph():
    fmap = make_map({"a": f("makro"), "b": f("meso")},
                    [("a", "ger uppdrag till", "b"), ("b", "rapporterar till", "a"),
                     ("a", "informerar", "b")])
    g = to_graph(fmap)
    assert g.number_of_edges("a", "b") == 2
    assert from_graph(g) == fmap


def test_forum_records_gives_other_worksheets_the_contract_fields():
    doc = load_example()
    records = forum_records(doc)
    assert len(records) == len(doc["forums"])
    assert set(records[0]) == {"id", "name", "level", "principal", "type", "mission", "mandate"}
    assert records[0]["level"] == "makro"
    assert {r["type"] for r in records} <= {"beslutande", "beredande", "samverkande",
                                           "informerande"}


# -- analyses on hand-made maps --------------------------------------------------------------

def test_forums_without_mission_or_mandate_are_listed_with_what_they_lack():
    fmap = make_map({"a": f(mission="", mandate=""), "b": f(mandate=""), "c": f()}, [])
    finding = analysis.missing_mission_or_mandate(fmap)
    assert [r[0] for r in finding.rows] == ["A", "B"]
    assert finding.rows[0][2] == "uppdrag och mandat"
    assert finding.rows[1][2] == "mandat"


def test_forums_outside_every_chain_from_the_leadership_are_unreached():
    fmap = make_map({"top": f("makro", leader=True), "mid": f(), "low": f("mikro"),
                     "lone": f(), "up": f()},
                    [("top", "ger uppdrag till", "mid"), ("mid", "informerar", "low"),
                     ("up", "rapporterar till", "top"), ("lone", "informerar", "top")])
    assert analysis.unreached(fmap).forums == ["lone"]


def test_without_a_marked_leadership_the_makro_forums_count_as_leadership():
    fmap = make_map({"top": f("makro"), "mid": f()}, [("top", "ger uppdrag till", "mid")])
    finding = analysis.unreached(fmap)
    assert finding.rows == []
    assert "makronivå räknas" in finding.note


def test_escalation_paths_reach_the_leadership_or_show_where_they_stop():
    fmap = make_map({"top": f("makro", leader=True), "mid": f(), "stuck": f(),
                     "m1": f("mikro"), "m2": f("mikro"), "m3": f("mikro")},
                    [("m1", "eskalerar till", "mid"), ("mid", "rapporterar till", "top"),
                     ("m2", "eskalerar till", "stuck"), ("m1", "informerar", "m3")])
    paths, dead = analysis.escalation(fmap)
    rows = {r[0]: r for r in paths.rows}
    assert rows["M1"][1] == "M1 → MID → TOP" and rows["M1"][2] == "ja"
    assert rows["M2"][2] == "nej"
    assert rows["M3"][1] == "–"
    assert set(dead.forums) == {"stuck", "m3"}
    assert {r[0]: r[2] for r in dead.rows}["STUCK"] == "M2"


def test_reporting_in_a_circle_is_found_once_per_circle():
    fmap = make_map({"a": f(), "b": f(), "c": f(), "d": f()},
                    [("a", "rapporterar till", "b"), ("b", "eskalerar till", "c"),
                     ("c", "rapporterar till", "a"), ("c", "informerar", "d"),
                     ("d", "ger uppdrag till", "c")])
    finding = analysis.reporting_cycles(fmap)
    assert len(finding.rows) == 1
    assert finding.rows[0][1] == "3"
    assert set(finding.forums) == {"a", "b", "c"}
    assert len(finding.relations) == 3


def test_a_map_without_circles_reports_none():
    fmap = make_map({"a": f(), "b": f()}, [("a", "rapporterar till", "b")])
    assert not analysis.reporting_cycles(fmap).found


def test_roles_in_too_many_forums_are_flagged_case_insensitively():
    forums = {f"f{i}": f(members=["Socialchef Ekeås"] + (["Rektor"] if i < 2 else []))
              for i in range(6)}
    forums["f5"] = f(members=["socialchef ekeås"])
    finding = analysis.overloaded_roles(make_map(forums, []), limit=6)
    assert [r[0] for r in finding.rows] == ["Socialchef Ekeås"]
    assert finding.rows[0][1] == "6"


def test_the_forum_between_two_groups_is_most_central_and_a_single_point_of_failure():
    fmap = make_map({"a": f(), "b": f(), "hub": f(), "c": f(), "d": f()},
                    [("a", "informerar", "b"), ("b", "informerar", "hub"),
                     ("a", "informerar", "hub"), ("hub", "informerar", "c"),
                     ("c", "informerar", "d"), ("hub", "informerar", "d")])
    central = analysis.central_forums(fmap)
    assert central.forums[0] == "hub"
    assert central.rows[0][2] == "0,67"
    points = analysis.single_points(fmap)
    assert points.forums == ["hub"]
    assert points.rows[0][2] == "2"


def test_a_ring_has_no_single_point_of_failure():
    fmap = make_map({"a": f(), "b": f(), "c": f()},
                    [("a", "informerar", "b"), ("b", "informerar", "c"), ("c", "informerar", "a")])
    assert not analysis.single_points(fmap).found


def test_every_analysis_explains_itself_in_one_swedish_sentence():
    for finding in analysis.analyse(ForumMap.from_doc(load_example())):
        assert finding.explanation.count(". ") == 0 and finding.explanation.endswith(".")
        assert len(finding.explanation.split()) <= 35
        assert finding.empty


def test_the_example_county_shows_realistic_gaps():
    findings = {x.key: x for x in analysis.analyse(ForumMap.from_doc(load_example()))}
    for key in ("missing", "unreached", "dead_ends", "cycles", "overload", "central",
                "single_points"):
        assert findings[key].found, key
    forums = load_example()["forums"]
    assert 30 <= len(forums) <= 40
    assert {r["level"] for r in forums.values()} == {"makro", "meso", "mikro"}
    principals = {r["principal"] for r in forums.values()}
    assert {"Gemensam", "Region Exempellän"} <= principals
    assert len(principals) >= 4


# -- perspectives -----------------------------------------------------------------------------

def picture_doc() -> dict:
    doc = {"forums": {"a": {"name": "A", "level": "makro", "principal": "Gemensam"},
                      "b": {"name": "B", "level": "meso", "principal": "Gemensam"},
                      "c": {"name": "C", "level": "mikro", "principal": "Gemensam"}},
           "relations": {"r1": {"source": "a", "kind": "ger uppdrag till", "target": "b"}}}
    pids = [persp.add_perspective(doc, name) for name in ("Ett", "Två", "Tre")]
    for pid in pids:
        persp.set_known(doc, pid, "A", True, ref="a")
        persp.set_known(doc, pid, "B", True, ref="b")
    persp.set_known(doc, pids[0], "C", True, ref="c")
    persp.set_known(doc, pids[2], "Eget forum", True, level="meso")
    persp.add_relation(doc, pids[0], "A", "ger uppdrag till", "B")
    persp.add_relation(doc, pids[1], "A", "ger uppdrag till", "B")
    persp.add_relation(doc, pids[2], "B", "rapporterar till", "A")
    persp.set_decides(doc, pids[0], "B", "Rutiner")
    persp.set_decides(doc, pids[1], "B", "Rutiner")
    persp.set_decides(doc, pids[2], "B", "vet inte")
    return doc


def test_agreement_per_forum_is_the_share_of_participants_who_know_it():
    comp = persp.compare(picture_doc())
    shares = {x.name: round(x.share, 2) for x in comp.forums}
    assert shares == {"A": 1.0, "B": 1.0, "C": 0.33, "Eget forum": 0.33}
    assert [x.name for x in comp.few()] == ["C", "Eget forum"]


def test_relation_agreement_uses_the_jaccard_index():
    comp = persp.compare(picture_doc())
    by_name = {x.name: x for x in comp.forums}
    # A's relations: {uppdrag→B}, {uppdrag→B}, {B rapporterar→A}: pairs 1, 0, 0
    assert by_name["A"].relation_agreement == pytest.approx(1 / 3)
    rel = {r.text: len(r.drawn_by) for r in comp.relations}
    assert rel == {"A ger uppdrag till B": 2, "B rapporterar till A": 1}
    assert persp.jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert persp.jaccard(set(), set()) == 1.0
    assert comp.pairs[("Ett", "Två")] == pytest.approx(3 / 4)


def test_the_agreed_map_keeps_what_a_majority_drew_and_fills_missing_mandates():
    doc = picture_doc()
    agreed = persp.merged_map(doc, keep_map=False)
    assert sorted(x.name for x in agreed.forums.values()) == ["A", "B"]
    assert [agreed.describe(r) for r in agreed.relations.values()] == ["A ger uppdrag till B"]
    assert agreed.forums["b"].mandate == "Rutiner"
    everyone = persp.merged_map(doc, min_count=1)
    assert sorted(x.name for x in everyone.forums.values()) == ["A", "B", "C", "Eget forum"]
    assert "B rapporterar till A" in [everyone.describe(r) for r in everyone.relations.values()]


def test_unticking_a_forum_removes_the_participants_relations_to_it():
    doc = picture_doc()
    pid = next(iter(doc["perspectives"]))
    persp.set_known(doc, pid, "B", False)
    assert doc["perspectives"][pid]["relations"] == []


def test_a_renamed_forum_keeps_its_place_in_the_pictures():
    doc = picture_doc()
    doc["forums"]["b"]["name"] = "B nytt"
    names = {x.name for x in persp.compare(doc).forums}
    assert "B nytt" in names and "B" not in names


def test_participants_are_named_by_role_once():
    doc: dict = {}
    persp.add_perspective(doc, "Kommundirektör Norrvik")
    with pytest.raises(FieldError, match="redan"):
        persp.add_perspective(doc, "kommundirektör  norrvik")
    with pytest.raises(FieldError, match="e-postadress"):
        persp.add_perspective(doc, "anna@example.se")


def test_the_example_perspectives_differ():
    comp = persp.compare(load_example())
    assert 4 <= len(comp.participants) <= 5
    assert comp.mean_similarity is not None and comp.mean_similarity < 0.6
    assert comp.few()


def test_relation_sentences_in_the_example_file_are_parsed():
    assert parse_relation("Länsgruppen rapporterar till Systemledningen") == (
        "Länsgruppen", "rapporterar till", "Systemledningen")
    assert parse_relation("A informerar B") == ("A", "informerar", "B")
    assert parse_relation("A pratar med B") is None
