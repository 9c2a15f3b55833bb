"""Driving a worksheet with the keyboard alone: Tab to a control, then Enter, Space, arrows or
typing. No mouse click anywhere."""

from __future__ import annotations

#: The accessible name, role and value of the focused element (as a screen reader would read it).
FOCUSED = """() => {
    const el = document.activeElement;
    // Focus on <body> means nothing in the page has it (Tab past the last control leaves the
    // page for the browser's own bar); <body>'s text is not a name.
    if (!el || el === document.body) return {tag: "body", role: "", name: ""};
    let name = el.getAttribute("aria-label") || "";
    if (!name && el.id) {
        const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
        if (label) name = label.textContent;
    }
    if (!name) name = el.textContent || el.placeholder || "";
    return {tag: el.tagName.toLowerCase(), role: el.getAttribute("role") || "",
            name: name.trim().replace(/\\s+/g, " ")};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED) or {}


def tab_to(page, name: str, tag: str | None = None, *, limit: int = 250,
           backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element has the accessible name ``name``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now.get("name") == name and (tag is None or now.get("tag") == tag):
            return now
    raise AssertionError(f"Tangentbordet når inte ”{name}” med {key} ({limit} tryck).")


def focus_ring(page) -> dict:
    """The focused element's outline: width in px, style and colour."""
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor};
    }""")


def tab_until(page, predicate: str, what: str, *, limit: int = 300) -> None:
    """Press Tab until the JavaScript ``predicate(document.activeElement)`` holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({predicate}); }}"):
            return
    raise AssertionError(f"Tangentbordet når inte {what} med Tab ({limit} tryck).")
