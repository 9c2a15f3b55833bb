"""Workshop names: the one rule shared by the server, the command line and the start page,
and a Swedish message that says what is allowed. Never a silent fallback to another workshop."""

from __future__ import annotations

import re
import unicodedata

#: The one rule for workshop names, shared by the server, the command line and the start
#: page's form (its ``pattern`` attribute): 1–64 characters, small letters a–z, å, ä, ö, digits,
#: ``-`` and ``_``, a letter or digit first, and not a device name that Windows reserves. No
#: dots, slashes, spaces or control characters, so a name is always one folder inside the
#: workspace. Written so that Python and the browser (``pattern``, JavaScript's ``v`` flag)
#: read it the same way.
WORKSHOP_MAX_LENGTH = 64
WINDOWS_DEVICE_NAMES = ("con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                        *(f"lpt{i}" for i in range(1, 10)))
WORKSHOP_PATTERN = (r"(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)"
                    r"[a-z0-9åäö][a-z0-9åäö_\-]{0,63}")
WORKSHOP_RE = re.compile(rf"^(?:{WORKSHOP_PATTERN})\Z")
#: What a workshop name may be, in the words shown to participants and facilitators.
WORKSHOP_RULE = ("1–64 tecken: små bokstäver a–z, å, ä, ö, siffror, bindestreck (-) och "
                 "understreck (_), med en bokstav eller siffra först, till exempel "
                 "”ledningsgrupp-2026”. Namn som Windows reserverar (con, nul, com1 …) går inte")

class WorkshopNameError(ValueError):
    """A workshop name that breaks :data:`WORKSHOP_PATTERN`; the message says what is allowed."""


def _shown_name(name: str) -> str:
    """The name as it can be quoted in a message: control characters made visible, and cut."""
    shown = "".join(c if c.isprintable() else "\ufffd" for c in name[:40])
    return shown + ("…" if len(name) > 40 else "")


def _describe_char(char: str) -> str:
    if char == " ":
        return "mellanslag"
    if not char.isprintable() or char.isspace():
        return f"det osynliga tecknet U+{ord(char):04X}"
    return f"”{char}”"


def _name_problem(norm: str) -> str:
    """What is wrong with a normalised name that does not match :data:`WORKSHOP_RE`."""
    if not norm:
        return "det är tomt"
    if len(norm) > WORKSHOP_MAX_LENGTH:
        count = f"{len(norm):,}".replace(",", "\u00a0")
        return f"det har {count} tecken"
    if norm in WINDOWS_DEVICE_NAMES:
        return "Windows reserverar det namnet för en enhet"
    allowed = re.compile(r"[a-z0-9åäö_\-]")
    bad = list(dict.fromkeys(c for c in norm if not allowed.fullmatch(c)))
    if bad:
        described = [_describe_char(c) for c in bad[:5]] + (["fler"] if len(bad) > 5 else [])
        listed = described[0] if len(described) == 1 else \
            ", ".join(described[:-1]) + " och " + described[-1]
        return f"det innehåller {listed}"
    return "det måste börja med en bokstav eller siffra"


def check_workshop_name(name: str) -> str:
    """Return the normalised workshop name (trimmed, small letters, NFC) or raise
    :class:`WorkshopNameError` (a ``ValueError``) with a Swedish message that names the problem
    and says what is allowed. Never falls back to another workshop."""
    raw = "" if name is None else str(name)
    norm = unicodedata.normalize("NFC", raw).strip().lower()
    if WORKSHOP_RE.match(norm):
        return norm
    quoted = f" ”{_shown_name(raw.strip())}”" if raw.strip() else ""
    raise WorkshopNameError(
        f"Workshopnamnet{quoted} går inte att använda: {_name_problem(norm)}. "
        f"Ett workshopnamn har {WORKSHOP_RULE}."
    )
