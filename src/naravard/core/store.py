"""The workspace store: everything typed in a workshop, saved at once and never lost.

One folder per workshop under the workspace root (outside git). Each worksheet keeps one JSON
document there. Every change is a read–modify–write under a file lock, written atomically
(temporary file, fsync, rename), so two kernels editing the same workshop lose nothing and a
crash never leaves a half-written file. Earlier versions are kept in ``history/`` so that a
mistake can be undone.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import uuid
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from filelock import FileLock, Timeout

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
DOC_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DEFAULT_WORKSHOP = "exempel"
HISTORY_INTERVAL_S = 30.0
HISTORY_LIMIT = 500
LOCK_TIMEOUT_S = 15.0

Path_ = tuple[str | int, ...]


class StoreError(RuntimeError):
    """A problem with the saved workshop data, worded for the facilitator."""


class WorkshopNameError(ValueError):
    """A workshop name that breaks :data:`WORKSHOP_PATTERN`; the message says what is allowed."""


class UnknownWorkshop(StoreError):
    """A workshop that has never been saved, opened where it must already exist."""

    def __init__(self, workshop: str, known: list[str]):
        self.workshop = workshop
        self.known = known
        super().__init__(f"Workshoppen ”{workshop}” finns inte: inget är sparat under det "
                         f"namnet. {self.hint}")

    @property
    def hint(self) -> str:
        """Which workshops there are, and how to list them."""
        if not self.known:
            return ("Inga workshoppar är sparade ännu; en workshop skapas när ett arbetsblad "
                    "öppnas med ?workshop=namn.")
        shown = ", ".join(self.known[:20]) + (" …" if len(self.known) > 20 else "")
        return f"Sparade workshoppar: {shown} (listan visas också av naravard workshops)."


@dataclass(frozen=True)
class Version:
    """An earlier version of a document."""

    id: str
    saved_at: dt.datetime
    path: Path


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


def _check_doc(doc: str) -> str:
    if not DOC_RE.match(doc):
        raise ValueError(f"Ogiltigt dokumentnamn: {doc!r}")
    return doc


def atomic_write_text(path: Path, text: str) -> None:
    """Write text to path atomically: temporary file in the same folder, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def get_path(data: Any, path: Path_, default: Any = None) -> Any:
    """Read a nested value: ``get_path(doc, ("steg", "fraga", "titel"))``."""
    current = data
    for key in path:
        try:
            current = current[key]
        except (KeyError, IndexError, TypeError):
            return default
    return current


def set_path(data: dict, path: Path_, value: Any) -> None:
    """Set a nested value, creating dictionaries on the way."""
    if not path:
        raise ValueError("Tom sökväg")
    current: Any = data
    for key in path[:-1]:
        if isinstance(current, list):
            current = current[key]  # type: ignore[index]
            continue
        nxt = current.get(key)
        if not isinstance(nxt, (dict, list)):
            nxt = {}
            current[key] = nxt
        current = nxt
    current[path[-1]] = value


def delete_path(data: dict, path: Path_) -> None:
    """Remove a nested value if present."""
    parent = get_path(data, path[:-1]) if len(path) > 1 else data
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
    elif isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
        del parent[path[-1]]


