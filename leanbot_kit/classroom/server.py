"""`leanbot class serve` as a library: broker (embedded or not), teacher client, hub, dashboard, report.

Everything runs on one asyncio loop; paho's thread only hands messages over. `ClassServer.start()`
returns what the CLI prints; `stop()` closes in order and writes the class report.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.hub import ClassHub
from leanbot_kit.classroom.link import BrokerAddress, TeacherLink, parse_broker_url
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

TICK_S = 0.05


@dataclass(frozen=True)
class ServeOptions:
    """What the teacher asked for."""

    cls: str
    lesson: Path | None = None
    broker: str | None = None  # mqtt://[user:pass@]HOST:PORT of an existing broker
    code: str | None = None
    listen: tuple[str, int] = ("0.0.0.0", contract.DEFAULT_HTTP_PORT)
    mqtt: tuple[str, int] = ("0.0.0.0", contract.DEFAULT_MQTT_PORT)
    record_dir: Path | None = None
    lang: str = "en"


@dataclass(frozen=True)
class ServeInfo:
    """What the teacher needs to see: where the dashboard is, and what students type."""

    dashboard: tuple[str, ...]
    broker: str
    code: str
    cls: str
    join: str
    record_dir: Path
    token: str = field(repr=False, default="")


def parse_host_port(text: str, default_port: int) -> tuple[str, int]:
    """`HOST:PORT`, `HOST`, `:PORT` or `[v6]:PORT` → (host, port); empty host = all interfaces."""
    host, sep, port = text.rpartition(":") if text.count(":") <= 1 or "]" in text else (text, "", "")
    if not sep:
        host, port = text, ""
    host = host.strip("[]") or "0.0.0.0"
    try:
        number = int(port) if port else default_port
    except ValueError as e:
        raise ClassroomError(_("{text}: the port is not a number").format(text=text),
                             _("write HOST:PORT, e.g. 0.0.0.0:8080")) from e
    if not 0 <= number <= 65535:
        raise ClassroomError(_("{text}: no such port").format(text=text), _("ports go from 1 to 65535"))
    return host, number


def lan_addresses() -> list[str]:
    """This computer's addresses students can reach (the one with the default route first)."""
    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
            found.append(s.getsockname()[0])
        except OSError:
            pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            if info[4][0] not in found and not info[4][0].startswith("127."):
                found.append(info[4][0])
    except OSError:
        pass
    return found or ["127.0.0.1"]


def _shown_hosts(bind: str) -> list[str]:
    return lan_addresses() if bind in ("0.0.0.0", "::", "") else [bind]


