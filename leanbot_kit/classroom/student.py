"""What the teacher knows about one student: who, link, step, goals, live values, line sensors, path.

Goals are graded here from the telemetry entries with the same engine and mission clock as
`leanbot monitor` when the teacher has the lesson; otherwise the student's own status is shown.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

from leanbot_kit.classroom import contract
from leanbot_kit.i18n import current_language

PATH_POINTS = 1500  # points of the dead-reckoned path kept (then every other one is dropped)
CONSOLE = 6
STUCK_AFTER_S = 60.0  # no new step or goal for this long (while running) counts as stuck


class StudentState:
    """One student's card, updated from hello, status and telemetry entries."""

    def __init__(self, sid: str, expectations: tuple = (), now: float = 0.0) -> None:
        self.sid = sid
        self.name = sid
        self.robot_id: str | None = None
        self.port: str | None = None
        self.lesson: str | None = None
        self.client: str | None = None
        self.link = contract.LINK_WAITING
        self.counts = {"frames": 0, "corrupt": 0, "lost": 0}
        self.backlog = 0
        self.step: int | None = None
        self.latest: dict[str, int] = {}
        self.console: deque[str] = deque(maxlen=CONSOLE)
        self.path: list[tuple[int, int]] = []
        self._pose = (0.0, 0.0)
        self._odo: tuple[int, int] | None = None
        self.reported_goals: list[dict[str, Any]] = []
        self._expect = expectations
        self._grader: Any = None
        self._start_t: int | None = None
        self.passed_at: dict[str, float] = {}  # goal -> teacher's clock (s since the class began)
        self.seen = now
        self.progress = now
        self.running = False
        self.received = {"frames": 0, "events": 0, "disconnects": 0, "gaps": 0, "corrupt": 0,
                         "lost": 0}
        self._seq: int | None = None

    # --- messages ----------------------------------------------------------------------------------

    def hello(self, msg: dict[str, Any], now: float) -> None:
        """Who the student is (the name is kept as given; the page shows it as text)."""
        self.name = contract.text(msg.get("name"), 60) or self.sid
        for key in ("robot_id", "port", "lesson", "client"):
            setattr(self, key, contract.text(msg.get(key)))
        self.seen = now

    def status(self, msg: dict[str, Any], now: float) -> None:
        """The student's own view: link, counters, goals."""
        link = msg.get("link")
        if link in contract.LINK_STATES:
            self.link = link
        for key in self.counts:
            if isinstance(msg.get(key), int):
                self.counts[key] = msg[key]
        if isinstance(msg.get("backlog"), int):
            self.backlog = msg["backlog"]
        goals = msg.get("goals")
        if isinstance(goals, list):
            self.reported_goals = [g for g in goals[:50] if isinstance(g, dict)]
        if link != contract.LINK_OFFLINE:
            self.seen = now

    def entries(self, entries: list[dict[str, Any]], now: float, clock: float) -> None:
        """Telemetry entries in recording order (`clock`: seconds since the class began)."""
        self.seen = now
        for e in entries:
            kind = e.get("type")
            if kind == "frame" and isinstance(e.get("values"), dict):
                self.received["frames"] += 1
                self._frame(e, now, clock)
            elif kind == "event":
                self.received["events"] += 1
                self._event(e, now, clock)
            elif kind == "corrupt":
                self.received["corrupt"] += 1
            elif kind in ("disconnect", "gap"):
                self.received["disconnects" if kind == "disconnect" else "gaps"] += 1
                self._seq = None
            elif kind == "text" and isinstance(e.get("raw"), str):
                self.console.append(e["raw"][: contract.MAX_TEXT])
            elif kind == "robot_id" and isinstance(e.get("robot_id"), str):
                self.robot_id = e["robot_id"][:40]
            self._count_lost(e)

    def _count_lost(self, e: dict[str, Any]) -> None:
        """Sequence numbers skipped between intact frames/events, counted as `leanbot report` does."""
        seq = e.get("seq")
        if e.get("type") not in ("frame", "event") or not isinstance(seq, int):
            return
        if e.get("type") == "event" and e.get("kind") == "boot" and seq == 0:
            self._seq = None
        if self._seq is not None:
            self.received["lost"] += (seq - self._seq - 1) % 65536
        self._seq = seq

    def link_counts(self) -> dict[str, int]:
        """Frames, corrupt and lost: what the teacher received, or the student's figures if higher."""
        return {key: max(self.counts[key], self.received[key]) for key in self.counts}

    def _frame(self, e: dict[str, Any], now: float, clock: float) -> None:
        values = {k: v for k, v in e["values"].items() if isinstance(v, int)}
        self.latest = values
        robot_t = e.get("robot_t") if isinstance(e.get("robot_t"), int) else 0
        self._move(values)
        if self._grader is not None and self._start_t is not None:
            before = self._passed()
            self._grader.feed((robot_t - self._start_t) & 0xFFFFFFFF, {**values, "t_ms": robot_t})
            self._note_passed(before, now, clock)

    def _event(self, e: dict[str, Any], now: float, clock: float) -> None:
        kind, args = e.get("kind"), e.get("args") or []
        if kind == "step" and args and isinstance(args[0], int):
            self.step, self.progress = args[0], now
        elif kind == "start":
            self._start_t = e.get("robot_t") if isinstance(e.get("robot_t"), int) else 0
            self.running, self.progress, self.passed_at = True, now, {}
            self.path, self._pose, self._odo = [], (0.0, 0.0), None
            if self._expect:
                from leanbot_kit.expectations import Grader

                self._grader = Grader(self._expect, simulated=False)
        elif kind == "end":
            self.running = False
            if self._grader is not None and self._start_t is not None:
                before = self._passed()
                self._grader.finish()
                self._note_passed(before, now, clock)
        elif kind == "boot":
            self._start_t, self.step, self.running = None, None, False

    def _passed(self) -> set[str]:
        return {r.name for r in self._grader.results() if r.status == "passed"}

    def _note_passed(self, before: set[str], now: float, clock: float) -> None:
        for name in self._passed() - before:
            self.passed_at[name] = round(clock, 1)
            self.progress = now

    def _move(self, values: dict[str, int]) -> None:
        """Dead reckoning from `dist_mm` and `rot_deg` (when the lesson sends them) for the path."""
        if "dist_mm" not in values or "rot_deg" not in values:
            return
        odo = (values["dist_mm"], values["rot_deg"])
        if self._odo is not None:
            step = odo[0] - self._odo[0]
            heading = math.radians(odo[1])
            x, y = self._pose
            self._pose = (x + step * math.cos(heading), y + step * math.sin(heading))
            point = (round(self._pose[0]), round(self._pose[1]))
            if not self.path or point != self.path[-1]:
                self.path.append(point)
                if len(self.path) > PATH_POINTS:
                    self.path = self.path[::2]
        self._odo = odo

    # --- views -------------------------------------------------------------------------------------

    def goals(self) -> list[dict[str, Any]]:
        """[{name, state, at_ms}] graded here, else as the student reported them."""
        if self._grader is None:
            if self._expect and not self.reported_goals:
                return [{"name": x.label(current_language()), "state": "pending", "at_ms": None}
                        for x in self._expect]
            return [{"name": contract.text(g.get("name"), 80) or "?",
                     "state": g.get("state") if g.get("state") in contract.GOAL_STATES else "pending",
                     "at_ms": g.get("at_ms") if isinstance(g.get("at_ms"), int) else None}
                    for g in self.reported_goals]
        return [{"name": r.name, "state": r.status, "at_ms": r.at_ms} for r in self._grader.results()]

    def link_now(self, now: float) -> str:
        """The link as the teacher sees it: silent for too long is lost."""
        if self.link != contract.LINK_OFFLINE and now - self.seen > contract.OFFLINE_AFTER_S:
            return contract.LINK_LOST
        return self.link

    def stuck(self, now: float) -> bool:
        """Needs the teacher: link lost, a goal failed, or running without progress for a while."""
        goals = self.goals()
        return (self.link_now(now) in (contract.LINK_LOST, contract.LINK_OFFLINE)
                or any(g["state"] == "failed" for g in goals)
                or (self.running and now - self.progress > STUCK_AFTER_S))

    def card(self, now: float) -> dict[str, Any]:
        """What the dashboard shows for this student."""
        return {"sid": self.sid, "name": self.name, "robot_id": self.robot_id, "port": self.port,
                "lesson": self.lesson, "link": self.link_now(now), **self.link_counts(),
                "backlog": self.backlog, "step": self.step, "goals": self.goals(),
                "latest": self.latest, "console": list(self.console), "stuck": self.stuck(now),
                "running": self.running,
                "path": self.path[:: max(1, len(self.path) // 60)]}
