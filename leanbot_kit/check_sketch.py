"""`check` for a hand-written sketch: compile, simulate, and grade it against a lesson's goals.

This is how a challenge is graded: `leanbot check STUDENT.ino --lesson CHALLENGE.yaml` runs the
student's sketch in the challenge's world, with its start, duration and touches, and grades its goals.
Without a lesson the sketch is only built and simulated. Library code: returns data, prints nothing.
"""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.check import FAILED, PASSED, SKIPPED, LessonCheck, Stage
from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import _


def is_sketch(path: Path) -> bool:
    """True for an .ino file or an Arduino sketch folder (a folder holding `<name>/<name>.ino`)."""
    if path.is_dir():
        return (path / f"{path.name}.ino").is_file()
    return path.suffix.lower() == ".ino"


def check_sketch(path: Path, lesson_path: Path | None = None, *, compile_with_cli: bool = True,
                 seed: int = 1, cpu: str | None = None) -> LessonCheck:
    """Compile (with arduino-cli when present), simulate, and grade `path` against `lesson_path`."""
    stages: list[Stage] = []
    lesson = None
    if lesson_path is not None:
        from leanbot_kit.lesson import load_lesson

        try:
            lesson = load_lesson(lesson_path)
        except LeanbotError as exc:
            return LessonCheck(path, None, (Stage("validate", FAILED, exc.message),))
        stages.append(Stage("validate", PASSED))
    stages.append(_compile(path) if compile_with_cli else Stage("compile", SKIPPED))
    if stages[-1].status == FAILED:
        return LessonCheck(path, getattr(lesson, "id", None), tuple(stages))
    sim_stage, results, ran_on = _simulate(path, lesson, seed, cpu)
    stages.append(sim_stage)
    return LessonCheck(path, getattr(lesson, "id", None), tuple(stages), tuple(results), ran_on)


def _compile(path: Path) -> Stage:
    from leanbot_kit.arduino.build import build_sketch
    from leanbot_kit.arduino.cli_runner import find_command

    if find_command() is None:
        return Stage("compile", SKIPPED, _("no arduino-cli"))
    try:
        result = build_sketch(path)
    except LeanbotError as exc:
        return Stage("compile", FAILED, exc.message)
    return Stage("compile", PASSED, f"{result.flash_bytes} B / {result.ram_bytes} B")


def _simulate(path: Path, lesson, seed: int, cpu: str | None) -> tuple[Stage, list, str | None]:
    from leanbot_kit.sim.run import simulate

    try:
        run = simulate(path, seed=seed, goals=lesson, cpu=cpu)
    except LeanbotError as exc:
        return Stage("simulate", FAILED, exc.message), [], cpu
    results = list(run.expectations)
    if run.end_reason == "wall_limit":
        return (Stage("simulate", FAILED, _("the sketch never let the simulated clock run to the end")),
                results, run.cpu)
    passed = sum(1 for r in results if r.status == PASSED)
    graded = sum(1 for r in results if r.status != SKIPPED)
    detail = f"{passed}/{graded}" if lesson is not None else _("{s:.1f} s simulated").format(s=run.sim_ms / 1000)
    return Stage("simulate", PASSED if run.passed else FAILED, detail), results, run.cpu
