"""Run a lesson or sketch on the simulated Leanbot and collect what happened."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.build import Build
from leanbot_kit.sim.config import RunOptions, Touch, run_config
from leanbot_kit.sim.grade import TAIL_BYTES, read_telemetry
from leanbot_kit.sim.process import exit_text, start_robot, stop_robot, wait_exit
from leanbot_kit.sim.source import prepare
from leanbot_kit.sim.trace import Trace, read_trace
from leanbot_kit.sim.world import load_world
from leanbot_kit.sim.world_model import Pose, World

DEFAULT_DURATION_MS = 30_000
AUTO_START_MS = 500


@dataclass(frozen=True)
class SimRun:
    """One finished run: Serial bytes, ground truth, how it ended, and the expectations' results."""

    name: str
    lesson: object | None
    world: World
    serial: bytes  # the end of the Serial output (its last 64 KB); `serial_file` holds all of it
    trace: Trace
    end_reason: str
    sim_ms: int
    wall_s: float
    final: Pose
    frames: int
    expectations: tuple = ()
    build: Build | None = None
    console: tuple[str, ...] = ()  # what the sketch printed besides telemetry (the newest lines)
    console_total: int = 0  # how many such lines there were in all
    serial_size: int = 0  # bytes of Serial output in all
    serial_file: Path | None = None  # the whole Serial output, on disk while this run is alive

    @property
    def rows(self) -> tuple:
        """The ground-truth trace rows (pose, wheels, sensors, arms, LEDs, tone) in time order."""
        return self.trace.rows

    @property
    def events(self) -> tuple:
        """The simulator's events (mission_start, mission_end, tone, leds, halt)."""
        return self.trace.events

    @property
    def passed(self) -> bool:
        """True when no expectation failed."""
        return all(r.status != "failed" for r in self.expectations)

    @property
    def cpu(self) -> str:
        """Which CPU ran the sketch: "avr" (the robot's chip, emulated) or "native"."""
        return self.build.cpu if self.build is not None else "native"

    @property
    def speedup(self) -> float:
        """Simulated time per wall-clock time."""
        return self.sim_ms / 1000 / self.wall_s if self.wall_s > 0 else 0.0

    def serial_lines(self) -> list[str]:
        """The last lines of the Serial output (those in `serial`) as text."""
        lines = self.serial.decode("utf-8", errors="replace").splitlines()
        return lines[1:] if self.serial_size > len(self.serial) else lines  # the first may be cut


def simulate(source: str | Path | None = None, *, world: str | Path | World | None = None,
             duration_ms: int | None = None, speed: float = 0, seed: int = 1,
             touches: Iterable[Touch] = (), auto_start: bool = True, wall_limit_s: float | None = None,
             lesson: object | None = None, sanitize: bool = False, cpu: str | None = None,
             goals: object | None = None) -> SimRun:
    """Build (cached) and run a lesson YAML, a .ino or a sketch folder; grade a lesson's expectations.

    `goals` is a lesson (a challenge) whose world, start, duration, touches and goals apply to the
    sketch `source`: how a student's own sketch is graded.

    `sanitize` runs a checking build (AddressSanitizer + UBSan): slower, but an out-of-bounds
    write or undefined behaviour stops the sketch with the compiler's report naming the .ino line.
    `cpu`: "avr" (the robot's chip, emulated), "native" or None (AVR when its compiler is found).
    """
    chosen = resolve_world(world, None) if world is not None else None  # fail fast, before building
    prepared = prepare(source, lesson, sanitize, cpu)
    lesson = prepared.lesson if goals is None else goals
    the_world = chosen or resolve_world(None, lesson)
    sim = getattr(lesson, "sim", None)
    duration = duration_ms or (sim.duration_ms if sim else DEFAULT_DURATION_MS)
    all_touches = (*lesson_touches(lesson), *touches)
    wall = wall_limit_s or (30.0 + (duration / 1000 / speed if speed > 0 else 0))
    with tempfile.TemporaryDirectory(prefix="leanbot-sim-") as tmp:
        opts = RunOptions(trace=Path(tmp) / "trace.txt", pose=start_pose(the_world, sim), seed=seed,
                          duration_ms=duration, wall_limit_ms=int(wall * 1000), speed=speed,
                          auto_start_ms=AUTO_START_MS if auto_start else -1,
                          touches=tuple(all_touches))
        done = _execute(prepared.build, the_world, opts, wall + 10)
        trace = read_trace(opts.trace)
        _check_ended(done, trace, prepared.build)
        return _finish(prepared, lesson, the_world, done, trace)


@dataclass(frozen=True)
class _Done:
    serial: Path  # the Serial output, streamed to a file as the robot wrote it
    stderr: bytes  # the end of what the process said on stderr
    wall_s: float
    code: int | None


def _crashed(trace: Trace, code: int | None) -> bool:
    return trace.end_reason is None or code != 0


def _execute(build: Build, world: World, opts: RunOptions, timeout_s: float) -> _Done:
    config = opts.trace.with_name("run.cfg")
    config.write_text(run_config(world, opts), encoding="utf-8")
    serial, errors = opts.trace.with_name("serial.out"), opts.trace.with_name("stderr.txt")
    start = time.perf_counter()
    with serial.open("wb") as out, errors.open("wb") as err:
        proc = start_robot(build.binary, config, stdout=out, stderr=err, cpu_s=timeout_s,
                           emulated=build.cpu == "avr")
        try:
            wait_exit(proc, timeout_s)
        finally:
            stop_robot(proc)
    return _Done(serial, _file_tail(errors, TAIL_BYTES), time.perf_counter() - start,
                 proc.returncode)


def _file_tail(path: Path, size: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - size))
        return fh.read()


