"""World files: the shipped worlds load; bad worlds give file:line:col, key path, and a hint."""

from __future__ import annotations

import pytest

from leanbot_kit.errors import WorldError
from leanbot_kit.resources import worlds_dir
from leanbot_kit.sim.config import RunOptions, Touch, run_config
from leanbot_kit.sim.world import find_world, load_world, parse_world
from leanbot_kit.sim.world_model import Arc, Polyline

SHIPPED = ("oval", "line-gap", "arena", "table-pick", "empty")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_worlds_load_by_bare_name(name):
    world = load_world(name)
    assert world.name == name
    assert world.path == worlds_dir() / f"{name}.yaml"


def test_oval_lap_is_two_to_three_metres():
    world = load_world("oval")
    length = 0.0
    for tape in world.tape:
        if isinstance(tape, Polyline):
            (x0, y0), (x1, y1) = tape.points
            length += ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        elif isinstance(tape, Arc):
            length += 3.14159 * tape.radius_mm * abs(tape.end_deg - tape.start_deg) / 180
    assert 2000 < length < 3000


def test_robot_constants_default_and_override():
    world = parse_world("robot: {wheel_diameter: 32mm, noise: 5, sensors: {ir2L: [50mm, 25mm]}}", "w.yaml")
    assert world.robot.wheel_diameter_mm == 32
    assert world.robot.track_mm == 98
    assert world.robot.steps_per_rev == pytest.approx(2037.8864)
    assert world.robot.line["ir2L"] == (50, 25)
    assert world.robot.noise == 5


def test_run_config_has_every_directive(tmp_path):
    world = load_world("table-pick")
    text = run_config(world, RunOptions(trace=tmp_path / "t", pose=world.start, seed=7,
                                        touches=(Touch(1000, ("TB1A", "TB1B")),)))
    assert "seed 7\n" in text
    assert "table -200 -300 600 300\n" in text
    assert "object 170 0 15\n" in text
    assert "touch 1000 200 3\n" in text
    assert "sensor ping 50 0 15 3000\n" in text
    assert "robot wheel_diameter_mm 30 track_mm 98 steps_per_rev 2037.8864" in text


BAD = [
    ("tape:\n  - polyline: [[0, 0], [100, 0]]\n    widht: 20mm\n", 3, 5, "tape[0].widht",
     "did you mean 'width'"),
    ("walls:\n  - {from: [0, 0], to: [0, 0]}\n", 2, 5, "walls[0]", "no length"),
    ("start: {x: 10furlongs}\n", 1, 12, "start.x", "unit"),
    ("tape:\n  - arc: {center: [0, 0], radius: 100mm, from: 0deg}\n", 2, 10, "tape[0].arc",
     "missing key 'to'"),
    ("objects:\n  - {at: [100mm], radius: 15mm}\n", 2, 10, "objects[0].at", "[x, y]"),
    ("tape:\n  - rect: {from: [0, 0], to: [10, 10]}\n    darkness: 900\n", 3, 15, "tape[0].darkness",
     "out of range"),
    ("boxes:\n  - {from: [0, 0], to: [0, 50]}\n", 2, 5, "boxes[0]", "no area"),
    ("robot:\n  track: -5mm\n", 2, 10, "robot.track", "out of range"),
    ("robot:\n  sensors:\n    ir9X: [1, 2]\n", 3, 5, "robot.sensors.ir9X", "unknown key"),
    ("wals: []\n", 1, 1, "wals", "did you mean 'walls'"),
    ("tape:\n  - line: [[0, 0], [1, 1]]\n", 2, 5, "tape[0]", "exactly one of"),
    ("format: leanbot-world/2\n", 1, 9, "format", "not allowed"),
    ("start: [0, 0]\n", 1, 8, "start", "expected a mapping"),
]


@pytest.mark.parametrize(("text", "line", "col", "path", "words"), BAD)
def test_bad_world_names_place_key_and_expectation(text, line, col, path, words):
    with pytest.raises(WorldError) as caught:
        parse_world(text, "bad.yaml")
    problems = caught.value.problems
    match = [p for p in problems if p.path == path]
    assert match, [str(p) for p in problems]
    problem = match[0]
    assert (problem.file, problem.line, problem.col) == ("bad.yaml", line, col), str(problem)
    assert words in str(problem)


def test_every_problem_is_reported_at_once():
    with pytest.raises(WorldError) as caught:
        parse_world("wals: []\nstart: {x: 1parsec}\nrobot: {track: 1}\n", "bad.yaml")
    assert len(caught.value.problems) == 3


def test_yaml_syntax_error_has_a_position():
    with pytest.raises(WorldError) as caught:
        parse_world("tape: [\n", "bad.yaml")
    assert caught.value.problems[0].line >= 1


def test_unknown_world_name_suggests_a_shipped_one():
    with pytest.raises(WorldError) as caught:
        find_world("ovl")
    assert "did you mean 'oval'" in str(caught.value.problems[0])
