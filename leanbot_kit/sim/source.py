"""What to simulate: a lesson YAML (validated, generated) or a sketch (.ino file or folder)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.backend import build_for
from leanbot_kit.sim.build import Build
from leanbot_kit.sim.cache import cache_dir


@dataclass(frozen=True)
class Prepared:
    """A source ready to run: the built binary and the lesson it came from (None for a sketch)."""

    build: Build
    lesson: object | None  # leanbot_kit.lesson.model.Lesson
    name: str


def is_lesson(source: str | Path) -> bool:
    """True for a lesson plan path (.yaml / .yml)."""
    return str(source).lower().endswith((".yaml", ".yml"))


def prepare(source: str | Path, lesson: object | None = None, sanitize: bool = False,
            cpu: str | None = None) -> Prepared:
    """Validate/generate a lesson, or take a sketch, and build it (cached; `sanitize`: checking build).

    `cpu`: "avr", "native" or None (AVR when its compiler is found)."""
    if lesson is not None or is_lesson(source):
        if lesson is None:
            from leanbot_kit.lesson import load_lesson

            lesson = load_lesson(Path(source))
        return Prepared(build_lesson(lesson, sanitize, cpu), lesson, lesson.id)
    path = Path(source)
    if not path.exists():
        raise SimError(_("no such lesson or sketch: {path}").format(path=source),
                       _("give a lesson .yaml, a sketch .ino or a sketch folder"))
    if path.is_file() and path.suffix != ".ino":
        raise SimError(_("{path} is neither a lesson (.yaml) nor a sketch (.ino)").format(path=source),
                       _("give a lesson .yaml, a sketch .ino or a sketch folder"))
    build = build_for(path, cpu, sanitize)
    return Prepared(build, None, path.stem if path.is_file() else path.name)


def build_lesson(lesson: object, sanitize: bool = False, cpu: str | None = None) -> Build:
    """Generate the lesson's sketch into a temporary folder and build it (cached by content)."""
    from leanbot_kit.generate import generate_sketch

    work = cache_dir() / "sim" / "gen"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        sketch = generate_sketch(lesson, Path(tmp))
        return build_for(Path(sketch.folder), cpu, sanitize)
