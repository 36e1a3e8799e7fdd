"""The class's lesson on the student's laptop: written from the retained message, validated, generated.

The lesson message carries the YAML text and the files it names (a world) by paths relative to the
lesson, e.g. `../worlds/oval.yaml`. They are written under one folder per class; a path that would leave
that folder (absolute, or more `..` than the layout allows) is refused, so a message cannot write
anywhere else on the laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

MAX_DEPTH = 4  # `../` levels a lesson file may use
MAX_FILES = 20


@dataclass(frozen=True)
class ClassLesson:
    """The lesson as loaded here, its YAML file, and the generated sketch folder."""

    lesson: Any  # leanbot_kit.lesson.model.Lesson
    path: Path
    sketch_folder: Path


def _parts(rel: str) -> tuple[str, ...]:
    path = PurePosixPath(rel.replace("\\", "/"))
    if path.is_absolute() or not path.parts or ":" in path.parts[0]:
        raise ClassroomError(_("the class lesson names a file outside its folder: {path}").format(
            path=rel), _("ask the teacher to keep the lesson's files next to it"))
    return path.parts


def _depth(parts: tuple[str, ...]) -> int:
    """How many folders above the lesson `parts` reach (0: next to it or below)."""
    level = low = 0
    for part in parts:
        level += -1 if part == ".." else (0 if part == "." else 1)
        low = min(low, level)
    return -low


def write_lesson(message: dict[str, Any], folder: Path) -> Path:
    """Write the lesson YAML and its files under `folder`; returns the lesson file's path."""
    yaml_text, files = message.get("yaml"), message.get("files") or {}
    name = Path(str(message.get("name") or "lesson.yaml")).name
    if not isinstance(yaml_text, str) or not isinstance(files, dict) or len(files) > MAX_FILES:
        raise ClassroomError(_("the class lesson message is damaged"),
                             _("ask the teacher to restart `leanbot class serve`"))
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    parsed = {rel: _parts(rel) for rel in files if isinstance(rel, str)}
    depth = max((_depth(p) for p in parsed.values()), default=0)
    if depth > MAX_DEPTH:
        raise ClassroomError(_("the class lesson names a file outside its folder: {path}").format(
            path=max(parsed, key=lambda r: _depth(parsed[r]))),
            _("ask the teacher to keep the lesson's files next to it"))
    home = folder.joinpath(*(["lesson"] * depth)) if depth else folder
    try:
        home.mkdir(parents=True, exist_ok=True)
        for rel, parts in parsed.items():
            target = home.joinpath(*parts).resolve()
            if not target.is_relative_to(folder.resolve()) or not isinstance(files[rel], str):
                raise ClassroomError(_("the class lesson names a file outside its folder: {path}")
                                     .format(path=rel),
                                     _("ask the teacher to keep the lesson's files next to it"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(files[rel], encoding="utf-8")
        lesson_path = home / name
        lesson_path.write_text(yaml_text, encoding="utf-8")
    except OSError as e:
        raise ClassroomError(_("cannot save the class lesson in {folder}: {error}").format(
            folder=folder, error=e.strerror), _("check that your user cache folder is writable")) from e
    return lesson_path


def prepare_lesson(message: dict[str, Any], folder: Path, lang: str | None = None) -> ClassLesson:
    """Write, validate and generate the class lesson under `folder` (errors say what is wrong)."""
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.lesson import load_lesson

    path = write_lesson(message, folder)
    lesson = load_lesson(path)
    sketch = generate_sketch(lesson, folder / "sketch", lang=lang)
    return ClassLesson(lesson, path, Path(sketch.folder))