class ClassServer:
    """One class being taught."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.token = secrets.token_urlsafe(12)
        self.code = contract.normalize_code(options.code) if options.code else contract.new_code()
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        self.record_dir = options.record_dir or Path(f"leanbot-class-{options.cls}-{stamp}")
        self.lesson, self.lesson_payload = _load(options.lesson, options.cls)
        self.hub: ClassHub | None = None
        self._broker: Any = None
        self._link: Any = None  # TeacherLink, or EmbeddedLink for the embedded broker
        self._runner: Any = None
        self._dashboard: Any = None
        self._ticker: asyncio.Task | None = None
        self.report_paths: dict[str, Path] = {}

    async def start(self) -> ServeInfo:
        """Start everything; ClassroomError (and nothing left running) if a part cannot start."""
        try:
            return await self._start()
        except BaseException:
            await self.stop(report=False)
            raise

    async def _start(self) -> ServeInfo:
        from leanbot_kit.classroom.web import Dashboard

        opts, loop = self.options, asyncio.get_running_loop()
        _make_dir(self.record_dir)
        address = await self._start_broker()
        self.hub = hub = ClassHub(opts.cls, lesson=self.lesson, record_dir=self.record_dir,
                                  publish=lambda t, p: self._link.publish(t, p) if self._link else None)
        retained = {contract.join_topic(self.code): contract.join_payload(opts.cls, self._title())}
        if self.lesson_payload is not None:
            retained[contract.lesson_topic(opts.cls)] = self.lesson_payload
        if self._broker is not None:  # in-process: the hub taps the broker, no client needed
            from leanbot_kit.classroom.embedded import EmbeddedLink

            self._link = EmbeddedLink(self._broker, retained, hub.broker_state)
            self._link.start()
        else:
            self._link = TeacherLink(
                address, opts.cls, retained,
                on_message=lambda t, p: loop.call_soon_threadsafe(hub.handle, t, p),
                on_link=lambda up: loop.call_soon_threadsafe(hub.broker_state, up))
            await asyncio.to_thread(self._link.start)
        public = self._students_broker(address)
        join = self._join_command(public)
        self._dashboard = Dashboard(hub, self.token, opts.lang, join, self.write_report)
        self._runner = await _serve_web(self._dashboard, *opts.listen)
        port = self._runner.addresses[0][1]
        urls = tuple(f"http://{h}:{port}/?token={self.token}" for h in _shown_hosts(opts.listen[0]))
        self._ticker = asyncio.create_task(self._tick())
        return ServeInfo(urls, public.url(), self.code, opts.cls, join, self.record_dir, self.token)

    async def _start_broker(self) -> BrokerAddress:
        if self.options.broker:
            return parse_broker_url(self.options.broker)
        from leanbot_kit.classroom.embedded import EmbeddedBroker, Logins

        host, port = self.options.mqtt
        port = port or _free_port(host)
        password = secrets.token_urlsafe(12)
        self._broker = EmbeddedBroker(
            host, port, Logins(contract.TEACHER_USER, password, {self.code: self.options.cls}),
            tap=lambda topic, payload: self.hub.handle(topic, payload) if self.hub else None)
        await self._broker.start()
        local = "127.0.0.1" if host in ("0.0.0.0", "") else ("::1" if host == "::" else host)
        return BrokerAddress(local, port, contract.TEACHER_USER, password)

    def _title(self) -> str:
        return self.lesson.title.get(self.options.lang) if self.lesson is not None else ""

    def _students_broker(self, address: BrokerAddress) -> BrokerAddress:
        """The broker as students reach it (the embedded one: by this computer's network address)."""
        if self._broker is None:
            return BrokerAddress(address.host, address.port)
        return BrokerAddress(_shown_hosts(self.options.mqtt[0])[0], address.port)

    def _join_command(self, address: BrokerAddress) -> str:
        host = address.host if ":" not in address.host else f"[{address.host}]"
        where = host if address.port == contract.DEFAULT_MQTT_PORT else f"{host}:{address.port}"
        return f"leanbot class join {where} --code {self.code} --name …"

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            if self.hub is not None:
                self.hub.tick()

    def write_report(self) -> dict[str, Path]:
        """Write the class report now (CSV and HTML in the record folder)."""
        from leanbot_kit.classroom.report import write_report

        assert self.hub is not None
        self.report_paths = write_report(self.hub, self.record_dir)
        return self.report_paths

    async def stop(self, report: bool = True) -> dict[str, Path]:
        """Stop the dashboard, the client and the broker; write the report; close the recordings."""
        if self._ticker is not None:
            self._ticker.cancel()
        if self._dashboard is not None:
            await self._dashboard.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._link is not None:
            clear = (contract.join_topic(self.code), contract.lesson_topic(self.options.cls))
            await asyncio.to_thread(self._link.stop, clear)
        if self._broker is not None:  # first: what it already acknowledged still reaches the hub
            await self._broker.stop()
        paths = self.write_report() if report and self.hub is not None else {}
        if self.hub is not None:
            self.hub.close()
        self._runner = self._link = self._broker = self._ticker = self._dashboard = None
        return paths


async def _serve_web(dashboard: Any, host: str, port: int) -> Any:
    from aiohttp import web

    runner = web.AppRunner(dashboard.app(), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as e:
        await runner.cleanup()
        raise ClassroomError(
            _("cannot serve the dashboard on {host}:{port}: {error}").format(
                host=host, port=port, error=e.strerror or e),
            _("choose another port with --listen HOST:PORT")) from e
    return runner


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host if host not in ("", "0.0.0.0") else "127.0.0.1", 0))
        return s.getsockname()[1]


def _make_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ClassroomError(_("cannot create {folder}: {error}").format(folder=folder, error=e.strerror),
                             _("choose a folder you can write to with --record-dir")) from e


def _load(path: Path | None, cls: str) -> tuple[Any, bytes | None]:
    """The lesson (validated) and its retained message: the YAML text and the world it names."""
    if path is None:
        return None, None
    from leanbot_kit.lesson import load_lesson

    lesson = load_lesson(path)
    files: dict[str, str] = {}
    world = lesson.sim.world
    if world is not None and Path(world).is_file():
        rel = os.path.relpath(world, Path(path).parent).replace(os.sep, "/")
        files[rel] = Path(world).read_text(encoding="utf-8")
    text = Path(path).read_text(encoding="utf-8")
    return lesson, contract.lesson_payload(cls, lesson.id, Path(path).name, text, files)
