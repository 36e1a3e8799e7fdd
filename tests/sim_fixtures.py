"""Shared fixtures of the simulator tests: one build cache for the whole session, sketch writers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

needs_cxx = pytest.mark.skipif(shutil.which("c++") is None and shutil.which("g++") is None,
                               reason="no C++ compiler on PATH")


_SESSION: dict[str, Path] = {}


@pytest.fixture(scope="session")
def sim_cache_dir(tmp_path_factory) -> Path:
    """One simulator cache for every test of the session (the runtime is compiled once).

    Each test module that imports this fixture gets its own copy of it, so the folder itself is kept
    here, in the one imported module, to be shared by all of them.
    """
    if "cache" not in _SESSION:
        _SESSION["cache"] = tmp_path_factory.mktemp("sim-cache")
    return _SESSION["cache"]


@pytest.fixture
def sim_cache(sim_cache_dir: Path, monkeypatch) -> Path:
    """Point leanbot-kit's cache at the session's simulator cache."""
    monkeypatch.setenv("LEANBOT_CACHE", str(sim_cache_dir))
    return sim_cache_dir


def write_sketch(folder: Path, body: str, name: str | None = None) -> Path:
    """Write `body` as the main .ino of a sketch folder; returns the .ino path."""
    folder.mkdir(parents=True, exist_ok=True)
    ino = folder / f"{name or folder.name}.ino"
    ino.write_text(body, encoding="utf-8")
    return ino


def leanbot_sketch(setup_body: str, loop_body: str = "", extra: str = "") -> str:
    """A Leanbot sketch: Leanbot.begin(), the given setup body, then the loop body."""
    return (f"#include <Leanbot.h>\n{extra}\nvoid setup() {{\n  Leanbot.begin();\n{setup_body}\n}}\n\n"
            f"void loop() {{\n{loop_body}\n}}\n")
