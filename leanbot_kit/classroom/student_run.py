"""`leanbot class join` as a library: find the class, get its lesson onto the robot, then take part.

Taking part: the robot is monitored by the session of `leanbot monitor` (same parser, recorder, grader);
every recording entry also goes into the numbered batches of `backlog.py`, published about every 100 ms
while the broker is there and queued while it is not; `hello` and `status` say who and where the student
is; the teacher's `stop`/`start` become command lines on the robot's serial port. `StudentRun.run()`
yields `Note`s (what happened, in words) for the CLI to print; nothing here prints.
"""

from __future__ import annotations

import queue
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.backlog import QUEUE_ENTRIES_MAX, Backlog
from leanbot_kit.classroom.class_lesson import ClassLesson, prepare_lesson
from leanbot_kit.classroom.robot_view import RobotView
from leanbot_kit.classroom.student_link import ClassInfo, StudentLink, Where, find_class
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

WINDOW = 20  # batches in flight (not acknowledged) at most
FINAL_FLUSH_S = 5.0  # at the end, wait this long at most for the broker to take the last batches


@dataclass(frozen=True)
class JoinOptions:
    """What the student typed."""

    host: str
    port: int
    code: str
    name: str
    robot_port: str
    flash: bool = False
    record: Path | None = None
    folder: Path | None = None  # where the class lesson is written (default: the user cache)
    lang: str | None = None
    sid: str | None = None
    queue_max: int = QUEUE_ENTRIES_MAX  # entries kept while the broker is away (docs/classroom.md)


@dataclass(frozen=True)
class Note:
    """Something the student should see: `kind` (stable word) and `text` (in the UI language)."""

    kind: str
    text: str


def remembered_sid(code: str, name: str) -> str:
    """The student id this laptop used for `name` with this code before (a rejoin after a crash or a
    restart continues the same card and recording), else a new one, remembered in the user cache."""
    from leanbot_kit.resources import user_cache_dir

    path = user_cache_dir() / "classes" / f"join-{code}-{contract.slugify(name) or 'student'}.sid"
    try:
        sid = path.read_text(encoding="ascii").strip()
        if contract.is_student_id(sid):
            return sid
    except (OSError, UnicodeDecodeError):
        pass
    sid = contract.student_id(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sid, encoding="ascii")
    except OSError:
        pass  # not remembered: a rejoin shows up as a new card, nothing worse
    return sid


