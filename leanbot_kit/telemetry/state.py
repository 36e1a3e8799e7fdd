"""What the live view shows about one robot, kept up to date from a session's updates."""

from __future__ import annotations

from collections import deque

from leanbot_kit.telemetry.protocol import Corrupt, Event, Frame, Header, LinkStats, Text
from leanbot_kit.telemetry.session import WAITING, Update

HISTORY = 40  # values kept per field for the sparklines
CONSOLE = 8  # console lines kept


class RobotState:
    """The latest values, recent history, step, console text and link health of one robot."""

    def __init__(self, port: str) -> None:
        self.port = port
        self.robot_id: str | None = None
        self.status = WAITING
        self.detail = ""
        self.header: Header | None = None
        self.fields: tuple[str, ...] = ()
        self.latest: dict[str, int] = {}
        self.raw: tuple[int, ...] | None = None
        self.history: dict[str, deque[int]] = {}
        self.step: int | None = None
        self.last_event: Event | None = None
        self.console: deque[str] = deque(maxlen=CONSOLE)
        self.stats = LinkStats()
        self.results: tuple = ()
        self._rate: deque[tuple[float, int]] = deque(maxlen=20)
        self.host_t = 0.0

    @property
    def name(self) -> str:
        """The robot id when known, else the port."""
        return self.robot_id or self.port

    @property
    def rate(self) -> float:
        """Frames per second over the last few seconds."""
        if len(self._rate) < 2:
            return 0.0
        (t0, n0), (t1, n1) = self._rate[0], self._rate[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0

    def apply(self, update: Update) -> None:
        """Take in one update from the session."""
        self.host_t = update.host_t
        if update.status is not None:
            self.status, self.detail = update.status, update.detail
        self.robot_id = update.robot_id or self.robot_id
        self.stats = update.stats
        self.results = update.results or self.results
        if not self._rate or update.host_t - self._rate[-1][0] >= 0.25:
            self._rate.append((update.host_t, update.stats.frames))
        for msg in update.messages:
            self._take(msg)

    def _take(self, msg: object) -> None:
        if isinstance(msg, Frame):
            self._frame(msg)
        elif isinstance(msg, Event):
            self.last_event = msg
            if msg.kind == "step" and msg.args and isinstance(msg.args[0], int):
                self.step = msg.args[0]
            elif msg.kind == "boot":
                self.step = None
        elif isinstance(msg, Header):
            self.header = msg
        elif isinstance(msg, Text):
            self.console.append(msg.line)
        elif isinstance(msg, Corrupt) and msg.reason == "noise":
            pass  # counted in the link health; garbage is not worth showing

    def _frame(self, frame: Frame) -> None:
        self.latest["t_ms"] = frame.t_ms
        if frame.fields is None:
            self.raw = frame.values
            return
        self.raw = None
        if frame.fields != self.fields:
            self.fields = frame.fields
            self.history = {f: deque(maxlen=HISTORY) for f in frame.fields}
        for name, value in zip(frame.fields, frame.values, strict=True):
            self.latest[name] = value
            self.history[name].append(value)
