"""Turn a run's Serial output (a file, streamed) and trace into expectation samples, and grade them.

The Serial output is never held whole: it is parsed a chunk at a time; what stays in memory is
bounded — the frame count, the last `CONSOLE_KEEP` console lines, the last `TAIL_BYTES` bytes —
and the expectations are graded as the frames go by.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from leanbot_kit.sim.trace import Trace

CHUNK = 1 << 16
TAIL_BYTES = 64 * 1024  # the end of the Serial output kept in memory (crash reports, callers)
CONSOLE_KEEP = 1000  # console lines kept (the newest); all are counted


@dataclass(frozen=True)
class Sample:
    """What was known at one moment of the mission: telemetry values plus the ground truth."""

    mission_ms: int
    values: dict[str, int]


@dataclass(frozen=True)
class Telemetry:
    """What the sketch printed, in bounded memory: counts, the last console lines, the results."""

    frames: int
    start_ms: int | None
    corrupt: int = 0
    console: tuple[str, ...] = ()  # the newest lines that are not telemetry (the sketch's prints)
    console_total: int = 0
    tail: bytes = b""  # the last TAIL_BYTES of the output
    size: int = 0  # bytes of Serial output in all
    results: tuple = ()


def _chunks(path: Path | None) -> Iterator[bytes]:
    if path is None:
        return
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        return
    with fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _messages(path: Path | None) -> Iterator:
    from leanbot_kit.telemetry.protocol import Parser

    parser, last = Parser(), b"\n"
    for chunk in _chunks(path):
        yield from parser.feed(chunk)
        last = chunk[-1:]
    if last != b"\n":
        yield from parser.feed(b"\n")


def _tail(path: Path | None) -> tuple[bytes, int]:
    if path is None or not path.is_file():
        return b"", 0
    size = path.stat().st_size
    with path.open("rb") as fh:
        fh.seek(max(0, size - TAIL_BYTES))
        return fh.read(TAIL_BYTES), size


def read_telemetry(serial: Path | None, trace: Trace, expectations=None, world=None) -> Telemetry:
    """Parse the Serial output file; with `expectations`, grade them on the way (see `samples`)."""
    if expectations is None:
        return _scan(serial, None)
    from leanbot_kit.expectations import Grader

    grader = Grader(expectations, simulated=True)
    telemetry = _scan(serial, _Grading(trace, grader.feed, world))
    return replace(telemetry, results=tuple(grader.finish()))


def samples(serial: Path | None, trace: Trace, world=None) -> list[Sample]:
    """Every sample the expectations of a run are graded on, in order (for tests and debugging)."""
    out: list[Sample] = []
    _scan(serial, _Grading(trace, lambda ms, values: out.append(Sample(ms, dict(values))), world))
    return out


def _scan(serial: Path | None, grading: _Grading | None) -> Telemetry:
    from leanbot_kit.telemetry.protocol import Corrupt, Event, Frame, Text

    frames, start, corrupt, total = 0, None, 0, 0
    console: deque[str] = deque(maxlen=CONSOLE_KEEP)
    for msg in _messages(serial):
        if isinstance(msg, Frame) and msg.fields is not None:
            frames += 1
            if grading is not None and start is not None:
                grading.frame(msg.t_ms, msg.as_dict())
        elif isinstance(msg, Event) and msg.kind == "start" and start is None:
            start = msg.t_ms
            if grading is not None:
                grading.begin(start)
        elif isinstance(msg, Corrupt):
            corrupt += 1
        elif isinstance(msg, Text):
            console.append(msg.line)
            total += 1
    if grading is not None:
        if start is None:  # no start event: the mission starts when the trace says
            grading.begin(grading.trace.event_time("mission_start"))
            for msg in _messages(serial) if grading.start is not None else ():
                if isinstance(msg, Frame) and msg.fields is not None:
                    grading.frame(msg.t_ms, msg.as_dict())
        grading.finish()
    tail, size = _tail(serial)
    return Telemetry(frames, start, corrupt, tuple(console), total, tail, size)


class _Grading:
    """Samples from every frame after the start, merged with the ground truth at the frame's time.

    A run without frames after the start (a lesson with no telemetry fields) is graded on the trace
    rows instead, which carry the same field names. The last sample is the final state of the run.
    """

    def __init__(self, trace: Trace, feed, world=None) -> None:
        self.feed = feed  # feed(mission_ms, values), like Grader.feed
        self.trace = trace
        self.world = world
        self.start: int | None = None
        self.last: dict[str, int] | None = None
        self.extra = lambda t_ms, row: {}

    def begin(self, start: int | None) -> None:
        self.start = start
        if start is not None:
            self.extra = _extra_truth(self.trace, start, self.world)

    def truth(self, row) -> dict[str, int]:
        """The ground truth at `row`: pose, buzzer, LEDs, tones so far, the gripped object's place."""
        return {**row.truth(), **self.extra(row.t_ms, row)}

    def frame(self, t_ms: int, values: dict[str, int]) -> None:
        row = self.trace.at(t_ms)
        if self.start is not None and t_ms >= self.start and row is not None:
            self.last = {**values, **row.truth(), **self.extra(t_ms, row)}
            self.feed(t_ms - self.start, self.last)

    def finish(self) -> None:
        """The samples that come after the frames: trace rows when there were none, the final state."""
        rows, start = self.trace.rows, self.start
        if start is None:
            return
        if self.last is None:
            for r in rows:
                if r.t_ms >= start:
                    self.last = {**_row_values(r), **self.extra(r.t_ms, r)}
                    self.feed(r.t_ms - start, self.last)
        if rows and rows[-1].t_ms >= start:
            final = rows[-1]
            base = dict(self.last) if self.last is not None else _row_values(final)
            self.feed(final.t_ms - start, {**base, **self.truth(final)})


def _extra_truth(trace: Trace, start: int, world):
    """(t_ms, row) -> the ground truth read from events: tones since the start, the object's place."""
    from bisect import bisect_right

    from leanbot_kit.sim.objects import ObjectTrack

    objects = getattr(world, "objects", ())
    track = ObjectTrack(trace, (objects[0].x, objects[0].y) if objects else None)
    times = [t for t in trace.tone_starts() if t >= start]
    return lambda t_ms, row: {"tones": bisect_right(times, t_ms), **track.values(t_ms, row)}


def _row_values(row) -> dict[str, int]:
    values = {k: round(v) for k, v in row.values.items() if k != "t_ms"}
    values.update(row.truth())
    values["t_ms"] = row.t_ms
    return values
