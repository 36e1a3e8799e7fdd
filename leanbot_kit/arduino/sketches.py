"""What `leanbot build`/`flash` compile: a lesson plan (validated and generated first), a sketch folder or an .ino."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import FileError, SketchError
from leanbot_kit.files import SKETCH_BYTES, read_input
from leanbot_kit.i18n import _
from leanbot_kit.resources import user_cache_dir

LESSON_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = {"build", ".git", "__pycache__"}


@dataclass(frozen=True)
class SketchSource:
    """A sketch folder ready for arduino-cli, and the lesson it was generated from (if any)."""

    folder: Path
    ino: Path
    lesson_path: Path | None = None


def cache_root() -> Path:
    """The user cache folder (see resources.user_cache_dir)."""
    return user_cache_dir()


def resolve_source(source: str | Path) -> SketchSource:
    """Turn a lesson YAML, a sketch folder or an .ino file into a sketch folder arduino-cli accepts."""
    path = Path(source).expanduser()
    if not path.exists():
        raise SketchError(_("{path} does not exist").format(path=path),
                          _("give a lesson file (.yaml), a sketch folder or an .ino file"))
    if path.is_dir():
        ino = path / f"{path.name}.ino"
        if not ino.is_file():
            raise SketchError(_("{folder} has no {name}").format(folder=path, name=ino.name),
                              _("an Arduino sketch folder holds a .ino file of the same name"))
        return SketchSource(path.resolve(), ino.resolve())
    if path.suffix.lower() in LESSON_SUFFIXES:
        return _from_lesson(path)
    if path.suffix.lower() == ".ino":
        return _from_ino(path.resolve())
    raise SketchError(_("{path} is neither a lesson nor a sketch").format(path=path),
                      _("give a lesson file (.yaml), a sketch folder or an .ino file"))


def _from_lesson(path: Path) -> SketchSource:
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.lesson import load_lesson

    lesson = load_lesson(path)
    sketch = generate_sketch(lesson, cache_root() / "sketches")
    return SketchSource(Path(sketch.folder).resolve(), Path(sketch.ino).resolve(), path.resolve())


def _from_ino(ino: Path) -> SketchSource:
    if ino.parent.name == ino.stem:
        return SketchSource(ino.parent, ino)
    # arduino-cli wants <name>/<name>.ino: copy a loose .ino (and the headers beside it) into the cache.
    digest = hashlib.sha256(str(ino).encode()).hexdigest()[:12]
    folder = cache_root() / "sketches" / f"{ino.stem}-{digest}" / ino.stem
    folder.mkdir(parents=True, exist_ok=True)
    for extra in ino.parent.glob("*.h"):
        shutil.copy2(extra, folder / extra.name)
    shutil.copy2(ino, folder / ino.name)
    return SketchSource(folder, folder / ino.name)


def sketch_files(folder: Path) -> list[Path]:
    """The files that make the sketch (sorted), leaving out build outputs and hidden folders."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        found += [Path(root) / f for f in files if not f.startswith(".")]
    return sorted(found)


def profile_fqbn(folder: Path, profile: str) -> str | None:
    """The FQBN of `profile` in the folder's `sketch.yaml`, or None when there is no such profile."""
    path = folder / "sketch.yaml"
    if not path.is_file():
        return None
    import yaml

    try:
        data = yaml.safe_load(read_input(path, SKETCH_BYTES).decode("utf-8", "replace")) or {}
    except (yaml.YAMLError, FileError):
        return None
    entry = (data.get("profiles") or {}).get(profile) if isinstance(data, dict) else None
    return str(entry["fqbn"]) if isinstance(entry, dict) and entry.get("fqbn") else None
