"""One local server for everything: start page, the built handbook and the Voilà worksheets.

It is Voilà (serving only ``worksheets/``) with three more routes:
``/`` the start page, ``/bok/…`` the static handbook, ``/naravard/static/…`` the local vega
bundle for charts. In LAN mode every route, the handbook included, requires the access token.
``/logout`` forgets the login and returns to the start page, and a malformed address under
``/voila/templates/`` answers 404 (both were server errors in upstream Voilà).

Sized for a room (:func:`voila_argv`): 30 pages opened at once on 2 cores take minutes to
render, so the executor's IOPub timeout and the kernel start timeout are
:data:`ROOM_TIMEOUT_S` – Voilà drops a cell's output that arrives after the IOPub timeout and
leaves the page blank. A kernel without a page attached (a bare GET, a tab closed without a
goodbye) is shut down after ``idle_minutes``; a kernel with a page attached is never culled,
and a page whose connection drops has the whole idle time to reconnect
(:class:`NaravardKernelManager`).

The facilitator's terminal shows only the addresses, progress and real problems, each in one
Swedish line; routine Jupyter, Voilà and tornado messages go to ``naravard.log`` in the
workspace (:func:`install_logging`). The worksheets' kernels start through
:func:`naravard.app.kernel.kernel_main`, which does the same for the kernel's own messages.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import secrets
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_server._tz import utcnow
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.ioloop import IOLoop
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler

from naravard.core.county import current_county
from naravard.app.landing import landing_page
from naravard.core.store import DEFAULT_WORKSHOP, list_workshops, workspace_root
from naravard.core.worksheets import WORKSHEETS

log = logging.getLogger("naravard.app.server")

mimetypes.add_type("text/javascript", ".mjs")
TEMPLATE_ROOT = Path(__file__).resolve().parent.parent / "share" / "jupyter"
PAGE_SCRIPTS = Path(__file__).resolve().parent.parent / "static"
#: The log file in the workspace; its path reaches the kernels in this environment variable.
LOG_NAME = "naravard.log"
LOG_ENV = "NARAVARD_LOG"
FILE_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"
#: Python kernels start through naravard's launcher (routine kernel messages to the log file).
KERNEL_ARGV = [sys.executable, "-c", "from naravard.app.kernel import kernel_main; kernel_main()",
               "-f", "{connection_file}"]
HIDDEN = "[dold]"
#: ``token=`` (the server's access token) and ``kod=`` (a workshop's access code) in addresses.
_TOKEN_PARAM = re.compile(r"(?i)(\b(?:token|kod)=)[^&\s'\"#<>]+")
#: Voilà's and jupyter_client's messages that the terminal translates (format strings).
POOL_FILLED = "Kernel pool of %s is filled with %s kernel(s)"
RESTARTING = "restarting kernel"
RESTART_FAILED = "restart failed"
#: Seconds a room may need before a worksheet's kernel starts or a cell's output arrives
#: (30 pages at once on 2 cores: 207 s in total).
ROOM_TIMEOUT_S = 600
#: Minutes a kernel with no page attached is kept before it is shut down.
DEFAULT_IDLE_MINUTES = 5.0
#: Seconds before a room's preheated kernel that a page took is replaced: after the room's
#: rush, so that the new kernels do not compete with the participants' pages for the CPU.
ROOM_REFILL_DELAY_S = 60.0
#: Preheated kernels kept for a room's worksheet once its first pool is started: for a late
#: participant or a reload. Refilling the whole room would start 30 more kernels (4 GB) a
#: minute after 30 participants took theirs.
ROOM_RESERVE = 3


class ServeError(RuntimeError):
    """The server cannot start; the message says why, in Swedish."""


class LandingHandler(JupyterHandler):
    """``/``: the start page."""

    def initialize(self, book_dir: str) -> None:
        self.book_dir = Path(book_dir)

    @web.authenticated
    def get(self) -> None:
        county = current_county()
        html = landing_page(county, list_workshops(workspace_root()),
                            book_built=(self.book_dir / "intro.html").exists())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(html)


class ProtectedStaticHandler(JupyterHandler, web.StaticFileHandler):
    """Static files behind the same login as the worksheets (the access token in LAN mode)."""

    @web.authenticated
    def head(self, path: str):
        return web.StaticFileHandler.head(self, path)

    @web.authenticated
    def get(self, path: str, include_body: bool = True):
        return web.StaticFileHandler.get(self, path, include_body)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if status_code == 404:
            self.finish("<!DOCTYPE html><html lang=sv><meta charset=utf-8><title>Saknas</title>"
                        "<h1>Sidan finns inte</h1><p>Är handboken byggd? Kör "
                        "<code>naravard build</code>. <a href='/'>Till startsidan</a></p>")
        else:
            self.finish(f"<!DOCTYPE html><html lang=sv><meta charset=utf-8><h1>Fel {status_code}</h1>")

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")


def _error_page(status_code: int) -> str:
    if status_code == 404:
        return ("<!DOCTYPE html><html lang=sv><meta charset=utf-8><title>Saknas</title>"
                "<h1>Sidan finns inte</h1><p><a href='/'>Till startsidan</a></p>")
    return (f"<!DOCTYPE html><html lang=sv><meta charset=utf-8><title>Fel {status_code}</title>"
            f"<h1>Fel {status_code}</h1><p><a href='/'>Till startsidan</a></p>")


class LogoutHandler(JupyterHandler):
    """``/logout``: forget the login and go to the start page (which asks for the access code
    again in LAN mode). Upstream renders a Jupyter page that Voilà cannot render: error 500."""

    @allow_unauthenticated
    def get(self) -> None:
        self.identity_provider.clear_login_cookie(self)
        self.redirect(self.base_url)


class TemplateAssetHandler(TemplateStaticFileHandler):
    """``/voila/templates/<template>/static/<file>``: Voilà's template assets, with 404 (not a
    server error and a traceback) for a folder or any address not of that form."""

    def parse_url_path(self, url_path: str) -> str:
        parts = os.path.normpath(url_path).split(os.path.sep, 2) if url_path else []
        if len(parts) != 3 or parts[1] != "static" or parts[2] in ("", ".") \
                or url_path.endswith("/"):
            raise web.HTTPError(404)
        return super().parse_url_path(url_path)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        if os.path.isdir(absolute_path):
            raise web.HTTPError(404)
        return super().validate_absolute_path(root, absolute_path)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(_error_page(status_code))


class NaravardKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, whose idle clock restarts when a page disconnects.

    Culling (``cull_connected=False``) never stops a kernel with a page attached; without this
    a page idle for longer than the idle time whose connection drops for a moment (a laptop
    lid, the Wi-Fi) would lose its kernel at the next check. Now it has the whole idle time to
    reconnect.
    """

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            kernel.last_activity = utcnow()


class BeaconShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's kernel shutdown on page unload, accepting the browser's beacon.

    The beacon cannot carry the XSRF header, so upstream Voilà refuses it (voila#1458) and every
    reload leaves a kernel running. The route still requires the login (token in LAN mode).
    """

    def check_xsrf_cookie(self) -> None:
        return None


class NaravardKernelSpecManager(KernelSpecManager):
    """The installed kernel specs, except that Python kernels start through naravard's launcher."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = super().get_kernel_spec(kernel_name)
        if spec.language.lower() == "python" and "ipykernel_launcher" in " ".join(spec.argv):
            spec.argv = list(KERNEL_ARGV)
        return spec


class NaravardVoila(Voila):
    """Voilà with the start page, the handbook and the chart bundle mounted beside it."""

    book_dir = ""
    static_dir = ""

    def init_handlers(self):
        handlers = super().init_handlers()
        ours = [
            (r"/", LandingHandler, {"book_dir": self.book_dir}),
            (r"/bok/(.*)", ProtectedStaticHandler,
             {"path": self.book_dir, "default_filename": "index.html"}),
            (r"/naravard/static/(.*)", ProtectedStaticHandler, {"path": self.static_dir}),
            # The handbook's icon, also for the start page and the worksheets (book/_static).
            (r"/(favicon\.ico)", web.StaticFileHandler,
             {"path": str(Path(self.book_dir).parents[1] / "_static")}),
            # The worksheet page's own scripts (connection.js: a lost kernel or server).
            (r"/naravard/js/(.*\.js)", ProtectedStaticHandler, {"path": str(PAGE_SCRIPTS)}),
            (r"/voila/api/shutdown/(.*)", BeaconShutdownHandler),
            (r"/logout", LogoutHandler),
            (r"/voila/templates/(.*)", TemplateAssetHandler),
        ]
        return ours + handlers

    #: Pool sizes (per notebook) once the first pools are started: see :func:`room_refill`.
    room_refill: dict[str, int] = {}

    def init_settings(self):
        """Voilà's settings; its kernel manager starts the first pools here, at their full
        size. Later refills keep only :attr:`room_refill` kernels for a room's worksheet."""
        settings = super().init_settings()
        pools = getattr(self.kernel_manager, "kernel_pools_config", None)
        if pools and self.room_refill:
            self.kernel_manager.kernel_pools_config = {
                name: ({**config, "pool_size": self.room_refill[name]}
                       if name in self.room_refill else config)
                for name, config in pools.items()}
        return settings

    def _handle_signal_stop(self, sig, frame) -> None:
        """SIGTERM (``kill <pid>``) stops the server as Ctrl+C does: kernels are shut down."""
        if getattr(self, "ioloop", None) is None:
            raise KeyboardInterrupt
        super()._handle_signal_stop(sig, frame)


@dataclass
class ServeOptions:
    """How to serve: address, port, LAN access token, preheated kernels and how long a kernel
    with no page attached is kept."""

    port: int = 8866
    lan: bool = False
    token: str | None = None
    preheat: int = 0
    open_browser: bool = False
    idle_minutes: float = DEFAULT_IDLE_MINUTES
    #: Participants who open ``room_worksheet`` at the same minute: that many preheated kernels.
    room: int = 0
    room_worksheet: str | None = None


def kernel_pools(options: ServeOptions) -> dict[str, dict[str, int]]:
    """Voilà's preheated kernels per worksheet: ``preheat`` for each, ``room`` for the room's
    worksheet (``kernel_pools_config``); empty when nothing is preheated."""
    if options.preheat <= 0 and options.room <= 0:
        return {}
    pools = {"default": {"pool_size": max(options.preheat, 0)}}
    if options.room > 0:
        key = options.room_worksheet or next(iter(WORKSHEETS))
        if key not in WORKSHEETS:
            known = ", ".join(WORKSHEETS)
            raise ServeError(f"Okänt arbetsblad för rummet: {key!r}. Kända arbetsblad: {known}.")
        pools[WORKSHEETS[key].notebook] = {"pool_size": max(options.room, options.preheat)}
    return pools


def room_refill(options: ServeOptions) -> dict[str, int]:
    """The room worksheet's pool size after its first fill: a few kernels in reserve
    (:data:`ROOM_RESERVE`, or ``preheat`` if larger), not the whole room again."""
    if options.room <= 0:
        return {}
    pools = kernel_pools(options)
    notebook = next(nb for nb in pools if nb != "default")
    return {notebook: min(pools[notebook]["pool_size"], max(options.preheat, ROOM_RESERVE))}


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def port_in_use(ip: str, port: int) -> bool:
    """Whether another program already listens on ``ip:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return True
    return False


def cull_seconds(idle_minutes: float) -> tuple[int, int]:
    """(idle timeout, check interval) in seconds for ``idle_minutes``: a kernel with no page
    attached stops at most one interval (at most a minute) after the idle time."""
    idle = max(1, round(idle_minutes * 60))
    return idle, max(1, min(60, idle // 4))


def voila_argv(worksheets: Path, options: ServeOptions, token: str | None) -> list[str]:
    """Command-line options for Voilà: worksheets only, no tracebacks, timeouts sized for a
    room, idle kernels culled, optional token/preheat."""
    idle, interval = cull_seconds(options.idle_minutes)
    argv = [
        str(worksheets),
        "--no-browser" if not options.open_browser else "--browser=",
        f"--port={options.port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={'0.0.0.0' if options.lan else '127.0.0.1'}",
        "--show_tracebacks=False",
        "--template=naravard",
        "--VoilaConfiguration.file_allowlist=^$",
        "--VoilaConfiguration.extension_denylist=nbdime-jupyterlab",
        "--VoilaConfiguration.kernel_spec_manager_class="
        "naravard.app.server.NaravardKernelSpecManager",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "naravard.app.server.NaravardKernelManager",
        # A room's pages render slowly under load; late output must not be dropped.
        f"--VoilaExecutor.iopub_timeout={ROOM_TIMEOUT_S}",
        f"--VoilaExecutor.startup_timeout={ROOM_TIMEOUT_S}",
        # Kernels with no page attached (a bare GET, a tab closed without a goodbye) stop
        # after the idle time; kernels with a page still open are never culled.
        f"--MappingKernelManager.cull_idle_timeout={idle}",
        f"--MappingKernelManager.cull_interval={interval}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if os.name == "posix":
        # Kernels talk to the server over Unix sockets, not TCP ports: a room starts 30
        # kernels at once, and a port picked free for one was taken by another connection
        # before the kernel could bind it ("Address already in use"), five times in a row,
        # so two of the room's kernels died.
        argv.append("--KernelManager.transport=ipc")
    if token:
        argv.append(f"--token={token}")
    if kernel_pools(options):
        argv += ["--preheat_kernel=True", f"--pool_size={max(options.preheat, 0)}"]
    if options.room > 0:
        argv.append(f"--VoilaKernelManager.fill_delay={ROOM_REFILL_DELAY_S:g}")
    return argv


def mask_token(text: str, token: str | None = None) -> str:
    """``text`` with the access token hidden: in every ``token=`` parameter and wherever the
    token itself occurs."""
    text = _TOKEN_PARAM.sub(lambda m: m.group(1) + HIDDEN, text)
    if token and len(token) >= 4:
        text = text.replace(token, HIDDEN)
    return text


class MaskingFormatter(logging.Formatter):
    """The log file's format, with the access token hidden (tracebacks included)."""

    def __init__(self, token: str | None = None):
        super().__init__(FILE_FORMAT)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        return mask_token(super().format(record), self.token)


def _worksheet_title(notebook: str) -> str:
    key = Path(str(notebook)).stem
    return WORKSHEETS[key].title if key in WORKSHEETS else key


class TerminalHandler(logging.Handler):
    """The facilitator's terminal: one Swedish line for what matters, nothing for routine.

    Server errors, a worksheet's kernel that died and (once per worksheet) a filled pool of
    preheated kernels are shown; access logs, Jupyter's and Voilà's routine information and
    warnings are left to the log file.
    """

    def __init__(self, stream: TextIO | None = None, token: str | None = None):
        super().__init__(logging.INFO)
        self.stream = stream if stream is not None else sys.stderr
        self.token = token
        self._preheated: set[str] = set()

    def line(self, record: logging.LogRecord) -> str | None:
        """The terminal line for ``record``, or None when it belongs in the log file only."""
        if record.name.startswith("tornado.access"):
            return None
        if record.msg == POOL_FILLED and record.args:
            notebook = str(record.args[0])
            if notebook in self._preheated:
                return None
            self._preheated.add(notebook)
            return f"Förvärmt: {_worksheet_title(notebook)} öppnas direkt."
        message = record.getMessage()
        if "KernelRestarter" in message and RESTARTING in message:
            return ("OBS  Ett öppet arbetsblad stannade och startas om. Deltagaren kan behöva "
                    "ladda om sidan.")
        if "KernelRestarter" in message and RESTART_FAILED in message:
            return ("FEL  Ett arbetsblad stannade och kunde inte startas om. Deltagaren behöver "
                    "ladda om sidan.")
        if record.levelno < logging.ERROR:
            return None
        first, _, more = message.strip().partition("\n")
        extra = " (mer i loggfilen)" if more or record.exc_info else ""
        return f"FEL i servern: {first}{extra}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.line(record)
            if line:
                self.stream.write(mask_token(line, self.token) + "\n")
                self.stream.flush()
        except Exception:  # noqa: BLE001 - logging must never stop the server
            self.handleError(record)


def install_logging(app_log: logging.Logger, log_file: Path, token: str | None = None,
                    stream: TextIO | None = None) -> tuple[logging.Handler, logging.Handler]:
    """Send everything the server logs to ``log_file`` (token hidden) and only what matters
    to the terminal; returns the (file, terminal) handlers."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(log_file, encoding="utf-8")
    to_file.setLevel(logging.INFO)
    to_file.setFormatter(MaskingFormatter(token))
    to_terminal = TerminalHandler(stream, token)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(to_file)
    root.addHandler(to_terminal)
    root.setLevel(logging.INFO)
    for handler in list(app_log.handlers):
        app_log.removeHandler(handler)
    app_log.setLevel(logging.INFO)
    app_log.propagate = True
    logging.captureWarnings(True)
    return to_file, to_terminal


def banner(base: str, *, token: str | None, workshops: list[str], workspace: Path,
           log_file: Path, pid: int, preheat: int = 0, room: int = 0,
           room_worksheet: str | None = None) -> str:
    """What the terminal says once the server listens: addresses, workshops, where the work
    and the log are kept and how to stop. Only the access-code line shows the token."""
    width = max(len(ws.title) for ws in WORKSHEETS.values())
    lines = ["", "Systemledning för Nära vård körs nu.", "",
             f"  Startsida    {base}/",
             f"  Handboken    {base}/bok/intro.html"]
    for i, ws in enumerate(WORKSHEETS.values()):
        label = "Arbetsblad" if i == 0 else ""
        lines.append(f"  {label:<11}  {ws.title:<{width}}  {base}/voila/render/{ws.notebook}")
    if token:
        lines += ["",
                  f"  Åtkomstkod   {token}   – ge deltagarna adressen {base}/?token={token}",
                  "               Deltagarna i rummet når sidorna över det lokala nätverket. "
                  "Utan koden kommer ingen in."]
    if workshops:
        in_use = ", ".join(workshops) + " – välj på startsidan eller med ?workshop=namn"
    else:
        from naravard.core.examples import default_workshop

        in_use = (f"inga ännu – en workshop skapas när ett arbetsblad öppnas "
                  f"(utan ?workshop=namn heter den {default_workshop()})")
    lines += ["",
              f"  Workshoppar  {in_use}",
              f"  Sparas i     {workspace}",
              f"  Loggfil      {log_file}",
              f"  Avsluta      Ctrl+C här, eller kill {pid} från en annan terminal"]
    if room > 0:
        sheet = WORKSHEETS.get(room_worksheet or "") or next(iter(WORKSHEETS.values()))
        lines += ["", f"Förvärmer {max(room, preheat)} kärnor för {sheet.title} (ett rum med "
                      f"{room} deltagare); terminalen säger till när de är redo."]
    if preheat > 0:
        lines += ["", f"Förvärmer {preheat} kärna per arbetsblad; terminalen säger till när "
                      "varje arbetsblad är redo."]
    lines += ["", "Här visas bara förloppet och fel som deltagarna råkar ut för; allt annat "
                  "skrivs i loggfilen.", ""]
    return "\n".join(lines)


def serve(root: Path, options: ServeOptions) -> None:
    """Run the server until Ctrl+C or SIGTERM; print the addresses to give participants."""
    from naravard.app.pagebundle import write_page_bundle
    from naravard.app.vegabundle import ensure_bundle

    ip = "0.0.0.0" if options.lan else "127.0.0.1"
    if port_in_use(ip, options.port):
        other = 8900 if options.port != 8900 else 8901
        raise ServeError(f"Porten {options.port} används redan av ett annat program (kanske en "
                         f"server som redan körs). Välj en annan port, till exempel "
                         f"naravard serve --port {other}.")
    book = root / "book" / "_build" / "html"
    static = root / "book" / "_build" / "naravard-static"
    ensure_bundle(static)
    token = None
    if options.lan:
        token = options.token or secrets.token_urlsafe(12)
    os.environ.setdefault("NARAVARD_ROOT", str(root))
    workspace = workspace_root()
    log_file = workspace / LOG_NAME
    os.environ["NARAVARD_WORKSPACE"] = str(workspace)
    os.environ[LOG_ENV] = str(log_file)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")) if p)

    NaravardVoila.book_dir = str(book)
    NaravardVoila.static_dir = str(static)
    NaravardVoila.room_refill = room_refill(options)
    host = lan_address() if options.lan else "127.0.0.1"
    base = f"http://{host}:{options.port}"
    app = NaravardVoila.instance()
    pools = kernel_pools(options)
    if pools:
        app.config.VoilaKernelManager.kernel_pools_config = pools
    app.initialize(voila_argv(root / "worksheets", options, token))
    install_logging(app.log, log_file, token)
    # The page's scripts in one file, fetched while the kernel works (app/pagebundle.py);
    # the template reads the name from its resources.
    bundle = write_page_bundle(static, app.static_paths, app.labextensions_path)
    app.voila_configuration.config.VoilaConfiguration.resources = {
        "language_code": "sv",  # <html lang="sv">: the pages are in Swedish (WCAG 3.1.1)
        "naravard_page_bundle": f"naravard/static/{bundle}" if bundle else ""}
    log.info("naravard serve startar på %s (pid %s)", base, os.getpid())

    def announce() -> None:
        print(banner(base, token=token, workshops=list_workshops(workspace), workspace=workspace,
                     log_file=log_file, pid=os.getpid(), preheat=options.preheat,
                     room=options.room, room_worksheet=options.room_worksheet), flush=True)

    IOLoop.current().add_callback(announce)
    app.start()
    log.info("naravard serve har stoppats")
    print("Servern är stoppad.", flush=True)
