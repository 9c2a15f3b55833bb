"""What every worksheet needs: the workshop session, autosaved fields, status and errors."""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import os
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs

import ipywidgets as w

from naravard.core.access import require_code
from naravard.core.county import County, current_county
from naravard.core.examples import default_workshop
from naravard.core.store import DEFAULT_AUTHOR, DEFAULT_WORKSHOP, Path_, StoreError, Workspace, check_workshop_name, \
    get_path, new_author, open_workspace, workspace_root
from naravard.core.text import escape, table_html
from naravard.core.worksheets import worksheet

log = logging.getLogger("naravard.ui")


#: The workshop and worksheet of this kernel's session, for error lines logged outside it.
_LOG_CONTEXT: dict[str, str] = {}
FILE_FORMAT = "%(asctime)s %(name)s %(levelname)s [%(naravard_where)s] %(message)s"


def _where(record: logging.LogRecord) -> str:
    """``workshop NAME · WORKSHEET TITLE`` for a record: from the record, this kernel's session,
    or the page address Voilà gave the kernel."""
    workshop = getattr(record, "naravard_workshop", None) or _LOG_CONTEXT.get("workshop")
    title = getattr(record, "naravard_worksheet", None) or _LOG_CONTEXT.get("worksheet")
    if workshop is None:
        name = parse_qs(os.environ.get("QUERY_STRING", "")).get("workshop", [""])[-1]
        try:
            workshop = check_workshop_name(name) if name else default_workshop()
        except ValueError:
            workshop = default_workshop()
    if title is None:
        key = os.path.splitext(os.path.basename(os.environ.get("SCRIPT_NAME", "")))[0]
        try:
            title = worksheet(key).title
        except KeyError:
            title = "arbetsbladet"
    return f"workshop {workshop} · {title}"


