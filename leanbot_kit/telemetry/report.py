"""Summarise a recording: duration, frames, lost/corrupt, per-field statistics, steps, expectations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from leanbot_kit.telemetry.recording import Recording

SEQ_MOD = 65536


@dataclass(frozen=True)
class FieldStats:
    """Minimum, maximum and mean of one field over the recording."""

    min: int
    max: int
    mean: float
    count: int


@dataclass(frozen=True)
class StepMark:
    """A `step` event: when it came (host seconds, robot ms) and the step number."""

    host_t: float
    robot_t: int
    step: int


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
            "lost": self.lost, "corrupt": self.corrupt,
            "lost_pct": round(self.lost_pct, 3), "corrupt_pct": round(self.corrupt_pct, 3),
            "disconnects": self.disconnects,
            "fields": {k: {"min": v.min, "max": v.max, "mean": round(v.mean, 3)}
                       for k, v in self.fields.items()},
            "steps": [{"host_t": s.host_t, "robot_t": s.robot_t, "step": s.step} for s in self.steps],
            "expectations": [{"name": r.name, "kind": r.kind, "status": r.status, "passed": r.passed,
                              "at_ms": r.at_ms, "evaluated": r.evaluated, "detail": r.detail}
                             for r in self.expectations],
        }


def frames_of(recording: Recording) -> Iterator[tuple[float, int, dict[str, int]]]:
    """(host_t, robot_t, values by name) of every frame with named values."""
    for e in recording.entries:
        if e.get("type") == "frame" and isinstance(e.get("values"), dict):
            yield float(e.get("host_t") or 0.0), int(e.get("robot_t") or 0), e["values"]


def count_lost(entries: tuple[dict[str, Any], ...]) -> int:
    """Seq values skipped between intact frames/events, as the live parser counts them."""
    lost, last = 0, None
    for e in entries:
        kind = e.get("type")
        if kind in ("disconnect", "reconnect"):
            last = None
        elif kind in ("frame", "event") and isinstance(e.get("seq"), int):
            seq = e["seq"]
            if kind == "event" and e.get("kind") == "boot" and seq == 0:
                last = None
            if last is not None:
                lost += (seq - last - 1) % SEQ_MOD
            last = seq
    return lost


def robot_seconds_spanned(entries: tuple[dict[str, Any], ...]) -> float | None:
    """The robot time (s) the frames and events cover: the robot's own clock, summed over its runs.

    A robot reset (its clock going back) or an unplug starts a new run; gaps between runs do not count.
    None when nothing carries a robot time.
    """
    total, first, last = 0, None, None
    for e in entries:
        if e.get("type") in ("disconnect", "reconnect"):
            first = last = None
            continue
        if e.get("type") not in ("frame", "event") or not isinstance(e.get("robot_t"), int):
            continue
        t = e["robot_t"]
        if last is not None and t < last:  # the robot restarted
            first = None
        if first is None:
            first = t
        elif last is not None:
            total += t - last
        last = t
    return None if first is None and total == 0 else total / 1000.0


def field_stats(recording: Recording) -> dict[str, FieldStats]:
    """Per-field min/max/mean over every named frame."""
    acc: dict[str, list[float]] = {}
    for _host_t, _robot_t, values in frames_of(recording):
        for name, v in values.items():
            a = acc.get(name)
            if a is None:
                acc[name] = [v, v, v, 1]
            else:
                a[0] = min(a[0], v)
                a[1] = max(a[1], v)
                a[2] += v
                a[3] += 1
    return {k: FieldStats(int(a[0]), int(a[1]), a[2] / a[3], int(a[3])) for k, a in acc.items()}


def grade(recording: Recording, lesson: Any) -> tuple:
    """The lesson's expectations graded on the recording's last run (from its last `start` event)."""
    from leanbot_kit.expectations import Grader

    grader, start = Grader(lesson.expect, simulated=False), None
    for e in recording.entries:
        kind = e.get("type")
        if kind == "event" and e.get("kind") == "start":
            grader, start = Grader(lesson.expect, simulated=False), int(e.get("robot_t") or 0)
        elif kind == "frame" and start is not None and isinstance(e.get("values"), dict):
            robot_t = int(e.get("robot_t") or 0)
            grader.feed((robot_t - start) & 0xFFFFFFFF, {**e["values"], "t_ms": robot_t})
    return tuple(grader.finish() if start is not None else grader.results())


def summarise(recording: Recording, lesson: Any = None) -> Report:
    """The report of a recording (with the expectations of `lesson` when given)."""
    entries = recording.entries
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.get("type", "")] = counts.get(e.get("type", ""), 0) + 1
    times = [float(e["host_t"]) for e in entries if isinstance(e.get("host_t"), int | float)]
    steps = tuple(
        StepMark(float(e.get("host_t") or 0.0), int(e.get("robot_t") or 0), e["args"][0])
        for e in entries
        if e.get("type") == "event" and e.get("kind") == "step" and e.get("args")
        and isinstance(e["args"][0], int))
    header = recording.header
    lines = sum(counts.get(k, 0) for k in ("frame", "event", "header", "text", "corrupt"))
    return Report(
        path=str(recording.path), port=header.get("port"), robot_id=header.get("robot_id"),
        lesson=header.get("lesson"), duration_s=max(times, default=0.0),
        lines=lines, frames=counts.get("frame", 0), events=counts.get("event", 0),
        lost=count_lost(entries), corrupt=counts.get("corrupt", 0),
        disconnects=counts.get("disconnect", 0), fields=field_stats(recording), steps=steps,
        expectations=grade(recording, lesson) if lesson is not None and lesson.expect else (),
        truncated=recording.truncated, robot_s=robot_seconds_spanned(entries))
