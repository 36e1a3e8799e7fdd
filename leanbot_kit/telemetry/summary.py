"""What a report counts, fed as a recording streams by: entries one at a time, frames as columns.

A chunk read fast (`blocks.Block`) is counted in bulk when the entries between its frames do not
touch the order of things (no reset, no grading): counts, time and per-field statistics once per
chunk with built-ins, lost frames and robot time from the chunk's sequence numbers and robot times
with a few whole-list operations. Anything else is fed part by part, as the entries come.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from operator import countOf, le, lt
from typing import Any

SEQ_MOD = 65536
STEPS_KEPT = 10_000  # step marks a report keeps (a step inside a loop can repeat for ever)
_RESETS = ("disconnect", "reconnect", "gap")  # lines never seen, not lost on the wire


@dataclass(frozen=True)
class StepMark:
    """A `step` event: when it came (host seconds, robot ms) and the step number."""

    host_t: float
    robot_t: int
    step: int


class Summary:
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
            elif kind in _RESETS:
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
        self._robot_run(run.robot)
        if self.grader is not None:
            for e in run.entries():
                robot_t = e["robot_t"]
                self.grader.feed((robot_t - self.start) & 0xFFFFFFFF, {**e["values"], "t_ms": robot_t})

    def feed_block(self, block: Any) -> None:
        """Count a chunk (`blocks.Block`): the same as feeding its parts in order."""
        run = block.run
        entries = [e for _, these in block.entries for e in these] if run is not None else ()
        if run is None or self.grader is not None or not all(map(self._plain, entries)):
            for part in block.parts():
                if type(part) is list:
                    self.feed(part)
                else:
                    self.feed_run(part)
            return
        self.whole = run
        self._columns(run)
        events = [(at, e) for at, these in block.entries for e in these if e["type"] == "event"]
        self._seqs(run, events)
        self._robots(run, events)
        counts = self.counts
        for e in entries:
            kind = e["type"]
            counts[kind] = counts.get(kind, 0) + 1
            host_t = e.get("host_t")
            if host_t is not None and host_t > self.duration:
                self.duration = host_t
            if kind == "event":
                self._marks(e)
            elif kind == "robot_id" and isinstance(e.get("robot_id"), str):
                self.robot_id = e["robot_id"]

    def _plain(self, e: dict[str, Any]) -> bool:
        """Whether an entry between frames leaves their order alone: not a frame, reset or start."""
        kind = e["type"]
        if kind == "event":
            return e["kind"] != "boot" and not (e["kind"] == "start" and self.expect)
        return kind != "frame" and kind not in _RESETS

    def _seqs(self, run: Any, events: list[tuple[int, dict[str, Any]]]) -> None:
        """Frames lost: the sequence numbers skipped (mod 65536) by a block's frames and events."""
        seqs, where = _merged(run.seq, events, "seq")
        extra = [seqs[i] for i in where]
        if self.last_seq is not None:
            self.lost += (seqs[0] - self.last_seq - 1) % SEQ_MOD
        if min([run.lo[2], *extra]) >= 0 and max([run.hi[2], *extra]) < SEQ_MOD:
            # each step adds its difference - 1, and 65536 more when it goes down or stays
            wraps = countOf(map(le, islice(seqs, 1, None), seqs), True)
            self.lost += seqs[-1] - seqs[0] - (len(seqs) - 1) + SEQ_MOD * wraps
        else:
            last = seqs[0]
            for s in islice(seqs, 1, None):
                self.lost += (s - last - 1) % SEQ_MOD
                last = s
        self.last_seq = seqs[-1]

    def _robots(self, run: Any, events: list[tuple[int, dict[str, Any]]]) -> None:
        """Robot time spanned by a block's frames and events, in bulk when the robot did not restart."""
        times, where = _merged(run.robot, events, "robot_t")
        last = self.robot_last
        if last is not None and times[0] < last or not _never_down(times, run.rising[1], where):
            self._robot_run(times)
            return
        if last is None:
            self.robot_first = times[0]
        else:
            self.robot_total += times[0] - last
        self.robot_total += times[-1] - times[0]
        self.robot_last = times[-1]

    def _robot_run(self, times: list[int]) -> None:
        """_robot(), over a list of robot times."""
        first, last, total = self.robot_first, self.robot_last, self.robot_total
        for t in times:
            if last is None or t < last:
                first = t
            else:
                total += t - last
            last = t
        self.robot_first, self.robot_last, self.robot_total = first, last, total

    def _columns(self, run: Any) -> None:
        """Frame count, time and per-field statistics of a run of frames, in bulk."""
        self.counts["frame"] = self.counts.get("frame", 0) + len(run)
        self.duration = max(self.duration, run.hi[0])
        stats = self.stats
        for name, column, lo, hi in zip(run.names, run.columns, run.lo[3:], run.hi[3:], strict=True):
            total = sum(column)
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
        self._robot(e.get("robot_t"))
        if e["kind"] == "boot" and e.get("seq") == 0:
            self.last_seq = None
        self._seq(e.get("seq"))
        self._marks(e)

    def _marks(self, e: dict[str, Any]) -> None:
        """What an event marks besides its time and number: a step, the start of grading."""
        kind, args = e["kind"], e.get("args") or []
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


def _merged(column: list[int], events: list[tuple[int, dict[str, Any]]],
            key: str) -> tuple[list[int], list[int]]:
    """A column of a block's frames with the events' integer `key` put in place (file order), and
    where those are in it."""
    if not events:
        return column, []
    out: list[int] = []
    where = []
    done = 0
    for at, e in events:
        if type(e.get(key)) is int:
            if at > done:
                out += column[done:at]
                done = at
            where.append(len(out))
            out.append(e[key])
    return out + column[done:], where


def _never_down(times: list[int], rising: bool, where: list[int]) -> bool:
    """Whether a list of robot times never goes down: looked at around the events' (`where`) when
    the frames' are known to rise, else throughout."""
    if not rising:
        return not countOf(map(lt, islice(times, 1, None), times), True)
    end = len(times) - 1
    return all((i == 0 or times[i - 1] <= times[i]) and (i == end or times[i] <= times[i + 1])
               for i in where)
