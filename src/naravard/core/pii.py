"""Flags for personal data in free text: personnummer, phone numbers and e-mail addresses.

Interview notes must never identify a person. Everything a facilitator types into the insight
worksheet, and every cell of an imported interview file, passes through :func:`pii_flags` before
it is saved; a flag stops the save with a Swedish message that says what to remove.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from naravard.core.county import EMAIL_RE, PHONE_RE

#: Kinds of personal data, as the facilitator reads them.
KINDS = {
    "personnummer": "ett personnummer eller samordningsnummer",
    "telefon": "ett telefonnummer",
    "epost": "en e-postadress",
}

# YYMMDD or YYYYMMDD, then an optional separator (- + or space) and four digits.
_PERSONNUMMER_RE = re.compile(
    r"(?<![\d\w:./-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+ ]?)(\d{4})(?![\d\w]|[-/.:]\d)")


@dataclass(frozen=True)
class PiiFlag:
    """One piece of text that looks like personal data."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def description(self) -> str:
        return KINDS[self.kind]


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _valid_birth_date(century: str, yy: str, mm: str, dd: str) -> bool:
    day = int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    years = [int(century + yy)] if century else [1900 + int(yy), 2000 + int(yy)]
    for year in years:
        try:
            dt.date(year, int(mm), day)
            return True
        except ValueError:
            continue
    return False


def _personnummer(text: str) -> list[PiiFlag]:
    flags = []
    for m in _PERSONNUMMER_RE.finditer(text):
        century, yy, mm, dd, sep, last = m.groups()
        if not _valid_birth_date(century, yy, mm, dd):
            continue
        # Without a separator a run of digits is only flagged if its check digit is right, so
        # that order and case numbers are left alone.
        if not sep and not _luhn_ok(yy + mm + dd + last):
            continue
        if sep == " " and not _luhn_ok(yy + mm + dd + last):
            continue
        flags.append(PiiFlag("personnummer", m.start(), m.end(), m.group(0)))
    return flags


class _Covered:
    """Which characters of a text are already flagged: an overlap check in time proportional to
    the match, not to the number of flags (a text of 30,000 short numbers stays linear)."""

    def __init__(self, length: int):
        self._marks = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self._marks[start:end])

    def add(self, flag: PiiFlag) -> PiiFlag:
        self._marks[flag.start:flag.end] = b"\x01" * (flag.end - flag.start)
        return flag


def pii_flags(text: str | None) -> list[PiiFlag]:
    """Every piece of ``text`` that looks like a personnummer, phone number or e-mail address."""
    if not text:
        return []
    covered = _Covered(len(text))
    flags = [covered.add(f) for f in _personnummer(text)]
    for kind, pattern in (("epost", EMAIL_RE), ("telefon", PHONE_RE)):
        for m in pattern.finditer(text):
            if not covered.overlaps(m.start(), m.end()):
                flags.append(covered.add(PiiFlag(kind, m.start(), m.end(), m.group(0))))
    return sorted(flags, key=lambda f: f.start)


def pii_problem(text: str | None) -> str | None:
    """A Swedish message when ``text`` holds personal data that must not be saved, else None."""
    flags = pii_flags(text)
    if not flags:
        return None
    kinds = list(dict.fromkeys(f.description for f in flags))
    what = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " och " + kinds[-1]
    return (f"Texten ser ut att innehålla {what}. Ta bort uppgiften: intervjuer sparas bara med "
            "pseudonym och roll, aldrig med personnummer eller kontaktuppgifter.")
