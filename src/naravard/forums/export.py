"""The forum map as a file to take away: Excel, CSV, GraphML or JSON.

The worksheet's download buttons and ``naravard export forums`` (:mod:`naravard.app.export`)
both call :func:`export_forums`; the formats themselves are written by :mod:`.fileio`.
"""

from __future__ import annotations

import datetime as dt

from naravard.core.county import County
from naravard.forums.fileio import FORMATS
from naravard.forums.writers import MIME, export_bytes, export_filename

__all__ = ["FORMATS", "export_forums"]


def export_forums(doc: dict, county: County, workshop: str, fmt: str,
                  today: dt.date | None = None) -> tuple[bytes, str, str]:
    """The saved forum map as ``(content, filename, mime type)`` in one of :data:`FORMATS`."""
    content = export_bytes(doc, fmt, county_name=county.name,
                           principals=county.principal_choices())
    return content, export_filename(workshop, fmt, today), MIME[fmt]
