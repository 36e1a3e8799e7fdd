"""The hub of the class: every student's state and recording, fed by the broker, read by the page.

Not thread-safe on purpose: the server calls it from its one asyncio loop (the broker client hands
messages over with `call_soon_threadsafe`). Listeners (the dashboard's sockets) get plain dicts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.store import StudentLog
from leanbot_kit.classroom.student import StudentState
from leanbot_kit.i18n import current_language

MAX_STUDENTS = 200  # a class, even a big one; more ids than this are ignored (a flood)
CARDS_EVERY_S = 0.5  # changed cards are pushed this often
ALL_CARDS_EVERY_S = 2.0  # and every card this often (a silent student turns "lost")


class ClassHub:
    """Students by id; `handle()` takes broker messages, `tick()` runs the timers."""

    def __init__(self, cls: str, *, lesson: Any = None, record_dir: Path | None = None,
                 publish: Callable[[str, bytes], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.cls, self.lesson, self.record_dir = cls, lesson, record_dir
        self._publish = publish or (lambda topic, payload: None)
        self._clock = clock
        self.t0 = clock()
        self.started = datetime.now(timezone.utc)
        self.students: dict[str, StudentState] = {}
        self.logs: dict[str, StudentLog] = {}
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self.broker_up = False
        self.commands: list[dict[str, Any]] = []
        self._dirty: set[str] = set()
        self._frames: dict[str, list] = {}  # live frames not yet pushed, by student
        self._cards_at = 0.0
        self._all_at = 0.0
        self.received = 0

    @property
    def expectations(self) -> tuple:
        """The lesson's goals (empty without a lesson)."""
        return tuple(self.lesson.expect) if self.lesson is not None else ()

    def clock(self) -> float:
        """Seconds since the class began."""
        return self._clock() - self.t0

    def now(self) -> float:
        """The hub's monotonic time (what student states compare their last news with)."""
        return self._clock()

    # --- from the broker ---------------------------------------------------------------------------

    def handle(self, topic: str, payload: bytes) -> None:
        """One message from a student topic (anything malformed is dropped)."""
        parsed = contract.parse_student_topic(topic)
        msg = contract.decode(payload)
        if parsed is None or parsed[0] != self.cls or msg is None:
            return
        _cls, sid, leaf = parsed
        student = self._student(sid)
        if student is None:
            return
        now = self._clock()
        self.received += 1
        if leaf == "hello":
            student.hello(msg, now)
        elif leaf == "status":
            student.status(msg, now)
            if isinstance(msg.get("session"), str) and isinstance(msg.get("batch"), int):
                self.logs[sid].announced(msg["session"][:40], msg["batch"], now)
        elif leaf == "t":
            self._batch(sid, student, msg, now)
        self._dirty.add(sid)

    def _student(self, sid: str) -> StudentState | None:
        student = self.students.get(sid)
        if student is None and len(self.students) < MAX_STUDENTS:
            student = self.students[sid] = StudentState(sid, self.expectations, self._clock())
            path = self.record_dir / f"{sid}.jsonl" if self.record_dir is not None else None
            header = {"type": "recording", "version": 1, "port": f"class:{self.cls}/{sid}",
                      "robot_id": None, "lesson": self.lesson.id if self.lesson else None,
                      "schema": None, "started": self.started.isoformat(timespec="seconds")}
            self.logs[sid] = StudentLog(path, lambda s, n, sid=sid: self._ask_resend(sid, s, n),
                                        header)
        return student

    def _batch(self, sid: str, student: StudentState, msg: dict[str, Any], now: float) -> None:
        session, n, entries = msg.get("session"), msg.get("batch"), msg.get("entries")
        if not isinstance(session, str) or not isinstance(n, int) or not isinstance(entries, list):
            return
        entries = [e for e in entries[: contract.MAX_BATCH_ENTRIES] if isinstance(e, dict)]
        written = self.logs[sid].batch(session[:40], n, entries, now)
        if written:
            student.entries(written, now, self.clock())
            frames = [[e.get("robot_t"), e["values"]] for e in written
                      if e.get("type") == "frame" and isinstance(e.get("values"), dict)]
            if frames:
                self._frames.setdefault(sid, []).extend(frames)

    def _ask_resend(self, sid: str, session: str, first: int) -> None:
        self._publish(contract.student_topic(self.cls, sid, "cmd"),
                      contract.command_payload("resend", session=session, **{"from": first}))

    def broker_state(self, up: bool) -> None:
        """The teacher's own link to the broker went up or down (recordings get markers)."""
        if up != self.broker_up:
            self.broker_up = up
            for log in self.logs.values():
                log.broker_lost(not up)
            self._emit({"type": "broker", "up": up})

    # --- timers, commands, views -------------------------------------------------------------------

    def tick(self) -> None:
        """Push the live frames that came since the last tick (one message for the whole class), run
        the recordings' timers, and push the cards that changed (all of them every 2 s)."""
        if self._frames:
            self._emit({"type": "t", "frames": self._frames})
            self._frames = {}
        now = self._clock()
        for sid, log in self.logs.items():
            written = log.tick(now)
            if written:
                self.students[sid].entries(written, now, self.clock())
                self._dirty.add(sid)
        if now - self._all_at >= ALL_CARDS_EVERY_S:
            self._all_at, self._dirty = now, set(self.students)
        if self._dirty and now - self._cards_at >= CARDS_EVERY_S:
            cards = [self.students[sid].card(now) for sid in sorted(self._dirty)]
            self._cards_at, self._dirty = now, set()
            self._emit({"type": "cards", "students": cards, "class": self.class_row()})

    def command(self, cmd: str, sid: str | None = None) -> dict[str, Any]:
        """Send `stop`/`start` to every robot (or one); returns what was sent."""
        topic = (contract.class_cmd_topic(self.cls) if sid is None
                 else contract.student_topic(self.cls, sid, "cmd"))
        payload = contract.command_payload(cmd)
        self._publish(topic, payload)
        sent = {**contract.decode(payload), "sid": sid, "at": round(self.clock(), 2)}
        self.commands = [*self.commands[-99:], sent]
        self._emit({"type": "command", **sent})
        return sent

    def class_row(self) -> list[dict[str, Any]]:
        """Per goal: how many students passed it, out of how many."""
        names = [x.label(current_language()) for x in self.expectations]  # as the grader names them
        for st in self.students.values():
            names += [g["name"] for g in st.goals() if g["name"] not in names]
        total = len(self.students)
        return [{"name": n, "passed": sum(1 for st in self.students.values()
                                          if any(g["name"] == n and g["state"] == "passed"
                                                 for g in st.goals())), "of": total}
                for n in names]

    def snapshot(self) -> dict[str, Any]:
        """Everything the page needs when it (re)connects."""
        now = self._clock()
        return {"type": "snapshot", "class": self.cls, "broker": self.broker_up,
                "lesson": self.lesson.id if self.lesson else None,
                "students": [st.card(now) for st in self.students.values()],
                "row": self.class_row(), "commands": self.commands[-20:],
                "labels": {x.label(current_language()): {lang: x.label(lang) for lang in ("vi", "en")}
                           for x in self.expectations}}

    def _emit(self, message: dict[str, Any]) -> None:
        for listener in list(self.listeners):
            listener(message)

    def close(self) -> None:
        """Close every recording."""
        for log in self.logs.values():
            log.close()
