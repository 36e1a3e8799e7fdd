"""`check`: the whole path of a lesson before class — validate, generate, compile, simulate, grade.

Each stage is recorded; a stage that cannot run here (no arduino-cli, no AVR compiler) is `skipped`,
a stage after a failed one is not attempted. Library code: returns data, prints nothing.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import _

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


@dataclass(frozen=True)
class Stage:
    """One stage of a lesson's check: its status and a short detail (an error message or figures)."""

    name: str
    status: str
    detail: str = ""


@dataclass(frozen=True)
class LessonCheck:
    """Everything `check` found about one lesson."""

    path: Path
    lesson_id: str | None
    stages: tuple[Stage, ...] = field(default_factory=tuple)
    expectations: tuple = ()
    cpu: str | None = None  # the CPU the simulation ran on ("avr" or "native")

    @property
    def ok(self) -> bool:
        """True when no stage failed."""
        return all(stage.status != FAILED for stage in self.stages)


def check_lesson(path: Path, *, out_dir: Path | None = None, compile_with_cli: bool = True,
                 seed: int = 1, cpu: str | None = None) -> LessonCheck:
    """Run every stage on one lesson file."""
    from leanbot_kit.lesson import load_lesson

    stages: list[Stage] = []
    try:
        lesson = load_lesson(path)
    except LeanbotError as exc:
        return LessonCheck(path, None, (Stage("validate", FAILED, exc.message),))
    stages.append(Stage("validate", PASSED))
    with tempfile.TemporaryDirectory(prefix="leanbot-check-") as tmp:
        sketch_stage, folder = _generate(lesson, out_dir or Path(tmp))
        stages.append(sketch_stage)
        if folder is None:
            return LessonCheck(path, lesson.id, tuple(stages))
        stages.append(_compile(folder) if compile_with_cli else Stage("compile", SKIPPED))
    sim_stage, results, ran_on = _simulate(path, seed, cpu)
    stages.append(sim_stage)
    return LessonCheck(path, lesson.id, tuple(stages), tuple(results), ran_on)


def _generate(lesson, out_dir: Path) -> tuple[Stage, Path | None]:
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.generate.footprint import find_toolchain, measure

    try:
        sketch = generate_sketch(lesson, out_dir)
    except LeanbotError as exc:
        return Stage("generate", FAILED, exc.message), None
    toolchain = find_toolchain()
    if toolchain is None:
        return Stage("generate", PASSED), sketch.folder
    try:
        size = measure(sketch.ino, toolchain)
    except LeanbotError as exc:
        return Stage("generate", FAILED, exc.message), None
    return Stage("generate", PASSED, f"{size.flash_bytes} B / {size.ram_bytes} B"), sketch.folder


def _compile(folder: Path) -> Stage:
    from leanbot_kit.arduino.build import build_sketch
    from leanbot_kit.arduino.cli_runner import find_command
    from leanbot_kit.arduino.pinned import memory_problem

    if find_command() is None:
        return Stage("compile", SKIPPED, _("no arduino-cli"))
    try:
        result = build_sketch(folder)
    except LeanbotError as exc:
        return Stage("compile", FAILED, exc.message)
    too_big = memory_problem(result.flash_bytes, result.ram_bytes)  # the robot's limits, not only the chip's
    if too_big:
        return Stage("compile", FAILED, too_big)
    return Stage("compile", PASSED, f"{result.flash_bytes} B / {result.ram_bytes} B")


def _simulate(path: Path, seed: int, cpu: str | None) -> tuple[Stage, list, str | None]:
    from leanbot_kit.sim.run import simulate

    try:
        run = simulate(path, seed=seed, cpu=cpu)
    except LeanbotError as exc:
        return Stage("simulate", FAILED, exc.message), [], cpu
    results = list(run.expectations)
    passed = sum(1 for r in results if r.status == PASSED)
    graded = sum(1 for r in results if r.status != SKIPPED)
    status = PASSED if run.passed else FAILED
    if results and not graded:  # a challenge run on its starter: its goals wait for a student's sketch
        return Stage("simulate", status, _("starter runs; goals need a sketch")), results, run.cpu
    return Stage("simulate", status, f"{passed}/{graded}"), results, run.cpu
