"""How `leanbot check SKETCH --lesson CHALLENGE` tells a student where their sketch stands, goal by goal."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _


def print_graded(results: list, lesson_path: Path) -> None:
    """One block per sketch: what went wrong before grading, else each goal met or not, and a verdict."""
    title = _lesson_title(lesson_path)
    for result in results:
        click.echo(_("{sketch} — challenge: {title}").format(sketch=result.path, title=title))
        broken = [s for s in result.stages if s.status == "failed" and s.name != "simulate" or
                  (s.name == "simulate" and s.status == "failed" and not result.expectations)]
        for stage in broken:
            click.echo(_("  ✗ {what}: {detail}").format(what=_stage_text(stage.name), detail=stage.detail))
        if result.expectations and not any(getattr(e, "evaluated", True) for e in result.expectations):
            click.echo(_("  The mission never started: keep LbMission.begin() in setup()."))
        for exp in result.expectations:
            click.echo(f"  {_mark(exp.status)} {exp.name}: {_goal_text(exp)}")
        met = sum(1 for e in result.expectations if e.status == "passed")
        if result.ok and result.expectations:
            click.echo(_("  All {n} goals met. Well done!").format(n=met))
        elif result.expectations:
            click.echo(_("  {met} of {n} goals met: change your sketch and check again.").format(
                met=met, n=len(result.expectations)))
        else:
            click.echo(_("  Not graded: fix the problem above and check again."))


def _lesson_title(path: Path) -> str:
    from leanbot_kit.errors import LeanbotError
    from leanbot_kit.i18n import current_language
    from leanbot_kit.lesson import load_lesson

    try:
        return load_lesson(path).title.get(current_language())
    except LeanbotError:
        return str(path)


def _mark(status: str) -> str:
    return {"passed": "✓", "failed": "✗"}.get(status, "–")


def _stage_text(name: str) -> str:
    return {"validate": _("the challenge file"), "compile": _("compiling for the robot"),
            "simulate": _("the simulated run")}.get(name, name)


def _goal_text(exp) -> str:
    seconds = f"{exp.at_ms / 1000:.1f}" if exp.at_ms is not None else "?"
    if exp.status == "passed":
        return {"within": _("met after {s} s"), "always": _("held the whole run"),
                "never": _("never happened"), "at_end": _("true at the end")}[exp.kind].format(s=seconds)
    if exp.status == "failed":
        text = {"within": _("not met by {s} s"), "always": _("broken at {s} s"),
                "never": _("happened at {s} s"), "at_end": _("not true at the end ({s} s)")}[exp.kind]
        if not getattr(exp, "evaluated", True):  # no sample to judge it on: say why, not a time
            return exp.detail
        return text.format(s=seconds) + (f" — {exp.detail}" if exp.detail else "")
    return _("not graded") + (f" — {exp.detail}" if exp.detail else "")
