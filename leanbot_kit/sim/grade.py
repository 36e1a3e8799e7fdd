"""Turn a run's Serial output and trace into expectation samples, and grade them."""

from __future__ import annotations

from dataclasses import dataclass

from leanbot_kit.sim.trace import Trace


@dataclass(frozen=True)
class Sample:
    """What was known at one moment of the mission: telemetry values plus the ground truth."""

    mission_ms: int
    values: dict[str, int]


@dataclass(frozen=True)
class Telemetry:
    """The telemetry the sketch printed: frames (robot time, values by field) and the start time."""

    frames: tuple[tuple[int, dict[str, int]], ...]
    start_ms: int | None
    corrupt: int = 0
    console: tuple[str, ...] = ()  # the lines that are not telemetry (the sketch's own prints)


def read_telemetry(serial: bytes) -> Telemetry:
    """Parse the sketch's Serial output with the telemetry parser."""
    from leanbot_kit.telemetry.protocol import Corrupt, Event, Frame, Parser, Text

    parser = Parser()
    frames, start, corrupt, console = [], None, 0, []
    tail = b"" if serial.endswith(b"\n") or not serial else b"\n"
    for msg in parser.feed(serial) + parser.feed(tail):
        if isinstance(msg, Frame) and msg.fields is not None:
            frames.append((msg.t_ms, msg.as_dict()))
        elif isinstance(msg, Event) and msg.kind == "start" and start is None:
            start = msg.t_ms
        elif isinstance(msg, Corrupt):
            corrupt += 1
        elif isinstance(msg, Text):
            console.append(msg.line)
    return Telemetry(tuple(frames), start, corrupt, tuple(console))


def samples(telemetry: Telemetry, trace: Trace, world=None) -> list[Sample]:
    """Samples from every frame after the start, merged with the ground truth at the frame's time.

    A run without frames after the start (a lesson with no telemetry fields) is graded on the trace
    rows instead, which carry the same field names. The last sample is the final state of the run.
    """
    start = telemetry.start_ms
    if start is None:
        start = trace.event_time("mission_start")
    if start is None:
        return []
    extra = _extra_truth(trace, start, world)
    out = []
    for t_ms, values in telemetry.frames:
        row = trace.at(t_ms)
        if t_ms >= start and row is not None:
            out.append(Sample(t_ms - start, {**values, **row.truth(), **extra(t_ms, row)}))
    if not out:
        out = [Sample(r.t_ms - start, {**_row_values(r), **extra(r.t_ms, r)})
               for r in trace.rows if r.t_ms >= start]
    if trace.rows and trace.rows[-1].t_ms >= start:
        last = trace.rows[-1]
        base = dict(out[-1].values) if out else _row_values(last)
        out.append(Sample(last.t_ms - start, {**base, **last.truth(), **extra(last.t_ms, last)}))
    return out


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


def grade(expectations, sample_list: list[Sample]) -> tuple:
    """Grade expectations on the samples (simulated run); the results in order."""
    from leanbot_kit.expectations import Grader

    grader = Grader(expectations, simulated=True)
    for s in sample_list:
        grader.feed(s.mission_ms, s.values)
    return tuple(grader.finish())
