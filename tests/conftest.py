"""Shared test setup: paths, the hardware option, and strictness in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
IN_CI = bool(os.environ.get("CI"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--port", action="append", default=[],
                     help="serial port of a real Leanbot: runs the tests marked 'hardware'")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--port"):
        return
    skip = pytest.mark.skip(reason="needs a real Leanbot: pass --port /dev/ttyUSB0")
    for item in items:
        if "hardware" in item.keywords:
            item.add_marker(skip)


def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build cache shared by the whole test session, by every pytest-xdist worker too.

    Builds are written under a temporary name and renamed into place, so workers that build the same
    thing at once only repeat work; none reads a half-written build.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder, above each worker's own
    cache = base / "leanbot-cache"
    cache.mkdir(exist_ok=True)
    return cache


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep caches out of the user's home, shared by the whole session so builds are reused."""
    cache = session_cache(tmp_path_factory)
    monkeypatch.setenv("LEANBOT_CACHE", str(cache))
    monkeypatch.delenv("LEANBOT_LANG", raising=False)
    from leanbot_kit.i18n import set_language

    set_language(None)  # a `--lang` of an earlier test's CLI call does not carry over


@pytest.fixture
def repo_root() -> Path:
    """The repository checkout."""
    return ROOT


def sample_lessons() -> list[Path]:
    """Every sample lesson shipped in lessons/."""
    return sorted(p for p in LESSONS.glob("*.yaml") if p.name != "course.yaml")


def require_tool(name: str) -> str:
    """The path of an external tool; skip without it locally, fail in CI where it must be installed."""
    import shutil

    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path
