"""The reach rules of "Forum som systemledningen inte når", each on a map built for it.

Commissioning and information flow down from a reached forum; reporting and escalation go up
and make the forum that reports reachable from the forum it reports to."""

from __future__ import annotations

from naravard.forums import analysis
from naravard.forums.model import Forum, ForumMap, Relation
from naravard.ui.forums.analyses_tab import findings_html


def chain(forums: list[str], relations: list[tuple[str, str, str]],
          leader: str = "ledning") -> ForumMap:
    fmap = ForumMap()
    for fid in forums:
        fmap.forums[fid] = Forum(name=fid, level="makro" if fid == leader else "meso",
                                 principal="Gemensam", system_leadership=fid == leader)
    for i, (s, k, t) in enumerate(relations):
        fmap.relations[f"r{i}"] = Relation(s, k, t)
    return fmap


def unreached(fmap: ForumMap) -> list[str]:
    return analysis.unreached(fmap).forums


def test_a_working_group_reporting_up_a_chain_to_a_commissioned_steering_group_is_reached():
    fmap = chain(["ledning", "styrgrupp", "processgrupp", "arbetsgrupp"], [
        ("arbetsgrupp", "rapporterar till", "processgrupp"),
        ("processgrupp", "rapporterar till", "styrgrupp"),
        ("ledning", "ger uppdrag till", "styrgrupp")])
    assert unreached(fmap) == []


def test_commissioning_and_information_flow_downwards_only():
    fmap = chain(["ledning", "a", "b", "c"], [
        ("ledning", "ger uppdrag till", "a"), ("a", "informerar", "b"),
        ("c", "ger uppdrag till", "ledning")])
    assert unreached(fmap) == ["c"]


def test_escalation_makes_the_escalating_forum_reachable_from_above():
    fmap = chain(["ledning", "nätverk"], [("nätverk", "eskalerar till", "ledning")])
    assert unreached(fmap) == []


def test_reporting_to_a_forum_outside_the_leaderships_reach_does_not_count():
    fmap = chain(["ledning", "isolerad", "grupp"], [("grupp", "rapporterar till", "isolerad")])
    assert unreached(fmap) == ["grupp", "isolerad"]


def test_reached_says_through_which_relation_each_forum_was_reached():
    fmap = chain(["ledning", "styrgrupp", "arbetsgrupp"], [
        ("ledning", "ger uppdrag till", "styrgrupp"),
        ("arbetsgrupp", "rapporterar till", "styrgrupp")])
    seen, through = analysis.reached(fmap)
    assert seen == {"ledning", "styrgrupp", "arbetsgrupp"}
    assert through["arbetsgrupp"] == ("styrgrupp", "r1")


def test_the_rules_are_stated_in_swedish_beside_the_analysis_for_every_relation_kind():
    from naravard.forums.model import RELATION_KINDS

    assert sorted(kind for kind, _rule in analysis.REACH_RULES) == sorted(RELATION_KINDS)
    html = findings_html(analysis.analyse(chain(["ledning"], [])))
    section = html.split('data-key="unreached"')[1].split("</section>")[0]
    assert "Så räknas ett forum som nått" in section
    for kind, rule in analysis.REACH_RULES:
        assert kind in section and rule.split(":")[0] in section
