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


def user_cache_dir() -> Path:
    """The user cache: `$LEANBOT_CACHE`, else `$XDG_CACHE_HOME/leanbot-kit`, else ~/.cache/leanbot-kit."""
    if os.environ.get("LEANBOT_CACHE"):
        return Path(os.environ["LEANBOT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leanbot-kit"