class Workspace:
    """The saved state of one workshop: a folder with one JSON document per worksheet."""

    def __init__(self, root: Path | str, workshop: str = DEFAULT_WORKSHOP):
        self.root = Path(root).resolve()
        self.workshop = check_workshop_name(workshop)
        self.path = self.root / self.workshop
        self.path.mkdir(parents=True, exist_ok=True)
        self._last_snapshot: dict[str, float] = {}

    # -- files -------------------------------------------------------------------------------
    def file(self, doc: str) -> Path:
        return self.path / f"{_check_doc(doc)}.json"

    def _history_dir(self, doc: str) -> Path:
        return self.path / "history" / _check_doc(doc)

    def _lock(self, doc: str) -> FileLock:
        return FileLock(str(self.path / f".{_check_doc(doc)}.lock"), timeout=LOCK_TIMEOUT_S)

    def _read_unlocked(self, doc: str) -> dict:
        path = self.file(doc)
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise StoreError(
                f"Den sparade filen {path.name} i workshoppen ”{self.workshop}” går inte att läsa. "
                "Inget har skrivits över. Återställ en tidigare version från historiken "
                f"(naravard history {self.workshop} {doc})."
            ) from None
        if not isinstance(data, dict):
            raise StoreError(f"Den sparade filen {path.name} har fel format. Inget har skrivits över.")
        return data

    # -- reading and writing -----------------------------------------------------------------
    def read(self, doc: str) -> dict:
        """The current document (an empty dict if nothing is saved yet)."""
        with self._locked(doc):
            return self._read_unlocked(doc)

    def update(self, doc: str, change: Callable[[dict], Any], *, snapshot: bool = False) -> dict:
        """Apply ``change`` to the freshest saved document under the lock and save it.

        ``change`` mutates the dict it is given (its return value is ignored). With
        ``snapshot=True`` the previous version always goes to the history (use it before
        deletions, imports and other large changes); otherwise at most every 30 seconds.
        Returns the saved document.
        """
        with self._locked(doc):
            before = self._read_unlocked(doc)
            after = copy.deepcopy(before)
            change(after)
            if after == before:
                return after
            if before and (snapshot or self._snapshot_due(doc)):
                self._write_history(doc, before)
            atomic_write_text(self.file(doc), _dump(after))
            return after

    def set(self, doc: str, path: Path_ | str, value: Any, *, snapshot: bool = False) -> dict:
        """Save one value at a nested path, leaving everything else as it is on disk."""
        key = (path,) if isinstance(path, str) else tuple(path)
        return self.update(doc, lambda d: set_path(d, key, value), snapshot=snapshot)

    def delete(self, doc: str, path: Path_ | str) -> dict:
        """Remove one value (the previous version is kept in the history)."""
        key = (path,) if isinstance(path, str) else tuple(path)
        return self.update(doc, lambda d: delete_path(d, key), snapshot=True)

    def replace(self, doc: str, data: dict) -> dict:
        """Replace the whole document (the previous version is kept in the history)."""
        def change(d: dict) -> None:
            d.clear()
            d.update(copy.deepcopy(data))
        return self.update(doc, change, snapshot=True)

    # -- history -----------------------------------------------------------------------------
    def _snapshot_due(self, doc: str) -> bool:
        last = self._last_snapshot.get(doc)
        if last is None:
            versions = self.history(doc)
            last = versions[0].saved_at.timestamp() if versions else 0.0
        return time.time() - last >= HISTORY_INTERVAL_S

    def _write_history(self, doc: str, data: dict) -> None:
        folder = self._history_dir(doc)
        now = time.time()
        stamp = dt.datetime.fromtimestamp(now).strftime("%Y%m%dT%H%M%S_%f")
        atomic_write_text(folder / f"{stamp}.json", _dump(data))
        self._last_snapshot[doc] = now
        versions = sorted(folder.glob("*.json"))
        for old in versions[:-HISTORY_LIMIT]:
            old.unlink(missing_ok=True)

    def history(self, doc: str, *, undone: bool = False) -> list[Version]:
        """Earlier versions, newest first (``undone=True``: versions left by undo)."""
        folder = self._history_dir(doc) / "undone" if undone else self._history_dir(doc)
        out = []
        for p in sorted(folder.glob("*.json"), reverse=True):
            try:
                saved = dt.datetime.strptime(p.stem, "%Y%m%dT%H%M%S_%f")
            except ValueError:
                continue
            out.append(Version(id=p.stem, saved_at=saved, path=p))
        return out

    def version(self, doc: str, version_id: str) -> dict:
        """The content of one earlier version."""
        for v in [*self.history(doc), *self.history(doc, undone=True)]:
            if v.id == version_id:
                return json.loads(v.path.read_text(encoding="utf-8"))
        raise StoreError(f"Versionen {version_id} finns inte i historiken för {doc}.")

    def restore(self, doc: str, version_id: str) -> dict:
        """Make an earlier version current again; the current one goes to the history."""
        data = self.version(doc, version_id)
        return self.replace(doc, data)

    def undo(self, doc: str) -> dict | None:
        """Go back to the newest earlier version that differs from now; None if there is none.

        The version restored is taken out of the history, so repeated undo walks further back.
        The version left behind is kept in ``history/<doc>/undone/`` and can be restored.
        """
        with self._locked(doc):
            current = self._read_unlocked(doc)
            for v in self.history(doc):
                data = json.loads(v.path.read_text(encoding="utf-8"))
                v.path.unlink(missing_ok=True)
                if data != current:
                    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S_%f")
                    atomic_write_text(self._history_dir(doc) / "undone" / f"{stamp}.json",
                                      _dump(current))
                    atomic_write_text(self.file(doc), _dump(data))
                    return data
            return None

    # -- locking -----------------------------------------------------------------------------
    def _locked(self, doc: str):
        lock = self._lock(doc)
        return _LockContext(lock, self.workshop)


class _LockContext:
    def __init__(self, lock: FileLock, workshop: str):
        self.lock = lock
        self.workshop = workshop

    def __enter__(self):
        try:
            self.lock.acquire()
        except Timeout:
            raise StoreError(
                f"Workshoppen ”{self.workshop}” är upptagen av en annan session just nu. "
                "Försök igen om en stund; inget har sparats över."
            ) from None
        return self

    def __exit__(self, *exc):
        self.lock.release()
        return False


def workspace_root() -> Path:
    """The workspace root: $NARAVARD_WORKSPACE, else ``arbetsyta`` in county.yml (from root)."""
    from naravard.core.county import current_county
    from naravard.core.paths import WORKSPACE_ENV, project_root

    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).resolve()
    root = project_root()
    configured = Path(current_county().workspace)
    return configured if configured.is_absolute() else (root / configured).resolve()


def list_workshops(root: Path) -> list[str]:
    """The names of the workshops saved under root."""
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and WORKSHOP_RE.match(p.name))


def open_workspace(workshop: str = DEFAULT_WORKSHOP, root: Path | None = None, *,
                   create: bool = True) -> Workspace:
    """Open a workshop in the configured workspace root; create it unless ``create=False``.

    The name is checked first (:class:`WorkshopNameError`). With ``create=False`` a workshop
    that has never been saved raises :class:`UnknownWorkshop` and nothing is written, so that a
    mistyped name on the command line does not leave an empty workshop behind.
    """
    name = check_workshop_name(workshop)
    base = Path(root or workspace_root()).resolve()
    if not create and not (base / name).is_dir():
        raise UnknownWorkshop(name, list_workshops(base))
    return Workspace(base, name)


def iter_docs(ws: Workspace) -> Iterable[str]:
    return sorted(p.stem for p in ws.path.glob("*.json"))


def new_id(prefix: str) -> str:
    """A short random key for a new record (unique even when two sessions add rows at once)."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"
