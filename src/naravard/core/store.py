"""The workspace store: everything typed in a workshop, saved at once and never lost.

One folder per workshop under the workspace root (outside git). Each worksheet has there

* ``journal/<doc>.jsonl``: the journal, one line per change – sequence number, time, author
  (the page's session id), the paths changed with their values before and after
  (:mod:`naravard.core.journal`). A change counts as saved when its line is fsynced;
* ``<doc>.json``: the current document, rewritten atomically after every change. It is a
  readable copy that the journal can always rebuild: when it is missing, damaged or behind the
  journal (a crash between the two writes), :meth:`Workspace.read` replays the journal, logs it
  and keeps the damaged file beside it as ``<doc>.json.trasig-<time>``.

Every change is a read–modify–write under a file lock, so two kernels editing the same
workshop lose nothing. Undo reverts the page's own last change, never someone else's.

Why a journal of JSON lines and not SQLite in WAL mode: both make each change durable with one
fsync and survive a crash mid-write (a half-written last line is cut off and kept aside,
never blocking). The journal keeps the saved work in plain files a facilitator can read, copy
and back up with the workshop folder, needs no schema or migrations, and leaves the existing
JSON documents (and old ``history/`` snapshots, still listed and restorable) exactly where they
were, so older workshops open unchanged and are migrated lazily at their first change. SQLite
would add a binary file that cannot be repaired by hand for little gain at a room's scale (one
lock per worksheet, tens of writers). The path to a shared database server later is narrow on
purpose: :class:`Workspace` is the only code that touches the files, and an entry maps one to
one onto a row of a ``changes(workshop, doc, n, at, author, kind, ops)`` table plus a
``documents(workshop, doc, n, json)`` table, so a server-backed ``Workspace`` can replace this
one behind the same API. A journal that grows past :data:`JOURNAL_MAX_BYTES` is rotated: it is
kept as ``<doc>.<first>-<last>.jsonl`` and a new one starts from the current document.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import logging
import os
import uuid
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from filelock import FileLock, Timeout

from naravard.core import journal
from naravard.core.journal import (AUTHOR_LABELS, CLI_AUTHOR, DEFAULT_AUTHOR,  # noqa: F401
                                   EXTERNAL_AUTHOR, LEGACY_AUTHOR, SYSTEM_AUTHOR, UNDO_GROUP_S,
                                   author_label, describe_ops, new_author)
from naravard.core.workshop_names import (WINDOWS_DEVICE_NAMES, WORKSHOP_MAX_LENGTH,  # noqa: F401
                                          WORKSHOP_PATTERN, WORKSHOP_RE, WORKSHOP_RULE,
                                          WorkshopNameError, check_workshop_name)

log = logging.getLogger("naravard.core.store")

DOC_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DEFAULT_WORKSHOP = "exempel"
LOCK_TIMEOUT_S = 15.0
JOURNAL_DIR = "journal"
#: A journal larger than this is kept as an archive and a new one starts from the document.
JOURNAL_MAX_BYTES = 8 * 1024 * 1024


Path_ = tuple[str | int, ...]


class StoreError(RuntimeError):
    """A problem with the saved workshop data, worded for the facilitator."""


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
    """One saved change (its id is the journal's sequence number) or an old snapshot (its id
    is a time stamp, ``path`` its file)."""

    id: str
    saved_at: dt.datetime
    path: Path | None = None
    author: str = ""
    kind: str = ""
    what: str = ""

    @property
    def label(self) -> str:
        """Who saved it, in Swedish."""
        return author_label(self.author)


def _check_doc(doc: str) -> str:
    if not DOC_RE.match(doc):
        raise ValueError(f"Ogiltigt dokumentnamn: {doc!r}")
    return doc


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Write text to path atomically: temporary file in the same folder, fsync, rename.
    ``durable=False`` skips the fsyncs (for files the journal can rebuild)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if not durable:
        return
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _dump(data: Any) -> str:
    """The document as saved: UTF-8 text on one line (no indent, so that Python's C encoder
    writes it: a 300-forum map in a few milliseconds instead of about a hundred)."""
    return json.dumps(data, ensure_ascii=False) + "\n"


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


class UndoConflict(StoreError):
    """Undo would revert someone else's later work; the message says whose and when."""


