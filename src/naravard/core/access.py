"""Per-workshop access codes: one workshop's participants cannot open another's on a shared server.

A facilitator sets a code with ``naravard workshops --code NAME``. Only a salted scrypt hash is
kept, in ``<workshop>/.kod.json``; the code itself is never written to disk or to a log. A
worksheet page for that workshop then opens only with the right code (``?workshop=x&kod=…``, or
the form the page shows), and ``naravard export`` asks for ``--kod``. Without a code file a
workshop is open to everyone who reaches the server (as before).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

CODE_FILE = ".kod.json"
CODE_MIN, CODE_MAX = 4, 128
#: scrypt's cost: about 50 ms per check on a laptop, once per page opened.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1


class AccessDenied(PermissionError):
    """A workshop with an access code opened without the right code; the message is Swedish."""

    def __init__(self, workshop: str, given: bool):
        self.workshop = workshop
        self.given = given
        what = "Koden stämmer inte" if given else "Workshoppen kräver en kod"
        super().__init__(f"{what} för workshoppen ”{workshop}”. Facilitatorn ger er koden; "
                         "den sätts med naravard workshops --code.")


def code_problem(code: str) -> str | None:
    """A Swedish message when ``code`` cannot be an access code, else None."""
    if len(code) < CODE_MIN:
        return f"Koden är för kort: minst {CODE_MIN} tecken."
    if len(code) > CODE_MAX:
        return f"Koden är för lång: högst {CODE_MAX} tecken."
    if any(not c.isprintable() or c.isspace() for c in code):
        return "Koden får inte innehålla mellanslag eller osynliga tecken."
    return None


def _digest(code: str, salt: bytes) -> bytes:
    return hashlib.scrypt(code.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                          dklen=32)


def set_code(folder: Path, code: str) -> None:
    """Keep a salted hash of ``code`` in the workshop folder (``ValueError`` for a bad code)."""
    problem = code_problem(code)
    if problem:
        raise ValueError(problem)
    salt = os.urandom(16)
    record = {"algoritm": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
              "salt": salt.hex(), "hash": _digest(code, salt).hex()}
    from naravard.core.store import atomic_write_text

    atomic_write_text(folder / CODE_FILE, json.dumps(record) + "\n")


def remove_code(folder: Path) -> bool:
    """Open the workshop to everyone again; True when there was a code."""
    try:
        (folder / CODE_FILE).unlink()
        return True
    except FileNotFoundError:
        return False


def has_code(folder: Path) -> bool:
    return (folder / CODE_FILE).exists()


def code_matches(folder: Path, code: str | None) -> bool:
    """Whether ``code`` opens the workshop in ``folder`` (always True without a code file)."""
    path = folder / CODE_FILE
    if not path.exists():
        return True
    if not code:
        return False
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        salt = bytes.fromhex(record["salt"])
        expected = bytes.fromhex(record["hash"])
        digest = hashlib.scrypt(code.encode("utf-8"), salt=salt, n=int(record["n"]),
                                r=int(record["r"]), p=int(record["p"]), dklen=len(expected))
    except (ValueError, KeyError, TypeError, OSError):
        return False  # a damaged code file keeps the workshop closed
    return hmac.compare_digest(digest, expected)


def require_code(folder: Path, workshop: str, code: str | None) -> None:
    """Raise :class:`AccessDenied` unless ``code`` opens the workshop."""
    if not code_matches(folder, code):
        raise AccessDenied(workshop, given=bool(code))
