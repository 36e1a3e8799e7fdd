"""Run a lesson or sketch on the simulated Leanbot and collect what happened."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.build import Build
from leanbot_kit.sim.config import UNTHROTTLED, RunOptions, Touch, run_config
from leanbot_kit.sim.grade import grade, read_telemetry, samples
from leanbot_kit.sim.process import exit_text, start_robot, stop_robot
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
    serial: bytes
    trace: Trace
    end_reason: str
    sim_ms: int
    wall_s: float
    final: Pose
    frames: int
    expectations: tuple = ()
    build: Build | None = None
    console: tuple[str, ...] = ()  # what the sketch printed besides telemetry

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
    def speedup(self) -> float:
        """Simulated time per wall-clock time."""
        return self.sim_ms / 1000 / self.wall_s if self.wall_s > 0 else 0.0

    def serial_lines(self) -> list[str]:
        """The Serial output as text lines."""
        return self.serial.decode("utf-8", errors="replace").splitlines()


def simulate(source: str | Path | None = None, *, world: str | Path | World | None = None,
             duration_ms: int | None = None, speed: float = 0, seed: int = 1,
             touches: Iterable[Touch] = (), auto_start: bool = True, wall_limit_s: float | None = None,
             lesson: object | None = None, sanitize: bool = False, goals: object | None = None) -> SimRun:
    """Build (cached) and run a lesson YAML, a .ino or a sketch folder; grade a lesson's expectations.

    `goals` is a lesson (a challenge) whose world, start, duration, touches and goals apply to the
    sketch `source`: how a student's own sketch is graded.

    `sanitize` runs a checking build (AddressSanitizer + UBSan): slower, but an out-of-bounds
    write or undefined behaviour stops the sketch with the compiler's report naming the .ino line.
    """
    chosen = resolve_world(world, None) if world is not None else None  # fail fast, before building
    prepared = prepare(source, lesson, sanitize)
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
        done = _execute(prepared.build.binary, the_world, opts, wall + 10)
        trace = read_trace(opts.trace)
        if _crashed(trace, done.code) and speed == 0:
            # At full speed the Serial output waits in a buffer that a crash loses; the run is
            # deterministic, so run it again handing the output over every simulated millisecond.
            again = _execute(prepared.build.binary, the_world, replace(opts, speed=UNTHROTTLED),
                             wall + 10)
            done = replace(done, serial=again.serial or done.serial)
    _check_ended(done, trace)
    return _finish(prepared, lesson, the_world, done, trace)


@dataclass(frozen=True)
class _Done:
    serial: bytes
    stderr: bytes
    wall_s: float
    code: int | None


def _crashed(trace: Trace, code: int | None) -> bool:
    return trace.end_reason is None or code != 0


def _execute(binary: Path, world: World, opts: RunOptions, timeout_s: float) -> _Done:
    config = opts.trace.with_name("run.cfg")
    config.write_text(run_config(world, opts), encoding="utf-8")
    start = time.perf_counter()
    proc = start_robot(binary, config)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        out, err = b"", b""
    finally:
        stop_robot(proc)
    return _Done(out, err, time.perf_counter() - start, proc.returncode)


def _check_ended(done: _Done, trace: Trace) -> None:
    """SimError when the robot process did not end the way the runtime ends a run."""
    if not _crashed(trace, done.code):
        return
    errors = done.stderr.decode("utf-8", errors="replace").strip()
    if done.code == 2 and not trace.rows:
        raise SimError(_("the simulated robot refused its run config: {error}").format(error=errors),
                       _("this is a bug in leanbot-kit; please report it with the world file used"))
    tail = "\n".join(done.serial.decode("utf-8", errors="replace").splitlines()[-10:])
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
    telemetry = read_telemetry(done.serial)
    results = ()
    if lesson is not None and getattr(lesson, "challenge", None) is not None and prepared.lesson is lesson:
        results = awaiting_sketch(lesson)  # the starter ran, not a student's sketch: nothing to grade
    elif lesson is not None:
        results = grade(lesson.expect, samples(telemetry, trace, world))
    last = trace.rows[-1] if trace.rows else None
    final = Pose(last.values["x_mm"], last.values["y_mm"], last.values["heading_deg"]) if last \
        else world.start
    return SimRun(prepared.name, lesson, world, done.serial, trace, trace.end_reason,
                  trace.end_ms or 0, done.wall_s, final, len(telemetry.frames), results, prepared.build,
                  telemetry.console)


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
