"""A fingerprint of data/ so that builds notice when the county's data changed."""

from __future__ import annotations

import hashlib
from pathlib import Path


def data_fingerprint(data: Path) -> str:
    """SHA-256 over the relative paths and contents of every file in data/."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(data).parts):
            continue
        digest.update(str(path.relative_to(data)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
