"""The change journal: one append-only file of JSON lines per worksheet document.

Every change saved in a workshop is one line: its sequence number, time, author (the page's
session id), kind and the paths it changed with their values before and after. A line is
written whole and fsynced before the change counts as saved, so the journal holds every
acknowledged change even when the current JSON file is lost or damaged. This module knows the
file format and the path-level diff; :mod:`naravard.core.store` decides when to write.

Format of a line (keys in this order; ``ops`` last so that the head of a line is cheap to read)::

    {"n": 12, "t": "2026-05-04T09:12:31.123+00:00", "by": "sida-3f2a9c", "kind": "change",
     "h": "<hash of the document after the change>", "undoes": [10, 11],
     "ops": [{"p": ["forums", "f1", "name"], "b": "Läns", "a": "Länsgruppen"}]}

``b`` is missing when the path did not exist before, ``a`` when it was removed. A path ``[]``
is the whole document (used by ``base`` entries, which start a journal from a known document).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

log = logging.getLogger("naravard.core.journal")

#: Kinds of entries: a change typed in a worksheet, a whole document the journal starts from,
#: an undo, a restored earlier version, and a change found in the JSON file made outside naravard.
KINDS = ("change", "base", "undo", "restore", "external")
_MISSING = object()
#: What :func:`value_at` returns for a path that does not exist.
MISSING = _MISSING


@dataclass(frozen=True)
class Entry:
    """One line of the journal."""

    n: int
    at: dt.datetime
    by: str
    kind: str
    hash: str
    ops: list[dict] = field(default_factory=list)
    undoes: tuple[int, ...] = ()

    def paths(self) -> list[tuple]:
        """The paths this entry changed."""
        return [tuple(op["p"]) for op in self.ops]

    def to_line(self) -> bytes:
        record: dict[str, Any] = {"n": self.n, "t": self.at.isoformat(timespec="milliseconds"),
                                  "by": self.by, "kind": self.kind, "h": self.hash}
        if self.undoes:
            record["undoes"] = list(self.undoes)
        record["ops"] = self.ops
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    @classmethod
    def from_line(cls, line: bytes) -> "Entry":
        """Parse one line; ``ValueError`` when it is not a whole, valid entry."""
        record = json.loads(line.decode("utf-8"))
        if not isinstance(record, dict) or not isinstance(record.get("ops"), list):
            raise ValueError("not a journal entry")
        return cls(n=int(record["n"]), at=dt.datetime.fromisoformat(record["t"]),
                   by=str(record.get("by", "")), kind=str(record.get("kind", "change")),
                   hash=str(record.get("h", "")), ops=record["ops"],
                   undoes=tuple(int(x) for x in record.get("undoes", ())))


@dataclass
class ReadResult:
    """The entries of a journal file, and whether a damaged line was skipped."""

    entries: list[Entry]
    damaged_lines: list[int] = field(default_factory=list)
    damaged_tail: bytes = b""


def doc_hash(text: str) -> str:
    """The hash of a document as written in its JSON file."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- authors and undo ------------------------------------------------------------------------

#: Changes by one page to the same fields less than this many seconds apart undo together
#: (the keystrokes of one word or sentence).
UNDO_GROUP_S = 60.0
DEFAULT_AUTHOR = "okand"
CLI_AUTHOR = "kommandoraden"
LEGACY_AUTHOR = "tidigare"
EXTERNAL_AUTHOR = "extern"
SYSTEM_AUTHOR = "naravard"
AUTHOR_LABELS = {DEFAULT_AUTHOR: "okänd session", CLI_AUTHOR: "facilitatorn (kommandoraden)",
                 LEGACY_AUTHOR: "sparat före journalen", EXTERNAL_AUTHOR: "ändring utanför naravard",
                 SYSTEM_AUTHOR: "naravard"}


def new_author() -> str:
    """A fresh author id for one page (one worksheet kernel): ``sida-`` and 8 hex digits."""
    return f"sida-{uuid.uuid4().hex[:8]}"


def author_label(author: str) -> str:
    """A short Swedish label for an author id, as shown in history and messages."""
    if author.startswith("sida-"):
        return f"deltagare {author[5:9].upper()}"
    return AUTHOR_LABELS.get(author, author or AUTHOR_LABELS[DEFAULT_AUTHOR])


def describe_ops(ops: list[dict]) -> str:
    """Which fields or records an entry changed, in a few words."""
    if not ops:
        return "ingen ändring"
    if any(not op["p"] for op in ops):
        return "hela arbetsbladet"
    first = " › ".join(str(k) for k in ops[0]["p"])
    first = first if len(first) <= 60 else first[:59] + "…"
    verb = "tog bort" if "a" not in ops[0] else ("lade till" if "b" not in ops[0] else "ändrade")
    more = f" (och {len(ops) - 1} till)" if len(ops) > 1 else ""
    return f"{verb} {first}{more}"


