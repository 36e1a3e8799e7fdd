"""Write a lesson's sketch folder: `<id>/<id>.ino`, `lbk_runtime.h` and `sketch.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import TemplateError, os_error_text
from leanbot_kit.files import write_output
from leanbot_kit.generate.context import sketch_context
from leanbot_kit.generate.profile import sketch_yaml
from leanbot_kit.generate.render import render
from leanbot_kit.i18n import _, resolve_language
from leanbot_kit.lesson.model import Lesson

RUNTIME = "lbk_runtime.h"
PROGRAM_TEMPLATE = "lesson.ino.j2"


@dataclass(frozen=True)
class Sketch:
    """A generated sketch folder and what is in it."""

    folder: Path
    ino: Path
    files: tuple[Path, ...]
    lesson_id: str
    fields: tuple[str, ...]


def template_name(lesson: Lesson) -> str:
    """The firmware template a lesson renders with."""
    if lesson.template is not None:
        return f"{lesson.template.name}.ino.j2"
    return PROGRAM_TEMPLATE


def render_sketch(lesson: Lesson, lang: str | None = None) -> str:
    """The `.ino` text of a lesson, comments in `lang` (default: the lesson's own language)."""
    if lesson.challenge is not None:  # the students write this one: they start from the starter
        return _starter_text(lesson)
    chosen = resolve_language(lang or lesson.lang)
    return render(template_name(lesson), sketch_context(lesson, chosen))


def _starter_text(lesson: Lesson) -> str:
    path = lesson.challenge.starter
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(_("could not read the starter sketch {path}: {error}").format(
            path=path, error=getattr(exc, "strerror", None) or exc), _("check the path in challenge.starter")) from exc


def generate_sketch(lesson: Lesson, out_dir: Path | str, *, lang: str | None = None) -> Sketch:
    """Render the lesson and write its sketch folder under `out_dir`; returns what was written."""
    from leanbot_kit.resources import templates_dir

    text = render_sketch(lesson, lang)
    folder = Path(out_dir) / lesson.id
    ino = folder / f"{lesson.id}.ino"
    runtime = templates_dir() / RUNTIME
    try:
        # Each file goes to a temporary name in the folder and is renamed: a symlink planted in
        # the output folder is replaced, never written through, and nothing lands outside `out_dir`.
        write_output(ino, text, folder=out_dir)
        write_output(folder / RUNTIME, runtime.read_bytes(), folder=out_dir)
        write_output(folder / "sketch.yaml", sketch_yaml(lesson.id), folder=out_dir)
    except OSError as exc:
        raise TemplateError(
            _("could not write the sketch to {folder}: {error}").format(
                folder=folder, error=os_error_text(exc)
            ),
            _("choose another output folder with -o"),
        ) from exc
    files = (ino, folder / RUNTIME, folder / "sketch.yaml")
    return Sketch(
        folder=folder,
        ino=ino,
        files=files,
        lesson_id=lesson.id,
        fields=tuple(lesson.telemetry.fields),
    )
