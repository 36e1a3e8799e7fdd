"""`leanbot new`, `leanbot validate` and `leanbot schema`: writing and checking lesson plans."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.cli.output import lesson_files
from leanbot_kit.errors import os_error_text
from leanbot_kit.i18n import _, ngettext


@click.command()
@click.argument("lessons", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def validate(lessons: tuple[Path, ...], as_json: bool) -> None:
    """Check lesson plans and report every problem (directories: every *.yaml inside)."""
    from leanbot_kit.cli.output import echo_json
    from leanbot_kit.errors import FileError
    from leanbot_kit.files import LESSON_BYTES, read_input
    from leanbot_kit.lesson import check_lesson_text

    files = lesson_files(lessons)
    if not files:
        from leanbot_kit.errors import LeanbotError

        raise LeanbotError(
            _("no lesson files (*.yaml) in {paths}").format(paths=", ".join(map(str, lessons))),
            _("name lesson files or folders that hold them"),
        )
    results = []
    for path in files:
        try:
            data = read_input(path, LESSON_BYTES)
        except FileError as exc:
            from leanbot_kit.errors import Problem

            problems = [Problem(str(path), 1, 1, "", exc.message, exc.hint)]
        else:
            problems = check_lesson_text(data, str(path))[1]
        results.append((path, problems))
        if not as_json:
            _print_result(path, problems)
    if as_json:
        echo_json([_json_result(path, problems) for path, problems in results])
    if any(problems for _path, problems in results):
        raise SystemExit(1)


def _print_result(path: Path, problems: list) -> None:
    if not problems:
        click.echo(_("OK {file}").format(file=path))
        return
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(ngettext("{file}: {n} problem", "{file}: {n} problems", len(problems))
               .format(file=path, n=len(problems)), err=True)


def _json_result(path: Path, problems: list) -> dict:
    return {
        "file": str(path),
        "ok": not problems,
        "problems": [
            {"line": p.line, "col": p.col, "path": p.path, "message": p.message, "hint": p.hint}
            for p in problems
        ],
    }


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the lesson format (for editors)."""
    import json

    from leanbot_kit.lesson.schema import lesson_json_schema

    text = json.dumps(lesson_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from leanbot_kit.files import write_output

    write_output(output, text)
    click.echo(_("wrote {file}").format(file=output), err=True)


@click.command()
@click.argument("lesson_id")
@click.option(
    "--lang",
    "lesson_lang",
    type=click.Choice(["vi", "en"]),
    help="Language of the new lesson and its comments (vi or en; default: the language of messages).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: ID.yaml).",
)
def new(lesson_id: str, lesson_lang: str | None, output: Path | None) -> None:
    """Scaffold a new lesson plan with comments explaining each key."""
    from leanbot_kit.errors import LeanbotError
    from leanbot_kit.i18n import current_language, set_language
    from leanbot_kit.lesson.scaffold import scaffold

    if lesson_lang:
        set_language(lesson_lang)
    target = output or Path(f"{lesson_id}.yaml")
    text = scaffold(lesson_id, current_language())
    if target.exists():
        raise LeanbotError(
            _("{file} already exists").format(file=target),
            _("choose another name with -o, or delete the file first"),
        )
    try:
        with target.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise LeanbotError(
            _("cannot write {file}: {error}").format(file=target, error=os_error_text(exc)),
            _("check that the folder exists and you may write to it"),
        ) from exc
    click.echo(_("wrote {file}; check it with: leanbot validate {file}").format(file=target))