class Workspace:
    """The saved state of one workshop: per worksheet a journal of every change and the
    current JSON document. ``author`` is who this object's changes are recorded as (a page's
    session id, see :func:`new_author`)."""

    def __init__(self, root: Path | str, workshop: str = DEFAULT_WORKSHOP,
                 author: str = DEFAULT_AUTHOR):
        self.root = Path(root).resolve()
        self.workshop = check_workshop_name(workshop)
        self.path = self.root / self.workshop
        self.path.mkdir(parents=True, exist_ok=True)
        self.author = author
        self._text: str | None = None
        self._heads: dict[str, tuple[int, tuple[int, str] | None]] = {}

    # -- files -------------------------------------------------------------------------------
    def file(self, doc: str) -> Path:
        return self.path / f"{_check_doc(doc)}.json"

    def journal_file(self, doc: str) -> Path:
        """The journal of every change to ``doc``."""
        return self.path / JOURNAL_DIR / f"{_check_doc(doc)}.jsonl"

    def _history_dir(self, doc: str) -> Path:
        return self.path / "history" / _check_doc(doc)

    def _lock(self, doc: str) -> FileLock:
        return FileLock(str(self.path / f".{_check_doc(doc)}.lock"), timeout=LOCK_TIMEOUT_S)

    def _head(self, doc: str) -> tuple[int, str] | None:
        """(sequence, document hash) of the journal's last entry, cached by the file's size."""
        path = self.journal_file(doc)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            self._heads.pop(doc, None)
            return None
        cached = self._heads.get(doc)
        if cached is not None and cached[0] == size:
            return cached[1]
        head = journal.last_head(path)
        self._heads[doc] = (size, head)
        return head

    def _damaged(self, doc: str) -> StoreError:
        return StoreError(
            f"Den sparade filen {self.file(doc).name} i workshoppen ”{self.workshop}” går inte att "
            "läsa. Inget har skrivits över. Återställ en tidigare version från historiken "
            f"(naravard history {self.workshop} {doc})."
        )

    def _load(self, doc: str, *, tolerate_damage: bool = False) -> tuple[dict, int]:
        """The current document and the journal's last sequence number (0: no journal yet).

        A current file that is missing, damaged or behind the journal is rebuilt from the
        journal (and the damaged file kept beside it). Without a journal a damaged file raises
        :class:`StoreError`, or with ``tolerate_damage`` counts as empty (restoring over it).
        """
        path = self.file(doc)
        try:
            text: str | None = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None
        except UnicodeDecodeError:
            text = ""
        head = self._head(doc)
        if head is not None and text is not None and journal.doc_hash(text) == head[1]:
            self._text = text
            return json.loads(text), head[0]
        if head is None:
            if text is None:
                return {}, 0
            data = _parse_doc(text)
            if data is None:
                if not tolerate_damage:
                    raise self._damaged(doc)
                self._keep_damaged(doc, text)
                return {}, 0
            return data, 0
        return self._recover(doc, text)

    def _recover(self, doc: str, text: str | None) -> tuple[dict, int]:
        """Bring the current file in line with the journal (see :meth:`_load`)."""
        result = journal.read(self.journal_file(doc))
        entries = result.entries
        if result.damaged_lines:
            log.warning("Journalen för %s i workshoppen %s har skadade rader (%s); de hoppas över.",
                        doc, self.workshop, ", ".join(map(str, result.damaged_lines[:10])))
        state = journal.replay(entries)
        seq = entries[-1].n if entries else 0
        parsed = _parse_doc(text) if text is not None else None
        if parsed is not None and parsed == state:
            pass
        elif parsed is not None and len(entries) > 1 \
                and parsed == journal.replay(entries, upto=entries[-2].n):
            log.info("Den sparade filen %s i workshoppen %s låg en ändring efter journalen; "
                     "ändringen är införd.", doc, self.workshop)
        elif parsed is not None:
            log.warning("Den sparade filen %s i workshoppen %s är ändrad utanför naravard; "
                        "ändringen förs in i journalen.", doc, self.workshop)
            seq = self._append(doc, journal.Entry(
                n=seq + 1, at=journal.now(), by=EXTERNAL_AUTHOR, kind="external",
                hash=journal.doc_hash(_dump(parsed)), ops=journal.diff(state, parsed)))
            state = parsed
        else:
            if text is not None:
                self._keep_damaged(doc, text)
            log.warning("Den sparade filen %s.json i workshoppen %s %s; den är återskapad ur "
                        "journalen (%d ändringar).", doc, self.workshop,
                        "saknades" if text is None else "var skadad", len(entries))
        self._write_current(doc, _dump(state))
        return state, seq

    def _write_current(self, doc: str, text: str) -> None:
        """Rewrite the current file (no fsync: the journal can rebuild it). A failure is logged,
        not raised: the change is already safe in the journal."""
        try:
            atomic_write_text(self.file(doc), text, durable=False)
        except OSError as exc:
            log.warning("Den sparade filen %s.json i workshoppen %s kunde inte skrivas (%s); "
                        "ändringen finns i journalen.", doc, self.workshop, exc)

    def _keep_damaged(self, doc: str, text: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        atomic_write_text(self.path / f"{doc}.json.trasig-{stamp}", text)

    def _append(self, doc: str, entry: journal.Entry) -> int:
        path = self.journal_file(doc)
        journal.repair_tail(path)
        size = journal.append(path, entry)
        self._heads[doc] = (size, (entry.n, entry.hash))
        return entry.n

    # -- reading and writing -----------------------------------------------------------------
    def read(self, doc: str) -> dict:
        """The current document (an empty dict if nothing is saved yet)."""
        with self._locked(doc):
            return self._load(doc)[0]

    def update(self, doc: str, change: Callable[[dict], Any], *, snapshot: bool = False,
               author: str | None = None, kind: str = "change",
               undoes: tuple[int, ...] = (), tolerate_damage: bool = False) -> dict:
        """Apply ``change`` to the freshest saved document under the lock and save it.

        ``change`` mutates the dict it is given (its return value is ignored). The change is
        written to the journal and fsynced before this returns, then the current file is
        replaced. ``snapshot`` is accepted from older callers: every change is kept anyway.
        Returns the saved document.
        """
        del snapshot  # every change is in the journal
        with self._locked(doc):
            return self._update_locked(doc, change, author=author, kind=kind, undoes=undoes,
                                       tolerate_damage=tolerate_damage)

    def _update_locked(self, doc: str, change: Callable[[dict], Any], *, author: str | None,
                       kind: str, undoes: tuple[int, ...] = (),
                       tolerate_damage: bool = False) -> dict:
        self._text = None
        before, seq = self._load(doc, tolerate_damage=tolerate_damage)
        # A second parse of the file just read is several times faster than a deep copy.
        after = json.loads(self._text) if self._text is not None else copy.deepcopy(before)
        change(after)
        if after == before:
            return after
        if seq == 0 and before:
            seq = self._append(doc, journal.Entry(
                n=1, at=journal.now(), by=LEGACY_AUTHOR, kind="base",
                hash=journal.doc_hash(_dump(before)), ops=[{"p": [], "a": before}]))
        text = _dump(after)
        entry = journal.Entry(n=seq + 1, at=journal.now(), by=author or self.author,
                              kind=kind, hash=journal.doc_hash(text),
                              ops=journal.diff(before, after), undoes=undoes)
        self._append(doc, entry)
        self._write_current(doc, text)
        if self._heads[doc][0] > JOURNAL_MAX_BYTES:
            self._rotate(doc, text, entry.n)
        return after

    def set(self, doc: str, path: Path_ | str, value: Any, *, snapshot: bool = False,
            author: str | None = None) -> dict:
        """Save one value at a nested path, leaving everything else as it is on disk."""
        key = (path,) if isinstance(path, str) else tuple(path)
        return self.update(doc, lambda d: set_path(d, key, value), author=author)

    def delete(self, doc: str, path: Path_ | str, *, author: str | None = None) -> dict:
        """Remove one value (the journal keeps it)."""
        key = (path,) if isinstance(path, str) else tuple(path)
        return self.update(doc, lambda d: delete_path(d, key), author=author)

    def replace(self, doc: str, data: dict, *, author: str | None = None,
                kind: str = "change") -> dict:
        """Replace the whole document (the journal keeps the previous one). A damaged current
        file without a journal is replaced too (and kept beside as ``.trasig-…``)."""
        def change(d: dict) -> None:
            d.clear()
            d.update(copy.deepcopy(data))
        return self.update(doc, change, author=author, kind=kind, tolerate_damage=True)

    def _rotate(self, doc: str, text: str, last: int) -> None:
        """Start a new journal from the current document; the full one is kept as an archive."""
        path = self.journal_file(doc)
        entries = journal.read(path).entries
        first = entries[0].n if entries else last
        os.replace(path, path.with_name(f"{doc}.{first}-{last}.jsonl"))
        self._heads.pop(doc, None)
        self._append(doc, journal.Entry(n=last + 1, at=journal.now(), by=SYSTEM_AUTHOR,
                                        kind="base", hash=journal.doc_hash(text),
                                        ops=[{"p": [], "a": json.loads(text)}]))

    # -- history -----------------------------------------------------------------------------
    def entries(self, doc: str) -> list[journal.Entry]:
        """Every change in the current journal, oldest first (damaged lines skipped)."""
        return journal.read(self.journal_file(doc)).entries

    def history(self, doc: str, *, undone: bool = False) -> list[Version]:
        """Every saved change, newest first (then snapshots kept by older versions of naravard);
        ``undone=True``: the old snapshots that undo left behind."""
        if undone:
            return self._snapshots(self._history_dir(doc) / "undone")
        versions = [Version(id=str(e.n), saved_at=e.at.astimezone().replace(tzinfo=None),
                            author=e.by, kind=e.kind, what=describe_ops(e.ops))
                    for e in reversed(self.entries(doc))]
        return versions + self._snapshots(self._history_dir(doc))

    @staticmethod
    def _snapshots(folder: Path) -> list[Version]:
        out = []
        for p in sorted(folder.glob("*.json"), reverse=True):
            try:
                saved = dt.datetime.strptime(p.stem, "%Y%m%dT%H%M%S_%f")
            except ValueError:
                continue
            out.append(Version(id=p.stem, saved_at=saved, path=p, author=LEGACY_AUTHOR,
                               kind="snapshot", what="hela arbetsbladet"))
        return out

    def version(self, doc: str, version_id: str) -> dict:
        """The document as it was right after change ``version_id`` (or an old snapshot)."""
        if version_id.isdigit():
            n = int(version_id)
            folder = self.journal_file(doc).parent
            for path in [self.journal_file(doc), *journal.iter_archives(folder, doc)]:
                entries = journal.read(path).entries
                if entries and entries[0].n <= n <= entries[-1].n:
                    return journal.replay(entries, upto=n)
        else:
            for v in [*self.history(doc), *self.history(doc, undone=True)]:
                if v.id == version_id and v.path is not None:
                    return json.loads(v.path.read_text(encoding="utf-8"))
        raise StoreError(f"Versionen {version_id} finns inte i historiken för {doc}.")

    def restore(self, doc: str, version_id: str, *, author: str | None = None) -> dict:
        """Make an earlier version current again (a new change: the current one stays in the
        history). Works when the current file is damaged."""
        data = self.version(doc, version_id)
        return self.replace(doc, data, author=author, kind="restore")

    def undo(self, doc: str, author: str | None = None) -> dict | None:
        """Revert ``author``'s own last change (default: this workspace's author); None when
        they have nothing left to undo.

        Keystrokes in a row to the same field count as one change. Repeated undo walks further
        back. When someone else has since changed the same field or record, nothing is reverted
        and :class:`UndoConflict` says who and when.
        """
        who = author or self.author
        with self._locked(doc):
            current, _seq = self._load(doc)
            entries = self.entries(doc)
            group = journal.undo_group(entries, who)
            if not group:
                return None
            reverted = copy.deepcopy(current)
            for e in group:  # newest first
                conflict = journal.revert(reverted, e.ops)
                if conflict is not None:
                    raise UndoConflict(journal.shadow_message(entries, group[-1], list(conflict),
                                                              who))
            undone = tuple(e.n for e in group)

            def revert(d: dict) -> None:
                d.clear()
                d.update(reverted)
            return self._update_locked(doc, revert, author=who, kind="undo", undoes=undone)

    # -- locking -----------------------------------------------------------------------------
    def _locked(self, doc: str):
        lock = self._lock(doc)
        return _LockContext(lock, self.workshop)


def _parse_doc(text: str) -> dict | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


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
    """The documents saved in a workshop (a current file, a journal or both)."""
    names = {p.stem for p in ws.path.glob("*.json")}
    names |= {p.stem for p in (ws.path / JOURNAL_DIR).glob("*.jsonl") if "." not in p.stem}
    return sorted(n for n in names if DOC_RE.match(n))


def new_id(prefix: str) -> str:
    """A short random key for a new record (unique even when two sessions add rows at once)."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"
