"""The dashboard's web app (aiohttp): static page, live socket, commands and reports.

Everything but the static files needs the teacher's token (`?token=` or the `X-Teacher-Token` header);
the page reads it from its own address. Each socket has a bounded queue: a browser that cannot keep up
loses live frames (never cards: the next card carries the state again) and is told so.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from leanbot_kit.classroom.hub import ClassHub
from leanbot_kit.classroom.pagetext import page_text

STATIC = Path(__file__).parent / "static"
QUEUE = 2000  # messages waiting for one browser, at most
STATIC_FILES = {"app.js": "text/javascript", "app.css": "text/css", "index.html": "text/html"}


class Dashboard:
    """The web side of a class: routes over one hub."""

    def __init__(self, hub: ClassHub, token: str, lang: str, join_command: str,
                 write_report: Callable[[], dict[str, Path]]) -> None:
        self.hub, self.token, self.lang = hub, token, lang
        self.join_command = join_command
        self._write_report = write_report
        self._queues: set[asyncio.Queue] = set()
        self._sockets: set[web.WebSocketResponse] = set()
        hub.listeners.append(self._broadcast)

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_get("/", self._index)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/api/text", self._text)
        app.router.add_get("/api/state", self._state)
        app.router.add_get("/ws", self._socket)
        app.router.add_post("/api/command", self._command)
        app.router.add_post("/api/report", self._report)
        app.router.add_get("/report.{ext:(html|csv)}", self._report_file)
        return app

    def _allowed(self, request: web.Request) -> bool:
        given = request.headers.get("X-Teacher-Token") or request.query.get("token") or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _guard(self, request: web.Request) -> None:
        if not self._allowed(request):
            raise web.HTTPForbidden(text="teacher token required / cần mã của giáo viên")

    async def _index(self, _request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "index.html", headers=_NO_CACHE)

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        return web.FileResponse(STATIC / name, headers={**_NO_CACHE, "Content-Type": STATIC_FILES[name]})

    async def _text(self, request: web.Request) -> web.Response:
        lang = request.query.get("lang") or self.lang
        return web.json_response(page_text(lang if lang in ("vi", "en") else self.lang))

    async def _state(self, request: web.Request) -> web.Response:
        self._guard(request)
        return web.json_response(self._snapshot())

    def _snapshot(self) -> dict[str, Any]:
        return {**self.hub.snapshot(), "join": self.join_command, "lang": self.lang}

    async def _command(self, request: web.Request) -> web.Response:
        self._guard(request)
        try:
            body = await request.json()
        except ValueError as e:
            raise web.HTTPBadRequest(text="JSON expected") from e
        cmd, sid = body.get("cmd"), body.get("sid")
        if cmd not in ("stop", "start") or (sid is not None and sid not in self.hub.students):
            raise web.HTTPBadRequest(text="cmd must be stop or start, sid a student of the class")
        return web.json_response(self.hub.command(cmd, sid))

    async def _report(self, request: web.Request) -> web.Response:
        self._guard(request)
        paths = self._write_report()  # on the loop: the hub is not shared with threads
        return web.json_response({k: str(v) for k, v in paths.items()})

    async def _report_file(self, request: web.Request) -> web.StreamResponse:
        self._guard(request)
        ext = request.match_info["ext"]
        paths = self._write_report()  # on the loop: the hub is not shared with threads
        kind = "text/html" if ext == "html" else "text/csv"
        return web.FileResponse(paths[ext], headers={**_NO_CACHE, "Content-Type": kind})

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        self._guard(request)
        ws = web.WebSocketResponse(heartbeat=20, max_msg_size=4096)
        await ws.prepare(request)
        queue: asyncio.Queue = asyncio.Queue(QUEUE)
        self._queues.add(queue)
        self._sockets.add(ws)
        sender = asyncio.create_task(self._send(ws, queue))
        try:
            await ws.send_str(json.dumps(self._snapshot(), separators=(",", ":")))
            async for msg in ws:  # the page only listens; reading keeps the socket healthy
                if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                    break
        finally:
            self._queues.discard(queue)
            self._sockets.discard(ws)
            sender.cancel()
        return ws

    async def _send(self, ws: web.WebSocketResponse, queue: asyncio.Queue) -> None:
        while not ws.closed:
            text = await queue.get()
            await ws.send_str(text)

    def _broadcast(self, message: dict[str, Any]) -> None:
        if not self._queues:
            return
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        for queue in self._queues:
            if queue.full():
                if message.get("type") == "t":
                    continue  # live frames may be skipped for a slow browser; cards may not
                _drop_frames(queue)
            if not queue.full():
                queue.put_nowait(text)

    async def close(self) -> None:
        """Drop the listener and close the pages' sockets (the server would wait for them)."""
        if self._broadcast in self.hub.listeners:
            self.hub.listeners.remove(self._broadcast)
        for ws in list(self._sockets):
            await ws.close()


_NO_CACHE = {"Cache-Control": "no-store"}


def _drop_frames(queue: asyncio.Queue) -> None:
    """Make room in a full queue by dropping its live frames (cards and commands stay)."""
    kept = [t for t in (queue.get_nowait() for _i in range(queue.qsize()))
            if not t.startswith('{"type":"t"')]
    for t in kept[-(QUEUE - 1):]:
        queue.put_nowait(t)
