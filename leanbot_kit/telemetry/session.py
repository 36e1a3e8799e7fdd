"""A monitoring session per port: open, read, parse, record, grade live, and reconnect after an unplug.

Library code: nothing is printed. `Session.updates()` yields `Update`s (messages, counters, status
changes) for the CLI to render; `run_sessions()` runs several ports at once, one thread each, so a
fault on one robot never stops the others.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leanbot_kit.errors import LeanbotError, PortError
from leanbot_kit.i18n import NP_, _, pgettext
from leanbot_kit.telemetry.protocol import Event, Frame, LinkStats, Message, Parser
from leanbot_kit.telemetry.recording import Recorder

CONNECTED, WAITING, CLOSED, FAILED = "connected", "waiting", "closed", "failed"
ROBOT_STATUS = "robot status"  # gettext context: a port that failed, not a goal that failed
STATUS_TEXT = {CONNECTED: NP_("robot status", "connected"), WAITING: NP_("robot status", "waiting"),
               CLOSED: NP_("robot status", "closed"),
               FAILED: NP_("robot status", "failed")}  # extraction needs the context as a literal


def status_text(status: str) -> str:
    """A robot's status (connected, waiting, closed, failed) in the current language."""
    return pgettext(ROBOT_STATUS, STATUS_TEXT.get(status, status))
READ_CHUNK = 65536


@dataclass(frozen=True)
class Update:
    """What one read of a port brought: new messages, the counters, and a status change if any."""

    port: str
    host_t: float
    messages: tuple[Message, ...] = ()
    stats: LinkStats = field(default_factory=LinkStats)
    status: str | None = None
    detail: str = ""
    results: tuple = ()
    robot_id: str | None = None
    error: LeanbotError | None = None


@dataclass(frozen=True)
class SessionOptions:
    """How to monitor one port."""

    port: str
    baud: int = 115200
    lesson: Any = None  # a leanbot_kit.lesson.model.Lesson, for the schema and the expectations
    record: Path | None = None
    csv: Path | None = None
    reconnect: bool = True
    retry_s: float = 0.5
    timeout: float = 0.1
    on_entry: Any = None  # called with every recording entry (as `Recorder` writes them), if given


