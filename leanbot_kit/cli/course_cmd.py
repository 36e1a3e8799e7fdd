"""`leanbot course`: the shipped course (or another course file): list it, print its booklet and tracks."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _


def _load(path: Path | None):
    from leanbot_kit.course import load_course

    return load_course(path)


@click.group(invoke_without_command=True)
@click.option("--course", "course_path", type=click.Path(path_type=Path), help="A course file (default: the course shipped with leanbot-kit).")
@click.option("--json", "as_json", is_flag=True, help="Print the units and lessons as JSON.")
@click.pass_context
def course(ctx: click.Context, course_path: Path | None, as_json: bool) -> None:
    """List the course's units and lessons; print its booklet or its tracks."""
    ctx.ensure_object(dict)
    ctx.obj["course"] = course_path
    if ctx.invoked_subcommand is not None:
        return
    loaded = _load(course_path)
    if as_json:
        from leanbot_kit.cli.output import echo_json

        echo_json(_as_json(loaded))
        return
    _print(loaded)


def _as_json(loaded) -> dict:
    return {"title": {"vi": loaded.title.vi, "en": loaded.title.en}, "units": [
        {"id": unit.id, "title": unit.title.get(_lang()), "lessons": [
            {"id": item.lesson.id, "path": str(item.path.resolve()), "challenge": item.challenge,
             "starter": str(item.starter.resolve()) if item.starter else None,
             "title": item.lesson.title.get(_lang()), "minutes": item.lesson.duration_min}
            for item in unit.lessons]}
        for unit in loaded.units]}


def _lang() -> str:
    from leanbot_kit.i18n import current_language

    return current_language()


def _print(loaded) -> None:
    lang = _lang()
    lessons = loaded.lessons()
    click.echo(_("{title}: {units} units, {lessons} lessons ({challenges} challenges)").format(
        title=loaded.title.get(lang), units=len(loaded.units), lessons=len(lessons),
        challenges=sum(1 for item in lessons if item.challenge)))
    width = max(len(item.lesson.id) for item in lessons)
    for n, unit in enumerate(loaded.units, 1):
        click.echo("")
        click.echo(_("Unit {n}: {title}").format(n=n, title=unit.title.get(lang)))
        for m, item in enumerate(unit.lessons, 1):
            tag = "  [" + _("challenge, starter: {starter}").format(starter=item.starter.name) + "]" \
                if item.challenge else ""
            minutes = _("{minutes} min").format(minutes=item.lesson.duration_min) if item.lesson.duration_min else ""
            click.echo(f"  {n}.{m:<3} {item.lesson.id:<{width}}  {minutes:>7}  {item.lesson.title.get(lang)}{tag}")


@course.command()
@click.option("--lang", "book_lang", type=click.Choice(["vi", "en"]), help="Language of the booklet.")
@click.option("--teacher", is_flag=True, help="The teacher's edition: a planning page and teacher notes.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The HTML file to write.")
@click.pass_context
def booklet(ctx: click.Context, book_lang: str | None, teacher: bool, output: Path) -> None:
    """Write the whole course as one printable booklet (one A4 page per lesson)."""
    from leanbot_kit.course.booklet import write_booklet
    from leanbot_kit.i18n import current_language

    loaded = _load(ctx.obj.get("course"))
    path = write_booklet(loaded, output, book_lang or current_language(), teacher)
    click.echo(_("wrote {path}: open it in a browser and print it (A4, no margins added)").format(path=path))


@course.command()
@click.option("--world", "worlds", multiple=True,
              help="Print this world (file or shipped name) instead of every world of the course (repeatable).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The HTML file to write.")
@click.pass_context
def tracks(ctx: click.Context, worlds: tuple[str, ...], output: Path) -> None:
    """Print the floor tracks of the course's worlds at full size (1:1), across A4 sheets."""
    from leanbot_kit.course.tracks import course_worlds, write_tracks
    from leanbot_kit.sim.world import load_world

    chosen = [load_world(w) for w in worlds] if worlds else course_worlds(_load(ctx.obj.get("course")))
    path, sheets = write_tracks(chosen, output)
    click.echo(_("wrote {path}: {sheets} A4 sheets; print at 100 % (actual size) and tape them together")
               .format(path=path, sheets=sheets))
