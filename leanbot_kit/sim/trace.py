"""Read the ground-truth trace the robot process writes (T rows, E events, the final X line)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

T_FIELDS = ("t_ms", "x_mm", "y_mm", "heading_deg", "vl", "vr", "dist_mm", "rot_deg", "ping_mm",
            "line", *(f"ir{i}" for i in range(8)), "touch", "grip_l", "grip_r")
LED_NAMES = ("A", "B", "C", "D", "E", "F", "O")


@dataclass(frozen=True)
class Row:
    """The robot's true state at one moment: pose, wheel speeds, sensors, arms, LEDs, tone."""

    values: dict[str, float]
    leds: tuple[str, ...] = ()
    tone_hz: int = 0

    @property
    def t_ms(self) -> int:
        """Simulated time of the row, ms since reset."""
        return int(self.values["t_ms"])

    def truth(self) -> dict[str, int]:
        """The ground truth as expectation values: pose (rounded), buzzer and LEDs."""
        out = {k: round(self.values[k]) for k in ("x_mm", "y_mm", "heading_deg")}
        colours = [_colour(led) for led in self.leds]
        lit = [c for c in colours if c]
        out.update(tone_hz=self.tone_hz, leds_lit=len(lit), leds_rgb=lit[0] if lit else 0)
        return out


def _colour(text: str) -> int:
    try:
        return int(text, 16)
    except ValueError:
        return 0


@dataclass(frozen=True)
class SimEvent:
    """An event line: `mission_start`, `mission_end`, `tone`, `leds`, `halt`, …"""

    t_ms: int
    kind: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trace:
    """A whole trace: rows in time order, events, and how the run ended (None: it did not say)."""

    rows: tuple[Row, ...]
    events: tuple[SimEvent, ...]
    end_ms: int | None = None
    end_reason: str | None = None

    def at(self, t_ms: int) -> Row | None:
        """The last row at or before `t_ms` (the first row if `t_ms` is earlier)."""
        if not self.rows:
            return None
        i = bisect_right(self.times, t_ms)
        return self.rows[max(0, i - 1)]

    @cached_property
    def times(self) -> list[int]:
        """The time of every row, for searching."""
        return [r.t_ms for r in self.rows]

    def tone_starts(self) -> list[int]:
        """When each tone began (a `tone` event with a frequency above 0), in time order."""
        return [e.t_ms for e in self.events if e.kind == "tone" and e.args[:1] not in (("0",), ())]

    def event_time(self, kind: str) -> int | None:
        """When the first event of `kind` happened."""
        return next((e.t_ms for e in self.events if e.kind == kind), None)


def _row(parts: list[str]) -> Row | None:
    n = len(T_FIELDS)
    try:
        values = {name: float(v) for name, v in zip(T_FIELDS, parts[:n], strict=False)}
        tone = int(float(parts[n + 7])) if len(parts) > n + 7 else 0
    except ValueError:
        return None
    if len(values) < 4:
        return None
    return Row(values, tuple(parts[n:n + 7]), tone)


def parse_trace(text: str) -> Trace:
    """Parse trace text; unknown or damaged lines are skipped (a crash can cut the last one)."""
    rows, events, end_ms, reason = [], [], None, None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        tag, rest = parts[0], parts[1:]
        if tag == "T":
            row = _row(rest)
            if row is not None:
                rows.append(row)
        elif tag == "E" and len(rest) >= 2 and rest[0].isdigit():
            events.append(SimEvent(int(rest[0]), rest[1], tuple(rest[2:])))
        elif tag == "X" and len(rest) >= 2 and rest[0].isdigit():
            end_ms, reason = int(rest[0]), rest[1]
    return Trace(tuple(rows), tuple(events), end_ms, reason)


def read_trace(path: Path) -> Trace:
    """Parse the trace file at `path` (an empty trace if it was never written)."""
    try:
        return parse_trace(path.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        return Trace((), ())
