"""One participant of a room, as the server sees it, without drawing the page.

In a workshop every participant's own device draws the page; the facilitator's machine runs the
server and the kernels. Thirty Chromium pages on the server's two cores would measure Chromium
instead (about 1,5 s of CPU per page). A participant here does what a page does over the
network, in the same order:

1. fetches the page (``?workshop=…``) and everything its HTML names from the server (styles,
   scripts, the page bundle), six requests at a time as a browser does;
2. connects to the page's kernel and asks for the kernel's info;
3. opens the widgets' control channel and asks for every widget's state at once: when that
   answer has arrived, the page has what it needs to draw; then tells each chart that it is
   shown (the kernel makes the chart then, as for a page);
4. later types a line into the first autosaved field (a widget state update, as the page sends
   it) and waits until the status line says "Allt sparat";
5. vanishes without a goodbye (the socket just closes).

``benchmarks/bench_room.py`` adds the time one Chromium page needs on its own after the same
point (measured in the same run) to give the participant's time to interactive.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, urljoin

from ipywidgets._version import __control_protocol_version__
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

TIMEOUT_S = 600


class _Assets(HTMLParser):
    """The URLs a page's HTML names: stylesheets, preloads, icons and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = a.get("href") if tag == "link" else a.get("src") if tag == "script" else None
        if url and not url.startswith(("data:", "http:", "https:")) and url not in self.urls:
            self.urls.append(url)


def _message(msg_type: str, content: dict, metadata: dict | None = None) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "deltagare",
                   "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell",
        "buffers": []})


@dataclass
class Participant:
    """Times (seconds from the start) and what went wrong, for one participant."""

    name: str
    html: float | None = None
    assets: float | None = None
    states: float | None = None
    saved: bool = False
    error: str | None = None
    kernel_id: str = ""
    bytes_http: int = 0
    bytes_ws: int = 0


class Page:
    """A participant's open page: its kernel connection and the widgets' states."""

    def __init__(self, base: str, notebook: str, name: str) -> None:
        self.base, self.notebook = base, notebook
        self.result = Participant(name)
        self.socket = None
        self.states: dict = {}
        self.http = AsyncHTTPClient(force_instance=True, max_clients=6)

    async def _get(self, url: str) -> bytes:
        chunks: list[bytes] = []
        response = await self.http.fetch(HTTPRequest(
            url, request_timeout=TIMEOUT_S, connect_timeout=TIMEOUT_S,
            streaming_callback=chunks.append))
        body = b"".join(chunks)
        self.result.bytes_http += len(body)
        if response.code != 200:
            raise RuntimeError(f"{response.code} {url}")
        return body

    async def _receive(self, match) -> dict:
        while True:
            raw = await self.socket.read_message()
            if raw is None:
                raise RuntimeError("kärnans anslutning stängdes")
            self.result.bytes_ws += len(raw)
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if match(msg):
                return msg

    async def open(self) -> Participant:
        """Fetch the page and its assets, connect and get every widget's state."""
        r = self.result
        start = time.perf_counter()
        try:
            url = f"{self.base}/voila/render/{self.notebook}?workshop={quote(r.name)}"
            html = (await self._get(url)).decode("utf-8")
            r.html = time.perf_counter() - start
            parser = _Assets()
            parser.feed(html)
            await asyncio.gather(*[self._get(urljoin(url, u)) for u in parser.urls])
            r.assets = time.perf_counter() - start
            config = json.loads(re.search(
                r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                html, re.S).group(1))
            r.kernel_id = config["kernelId"]
            ws = self.base.replace("http", "ws", 1)
            self.socket = await websocket_connect(
                f"{ws}/api/kernels/{r.kernel_id}/channels?session_id={uuid.uuid4()}",
                connect_timeout=TIMEOUT_S, max_message_size=256 * 2**20)
            self.socket.write_message(_message("kernel_info_request", {}))
            await self._receive(lambda m: m["header"]["msg_type"] == "kernel_info_reply")
            control = uuid.uuid4().hex
            self.socket.write_message(_message("comm_open", {
                "comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                {"version": __control_protocol_version__}))
            self.socket.write_message(_message("comm_msg", {
                "comm_id": control, "data": {"method": "request_states"}}))
            reply = await self._receive(
                lambda m: m["header"]["msg_type"] == "comm_msg"
                and m["content"].get("comm_id") == control)
            self.states = reply["content"]["data"].get("states", {})
            r.states = time.perf_counter() - start
            # The page draws its views: each chart (and each "build the rest now" marker)
            # tells the kernel that it is on screen, as chart.js does.
            for model_id, widget in self.states.items():
                if "type: \"shown\"" in str(widget.get("state", {}).get("_esm", "")) or \
                        "type: 'shown'" in str(widget.get("state", {}).get("_esm", "")):
                    self.socket.write_message(_message("comm_msg", {
                        "comm_id": model_id,
                        "data": {"method": "custom", "content": {"type": "shown"}}}))
        except Exception as exc:  # noqa: BLE001 - counted as a failure and reported
            r.error = f"{type(exc).__name__}: {str(exc)[:160]}"
        return r

    def _field(self) -> str | None:
        for model_id, widget in self.states.items():
            state = widget.get("state", {})
            if widget.get("model_name") in ("TextModel", "TextareaModel") \
                    and "naravard-field" in state.get("_dom_classes", ()) \
                    and not state.get("disabled"):
                return model_id
        return None

    def _status_ids(self) -> set[str]:
        return {model_id for model_id, widget in self.states.items()
                if "naravard-status" in widget.get("state", {}).get("_dom_classes", ())}

    async def type_and_wait_saved(self, text: str) -> bool:
        """Type ``text`` into the first autosaved field; True when "Allt sparat" is shown."""
        field, status = self._field(), self._status_ids()
        if self.socket is None or field is None or not status:
            self.result.error = self.result.error or "inget fält att skriva i"
            return False
        self.socket.write_message(_message("comm_msg", {
            "comm_id": field, "data": {"method": "update", "state": {"value": text},
                                       "buffer_paths": []}}))
        try:
            await asyncio.wait_for(self._receive(
                lambda m: m["header"]["msg_type"] == "comm_msg"
                and m["content"].get("comm_id") in status
                and "Allt sparat" in str(m["content"]["data"].get("state", {}).get("value", ""))),
                TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001
            self.result.error = f"sparades inte: {type(exc).__name__}"
            return False
        self.result.saved = True
        return True

    def vanish(self) -> None:
        """Close the socket without the page's goodbye (no shutdown request)."""
        if self.socket is not None:
            self.socket.close()
        self.http.close()
