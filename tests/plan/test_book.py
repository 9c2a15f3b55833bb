"""Chapter 13's tables built from the example plan in data/."""

from __future__ import annotations




def test_chapter_13_tables_are_built_from_the_example_plan_in_data():
    from naravard.plan.book import example_cost_table, example_goals_table

    goals = example_goals_table().data
    assert goals.count("Klarar kontrollen.") == 3
    assert "Flaggas: Målet handlar om struktur (”korttidsplatser”, ”ny mottagning”)" in goals
    assert "1\u00a0591\u00a0200\u00a0kr" in example_cost_table().data
