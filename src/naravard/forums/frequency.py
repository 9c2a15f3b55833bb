"""Meeting frequencies as Swedes write them ("2/månad", "varannan vecka", "kvartalsvis"),
read as meetings per year and shown as "≈ 24 ggr/år"."""

from __future__ import annotations

import re

_NUMBER_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                 "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
#: Per-period words -> periods per year.
_PERIODS = {"dag": 250, "vardag": 250, "vecka": 52, "veckan": 52, "månad": 12, "månaden": 12,
            "mån": 12, "kvartal": 4, "kvartalet": 4, "termin": 2, "terminen": 2, "halvår": 2,
            "halvåret": 2, "år": 1, "året": 1}
#: Whole phrasings -> meetings per year.
_PHRASES = {
    "varje vecka": 52, "veckovis": 52, "varannan vecka": 26, "var tredje vecka": 52 / 3,
    "var fjärde vecka": 13, "varje månad": 12, "månadsvis": 12, "månatligen": 12,
    "varannan månad": 6, "var tredje månad": 4, "varje kvartal": 4, "kvartalsvis": 4,
    "varje termin": 2, "terminsvis": 2, "halvårsvis": 2, "varje halvår": 2, "varje år": 1,
    "årligen": 1, "årsvis": 1, "vartannat år": 0.5,
}
_NUM = r"(\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + ")"
_FREQ_RE = re.compile(
    rf"^(?:ca\.?\s+|cirka\s+|ungefär\s+|≈\s*)?{_NUM}(?:\s*[-–]\s*{_NUM})?\s*"
    r"(?:ggr|gånger|gång|möten|möte|st)?\.?\s*(?:/|per|i|om|varje)\s*("
    + "|".join(sorted(_PERIODS, key=len, reverse=True)) + r")$")
FREQUENCY_HINT = ("Skriv antalet möten per år (10 eller 0,5) eller till exempel ”2/månad”, "
                  "”varannan vecka”, ”4 ggr/år”, ”månadsvis” eller ”en gång per termin”.")


def _amount(word: str) -> float:
    return float(_NUMBER_WORDS.get(word, 0) or word.replace(",", "."))


def yearly_meetings(value: str) -> float:
    """Meetings per year from a Swedish phrasing; ValueError with a Swedish message otherwise.

    "2/månad" (24), "varannan vecka" (26), "4 ggr/år", "varje vecka" (52), "månadsvis" (12),
    "kvartalsvis" (4), "en gång per termin" (2), "4–6 ggr/år" (5), "ca 10 möten per år".
    """
    if len(value) > 100:
        raise ValueError(FREQUENCY_HINT)
    text = re.sub(r"\s+", " ", value).strip().casefold().rstrip(".")
    text = re.sub(r"^(?:ca\.?|cirka|ungefär|≈) ?", "", text)
    if text in _PHRASES:
        return round(_PHRASES[text], 2)
    m = _FREQ_RE.match(text)
    if m:
        low = _amount(m.group(1))
        high = _amount(m.group(2)) if m.group(2) else low
        number = round((low + high) / 2 * _PERIODS[m.group(3)], 2)
        if number > 365:
            raise ValueError("Antalet möten per år ska vara mellan 0 och 365.")
        return number
    raise ValueError(f"”{value}” går inte att läsa som mötesfrekvens. " + FREQUENCY_HINT)


def yearly_text(frequency: float | None) -> str:
    """Meetings per year as the map shows them: "≈ 24 ggr/år", "≈ 0,5 ggr/år" ("–" if unknown)."""
    from naravard.core.text import format_number

    if frequency is None:
        return "–"
    decimals = 0 if float(frequency).is_integer() else 1
    return f"≈ {format_number(frequency, decimals)} ggr/år"
