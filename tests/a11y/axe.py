"""axe-core in the browser tests: the engine shipped by the PyPI package axe-playwright-python
(locked in requirements.lock), injected into the page from disk, so nothing is fetched even
though every request but localhost is blocked."""

from __future__ import annotations

import json

from axe_playwright_python.base import AXE_SCRIPT

#: WCAG 2.0 and 2.1, levels A and AA: what the Swedish accessibility law (DOS-lagen) requires
#: through EN 301 549.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: No rule is switched off. A rule may only be added here with the reason written beside it.
DISABLED_RULES: dict[str, str] = {}


def axe_violations(page, context: str | None = None) -> list[dict]:
    """Run axe-core's WCAG 2.1 A and AA rules (experimental ones included) on the page (or on ``context``, a CSS selector)
    and return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    target = json.dumps(context) if context else "document"
    # Every rule with a WCAG 2.0/2.1 A or AA tag, the experimental ones too (such as
    # label-content-name-mismatch, WCAG 2.5.3), which a run by tag alone would skip.
    return page.evaluate(
        """([target, tags, disabled]) => {
            const rules = axe.getRules(tags).map(r => r.ruleId)
                .filter(id => !disabled.includes(id));
            return axe.run(target === "document" ? document : target,
                           {runOnly: {type: "rule", values: rules}, preload: false,
                            resultTypes: ["violations"]}).then(r => r.violations);
        }""", [json.loads(target) if context else "document", WCAG_21_AA, list(DISABLED_RULES)])


def report(violations: list[dict], where: str) -> str:
    """Rule, element and summary of each violation, one line each, for a failing assert."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{where}: {v['id']} ({v['impact']}) {node['target']} – {summary[:300]}")
    return "\n".join(lines)


def assert_no_violations(page, where: str, context: str | None = None) -> None:
    """Fail with every violation listed (rule, target, summary)."""
    found = axe_violations(page, context)
    assert not found, "axe-core fann brister:\n" + report(found, where)
