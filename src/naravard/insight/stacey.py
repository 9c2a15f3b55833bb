"""Stacey-matrisen: enighet mot säkerhet om orsak och verkan, med fyra zoner.

Handbokens förenklade version av Staceys matris (Stacey 1996, återgiven i Ekholm och Caesar
2024). Båda axlarna går från 0 (låg) till 1 (hög) och delas i tre lika breda band. Som i
Staceys original ligger hög säkerhet och hög enighet nere till vänster, så att man rör sig
från det enkla mot det kaotiska uppåt och åt höger:

- enkel: både säkerhet och enighet är höga;
- komplicerad: det ena är högt och det andra inte (ense men osäker om vägen, eller säker om
  vägen men oense);
- kaotisk: både säkerhet och enighet är låga;
- komplex: allt däremellan.

``classify`` och ``stacey_matrix`` använder samma gränser (``LOW`` och ``HIGH``), så en punkt
som ritas i diagrammet hamnar alltid i den zon som ``classify`` anger.
"""

from __future__ import annotations

import math


#: Under LOW räknas ett värde som lågt, från och med HIGH som högt.
LOW = 1 / 3
HIGH = 2 / 3

ZONES = ("enkel", "komplicerad", "komplex", "kaotisk")
ZONE_TITLES = {
    "enkel": "Enkelt",
    "komplicerad": "Komplicerat",
    "komplex": "Komplext",
    "kaotisk": "Kaotiskt",
}
ZONE_COLOURS = {
    "enkel": "#d9ead3",
    "komplicerad": "#dbe6f4",
    "komplex": "#fbe3c9",
    "kaotisk": "#f2d0dc",
}
POINT_COLUMNS = ("label", "agreement", "certainty")


def check_unit(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} måste vara ett tal mellan 0 och 1, inte {value!r}.") from None
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} måste vara ett tal mellan 0 och 1, inte {value!r}.")
    return number


def _band(value: float) -> str:
    if value >= HIGH:
        return "hög"
    if value < LOW:
        return "låg"
    return "mellan"


def classify(agreement: float, certainty: float) -> str:
    """Zonen i Stacey-matrisen för en fråga.

    ``agreement`` är graden av enighet om vad som ska uppnås och ``certainty`` graden av
    säkerhet om orsak och verkan, båda mellan 0 och 1 där 1 är hög. Svaret är ``"enkel"``,
    ``"komplicerad"``, ``"komplex"`` eller ``"kaotisk"``.
    """
    a = _band(check_unit("Enighet (agreement)", agreement))
    c = _band(check_unit("Säkerhet (certainty)", certainty))
    if a == "hög" and c == "hög":
        return "enkel"
    if a == "låg" and c == "låg":
        return "kaotisk"
    if a == "hög" or c == "hög":
        return "komplicerad"
    return "komplex"
