"""Where the files shipped with leanbot-kit live, in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PKG / name
    if installed.is_dir():
        return installed
    return _PKG.parent / name


def templates_dir() -> Path:
    """The firmware templates (`*.ino.j2`, `*.params.yaml`), the runtime header and the API header."""
    return _find("firmware_templates")


def lessons_dir() -> Path:
    """The sample lessons."""
    return _find("lessons")


def worlds_dir() -> Path:
    """The simulator worlds shipped with the sample lessons."""
    return _find("worlds")


def shipped_worlds() -> dict[str, Path]:
    """The shipped worlds by name (`arena`, `oval` …)."""
    return {p.stem: p for p in sorted(worlds_dir().glob("*.yaml"))}


def locate_world(text: str, base: Path) -> Path | None:
    """The world a lesson or a command names: a file next to it (`base`) wins, else a shipped world.

    `arena`, `arena.yaml` and `../worlds/arena.yaml` all find the shipped arena when no such file is
    there, so a lesson written in a checkout still runs after a pip install.
    """
    here = base / text
    candidates = [here] if Path(text).suffix else [here.with_name(here.name + ".yaml"), here]
    for candidate in candidates:
        if candidate.exists() and not candidate.is_dir():  # a device too: the file reader says so
            return candidate
    name = Path(text).stem if Path(text).suffix in (".yaml", ".yml") else text
    return shipped_worlds().get(name)


def user_cache_dir() -> Path:
    """The user cache: `$LEANBOT_CACHE`, else `$XDG_CACHE_HOME/leanbot-kit`, else ~/.cache/leanbot-kit."""
    if os.environ.get("LEANBOT_CACHE"):
        return Path(os.environ["LEANBOT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leanbot-kit"
