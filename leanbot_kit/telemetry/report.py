"""Summarise a recording: duration, frames, lost/corrupt, per-field statistics, steps, expectations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

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


STEPS_KEPT = 10_000  # step marks a report keeps (a step inside a loop can repeat for ever)


def frames_of(recording: Any) -> Iterator[tuple[float, int, dict[str, int]]]:
    """(host_t, robot_t, values by name) of every frame with named values, streamed."""
    for batch in recording.batches():
        for e in batch:
            if e.get("type") == "frame" and isinstance(e.get("values"), dict):
                yield float(e.get("host_t") or 0.0), int(e.get("robot_t") or 0), e["values"]


class _Summary:
    """Everything a report counts, fed one entry at a time (memory does not grow with the file)."""

    def __init__(self, lesson: Any) -> None:
        self.counts: dict[str, int] = {}
        self.duration = 0.0
        self.lost, self.last_seq = 0, None
        self.stats: dict[str, list] = {}
        self.steps: list[StepMark] = []
        self.robot_id: str | None = None
        self.expect = lesson.expect if lesson is not None and lesson.expect else ()
        self.grader, self.start = None, None
        self.robot_total, self.robot_first, self.robot_last = 0, None, None
        self.whole = None  # the chunk of frames whose statistics are counted (see feed_run)

    def feed(self, batch: list[dict[str, Any]]) -> None:
        """Count one batch of entries."""
        counts, stats = self.counts, self.stats
        for e in batch:
            kind = e.get("type", "")
            counts[kind] = counts.get(kind, 0) + 1
            host_t = e.get("host_t")
            if host_t is not None and host_t > self.duration:
                self.duration = host_t
            if kind == "frame":
                seq = e.get("seq")
                if seq is not None:  # _seq(), inlined: this loop runs once per frame
                    if self.last_seq is not None:
                        self.lost += (seq - self.last_seq - 1) % SEQ_MOD
                    self.last_seq = seq
                self._robot(e.get("robot_t"))
                values = e["values"]
                if type(values) is dict:
                    for name, v in values.items():
                        a = stats.get(name)
                        if a is None:
                            stats[name] = [v, v, v, 1]
                        else:
                            if v < a[0]:
                                a[0] = v
                            elif v > a[1]:
                                a[1] = v
                            a[2] += v
                            a[3] += 1
                    if self.grader is not None:
                        robot_t = e.get("robot_t") or 0
                        self.grader.feed((robot_t - self.start) & 0xFFFFFFFF,
                                         {**values, "t_ms": robot_t})
            elif kind == "event":
                self._event(e)
            elif kind in ("disconnect", "reconnect", "gap"):  # lines never seen, not lost on the wire
                self.last_seq = self.robot_first = self.robot_last = None
            elif kind == "robot_id" and isinstance(e.get("robot_id"), str):
                self.robot_id = e["robot_id"]

    def feed_run(self, run: Any) -> None:
        """Count a run of frames given as columns (`fastframes.FrameRun`): the same as `feed`.

        What does not depend on order (counts, time, statistics) is counted once for the whole
        chunk the run was sliced from; sequence numbers, robot time and grading go run by run.
        """
        whole = run.whole or run
        if whole is not self.whole:
            self.whole = whole
            self._columns(whole)
        seqs = run.seq
        last = seqs[0] - 1 if self.last_seq is None else self.last_seq
        lost = 0
        for s in seqs:
            lost += (s - last - 1) % SEQ_MOD
            last = s
        self.lost, self.last_seq = self.lost + lost, last
        first, last, total = self.robot_first, self.robot_last, self.robot_total
        for t in run.robot:  # _robot(), over the run
            if last is None or t < last:
                first = t
            else:
                total += t - last
            last = t
        self.robot_first, self.robot_last, self.robot_total = first, last, total
        if self.grader is not None:
            for e in run.entries():
                robot_t = e["robot_t"]
                self.grader.feed((robot_t - self.start) & 0xFFFFFFFF, {**e["values"], "t_ms": robot_t})

    def _columns(self, run: Any) -> None:
        """Frame count, time and per-field statistics of a run of frames, in bulk."""
        self.counts["frame"] = self.counts.get("frame", 0) + len(run)
        self.duration = max(self.duration, max(run.host))
        stats = self.stats
        for name, column in zip(run.names, run.columns, strict=True):
            lo, hi, total = min(column), max(column), sum(column)
            a = stats.get(name)
            if a is None:
                stats[name] = [lo, hi, total, len(column)]
            else:
                a[0], a[1] = min(a[0], lo), max(a[1], hi)
                a[2] += total
                a[3] += len(column)

    def _seq(self, seq: int | None) -> None:
        if seq is not None:
            if self.last_seq is not None:
                self.lost += (seq - self.last_seq - 1) % SEQ_MOD
            self.last_seq = seq

    def _robot(self, t: Any) -> None:
        """Robot time spanned: the robot's own clock, summed over its runs (a reset starts a new one)."""
        if type(t) is not int:
            return
        last = self.robot_last
        if last is not None and t < last:  # the robot restarted
            self.robot_first = None
        if self.robot_first is None:
            self.robot_first = t
        elif last is not None:
            self.robot_total += t - last
        self.robot_last = t

    def robot_s(self) -> float | None:
        """The robot time spanned in seconds; None when nothing carried a robot time."""
        if self.robot_first is None and self.robot_total == 0:
            return None
        return self.robot_total / 1000.0

    def _event(self, e: dict[str, Any]) -> None:
        kind, args = e["kind"], e.get("args") or []
        self._robot(e.get("robot_t"))
        if kind == "boot" and e.get("seq") == 0:
            self.last_seq = None
        self._seq(e.get("seq"))
        if kind == "step" and args and type(args[0]) is int and len(self.steps) < STEPS_KEPT:
            self.steps.append(StepMark(float(e.get("host_t") or 0.0), e.get("robot_t") or 0,
                                       args[0]))
        if kind == "start" and self.expect:
            from leanbot_kit.expectations import Grader

            self.grader, self.start = Grader(self.expect, simulated=False), e.get("robot_t") or 0

    def results(self) -> tuple:
        if not self.expect:
            return ()
        if self.grader is None:
            from leanbot_kit.expectations import Grader

            return tuple(Grader(self.expect, simulated=False).results())
        return tuple(self.grader.finish())


def summarise(recording: Any, lesson: Any = None) -> Report:
    """The report of a recording (a `Recording` or a streaming `RecordingReader`), in one pass.

    With `lesson`, its expectations are graded on the last run (from the last `start` event).
    """
    acc = _Summary(lesson)
    if hasattr(recording, "parts"):  # a streaming reader: runs of frames come as columns
        for parts in recording.parts():
            for part in parts:
                if type(part) is list:
                    acc.feed(part)
                else:
                    acc.feed_run(part)
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
    acc = _Summary(None)
    acc.feed(list(entries))
    return acc.lost


def robot_seconds_spanned(entries: Iterable[dict[str, Any]]) -> float | None:
    """The robot time (s) the frames and events cover: the robot's own clock, summed over its runs.

    A robot reset (its clock going back) or an unplug starts a new run; gaps between runs do not count.
    None when nothing carries a robot time.
    """
    acc = _Summary(None)
    acc.feed(list(entries))
    return acc.robot_s()
