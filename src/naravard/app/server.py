"""One local server for everything: start page, the built handbook and the Voilà worksheets.

It is Voilà (serving only ``worksheets/``) with three more routes:
``/`` the start page, ``/bok/…`` the static handbook, ``/naravard/static/…`` the local vega
bundle for charts. In LAN mode every route, the handbook included, requires the access token.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from naravard.core.county import current_county
from naravard.app.landing import landing_page
from naravard.core.store import list_workshops, workspace_root
from naravard.core.worksheets import WORKSHEETS

log = logging.getLogger("naravard.app.server")

mimetypes.add_type("text/javascript", ".mjs")
TEMPLATE_ROOT = Path(__file__).resolve().parent.parent / "share" / "jupyter"


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


class BeaconShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's kernel shutdown on page unload, accepting the browser's beacon.

    The beacon cannot carry the XSRF header, so upstream Voilà refuses it (voila#1458) and every
    reload leaves a kernel running. The route still requires the login (token in LAN mode).
    """

    def check_xsrf_cookie(self) -> None:
        return None


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
            (r"/voila/api/shutdown/(.*)", BeaconShutdownHandler),
        ]
        return ours + handlers


@dataclass
class ServeOptions:
    """How to serve: address, port, LAN access token and preheated kernels."""

    port: int = 8866
    lan: bool = False
    token: str | None = None
    preheat: int = 0
    open_browser: bool = False


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


def voila_argv(worksheets: Path, options: ServeOptions, token: str | None) -> list[str]:
    """Command-line options for Voilà: worksheets only, no tracebacks, optional token/preheat."""
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
        # Kernels of pages closed without a goodbye are stopped after 30 idle minutes;
        # kernels with a page still open are never culled.
        "--MappingKernelManager.cull_idle_timeout=1800",
        "--MappingKernelManager.cull_interval=300",
    ]
    if token:
        argv.append(f"--token={token}")
    if options.preheat > 0:
        argv += ["--preheat_kernel=True", f"--pool_size={options.preheat}"]
    return argv


def serve(root: Path, options: ServeOptions) -> None:
    """Run the server until interrupted. Prints the addresses to give participants."""
    from naravard.app.vegabundle import ensure_bundle

    book = root / "book" / "_build" / "html"
    static = root / "book" / "_build" / "naravard-static"
    ensure_bundle(static)
    token = None
    if options.lan:
        token = options.token or secrets.token_urlsafe(12)
    os.environ.setdefault("NARAVARD_ROOT", str(root))
    os.environ["NARAVARD_WORKSPACE"] = str(workspace_root())
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")) if p)

    NaravardVoila.book_dir = str(book)
    NaravardVoila.static_dir = str(static)
    host = lan_address() if options.lan else "127.0.0.1"
    query = f"?token={token}" if token else ""
    base = f"http://{host}:{options.port}"
    print("\nSystemledning för Nära vård körs nu.", flush=True)
    print(f"  Startsida:  {base}/{query}", flush=True)
    print(f"  Handboken:  {base}/bok/intro.html{query}", flush=True)
    for name in WORKSHEETS:
        print(f"  Arbetsblad: {base}/voila/render/{name}.ipynb{query}", flush=True)
    if options.lan:
        print("\nDeltagarna i rummet når sidorna över det lokala nätverket med adressen ovan.\n"
              f"Åtkomstkoden är: {token}\nUtan koden kommer ingen in.", flush=True)
    print("Avsluta med Ctrl+C.\n", flush=True)
    NaravardVoila.launch_instance(argv=voila_argv(root / "worksheets", options, token))
