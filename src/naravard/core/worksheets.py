"""The one registry of the worksheets: file, title and descriptions, used everywhere.

The start page, the server's address list, the handbook's ``{arbetsblad}`` role and each
worksheet's own title bar all read from here, so a worksheet is named the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Worksheet:
    """One Voilà worksheet in ``worksheets/``."""

    key: str
    title: str
    #: One line for the start page.
    summary: str
    #: The introduction under the title in the worksheet itself.
    intro: str

    @property
    def notebook(self) -> str:
        return f"{self.key}.ipynb"


WORKSHEETS: dict[str, Worksheet] = {ws.key: ws for ws in (
    Worksheet(
        "forum_mapping", "Kartlägg beslutsforum",
        "Rita upp länets besluts- och samverkansforum och jämför hur ni ser på dem.",
        "Rita upp de forum där region och kommuner bereder, beslutar och samverkar, "
        "jämför era bilder av dem och kom överens om en gemensam karta."),
    Worksheet(
        "insight_360", "Insiktsinsamling i 360 grader",
        "Samla insikter i 360 grader kring en svår gemensam fråga och se hur synerna skiljer sig.",
        "Ta en svår gemensam fråga från formulering till en bild av hur "
        "synsätten skiljer sig – och vad systemledningen gör åt det."),
    Worksheet(
        "plan_primarvard", "Gemensam plan för primärvården",
        "Ta fram den gemensamma planen för primärvården steg för steg och exportera den.",
        "Ta fram planen steg för steg tillsammans. Allt sparas medan ni skriver, och "
        "översikten visar vad som återstår."),
    Worksheet(
        "uppfoljning", "Följ upp omställningen",
        "Skatta de åtta framgångsfaktorerna och följ indikatorerna i körningsdiagram.",
        "Skatta framgångsfaktorerna tillsammans, se var ni ser olika, följ indikatorerna över "
        "tid och läs vilka serier som visar en verklig förändring. Allt sparas medan ni skriver."),
)}


def worksheet(key: str) -> Worksheet:
    """The worksheet called ``key``, or a Swedish error that lists the known ones."""
    try:
        return WORKSHEETS[key]
    except KeyError:
        known = ", ".join(sorted(WORKSHEETS))
        raise KeyError(f"Okänt arbetsblad {key!r}. Kända arbetsblad: {known}.") from None