def undo_group(entries: list[Entry], who: str) -> list[Entry]:
    """``who``'s last change not yet undone, with the keystrokes before it to the same fields
    (newest first)."""
    undone = {n for e in entries if e.kind == "undo" for n in e.undoes}
    own = [e for e in entries if e.by == who and e.kind in ("change", "restore")
           and e.n not in undone and e.ops]
    if not own:
        return []
    group = [own[-1]]
    if not _keystroke(own[-1]):
        return group
    paths = own[-1].paths()
    for e in reversed(own[:-1]):
        gap = (group[-1].at - e.at).total_seconds()
        same_field = all(any(overlaps(p, q) for q in paths) for p in e.paths())
        if not (_keystroke(e) and same_field) or gap > UNDO_GROUP_S:
            break
        group.append(e)
    return group


def _keystroke(entry: Entry) -> bool:
    """Whether an entry is one keystroke in a text field: one text value set (perhaps creating
    the dictionaries on its path)."""
    def one_text(value: Any) -> bool:
        if isinstance(value, dict):
            return len(value) == 1 and one_text(next(iter(value.values())))
        return isinstance(value, str)
    return len(entry.ops) == 1 and "a" in entry.ops[0] and one_text(entry.ops[0]["a"])


def revert(doc: dict, ops: list[dict]) -> tuple | None:
    """Undo ``ops`` in ``doc`` (in place) where the values are still what they set; returns the
    first path someone has changed since (nothing is reverted there), or None.

    Inside a record or a dictionary the change added, keys added later by others are kept:
    undoing "add forum f1" leaves the forum f2 added since in place.
    """
    for op in reversed(ops):
        conflict = _revert_value(doc, tuple(op["p"]), op.get("b", _MISSING),
                                 op.get("a", _MISSING))
        if conflict is not None:
            return conflict
    return None


def _revert_value(doc: dict, path: tuple, before: Any, after: Any) -> tuple | None:
    current = value_at(doc, path) if path else doc
    if current is after or current == after:
        if not path:
            doc.clear()
            doc.update(copy.deepcopy(before) if isinstance(before, dict) else {})
        elif before is _MISSING:
            _delete(doc, list(path))
        else:
            _set(doc, list(path), copy.deepcopy(before))
        return None
    if isinstance(current, dict) and isinstance(after, dict) \
            and (before is _MISSING or isinstance(before, dict)):
        old = before if isinstance(before, dict) else {}
        for key in [*after, *(k for k in old if k not in after)]:
            conflict = _revert_value(doc, (*path, key), old.get(key, _MISSING),
                                     after.get(key, _MISSING))
            if conflict is not None:
                return conflict
        if before is _MISSING and path and value_at(doc, path) == {}:
            _delete(doc, list(path))
        return None
    return path


def shadow_message(entries: list[Entry], first: Entry, path: list, who: str) -> str:
    """Why ``who`` cannot undo the change at ``path``: whose later change would be lost."""
    later = [e for e in entries if e.n > first.n and e.by != who
             and any(overlaps(tuple(path), p) for p in e.paths())]
    shown = " › ".join(map(str, path)) or "hela arbetsbladet"
    if later:
        other = later[-1]
        when = other.at.astimezone().strftime("%H.%M.%S")
        by = f"{author_label(other.by)} kl. {when}"
    else:
        by = "någon annan"
    return (f"Din senaste ändring ({shown}) skrevs senare över av {by}. Ångra gör därför "
            "ingenting, så att ingen annans arbete försvinner. Ändra fältet för hand, eller be "
            "facilitatorn återställa en version med naravard history.")


# -- diff and replay ---------------------------------------------------------------------------

def diff(before: Any, after: Any, path: tuple = ()) -> list[dict]:
    """The path-level changes that turn ``before`` into ``after``: dictionaries are compared key
    by key, anything else (lists, text, numbers) is replaced whole at its path."""
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict) and path is not None:
        ops: list[dict] = []
        for key, value in after.items():
            old = before.get(key, _MISSING)
            if old is _MISSING:
                ops.append({"p": [*path, key], "a": value})
            elif old != value:
                ops.extend(diff(old, value, (*path, key)))
        for key, value in before.items():
            if key not in after:
                ops.append({"p": [*path, key], "b": value})
        return ops
    return [{"p": list(path), "b": before, "a": after}]


def apply_ops(doc: dict, ops: list[dict], *, reverse: bool = False) -> dict:
    """Apply ``ops`` to ``doc`` (in place, returned); ``reverse=True`` undoes them."""
    for op in (reversed(ops) if reverse else ops):
        key = "b" if reverse else "a"
        path = op["p"]
        if not path:
            doc = copy.deepcopy(op[key]) if key in op and isinstance(op[key], dict) else {}
            continue
        if key in op:
            _set(doc, path, copy.deepcopy(op[key]))
        else:
            _delete(doc, path)
    return doc


def value_at(doc: Any, path: list | tuple) -> Any:
    """The value at ``path``, or the module's missing marker (see :func:`is_missing`)."""
    current = doc
    for key in path:
        if isinstance(current, dict) and key in current:
            current = current[key]
        elif isinstance(current, list) and isinstance(key, int) and -len(current) <= key < len(current):
            current = current[key]
        else:
            return _MISSING
    return current


