"""The plan's forums matched against the workshop's forum map."""

from __future__ import annotations

from naravard.plan.forums_link import IN_MAP, MISSING_FROM_MAP, TYPED, forum_map_records, support_rows
from naravard.plan.model import Plan
from naravard.plan.progress import completeness

from tests.conftest import DATA
from tests.plan.conftest import TODAY


FORUM_DOC = {"forums": {
    "f1": {"name": "Systemledningen för Nära vård", "level": "makro", "principal": "Gemensam",
           "type": "beslutande", "mission": "", "mandate": ""},
    "f2": {"name": "Vårdsamverkan Norrvik", "level": "mikro", "principal": "Gemensam",
           "type": "samverkande", "mission": "", "mandate": ""},
}}


def test_the_forum_map_is_read_from_the_forum_mapping_document():
    records = forum_map_records(FORUM_DOC)
    assert {(r["id"], r["name"], r["level"]) for r in records} == {
        ("f1", "Systemledningen för Nära vård", "makro"), ("f2", "Vårdsamverkan Norrvik", "mikro")}
    assert forum_map_records({}) == []


def test_the_example_plan_names_forums_that_are_in_the_example_forum_map(example):
    from naravard.forums.example import load_example

    rows = support_rows(example, forum_map_records(load_example(DATA)))
    assert rows and all(r.status == IN_MAP for r in rows)


def test_plan_forums_are_matched_to_the_map_by_id_or_name_and_missing_ones_are_flagged(county):
    plan = Plan({"support": {"forums": {
        "s1": {"forum_id": "f1", "name": "Systemledningen för Nära vård", "decides": True},
        "s2": {"name": "vårdsamverkan norrvik", "supports": True},
        "s3": {"forum_id": "f9", "name": "Nedlagt forum", "escalation": True},
        "s4": {"name": "Eget forum", "supports": True},
        "s5": {"name": "Inget valt"}}}}, county.principals())
    rows = {r.id: r for r in support_rows(plan, forum_map_records(FORUM_DOC))}
    assert rows["s1"].status == IN_MAP and rows["s1"].level == "makro"
    assert rows["s2"].status == IN_MAP and rows["s2"].name == "Vårdsamverkan Norrvik"
    assert rows["s3"].status == MISSING_FROM_MAP
    assert rows["s4"].status == TYPED
    assert "s5" not in rows
    step = next(p for p in completeness(plan, forum_map_records(FORUM_DOC), TODAY)
                if p.step.key == "support")
    assert step.flagged == ["Forumet ”Nedlagt forum” finns inte längre i forumkartan."]
