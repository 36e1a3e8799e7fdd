"""`leanbot generate`: turn lesson plans into Arduino sketch folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from leanbot_kit.cli.output import lesson_files
from leanbot_kit.i18n import _

DEFAULT_OUT = Path("build") / "sketches"


@click.command()
@click.argument("lessons", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder that receives one sketch folder per lesson.",
)
@click.option(
    "--lang",
    "lang",
    type=click.Choice(["vi", "en"]),
    help="Language of the sketch comments (default: the lesson's own).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the results as JSON, with each sketch's flash and RAM use.",
)
def generate(lessons: tuple[Path, ...], out_dir: Path, lang: str | None, as_json: bool) -> None:
    """Turn lesson plans into Arduino sketches (directories: every *.yaml inside)."""
    from leanbot_kit.cli.output import echo_error, echo_json
    from leanbot_kit.errors import LeanbotError

    toolchain = _toolchain() if as_json else None
    results, failed = [], 0
    for path in lesson_files(lessons):
        try:
            results.append(_one(path, out_dir, lang, toolchain, as_json))
        except LeanbotError as exc:
            failed += 1
            echo_error(exc)
            results.append({"lesson": str(path), "error": exc.message})
    if as_json:
        echo_json(results)
    if failed:
        raise SystemExit(1)


def _one(path: Path, out_dir: Path, lang: str | None, toolchain: Any, as_json: bool) -> dict:
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.lesson import load_lesson

    sketch = generate_sketch(load_lesson(path), out_dir, lang=lang)
    result = {
        "lesson": str(path),
        "id": sketch.lesson_id,
        "folder": str(sketch.folder),
        "ino": str(sketch.ino),
        "flash_bytes": None,
        "ram_bytes": None,
    }
    if toolchain is not None:
        from leanbot_kit.generate.footprint import measure

        size = measure(sketch.ino, toolchain)
        result.update(flash_bytes=size.flash_bytes, ram_bytes=size.ram_bytes)
    if not as_json:
        click.echo(_("wrote {folder} ({lesson})").format(folder=sketch.folder, lesson=path))
    return result


def _toolchain() -> Any:
    from leanbot_kit.generate.footprint import find_toolchain

    toolchain = find_toolchain()
    if toolchain is None:
        click.echo(
            _(
                "Note: avr-g++, avr-size or the Arduino AVR core headers are missing, so flash and "
                "RAM use are not measured (install gcc-avr avr-libc arduino-core-avr)"
            ),
            err=True,
        )
    return toolchain


