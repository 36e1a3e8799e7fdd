"""Shipped worlds by name from anywhere: lessons, --world, `leanbot worlds`, the scaffold, handouts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.i18n import gettext_for, set_language
from leanbot_kit.lesson import load_lesson
from leanbot_kit.resources import shipped_worlds
from leanbot_kit.sim.world import load_world
from tests.conftest import LESSONS
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401

pytestmark = pytest.mark.usefixtures("sim_cache")

OBSTACLE = (LESSONS / "obstacle-stop.yaml").read_text(encoding="utf-8")
MY_ARENA = "format: leanbot-world/1\nname: my-arena\ntitle: Mine\nwalls:\n  - {from: [300mm, -500mm], to: [300mm, 500mm]}\n"


def _lesson(folder: Path, world: str) -> Path:
    """The obstacle-stop sample lesson, copied outside the checkout, naming `world`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "lesson.yaml"
    path.write_text(re.sub(r"world: \S+", f"world: {world}", OBSTACLE), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    try:
        res = CliRunner().invoke(cli, list(args))
    finally:
        set_language(None)
    return res.exit_code, res.output


@pytest.mark.parametrize("name", ["arena", "arena.yaml", "../worlds/arena.yaml"])
def test_a_lesson_anywhere_names_a_shipped_world(tmp_path: Path, name: str):
    lesson = load_lesson(_lesson(tmp_path / "class", name))
    assert lesson.sim.world == shipped_worlds()["arena"].resolve()


def test_a_world_file_next_to_the_lesson_wins(tmp_path: Path):
    (tmp_path / "arena.yaml").write_text(MY_ARENA, encoding="utf-8")
    lesson = load_lesson(_lesson(tmp_path, "arena"))
    assert lesson.sim.world == (tmp_path / "arena.yaml").resolve()
    assert load_world(lesson.sim.world).name == "my-arena"


def test_an_unknown_world_names_the_shipped_ones(tmp_path: Path):
    code, out = _run("validate", str(_lesson(tmp_path, "arenna")))
    assert code == 1
    assert "sim.world" in out and "'arena'" in out  # did you mean
    code, out = _run("validate", str(_lesson(tmp_path, "moon")))
    assert all(name in out for name in shipped_worlds())


def test_the_lesson_runs_in_the_named_world_and_sim_world_overrides_it(tmp_path: Path):
    lesson = _lesson(tmp_path / "class", "arena")
    code, out = _run("sim", str(lesson))
    assert code == 0, out                          # the wall of the arena is there: the robot stops
    code, out = _run("sim", str(lesson), "--world", "empty")
    assert code == 1, out                          # no wall: "stops near the wall" fails


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_leanbot_worlds_lists_every_shipped_world_with_a_description(lang: str):
    code, out = _run("--lang", lang, "worlds")
    assert code == 0
    for name, path in shipped_worlds().items():
        world = load_world(path)
        line = next(line for line in out.splitlines() if line.startswith(name + " "))
        assert world.description[lang] in line


def test_every_shipped_world_has_a_description_in_both_languages():
    for path in shipped_worlds().values():
        assert set(load_world(path).description) == {"vi", "en"}, path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_scaffold_runs_outside_the_checkout(tmp_path: Path, lang: str, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run("new", "bai-moi", "--lang", lang)[0] == 0
    text = (tmp_path / "bai-moi.yaml").read_text(encoding="utf-8")
    assert "world: empty" in text and "../worlds" not in text
    assert _run("sim", "bai-moi.yaml")[0] == 0


def test_a_handout_says_when_its_run_missed_a_goal(tmp_path: Path):
    lesson = str(LESSONS / "obstacle-stop.yaml")
    failed = gettext_for("vi", "Careful: in this simulated run the program did not meet every goal. "
                               "Not met: {goals}.").split("{")[0]
    assert _run("handout", lesson, "--lang", "vi", "-o", str(tmp_path / "ok.html"))[0] == 0
    assert failed not in (tmp_path / "ok.html").read_text(encoding="utf-8")
    assert _run("handout", lesson, "--lang", "vi", "--world", "empty", "-o", str(tmp_path / "h.html"))[0] == 0
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert failed in html and "empty" in html
