"""Read the ground-truth trace the robot process writes (T rows, E events, the final X line)."""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

T_FIELDS = ("t_ms", "x_mm", "y_mm", "heading_deg", "vl", "vr", "dist_mm", "rot_deg", "ping_mm",
            "line", *(f"ir{i}" for i in range(8)), "touch", "grip_l", "grip_r")
LED_NAMES = ("A", "B", "C", "D", "E", "F", "O")


_INDEX = {name: i for i, name in enumerate(T_FIELDS)}


class RowValues(Mapping):
    """A row's values by field name, read from its packed numbers (no dict per row)."""

    __slots__ = ("_data",)

    def __init__(self, data: array) -> None:
        self._data = data

    def __getitem__(self, name: str) -> float:
        i = _INDEX.get(name)
        if i is None or i >= len(self._data):
            raise KeyError(name)
        return self._data[i]

    def __iter__(self) -> Iterator[str]:
        return iter(T_FIELDS[: len(self._data)])

    def __len__(self) -> int:
        return len(self._data)


@dataclass(frozen=True)
class Row:
    """The robot's true state at one moment: pose, wheel speeds, sensors, arms, LEDs, tone.

    The numbers are packed (an `array` of doubles): a long run keeps tens of thousands of rows.
    """

    data: array
    leds: tuple[str, ...] = ()
    tone_hz: int = 0

    @property
    def values(self) -> RowValues:
        """The values by field name (`t_ms`, `x_mm`, … as in T_FIELDS)."""
        return RowValues(self.data)

    @property
    def t_ms(self) -> int:
        """Simulated time of the row, ms since reset."""
        return int(self.data[0])

    def truth(self) -> dict[str, int]:
        """The ground truth as expectation values: pose (rounded), buzzer and LEDs."""
        out = {"x_mm": round(self.data[1]), "y_mm": round(self.data[2]),
               "heading_deg": round(self.data[3])}
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
        data = array("d", map(float, parts[:n]))
        tone = int(float(parts[n + 7])) if len(parts) > n + 7 else 0
    except ValueError:
        return None
    if len(data) < 4:
        return None
    return Row(data, tuple(sys.intern(p) for p in parts[n:n + 7]), tone)


MAX_ROWS = 30_000  # 10 simulated minutes at one row per 20 ms; longer runs keep every 2nd, 4th …
MAX_EVENTS = 20_000  # the first ones (mission_start/end come early or are re-read from the end)


class _TraceReader:
    """Collects a trace line by line in bounded memory."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.events: list[SimEvent] = []
        self.end_ms: int | None = None
        self.reason: str | None = None
        self.stride, self.skipped = 1, 0

    def line(self, line: str) -> None:
        parts = line.split()
        if len(parts) < 2:
            return
        tag, rest = parts[0], parts[1:]
        if tag == "T":
            self.skipped += 1
            if self.skipped < self.stride:
                return
            row = _row(rest)
            if row is not None:
                self.skipped = 0
                self.rows.append(row)
                if len(self.rows) > MAX_ROWS:  # a very long run: keep every other row
                    self.rows = self.rows[::2]
                    self.stride *= 2
        elif tag == "E" and len(rest) >= 2 and rest[0].isdigit():
            event = SimEvent(int(rest[0]), rest[1], tuple(rest[2:]))
            ends = event.kind in ("mission_start", "mission_end", "halt")
            if len(self.events) < (2 * MAX_EVENTS if ends else MAX_EVENTS):
                self.events.append(event)
        elif tag == "X" and len(rest) >= 2 and rest[0].isdigit():
            self.end_ms, self.reason = int(rest[0]), rest[1]

    def trace(self) -> Trace:
        return Trace(tuple(self.rows), tuple(self.events), self.end_ms, self.reason)


def parse_trace(text: str) -> Trace:
    """Parse trace text; unknown or damaged lines are skipped (a crash can cut the last one)."""
    reader = _TraceReader()
    for line in text.splitlines():
        reader.line(line)
    return reader.trace()


def read_trace(path: Path) -> Trace:
    """Parse the trace file at `path`, streamed line by line (an empty trace if it was never written).

    Memory stays bounded for any run: rows are thinned past MAX_ROWS, events kept up to MAX_EVENTS.
    """
    reader = _TraceReader()
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                reader.line(line)
    except FileNotFoundError:
        pass
    return reader.trace()
