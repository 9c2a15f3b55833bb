"""Without a browser: the theme's Swedish texts, the reference list's roles, chip colours that
keep 4.5:1, a slider readout in Swedish and captions that are real labels of their controls."""

from __future__ import annotations

import ipywidgets as w

from naravard.core.text import readable_text
from naravard.handbook.sphinxext_theme import SWEDISH, SwedishTheme, swedish_page
from naravard.ui.common import labelled
from naravard.ui.widgets import swedish_readout


def contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        h = h.lstrip("#")
        cs = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        cs = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in cs]
        return 0.2126 * cs[0] + 0.7152 * cs[1] + 0.0722 * cs[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_theme_texts_are_swedish_and_others_fall_back_to_sphinx():
    theme = SwedishTheme()
    assert theme.gettext("Color mode") == "Färgläge"
    assert theme.gettext("next page") == "nästa sida"
    assert theme.gettext("Något annat") == "Något annat"
    assert all(swedish != english for english, swedish in SWEDISH.items())


def test_reference_entries_become_list_items_and_landmarks_swedish():
    html = '<nav aria-label="Main"><div role="doc-biblioentry">A</div></nav>'
    assert swedish_page(html) == '<nav aria-label="Huvudmeny"><div role="listitem">A</div></nav>'


def test_priority_chips_keep_a_contrast_of_four_and_a_half():
    for colour in ("#c0392b", "#e0b000", "#3c8c5a", "#1f5fa8", "#ffffff", "#000000"):
        assert contrast(colour, readable_text(colour)) >= 4.5, colour


def test_a_slider_shows_its_value_with_a_decimal_comma():
    slider = w.FloatSlider(value=0.5, min=0, max=1, step=0.05)
    box = swedish_readout(slider)
    assert slider.readout is False
    assert box.children[1].value == "0,50"
    slider.value = 0.35
    assert box.children[1].value == "0,35"


def test_a_caption_is_the_label_of_its_control():
    dropdown = w.Dropdown(options=["a", "b"])
    box = labelled("Huvudman", dropdown)
    assert dropdown.description == "Huvudman"
    assert "naravard-captioned" in dropdown._dom_classes
    assert box.children[0] is dropdown
