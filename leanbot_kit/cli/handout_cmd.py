"""`leanbot handout`: a one-page student handout of a lesson, as self-contained HTML."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _


@click.command()
@click.argument("lesson", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "lang", type=click.Choice(["vi", "en"]),
              help="Language of the handout (default: the lesson's own).")
@click.option("--world", help="Draw the simulated run in this world (a shipped world's name or a file).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (default: ID-handout-LANG.html).")
def handout(lesson: Path, lang: str | None, world: str | None, out: Path | None) -> None:
    """Write a one-page student handout of a lesson (HTML that prints on one A4 page)."""
    from leanbot_kit.handout import write_handout
    from leanbot_kit.i18n import set_language

    if lang:
        set_language(lang)
    written = write_handout(lesson, out, lang, world)
    click.echo(_("wrote {path}: open it in a browser and print it (A4)").format(path=written))
