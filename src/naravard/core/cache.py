"""Data files read once and kept until they change: the county, the guides, the catalogues."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_CACHE: dict[tuple, object] = {}
_LOCK = threading.Lock()
_MAX_ENTRIES = 64


def _stamp(file: Path) -> tuple[int, int]:
    try:
        stat = file.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def cached_load(folder: Path, file_name: str, load: Callable[[Path], T]) -> T:
    """``load(folder)``, cached until ``folder/file_name`` changes (time or size).

    Errors are not cached: a broken file is read again on the next call, so a fix is seen at once.
    """
    folder = folder.resolve()
    key = (getattr(load, "__module__", ""), getattr(load, "__qualname__", repr(load)),
           str(folder), file_name, _stamp(folder / file_name))
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]  # type: ignore[return-value]
    value = load(folder)
    with _LOCK:
        if len(_CACHE) >= _MAX_ENTRIES:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = value
    return value
