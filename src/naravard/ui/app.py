"""Start a worksheet inside Voilà or Jupyter: build its UI and show it, never a traceback."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Callable

import ipywidgets as w
from IPython.display import display

from naravard.core.access import AccessDenied
from naravard.core.problems import DataError
from naravard.core.store import WorkshopNameError, author_label
from naravard.core.text import escape
from naravard.ui.common import Session, setup_logging, start_session

log = logging.getLogger("naravard.ui")


def stylesheet() -> w.HTML:
    css = resources.files("naravard").joinpath("static", "worksheet.css").read_text("utf-8")
    return w.HTML(f"<style>{css}</style>")


def _fill(app: w.VBox, session: Session, build: Callable[[Session], w.Widget],
          toolbar: w.Widget) -> None:
    session.forget_listeners()
    app.children = (stylesheet(), build(session), toolbar)


def undo_toolbar(session: Session, rebuild: Callable[[], None]) -> w.HBox:
    """"Ångra" reverts this page's own last change (never anyone else's) and redraws the sheet.

    When someone has since changed the same field or record, nothing is reverted and the status
    line says whose change it would have overwritten.
    """
    button = w.Button(description="Ångra senaste ändringen", icon="",
                      tooltip="Ångrar den senaste ändringen du gjorde på den här sidan. Andras "
                              "ändringar berörs inte. Allt finns kvar i historiken.")
    who = escape(author_label(session.author))
    note = w.HTML(f'<span class="naravard-help">Du är <strong class="naravard-author">{who}'
                  "</strong> i historiken. Varje ändring sparas med vem och när; facilitatorn "
                  "kan återställa tidigare versioner med <code>naravard history</code>.</span>")

    @session.guarded
    def on_undo(_button) -> None:
        restored = session.workspace.undo(session.doc, author=session.author)
        if restored is None:
            session.status.info("Du har inga fler egna ändringar på den här sidan att ångra.")
            return
        rebuild()
        session.status.info("Din senaste ändring är ångrad.")

    button.on_click(on_undo)
    bar = w.HBox([button, note])
    bar.add_class("naravard-toolbar")
    bar.button = button  # type: ignore[attr-defined]
    return bar


def invalid_workshop_html(message: str) -> str:
    """The page shown instead of a worksheet when the address names an invalid workshop:
    what is wrong, what is allowed, and the way back to the start page. Nothing is opened."""
    return ('<div class="naravard-error" role="alert"><h2>Workshopnamnet går inte att '
            f"använda</h2><p>{escape(message)}</p><p>Ingen workshop har öppnats och inget har "
            'sparats. <a href="/">Gå tillbaka till startsidan</a> och skriv ett annat '
            "workshopnamn.</p></div>")


def preheated() -> bool:
    """Whether this kernel is one of Voilà's preheated kernels, started before its page."""
    import os

    return os.environ.get("VOILA_PREHEAT") == "True"


#: Logged (to the log file) when a preheated kernel has prepared and waits for its page.
WARMED = "Förvärmd kärna väntar på sin sida:"


def warm_up(worksheet: str, prepare: Callable[[], None] | None) -> bool:
    """In a preheated kernel, do what does not depend on the workshop before the page is
    requested: ``prepare`` loads the county, the guides and the chart libraries and draws each
    chart once. Returns whether it ran; a failure is only logged (the page then does it)."""
    if prepare is None or not preheated():
        return False
    setup_logging()
    try:
        prepare()
    except Exception:  # noqa: BLE001 - the page still opens; the work is done on request
        log.warning("Förvärmningen av %s misslyckades", worksheet, exc_info=True)
        return False
    log.info("%s %s", WARMED, worksheet)
    return True


def access_code_html(exc: AccessDenied) -> str:
    """The page shown instead of a worksheet whose workshop needs an access code: why, and a
    form that opens the same page with the code. Nothing of the workshop is shown."""
    return ('<div class="naravard-access" role="alert"><h2>Workshoppen kräver en kod</h2>'
            f"<p>{escape(str(exc))}</p>"
            '<form method="get" class="naravard-access-form">'
            f'<input type="hidden" name="workshop" value="{escape(exc.workshop)}">'
            '<label>Kod för workshoppen <input type="password" name="kod" required '
            'autocomplete="off" autofocus></label> <button type="submit">Öppna</button></form>'
            '<p><a href="/">Till startsidan</a></p></div>')


def run(worksheet: str, build: Callable[[Session], w.Widget], workshop: str | None = None,
        prepare: Callable[[], None] | None = None) -> w.Widget:
    """Open the session, build the worksheet's widget tree and display it.

    Any failure becomes a Swedish message on the page; the traceback goes to the facilitator's
    terminal and log file. An invalid workshop name in the address shows what is allowed and a
    link back to the start page, and opens nothing (never the shared default workshop).
    In a preheated kernel ``prepare`` runs first (:func:`warm_up`); the workshop named in the
    page's address is applied when the page is requested.
    """
    warm_up(worksheet, prepare)
    try:
        session = start_session(worksheet, workshop)
        app = w.VBox()
        toolbar = undo_toolbar(session, lambda: _fill(app, session, build, toolbar))
        _fill(app, session, build, toolbar)
    except AccessDenied as exc:
        log.warning("Arbetsbladet %s öppnades inte: %s", worksheet,
                    "fel kod" if exc.given else "kod saknas",
                    extra={"naravard_workshop": exc.workshop})
        app = w.HTML(access_code_html(exc))
    except WorkshopNameError as exc:
        log.warning("Arbetsbladet %s öppnades inte: %s", worksheet, exc,
                    extra={"naravard_workshop": "(ogiltigt namn)"})
        app = w.HTML(invalid_workshop_html(str(exc)))
    except DataError as exc:
        log.error("Fel i data/: %s", exc)
        app = w.HTML(f'<div class="naravard-error" role="alert"><h2>Fel i data/</h2><pre>'
                     f"{escape(exc)}</pre><p>Rätta filerna och ladda om sidan.</p></div>")
    except Exception:  # noqa: BLE001
        log.exception("Arbetsbladet %s kunde inte starta", worksheet)
        app = w.HTML('<div class="naravard-error" role="alert"><h2>Arbetsbladet kunde inte '
                     "starta</h2><p>Det som redan är sparat finns kvar. Be facilitatorn titta i "
                     "terminalen eller i loggfilen naravard.log i arbetsytan.</p></div>")
    app.add_class("naravard-app")
    display(app)
    return app