class WorksheetErrorLine(logging.Formatter):
    """One line for the facilitator's terminal: ``FEL [workshop x · Worksheet] message``, with
    the cause's type and text but no traceback (that is in the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        first, _, more = record.getMessage().strip().partition("\n")
        line = f"FEL [{_where(record)}] {first}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            cause = " ".join(str(exc).split())
            cause = cause if len(cause) <= 160 else cause[:157] + "…"
            line += f" – {type(exc).__name__}" + (f": {cause}" if cause else "")
        elif more:
            line += " (mer i loggfilen)"
        return line


class WorksheetLogFile(logging.Formatter):
    """The log file's entry: time, workshop and worksheet, message and full traceback."""

    def __init__(self) -> None:
        super().__init__(FILE_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        record.naravard_where = _where(record)
        return super().format(record)


def _terminal_stream():
    """The facilitator's terminal: in a kernel, the real stderr behind ipykernel's capture (so
    the line is not also sent to the page); elsewhere ``sys.__stderr__``."""
    copy = getattr(sys.stderr, "_original_stdstream_copy", None)
    if copy is not None:
        return io.TextIOWrapper(io.FileIO(copy, "w", closefd=False), encoding="utf-8",
                                line_buffering=True)
    return sys.__stderr__


def setup_logging() -> None:
    """Worksheet errors: one Swedish line in the facilitator's terminal (``FEL [workshop …
    · arbetsblad] …``), the full traceback in the workspace's naravard.log."""
    logger = logging.getLogger("naravard")
    if getattr(logger, "_naravard_configured", False):
        return
    logger.setLevel(logging.INFO)
    stream = logging.StreamHandler(_terminal_stream())
    stream.setLevel(logging.ERROR)
    stream.setFormatter(WorksheetErrorLine())
    logger.addHandler(stream)
    try:
        path = os.environ.get("NARAVARD_LOG")
        if not path:
            root = workspace_root()
            root.mkdir(parents=True, exist_ok=True)
            path = str(root / "naravard.log")
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(WorksheetLogFile())
        logger.addHandler(handler)
    except Exception:  # noqa: BLE001 - logging must never stop a worksheet
        logger.error("Kunde inte öppna loggfilen i arbetsytan.")
    logger.propagate = False
    logger._naravard_configured = True  # type: ignore[attr-defined]


def request_query() -> dict[str, str]:
    """The page's query string (``?workshop=…``), also with preheated Voilà kernels."""
    query = os.environ.get("QUERY_STRING")
    if query is None and os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        query = get_query_string() or ""
    parsed = parse_qs(query or "")
    return {k: v[-1] for k, v in parsed.items() if v}


def requested_workshop(query: dict[str, str] | None = None) -> str:
    """The workshop named in the address (or $NARAVARD_WORKSHOP); the default workshop only
    when no name is given at all. ``query``: the address already read (:func:`request_query`).

    An invalid name raises :class:`~naravard.core.store.WorkshopNameError` with a Swedish
    message; it never falls back to the shared default workshop.
    """
    query = request_query() if query is None else query
    name = query.get("workshop") or os.environ.get("NARAVARD_WORKSHOP") \
        or default_workshop()
    return check_workshop_name(name)


def field_key(path: Path_ | str) -> str:
    """A short key for a saved path, shared by the field's CSS class (``naravard-key-…``) and
    the status line's ``data-key``: the page's connection script (static/connection.js) keeps
    what was typed in a field until the kernel confirms that it is saved."""
    parts = [path] if isinstance(path, str) else list(path)
    return f"{zlib.crc32(repr(parts).encode('utf-8')):08x}"


def text_hash(value: str) -> str:
    """CRC-32 of the text's UTF-8 bytes, as connection.js computes it for the typed text."""
    return f"{zlib.crc32(value.encode('utf-8')):08x}"


class Status(w.HTML):
    """One line that tells the facilitator whether everything is saved, or what went wrong.

    "Allt sparat" is shown only after the store has fsynced the change; the line carries the
    saved field's key and text hash so that the page can tell which typed text is confirmed.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class("naravard-status")
        self.value = ""
        self._count = 0

    def saved(self, path: Path_ | str | None = None, value: Any = None) -> None:
        now = dt.datetime.now()
        self._count += 1
        attrs = f' data-n="{self._count}"'
        if path is not None and isinstance(value, str):
            attrs += f' data-key="{field_key(path)}" data-hash="{text_hash(value)}"'
        self.value = (f'<span class="naravard-ok"{attrs}>Allt sparat kl. '
                      f'{now:%H.%M.%S}</span>')

    def error(self, message: str) -> None:
        self.value = f'<span class="naravard-error" role="alert">{escape(message)}</span>'

    def info(self, message: str) -> None:
        self.value = f'<span class="naravard-info">{escape(message)}</span>'


@dataclass
class Session:
    """A worksheet's connection to the county and to the workshop's saved work.

    The one saving API of every worksheet: ``read`` the saved document (``snapshot`` makes a
    page drawn in one go read the file once), ``save`` one value at a path, ``update`` the
    document with a function under the lock. Both show "saved" or a Swedish error in
    ``status``, never a traceback, and tell the listeners registered with ``on_saved``.
    """

    worksheet: str
    county: County
    workspace: Workspace
    status: Status = field(default_factory=Status)
    _snapshot: dict | None = field(default=None, init=False, repr=False)
    _listeners: list[Callable[[dict], None]] = field(default_factory=list, init=False, repr=False)
    #: Who this page's changes are recorded as in the journal (one id per page and kernel).
    author: str = field(default="", init=False)

    def __post_init__(self) -> None:
        if self.workspace.author == DEFAULT_AUTHOR:
            self.workspace.author = new_author()
        self.author = self.workspace.author
        _LOG_CONTEXT.update(self._log_where())

    def _log_where(self) -> dict[str, str]:
        try:
            title = worksheet(self.worksheet).title
        except KeyError:
            title = self.worksheet
        return {"workshop": self.workspace.workshop, "worksheet": title}

    def _log_error(self, message: str, *args: Any, exc_info: bool = False) -> None:
        """Log an error for the facilitator, tagged with this session's workshop and worksheet."""
        where = self._log_where()
        log.error(message, *args, exc_info=exc_info,
                  extra={"naravard_workshop": where["workshop"],
                         "naravard_worksheet": where["worksheet"]})

    @property
    def doc(self) -> str:
        return self.worksheet

    def read(self) -> dict:
        """The saved document (the snapshot's copy while ``snapshot`` is active)."""
        if self._snapshot is not None:
            return self._snapshot
        return self.workspace.read(self.doc)

    @contextmanager
    def snapshot(self) -> Iterator[dict]:
        """While a page is drawn, every field reads the same saved document (one file read)."""
        outer = self._snapshot
        self._snapshot = self.workspace.read(self.doc) if outer is None else outer
        try:
            yield self._snapshot
        finally:
            self._snapshot = outer

    def on_saved(self, listener: Callable[[dict], None]) -> None:
        """Call ``listener`` with the saved document after every successful save."""
        self._listeners.append(listener)

    def forget_listeners(self) -> None:
        """Drop every listener: the page is about to be built anew (after undo)."""
        self._listeners.clear()

    def _saved(self, data: dict, path: Path_ | str | None = None, value: Any = None) -> None:
        self._snapshot = None if self._snapshot is None else data
        self.status.saved(path, value)
        for listener in list(self._listeners):
            listener(data)

    def save(self, path: Path_ | str, value: Any, *, snapshot: bool = False) -> dict | None:
        """Save one value; show "saved" or a Swedish error, never a traceback."""
        try:
            data = self.workspace.set(self.doc, path, value, snapshot=snapshot)
        except StoreError as exc:
            self.status.error(str(exc))
            self._log_error("%s", exc)
            return None
        except Exception:  # noqa: BLE001
            shown = ".".join(map(str, path)) if isinstance(path, (tuple, list)) else path
            self._log_error("Kunde inte spara %s", shown, exc_info=True)
            self.status.error("Kunde inte spara. Det du skrev finns kvar i fältet; försök igen. "
                              "Facilitatorn kan se orsaken i terminalen.")
            return None
        self._saved(data, path, value)
        return data

    def update(self, change: Callable[[dict], Any], *, snapshot: bool = False,
               on_error: Callable[[ValueError], None] | None = None) -> dict | None:
        """Apply ``change`` to the saved document under the lock and save it.

        A ``ValueError`` raised by ``change`` (a Swedish message) saves nothing: it goes to
        ``on_error`` when given (to show it at the field), and to the status line.
        """
        try:
            data = self.workspace.update(self.doc, change, snapshot=snapshot)
        except StoreError as exc:
            self.status.error(str(exc))
            self._log_error("%s", exc)
            return None
        except ValueError as exc:
            if on_error is not None:
                on_error(exc)
            self.status.error(str(exc))
            return None
        except Exception:  # noqa: BLE001
            self._log_error("Kunde inte spara ändringen", exc_info=True)
            self.status.error("Kunde inte spara ändringen. Facilitatorn kan se orsaken i terminalen.")
            return None
        self._saved(data)
        return data

    def guarded(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a widget callback: errors become a Swedish status line and a log entry."""

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except (ValueError, StoreError) as exc:
                self.status.error(str(exc))
            except Exception:  # noqa: BLE001
                self._log_error("Fel i arbetsbladet", exc_info=True)
                self.status.error("Något gick fel. Det som redan är sparat finns kvar. "
                                  "Facilitatorn kan se orsaken i terminalen.")
            return None

        return wrapper


def start_session(worksheet: str, workshop: str | None = None,
                  code: str | None = None) -> Session:
    """Open the county and the workshop named in the page address.

    An invalid workshop name raises :class:`~naravard.core.store.WorkshopNameError` before
    anything is opened or written (see :func:`naravard.ui.app.run`). A workshop with an access
    code opens only with the right one (``code``, else ``?kod=`` in the address), otherwise
    :class:`~naravard.core.access.AccessDenied`.
    """
    setup_logging()
    county = current_county()
    # The address is read once: a preheated kernel waits for it until the page is requested.
    query = request_query() if workshop is None or code is None else {}
    ws = open_workspace(workshop or requested_workshop(query))
    require_code(ws.path, ws.workshop, code if code is not None else query.get("kod"))
    return Session(worksheet=worksheet, county=county, workspace=ws)


def header(session: Session) -> w.HTML:
    """The worksheet's title bar: title and introduction from the registry, county, workshop
    and links back to the start page and the handbook."""
    sheet = worksheet(session.worksheet)
    title, intro = sheet.title, sheet.intro
    c = session.county
    note = (f' <span class="naravard-note">({escape(c.name)} är ett påhittat län.)</span>'
            if c.fictional else "")
    html = (
        '<header class="naravard-header">'
        f'<nav><a href="/">Startsida</a> · <a href="/bok/intro.html">Handboken</a></nav>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="naravard-meta">{escape(c.name)} · workshop '
        f'<strong class="naravard-workshop">{escape(session.workspace.workshop)}</strong>{note}</p>'
        f"<p>{escape(intro)}</p>"
        "</header>"
    )
    return w.HTML(html)


def autosaved_text(session: Session, path: Path_, label: str, *, placeholder: str = "",
                   multiline: bool = False, check: Callable[[str], str | None] | None = None,
                   rows: int = 4) -> w.VBox:
    """A text field that shows what is saved and saves every keystroke.

    ``check`` returns a Swedish message when the value must not be saved; the message then
    appears under the field and the saved value is left untouched.
    """
    saved = get_path(session.read(), path, "") or ""
    kwargs: dict[str, Any] = dict(value=str(saved), placeholder=placeholder,
                                  continuous_update=True, layout=w.Layout(width="auto"))
    field_widget = w.Textarea(rows=rows, **kwargs) if multiline else w.Text(**kwargs)
    field_widget.add_class("naravard-field")
    field_widget.add_class(f"naravard-key-{field_key(path)}")
    message = w.HTML("")
    message.add_class("naravard-field-message")

    def on_change(change: dict) -> None:
        value = change["new"]
        problem = check(value) if check else None
        if problem:
            message.value = f'<span class="naravard-error" role="alert">{escape(problem)}</span>'
            session.status.error(f"{label}: {problem} Det som redan var sparat är oförändrat.")
            return
        message.value = ""
        session.save(path, value)

    field_widget.observe(session.guarded(on_change), names="value")
    box = w.VBox([*caption(label, field_widget), message])
    box.add_class("naravard-field-box")
    box.field = field_widget  # type: ignore[attr-defined]
    box.message = message  # type: ignore[attr-defined]
    return box


def error_html(message: str) -> str:
    """A refusal or error shown at a field (announced by screen readers)."""
    return f'<span class="naravard-error" role="alert">{escape(message)}</span>'


def ok_html(message: str) -> str:
    """A confirmation shown at a field."""
    return f'<span class="naravard-ok">{escape(message)}</span>'


#: Controls whose ``description`` ipywidgets renders as a real ``<label for>`` of the control.
_LABELLABLE = (w.Text, w.Textarea, w.Dropdown, w.Select, w.SelectMultiple, w.Combobox,
               w.IntText, w.FloatText, w.BoundedIntText, w.BoundedFloatText, w.DatePicker,
               w.ToggleButtons, w.RadioButtons, w.IntSlider, w.FloatSlider, w.SelectionSlider)


def caption(label: str, widget: w.Widget) -> list[w.Widget]:
    """The caption of a field, tied to its control (WCAG 1.3.1, 4.1.2).

    For an ipywidgets control the caption becomes its ``description``, which ipywidgets
    renders as a ``<label for>`` of the control (shown above it by worksheet.css, class
    ``naravard-captioned``); returns ``[widget]``. Anything else gets a caption line above:
    ``[caption, widget]``.
    """
    if isinstance(widget, _LABELLABLE) and not widget.description:
        widget.description = label
        widget.add_class("naravard-captioned")
        return [widget]
    return [w.HTML(f'<span class="naravard-label">{escape(label)}</span>'), widget]


def labelled(label: str, widget: w.Widget) -> w.VBox:
    """A field with its caption (a real label of the control, see :func:`caption`) above and a
    message line below (``box.message``) for refusals."""
    message = w.HTML("")
    message.add_class("naravard-field-message")
    box = w.VBox([*caption(label, widget), message])
    box.add_class("naravard-field-box")
    box.message = message  # type: ignore[attr-defined]
    return box


def sheet_table(header: list[str], rows: list[list[Any]], css: str = "") -> str:
    """A worksheet table in the sheets' table style; every header and cell is escaped."""
    return table_html(header, rows, css=f"naravard-table {css}".strip())