def is_missing(value: Any) -> bool:
    return value is _MISSING


def _set(doc: dict, path: list, value: Any) -> None:
    current: Any = doc
    for key in path[:-1]:
        if isinstance(current, list) and isinstance(key, int) and key < len(current):
            current = current[key]
            continue
        nxt = current.get(key) if isinstance(current, dict) else None
        if not isinstance(nxt, (dict, list)):
            nxt = {}
            current[key] = nxt
        current = nxt
    if isinstance(current, list) and isinstance(path[-1], int):
        if path[-1] < len(current):
            current[path[-1]] = value
        else:
            current.append(value)
    else:
        current[path[-1]] = value


def _delete(doc: dict, path: list) -> None:
    parent = value_at(doc, path[:-1]) if len(path) > 1 else doc
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
    elif isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
        del parent[path[-1]]


def overlaps(a: tuple, b: tuple) -> bool:
    """Whether one path lies inside the other (or they are the same)."""
    n = min(len(a), len(b))
    return tuple(a[:n]) == tuple(b[:n])


def replay(entries: list[Entry], upto: int | None = None) -> dict:
    """The document after every entry (or after entry ``upto``), starting from nothing."""
    doc: dict = {}
    for entry in entries:
        if upto is not None and entry.n > upto:
            break
        doc = apply_ops(doc, entry.ops)
    return doc


# -- the file ----------------------------------------------------------------------------------

def read(path: Path) -> ReadResult:
    """Every whole entry of a journal file. A damaged line (a half-written last line after a
    crash, or a line damaged by hand) is skipped and reported in the result; it never blocks."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ReadResult([])
    result = ReadResult([])
    lines = raw.split(b"\n")
    tail = lines.pop()  # after the last newline: empty unless the last line is half-written
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            result.entries.append(Entry.from_line(line))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            result.damaged_lines.append(number)
    if tail.strip():
        result.damaged_tail = tail
        result.damaged_lines.append(len(lines) + 1)
    return result


def last_head(path: Path) -> tuple[int, str] | None:
    """The sequence number and document hash of the last whole line, read from the file's end
    (a half-written or damaged line is passed over). None for an empty or missing journal."""
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return None
    with fh:
        size = fh.seek(0, os.SEEK_END)
        block = 65536
        while True:
            start = max(0, size - block)
            fh.seek(start)
            lines = fh.read(size - start).split(b"\n")
            whole = lines[:-1] if start == 0 else lines[1:-1]
            for line in reversed(whole):
                head = _head(line)
                if head is not None:
                    return head
            if start == 0:
                return None
            block *= 4


def _head(line: bytes) -> tuple[int, str] | None:
    if not line.strip():
        return None
    try:
        entry = Entry.from_line(line)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return entry.n, entry.hash


def repair_tail(path: Path) -> bytes:
    """Cut a half-written last line off the journal before appending (it was never
    acknowledged) and keep it beside the journal as ``<name>.trasig-<time>``. Returns the cut
    bytes (empty when the journal ends cleanly)."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0:
                return b""
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return b""
            back = min(size, 1 << 20)
            fh.seek(size - back)
            chunk = fh.read(back)
    except FileNotFoundError:
        return b""
    if chunk.endswith(b"\n"):
        return b""
    cut = chunk.rfind(b"\n")
    if cut < 0 and back < size:
        # One enormous unfinished line: keep everything, start the next entry on a new line.
        with open(path, "ab") as fh:
            fh.write(b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        return b""
    tail = chunk[cut + 1:]
    stamp = now().strftime("%Y%m%dT%H%M%S")
    (path.parent / f"{path.name}.trasig-{stamp}").write_bytes(tail)
    with open(path, "r+b") as fh:
        fh.truncate(size - len(tail))
        fh.flush()
        os.fsync(fh.fileno())
    log.warning("Journalen %s slutade med en halvskriven rad (%d byte) som aldrig bekräftades; "
                "den är flyttad till %s.trasig-%s", path, len(tail), path.name, stamp)
    return tail


def append(path: Path, entry: Entry) -> int:
    """Append one entry and fsync it; returns the journal's size afterwards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        size = os.fstat(fd).st_size
        try:
            os.write(fd, entry.to_line())
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)  # not acknowledged: take the line back out
            raise
        if size == 0:
            _fsync_dir(path.parent)  # a new journal: make its name durable too
        return os.fstat(fd).st_size
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def iter_archives(folder: Path, doc: str) -> Iterator[Path]:
    """Rotated journals of ``doc``, oldest first (``<doc>.<first>-<last>.jsonl``)."""
    def first(p: Path) -> int:
        try:
            return int(p.name[len(doc) + 1:].split("-")[0])
        except ValueError:
            return -1
    yield from sorted(folder.glob(f"{doc}.*-*.jsonl"), key=first)
