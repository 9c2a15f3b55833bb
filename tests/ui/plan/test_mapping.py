"""Step 2 of the plan: the population chart beside the mapping table."""

from __future__ import annotations


def test_population_chart_describes_the_largest_and_smallest_area_in_swedish():
    from naravard.core.county import current_county
    from naravard.ui.plan.mapping import population_chart

    text = population_chart([{"area": "Norra", "inhabitants": "12 500"},
                             {"area": "Södra", "inhabitants": "3 000"}],
                            current_county()).to_dict()["description"]
    assert text == ("Stapeldiagram: invånare per område. Flest invånare har Norra (12\u00a0500). "
                    "Minst invånare har Södra (3\u00a0000).")
