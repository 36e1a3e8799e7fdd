"""The simulator's cache folder, and keeping it from growing without end."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

from leanbot_kit.resources import user_cache_dir


def cache_dir() -> Path:
    """The user cache folder (see resources.user_cache_dir)."""
    return user_cache_dir()


def flashed_binaries() -> set[Path]:
    """Binaries that named simulated robots run (see robots.py): never pruned."""
    found = set()
    for record in (cache_dir() / "sim" / "robots").glob("*.json"):
        try:
            found.add(Path(json.loads(record.read_text(encoding="utf-8"))["binary"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def prune(paths: list[Path], keep: int) -> None:
    """Delete all but the `keep` newest of `paths` (by modification time); races are harmless."""
    def age(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(paths, key=age, reverse=True)[keep:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                old.unlink()