class Session:
    """Monitors one port; iterate `updates()` to run it."""

    def __init__(self, options: SessionOptions) -> None:
        self.options = options
        lesson = options.lesson
        self.parser = Parser(lesson.telemetry.fields if lesson is not None else None)
        self.recorder: Recorder | None = None
        self._expect = tuple(lesson.expect) if lesson is not None else ()
        self._grader = self._new_grader()
        self._start_t: int | None = None
        self._t0 = time.monotonic()
        self._port: Any = None  # the open port, for send()
        self._port_lock = threading.Lock()

    def _new_grader(self) -> Any:
        if not self._expect:
            return None
        from leanbot_kit.expectations import Grader

        return Grader(self._expect, simulated=False)

    def _now(self) -> float:
        return time.monotonic() - self._t0

    def _update(self, messages: tuple = (), status: str | None = None, detail: str = "") -> Update:
        results = tuple(self._grader.results()) if self._grader is not None else ()
        return Update(self.options.port, self._now(), messages, self.parser.stats(), status,
                      detail, results, self.parser.robot_id)

    def updates(self, stop: threading.Event | None = None,
                duration: float | None = None) -> Iterator[Update]:
        """Run the session until `stop` is set, `duration` seconds pass, or the port fails for good."""
        from serial import SerialException

        from leanbot_kit.ports.open import open_port

        opts = self.options
        self._t0 = time.monotonic()
        end = None if duration is None else self._t0 + duration
        port = open_port(opts.port, opts.baud, opts.timeout)
        self._set_port(port)
        try:
            self._open_recorder()
            yield self._update(status=CONNECTED)
            while not _done(stop, end):
                try:
                    data = port.read(max(1, min(port.in_waiting, READ_CHUNK)))
                except (SerialException, OSError) as e:
                    self._set_port(None)
                    _close_quietly(port)
                    if not opts.reconnect:
                        raise PortError(_("{port} stopped answering").format(port=opts.port),
                                        _("is the robot still plugged in?")) from e
                    self._mark("disconnect", str(e))
                    yield self._update(status=WAITING, detail=str(e))
                    port = yield from self._reopen(stop, end)
                    if port is None:
                        break
                    self._set_port(port)
                    self._mark("reconnect")
                    yield self._update(status=CONNECTED)
                    continue
                yield self._update(tuple(self._handle(data)) if data else ())
        finally:
            self._set_port(None)
            if port is not None:
                _close_quietly(port)
            self._close()
        yield self._update(status=CLOSED)

    def _reopen(self, stop: threading.Event | None, end: float | None) -> Iterator[Update]:
        """Try to open the port again every `retry_s` until it comes back; None if stopped first."""
        from leanbot_kit.ports.open import open_port

        opts, said = self.options, ""
        while not _done(stop, end):
            time.sleep(opts.retry_s)
            try:
                port = open_port(opts.port, opts.baud, opts.timeout)
            except PortError as e:  # say why once, then keep the view alive quietly
                yield self._update(status=WAITING if e.message != said else None, detail=e.message)
                said = e.message
                continue
            self.parser.resync()
            return port
        return None

    def _set_port(self, port: Any) -> None:
        with self._port_lock:
            self._port = port

    def send(self, data: bytes) -> bool:
        """Write `data` to the robot (e.g. a command line); False when the port is not open now."""
        from serial import SerialException

        with self._port_lock:
            if self._port is None:
                return False
            try:
                self._port.write(data)
                self._port.flush()
            except (SerialException, OSError):
                return False
        return True

    def _open_recorder(self) -> None:
        opts = self.options
        if opts.record is None and opts.csv is None and opts.on_entry is None:
            return
        lesson = opts.lesson
        self.recorder = Recorder(opts.record, port=opts.port, lesson=lesson.id if lesson else None,
                                 schema=lesson.telemetry.fields if lesson else None,
                                 csv_path=opts.csv, on_entry=opts.on_entry)

    def _mark(self, kind: str, detail: str = "") -> None:
        if self.recorder is not None:
            self.recorder.mark(kind, self._now(), detail)

    def _handle(self, data: bytes) -> list[Message]:
        messages = self.parser.feed(data)
        now = self._now()
        rec = self.recorder
        for msg in messages:
            if rec is not None:
                rec.write(msg, now)
            if isinstance(msg, Frame):
                self._grade(msg)
            elif isinstance(msg, Event):
                self._on_event(msg)
        if rec is not None and self.parser.robot_id:
            rec.set_robot_id(self.parser.robot_id, now)
        return messages

    def _on_event(self, event: Event) -> None:
        if event.kind == "start":
            self._start_t = event.t_ms
            self._grader = self._new_grader()
        elif event.kind == "end" and self._grader is not None and self._start_t is not None:
            self._grader.finish()  # the mission is over: `at_end` is graded, pending ones decided
        elif event.kind == "boot":
            self._start_t = None

    def _grade(self, frame: Frame) -> None:
        if self._grader is None or self._start_t is None or frame.fields is None:
            return
        values = frame.as_dict()
        values["t_ms"] = frame.t_ms
        self._grader.feed((frame.t_ms - self._start_t) & 0xFFFFFFFF, values)

    def _close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()

    def final_results(self) -> list:
        """Where the expectations stand when the session ends (decided only if the mission ended)."""
        return [] if self._grader is None else self._grader.results()


def _close_quietly(port: Any) -> None:
    with contextlib.suppress(Exception):  # a vanished device may fail to close; it is gone anyway
        port.close()


def _done(stop: threading.Event | None, end: float | None) -> bool:
    return (stop is not None and stop.is_set()) or (end is not None and time.monotonic() >= end)


def run_sessions(sessions: list[Session], stop: threading.Event,
                 duration: float | None = None) -> Iterator[Update]:
    """Run several sessions at once (one thread each); yield their updates as they come."""
    updates: queue.Queue[Update | None] = queue.Queue(maxsize=10000)

    def worker(session: Session) -> None:
        try:
            for update in session.updates(stop, duration):
                updates.put(update)
        except LeanbotError as e:
            updates.put(Update(session.options.port, session._now(), status=FAILED,
                               detail=e.message, error=e))
        except Exception as e:  # one robot's fault must not stop the class  # noqa: BLE001
            updates.put(Update(session.options.port, session._now(), status=FAILED,
                               detail=f"{type(e).__name__}: {e}"))
        finally:
            updates.put(None)

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in sessions]
    for t in threads:
        t.start()
    running = len(threads)
    try:
        while running:
            item = updates.get()
            if item is None:
                running -= 1
            else:
                yield item
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=2)