class StudentRun:
    """One student in one class: `prepare()` (class, lesson, flash), then `run(stop)`."""

    def __init__(self, options: JoinOptions) -> None:
        self.options = options
        code = contract.normalize_code(options.code)
        name = options.name.strip()
        if not name:
            raise ClassroomError(_("the name is empty"), _("give your name with --name, e.g. --name An"))
        self.name = name[: contract.MAX_TEXT]
        self.where = Where(options.host, options.port, code, options.sid or remembered_sid(code, name))
        self.session_id = secrets.token_hex(4)
        self.backlog = Backlog(self.session_id, queue_max=options.queue_max)
        self.info: ClassInfo | None = None
        self.lesson: ClassLesson | None = None
        self.session: Any = None
        self.link: StudentLink | None = None
        self._events: queue.SimpleQueue = queue.SimpleQueue()  # from paho's thread: (kind, value)
        self._mids: dict[int, int] = {}  # paho message id -> batch number
        self.robot = RobotView()
        self._was_offline = False
        self._published: tuple = ()
        self.failure: Exception | None = None  # why the robot's port failed for good, if it did

    # --- before the class --------------------------------------------------------------------------

    def prepare(self) -> ClassLesson:
        """Find the class, fetch and generate its lesson, flash it with `flash`; errors are clear."""
        from leanbot_kit.resources import user_cache_dir

        self.info = find_class(self.where)
        if self.info.lesson is None:
            raise ClassroomError(_("the class {cls} has no lesson yet").format(cls=self.info.cls),
                                 _("ask the teacher to start the class with --lesson LESSON.yaml"))
        folder = self.options.folder or user_cache_dir() / "classes" / self.info.cls
        self.lesson = prepare_lesson(self.info.lesson, folder, self.options.lang)
        if self.options.flash:
            self._flash()
        return self.lesson

    def _flash(self) -> None:
        from leanbot_kit.arduino.flash import flash

        assert self.lesson is not None
        (result,) = flash(self.lesson.sketch_folder, [self.options.robot_port])
        if not result.ok:
            raise ClassroomError(_("could not flash the lesson to {port}: {error}").format(
                port=self.options.robot_port, error=result.error), result.hint)

    # --- during the class --------------------------------------------------------------------------

    def run(self, stop: threading.Event, duration: float | None = None) -> Iterator[Note]:
        """Monitor the robot and take part in the class until `stop` is set (or `duration` passes)."""
        from leanbot_kit.telemetry.session import Session, SessionOptions, run_sessions

        assert self.info is not None and self.lesson is not None
        self.session = Session(SessionOptions(self.options.robot_port, lesson=self.lesson.lesson,
                                              record=self.options.record, on_entry=self._entry))
        self.link = StudentLink(self.where, self.info.cls, on_command=self._put("cmd"),
                                on_link=self._put("link"), on_delivered=self._put("ack"),
                                greeting=self._greeting)
        self.link.start()
        yield Note("joined", _("joined the class {title} as {name}").format(
            title=self.info.title, name=self.name))
        updates = run_sessions([self.session], stop, duration)
        notes: list[Note] = []
        try:
            yield from self._loop(updates, stop)
        finally:
            updates.close()
            stop.set()
            notes = self._finish()  # also when the caller stops early (Ctrl-C)
        yield from notes

    def _put(self, kind: str):
        return lambda value: self._events.put((kind, value))

    def _entry(self, entry: dict[str, Any]) -> None:
        """Called on the session's thread for every recording entry."""
        self.backlog.add([entry])

    def _loop(self, updates: Iterator, stop: threading.Event) -> Iterator[Note]:
        next_batch = next_status = time.monotonic()
        dropped = 0
        for update in updates:
            yield from self._robot(update)
            yield from self._drain_events()
            now = time.monotonic()
            if now >= next_batch:
                next_batch = now + contract.BATCH_S
                self._send_batches()
            key = self.robot.key()
            if now >= next_status or key != self._published:  # every 2 s, and at once on a change
                next_status = now + contract.STATUS_EVERY_S
                self._published = key
                self._publish_status()
            if self.backlog.dropped > dropped:
                dropped = self.backlog.dropped
                yield Note("dropped", _("the queue for the class is full: {n} entries were left out "
                                        "(the local recording keeps them)").format(n=dropped))
            if stop.is_set():
                break

    def _robot(self, update: Any) -> Iterator[Note]:
        for end in self.robot.update(update):
            yield Note("end", _("the robot ended the lesson") if not end.args
                       else _("the robot ended the lesson ({reason})").format(reason=end.args[0]))
        if update.robot_id and update.robot_id != self.robot.robot_id:
            self.robot.robot_id = update.robot_id
            self._publish_hello()
        if update.error is not None:
            self.failure = update.error
        if update.status in ("waiting", "failed"):
            yield Note("robot", _("the robot's port {port}: {detail}").format(
                port=self.options.robot_port, detail=update.detail or update.status))

    def _drain_events(self) -> Iterator[Note]:
        while True:
            try:
                kind, value = self._events.get_nowait()
            except queue.Empty:
                return
            if kind == "ack":  # a batch's mid is stored before this thread drains its PUBACK
                number = self._mids.pop(value, None)
                if number is not None:  # else hello, status or a resent batch
                    self.backlog.delivered(number)
            elif kind == "link":
                note = self._link_note(value)
                if note is not None:
                    yield note
            elif kind == "cmd":
                yield from self._command(value)

    def _link_note(self, up: bool) -> Note | None:
        if up and not self._was_offline:
            return None  # the first connection
        self._was_offline = not up
        if up:
            return Note("online", _("connected to the class again: sending {n} waiting batches").format(
                n=self.backlog.waiting))
        return Note("offline", _("lost the class broker: recording goes on here, batches wait "
                                 "(at most {n} entries)").format(n=self.backlog.queue_max))

    def _command(self, data: dict[str, Any]) -> Iterator[Note]:
        from leanbot_kit.telemetry.commands import encode_command

        cmd = data.get("cmd")
        if cmd == "resend":
            if data.get("session") == self.session_id and isinstance(data.get("from"), int):
                for _number, payload in self.backlog.resend(data["from"]):
                    self.link.publish(self.link.topic("t"), payload)
            return
        self.robot.last_cmd = contract.text(data.get("id"), 40)
        sent = self.session is not None and self.session.send(encode_command(cmd))
        yield Note("command", (_("the teacher sent {cmd} to the robot") if sent
                               else _("the teacher sent {cmd}, but the robot is not connected"))
                   .format(cmd=cmd))

    # --- publishing --------------------------------------------------------------------------------

    def _send_batches(self) -> None:
        link = self.link
        if link is None or not link.connected:
            return  # entries keep filling the last queued batch
        self.backlog.seal()
        for number, payload in self.backlog.take(WINDOW):
            mid = link.publish(link.topic("t"), payload)
            if mid is not None:
                self._mids[mid] = number

    def _greeting(self) -> list[tuple[str, bytes]]:
        """hello and status, republished on every (re)connect (called on paho's thread)."""
        assert self.link is not None
        return [(self.link.topic("hello"), self._hello()), (self.link.topic("status"), self._status())]

    def _hello(self) -> bytes:
        return contract.hello_payload(self.where.sid, self.name, robot_id=self.robot.robot_id,
                                      port=self.options.robot_port, lesson=self.lesson.lesson.id,
                                      client="leanbot-kit")

    def _publish_hello(self) -> None:
        if self.link is not None and self.link.connected:
            self.link.publish(self.link.topic("hello"), self._hello(), retain=True)

    def _status(self) -> bytes:
        return self.robot.status(self.session_id, self.backlog.acked, self.backlog.waiting)

    def _publish_status(self) -> None:
        if self.link is not None and self.link.connected:
            self.link.publish(self.link.topic("status"), self._status(), retain=True)

    def _finish(self) -> list[Note]:
        """Send what is left (for a few seconds at most), say goodbye, disconnect."""
        link, end = self.link, time.monotonic() + FINAL_FLUSH_S
        while link is not None and time.monotonic() < end and self.backlog.waiting:
            list(self._drain_events())
            self._send_batches()
            time.sleep(0.05)
        list(self._drain_events())
        left = self.backlog.waiting
        if link is not None:
            self._publish_status()
            link.stop(goodbye=contract.offline_payload())
        if not left:
            return []
        return [Note("unsent", _("{n} batches could not be sent to the class (the local recording "
                                 "has them)").format(n=left))]
