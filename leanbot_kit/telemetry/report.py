"""Summarise a recording: duration, frames, lost/corrupt, per-field statistics, steps, expectations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from leanbot_kit.telemetry.summary import StepMark, Summary


@dataclass(frozen=True)
class FieldStats:
    """Minimum, maximum and mean of one field over the recording."""

    min: int
    max: int
    mean: float
    count: int


@dataclass(frozen=True)
class Report:
    """What a recording holds, in numbers."""

    path: str
    port: str | None
    robot_id: str | None
    lesson: str | None
    duration_s: float  # wall-clock time the recording lasted (the computer's clock)
    lines: int
    frames: int
    events: int
    lost: int
    corrupt: int
    disconnects: int
    fields: dict[str, FieldStats]
    steps: tuple[StepMark, ...]
    expectations: tuple = ()
    truncated: bool = False
    damaged: int = 0  # entries skipped because they were damaged
    first_damaged: int | None = None  # the line of the first one
    robot_s: float | None = None  # robot time the frames and events span (the robot's clock), summed over runs

    @property
    def lost_pct(self) -> float:
        """Lost frames/events as a percentage of all that were sent."""
        sent = self.frames + self.events + self.lost
        return 100.0 * self.lost / sent if sent else 0.0

    @property
    def corrupt_pct(self) -> float:
        """Corrupt lines as a percentage of all lines received."""
        return 100.0 * self.corrupt / self.lines if self.lines else 0.0

    def to_json(self) -> dict[str, Any]:
        """The machine-readable summary printed by `leanbot report --json`."""
        return {
            "recording": self.path, "port": self.port, "robot_id": self.robot_id,
            "lesson": self.lesson, "duration_s": round(self.duration_s, 3),
            "wall_s": round(self.duration_s, 3),
            "robot_s": None if self.robot_s is None else round(self.robot_s, 3),
            "lines": self.lines, "frames": self.frames, "events": self.events,
            "lost": self.lost, "corrupt": self.corrupt, "damaged": self.damaged,
            "lost_pct": round(self.lost_pct, 3), "corrupt_pct": round(self.corrupt_pct, 3),
            "disconnects": self.disconnects,
            "fields": {k: {"min": v.min, "max": v.max, "mean": round(v.mean, 3)}
                       for k, v in self.fields.items()},
            "steps": [{"host_t": s.host_t, "robot_t": s.robot_t, "step": s.step} for s in self.steps],
            "expectations": [{"name": r.name, "kind": r.kind, "status": r.status, "passed": r.passed,
                              "at_ms": r.at_ms, "evaluated": r.evaluated, "detail": r.detail}
                             for r in self.expectations],
        }


def frames_of(recording: Any) -> Iterator[tuple[float, int, dict[str, int]]]:
    """(host_t, robot_t, values by name) of every frame with named values, streamed."""
    for batch in recording.batches():
        for e in batch:
            if e.get("type") == "frame" and isinstance(e.get("values"), dict):
                yield float(e.get("host_t") or 0.0), int(e.get("robot_t") or 0), e["values"]


def summarise(recording: Any, lesson: Any = None) -> Report:
    """The report of a recording (a `Recording` or a streaming `RecordingReader`), in one pass.

    With `lesson`, its expectations are graded on the last run (from the last `start` event).
    """
    acc = Summary(lesson)
    if hasattr(recording, "blocks"):  # a streaming reader: frames come as columns
        for block in recording.blocks():
            acc.feed_block(block)
    else:
        for batch in recording.batches():
            acc.feed(batch)
    header = recording.header
    counts = acc.counts
    lines = sum(counts.get(k, 0) for k in ("frame", "event", "header", "text", "corrupt"))
    fields = {k: FieldStats(int(a[0]), int(a[1]), a[2] / a[3], int(a[3]))
              for k, a in acc.stats.items()}
    return Report(
        path=str(recording.path), port=header.get("port"),
        robot_id=acc.robot_id or header.get("robot_id"), lesson=header.get("lesson"),
        duration_s=float(acc.duration), lines=lines, frames=counts.get("frame", 0),
        events=counts.get("event", 0), lost=acc.lost, corrupt=counts.get("corrupt", 0),
        disconnects=counts.get("disconnect", 0), fields=fields, steps=tuple(acc.steps),
        expectations=acc.results(), truncated=recording.truncated,
        damaged=getattr(recording, "damaged", 0),
        first_damaged=getattr(recording, "first_damaged", None), robot_s=acc.robot_s())


def count_lost(entries: Iterable[dict[str, Any]]) -> int:
    """Seq values skipped between intact frames/events, as the live parser counts them."""
    acc = Summary(None)
    acc.feed(list(entries))
    return acc.lost


def robot_seconds_spanned(entries: Iterable[dict[str, Any]]) -> float | None:
    """The robot time (s) the frames and events cover: the robot's own clock, summed over its runs.

    A robot reset (its clock going back) or an unplug starts a new run; gaps between runs do not count.
    None when nothing carries a robot time.
    """
    acc = Summary(None)
    acc.feed(list(entries))
    return acc.robot_s()