def _check_ended(done: _Done, trace: Trace, build: Build | None = None) -> None:
    """SimError when the robot process did not end the way the runtime ends a run."""
    if not _crashed(trace, done.code):
        return
    if build is not None and build.cpu == "avr":
        from leanbot_kit.sim.avr_fault import check_fault

        check_fault(build, done.stderr, _file_tail(done.serial, TAIL_BYTES))
    errors = done.stderr.decode("utf-8", errors="replace").strip()
    if done.code == 2 and not trace.rows:
        raise SimError(_("the simulated robot refused its run config: {error}").format(error=errors),
                       _("this is a bug in leanbot-kit; please report it with the world file used"))
    text = _file_tail(done.serial, 4096).decode("utf-8", errors="replace")
    tail = "\n".join(text.splitlines()[-10:])
    message = _("the sketch crashed ({how}) after {ms} ms of simulated time; last Serial lines:\n{tail}")
    message = message.format(how=exit_text(done.code), ms=trace.rows[-1].t_ms if trace.rows else 0,
                             tail=tail or _("(nothing printed)"))
    if errors:
        message += "\n" + "\n".join(_report_lines(errors))
    raise SimError(message, _("look for an array written past its end, a null pointer or endless "
                              "recursion"))


def _report_lines(stderr: str) -> list[str]:
    """The telling lines of what the process said when it died (a sanitizer report is long)."""
    lines = stderr.splitlines()
    keys = ("runtime error", "ERROR: AddressSanitizer", "SUMMARY:")
    telling = [line.strip() for line in lines if any(k in line for k in keys)]
    return telling or lines[-5:]


def _finish(prepared, lesson, world: World, done: _Done, trace: Trace) -> SimRun:
    awaiting = (lesson is not None and getattr(lesson, "challenge", None) is not None
                and prepared.lesson is lesson)  # the starter ran, not a student's sketch
    expect = lesson.expect if lesson is not None and not awaiting else None
    telemetry = read_telemetry(done.serial, trace, expect, world)
    if awaiting:
        telemetry = replace(telemetry, results=awaiting_sketch(lesson))
    last = trace.rows[-1] if trace.rows else None
    final = Pose(last.values["x_mm"], last.values["y_mm"], last.values["heading_deg"]) if last \
        else world.start
    run = SimRun(prepared.name, lesson, world, telemetry.tail, trace, trace.end_reason,
                 trace.end_ms or 0, done.wall_s, final, telemetry.frames, telemetry.results,
                 prepared.build, telemetry.console, telemetry.console_total, telemetry.size,
                 _keep(done.serial))
    if run.serial_file is not None:  # removed with the run
        weakref.finalize(run, _remove, run.serial_file)
    return run


def _keep(serial: Path) -> Path | None:
    """Move the Serial output out of the run's folder (deleted next) into a file of its own."""
    fd, kept = tempfile.mkstemp(prefix="leanbot-serial-", suffix=".out")
    os.close(fd)
    try:
        shutil.move(str(serial), kept)
    except OSError:
        _remove(Path(kept))
        return None
    return Path(kept)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def awaiting_sketch(lesson) -> tuple:
    """A challenge run on its own starter: every goal waits for a student's sketch (skipped)."""
    from leanbot_kit.expectations import SKIPPED, Result

    detail = _("grade a sketch: leanbot check SKETCH.ino --lesson {file}").format(file=lesson.path.name)
    return tuple(Result(e.name, e.kind, SKIPPED, None, detail) for e in lesson.expect)


def resolve_world(world: str | Path | World | None, lesson: object | None) -> World:
    """The world given, else the lesson's, else the empty floor."""
    if isinstance(world, World):
        return world
    if world is not None:
        return load_world(world)
    sim = getattr(lesson, "sim", None)
    if sim is not None and sim.world is not None:
        return load_world(sim.world)
    return load_world("empty")


def start_pose(world: World, sim: object | None) -> Pose:
    """The lesson's start pose when it gives one (not all zero), else the world's."""
    if sim is not None and (sim.x_mm, sim.y_mm, sim.heading_deg) != (0, 0, 0):
        return Pose(float(sim.x_mm), float(sim.y_mm), float(sim.heading_deg))
    return world.start


def lesson_touches(lesson: object | None) -> list[Touch]:
    """The touches scripted in the lesson's `sim.events`."""
    sim = getattr(lesson, "sim", None)
    if sim is None:
        return []
    return [Touch(e.at_ms, tuple(e.pads), e.ms) for e in sim.events]


def parse_touch(text: str) -> Touch:
    """`1s:TB1A+TB1B` (optionally `:300ms` for how long) as a Touch; SimError when malformed."""
    from leanbot_kit.lesson.quantities import QuantityError, to_base
    from leanbot_kit.sim.config import PAD_BITS

    parts = text.split(":")

    def number(part: str) -> int | str:
        """A bare number of milliseconds as an int (to_base wants a number or a text with a unit)."""
        return int(part) if part.strip().isdigit() else part

    try:
        at = to_base(number(parts[0]), "time")
        ms = to_base(number(parts[2]), "time") if len(parts) > 2 else 200
    except QuantityError as exc:
        raise SimError(_("bad touch {text!r}: {error}").format(text=text, error=exc),
                       _("write it like 1s:TB1A+TB1B or 1.5s:TB2A:300ms")) from exc
    pads = tuple(p.strip() for p in parts[1].replace("|", "+").split("+")) if len(parts) > 1 else ()
    if len(parts) > 3 or not pads or any(p not in PAD_BITS for p in pads):
        raise SimError(_("bad touch {text!r}").format(text=text),
                       _("write it like 1s:TB1A+TB1B; the pads are TB1A, TB1B, TB2A, TB2B"))
    return Touch(at, pads, ms)
