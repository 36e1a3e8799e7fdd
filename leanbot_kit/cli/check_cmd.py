"""`leanbot check`: validate, generate, compile (with arduino-cli) and simulate lessons; one summary."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _

_SYMBOL = {"passed": "✓", "failed": "✗", "skipped": "–"}


def _stage_names() -> dict[str, str]:
    return {"validate": _("valid"), "generate": _("sketch"), "compile": _("compile"),
            "simulate": _("simulation")}


@click.command()
@click.argument("lessons", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--no-compile", is_flag=True, help="Do not compile with arduino-cli even when it is installed.")
@click.option("--seed", default=1, show_default=True, type=int, help="Seed of the simulator's sensor noise.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per lesson.")
@click.option("--lesson", "goals", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Grade the sketches (.ino or sketch folders) against this lesson's goals (a challenge).")
@click.option("--cpu", type=click.Choice(["avr", "native"]),
              help="Simulate on the robot's chip (avr, the default when avr-g++ is found) or natively.")
def check(lessons: tuple[Path, ...], no_compile: bool, seed: int, as_json: bool,
          goals: Path | None, cpu: str | None) -> None:
    """Check lessons before class (validate, generate, compile, simulate, grade), or students' sketches."""
    from leanbot_kit.check import check_lesson
    from leanbot_kit.check_sketch import check_sketch, is_sketch
    from leanbot_kit.cli.output import lesson_files
    from leanbot_kit.cli.sim_cmds import warn_native

    warn_native(cpu)
    results = [check_sketch(path, goals, compile_with_cli=not no_compile, seed=seed, cpu=cpu)
               if is_sketch(path)
               else check_lesson(path, compile_with_cli=not no_compile, seed=seed, cpu=cpu)
               for arg in lessons for path in ([arg] if is_sketch(arg) else lesson_files((arg,)))]
    if as_json:
        from leanbot_kit.cli.output import echo_json

        echo_json([_as_json(r) for r in results])
    elif goals is not None:
        from leanbot_kit.cli.check_views import print_graded

        print_graded(results, goals)
    else:
        _print_table(results)
    if not all(r.ok for r in results):
        raise SystemExit(1)


def _cell(result, key: str) -> str:
    stage = next((s for s in result.stages if s.name == key), None)
    if stage is None:
        return "·"
    detail = stage.detail if stage.status != "failed" else ""
    return f"{_SYMBOL[stage.status]} {detail}".rstrip()


def _as_json(result) -> dict:
    return {"lesson": str(result.path), "id": result.lesson_id, "ok": result.ok, "cpu": result.cpu,
            "stages": {s.name: {"status": s.status, "detail": s.detail} for s in result.stages},
            "expectations": [{"name": e.name, "passed": e.passed, "status": e.status, "at_ms": e.at_ms,
                              "detail": e.detail}
                             for e in result.expectations]}


def _print_table(results: list) -> None:
    names = _stage_names()
    rows = [[str(r.path)] + [_cell(r, key) for key in names] for r in results]
    heading = [_("lesson"), *names.values()]
    widths = [max(len(row[i]) for row in [heading, *rows]) for i in range(len(heading))]
    for row in [heading, *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for result in results:
        for stage in result.stages:
            if stage.status == "failed":
                click.echo(_("{lesson}: {stage} failed: {detail}").format(
                    lesson=result.path, stage=names[stage.name], detail=stage.detail), err=True)
        for exp in result.expectations:
            if exp.status == "failed" and exp.detail:  # could not be evaluated: say why
                click.echo(_("{lesson}: goal not met: {name} ({detail})").format(
                    lesson=result.path, name=exp.name, detail=exp.detail), err=True)
            elif exp.status == "failed":
                click.echo(_("{lesson}: goal not met: {name}").format(lesson=result.path, name=exp.name),
                           err=True)
    ok = sum(1 for r in results if r.ok)
    click.echo(_("{ok} of {n} lessons passed every check").format(ok=ok, n=len(results)))
