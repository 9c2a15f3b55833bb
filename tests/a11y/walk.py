"""Walk a worksheet the way a facilitator does: every tab and every step, one after another.

Tabs are found by their role (``role="tab"``, ipywidgets' Tab) and steps by the class
``naravard-steps`` on a step bar (a ToggleButtons group), so a new worksheet built from the same
widgets is walked without a change here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from naravard.core.store import open_workspace

#: The workshop the accessibility tests fill with every worksheet's example material.
WORKSHOP = "tillganglighet"

TABS = ".naravard-app [role=tab]"
STEPS = ".naravard-app .naravard-steps button"


def _example_loaders() -> dict[str, Callable[[Path], dict | None]]:
    from naravard.forums.example import load_example
    from naravard.insight.example import example_doc
    from naravard.plan.example import example_plan
    from naravard.followup.example import example_doc as followup_example

    return {"forum_mapping": load_example, "insight_360": example_doc,
            "plan_primarvard": example_plan, "uppfoljning": followup_example}


def seed_examples(data: Path, workspace: Path, workshop: str = WORKSHOP) -> list[str]:
    """Save each worksheet's example material in ``workshop``; returns the worksheets filled."""
    ws = open_workspace(workshop, root=workspace)
    filled = []
    for key, load in _example_loaders().items():
        doc = load(data)
        if doc:
            ws.update(key, lambda d, doc=doc: (d.clear(), d.update(doc)))
            filled.append(key)
    return filled


def settle(page, quiet_ms: int = 600, timeout_ms: int = 30_000) -> None:
    """Wait until the worksheet stops changing (the kernel has drawn what the click asked for)."""
    page.wait_for_function(
        """([quiet]) => {
            const now = performance.now();
            const size = document.body.innerHTML.length;
            if (window.__naravardSize !== size) {
                window.__naravardSize = size; window.__naravardSince = now; return false;
            }
            return now - window.__naravardSince > quiet;
        }""", arg=[quiet_ms], timeout=timeout_ms, polling=150)


def views(page) -> Iterator[str]:
    """Show every tab and every step in turn; yields a name for each view after it is drawn."""
    settle(page)
    yield "första vyn"
    for selector in (TABS, STEPS):
        count = page.locator(selector).count()
        for i in range(count):
            item = page.locator(selector).nth(i)
            name = " ".join(item.inner_text().split())
            item.click()
            settle(page)
            yield name
