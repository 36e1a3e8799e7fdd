"""Physical truth of the simulated robot (issue point 7), checked on the ground-truth trace."""

from __future__ import annotations

import math

import pytest

from leanbot_kit.sim.run import simulate
from leanbot_kit.sim.world_model import Robot
from tests.conftest import LESSONS
from tests.sim_fixtures import (  # noqa: F401 - fixtures
    leanbot_sketch,
    needs_cxx,
    sim_cache,
    sim_cache_dir,
    write_sketch,
)

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]

LESSON_HEAD = """format: leanbot-lesson/1
id: {id}
lang: en
title: Physics check
telemetry: {{rate_hz: 20, fields: [dist_mm, rot_deg]}}
sim:
  world: {world}
  duration: 60s
"""


def lesson(tmp_path, name: str, steps: str, expect: str = "", world: str = "empty") -> str:
    """A small lesson in tmp_path with the given program steps (indented YAML)."""
    from leanbot_kit.resources import worlds_dir

    text = LESSON_HEAD.format(id=name, world=worlds_dir() / f"{world}.yaml")
    text += "program:\n  start: now\n  steps:\n" + steps
    if expect:
        text += "expect:\n" + expect
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_forward_200mm_ends_200mm_from_the_start(tmp_path):
    run = simulate(lesson(tmp_path, "fwd", "    - forward: 200mm\n    - end\n"))
    start = run.world.start
    moved = math.hypot(run.final.x_mm - start.x_mm, run.final.y_mm - start.y_mm)
    assert moved == pytest.approx(200, abs=5)


def test_square_ends_where_it_started(tmp_path):
    steps = ("    - repeat: 4\n      steps:\n        - forward: 200mm\n"
             "        - turn_right: 90deg\n    - end\n")
    run = simulate(lesson(tmp_path, "square", steps))
    assert math.hypot(run.final.x_mm, run.final.y_mm) <= 15
    heading = (run.final.heading_deg + 180) % 360 - 180
    assert abs(heading) <= 5


def test_run_lr_for_two_seconds_covers_the_predicted_distance(tmp_path):
    sketch = leanbot_sketch("  LbMotion.runLR(1000, 1000);\n  LbDelay(2000);\n"
                            "  LbMotion.stopAndWait();\n  LbMission.end();")
    run = simulate(write_sketch(tmp_path / "runlr", sketch))
    robot = Robot()
    ramp_steps = 1000 ** 2 / (2 * robot.accel_steps_s2)  # lost speeding up, won back slowing down
    predicted = (1000 * 2 - ramp_steps + ramp_steps) * robot.mm_per_step
    assert run.final.x_mm == pytest.approx(predicted, abs=1.5)
    assert run.final.y_mm == pytest.approx(0, abs=0.5)


def test_line_follow_lesson_completes_a_lap_of_the_oval():
    run = simulate(LESSONS / "line-follow.yaml", world="oval")
    xs = [r.values["x_mm"] for r in run.trace.rows]
    ys = [r.values["y_mm"] for r in run.trace.rows]
    assert max(xs) > 450 and min(xs) < -450 and max(ys) > 450  # went all the way round
    far = next(i for i, x in enumerate(xs) if x < -450)  # the far end of the lap
    back = [i for i in range(far, len(xs)) if abs(xs[i]) < 30 and abs(ys[i]) < 30]
    assert back, "never came back to the start"
    assert all(abs(y) < 40 or abs(y - 500) < 40 or abs(x) > 240 for x, y in zip(xs, ys, strict=True))


def test_obstacle_lesson_stops_before_the_wall():
    run = simulate(LESSONS / "obstacle-stop.yaml")
    wall_x = 750
    assert run.end_reason == "end"
    assert 60 < wall_x - run.final.x_mm < 250
    assert run.trace.rows[-1].values["vl"] == 0


def test_ping_is_10000_with_nothing_within_3m(tmp_path):
    sketch = leanbot_sketch("  Serial.println(Leanbot.pingMm());\n  LbMission.end();")
    run = simulate(write_sketch(tmp_path / "ping", sketch), world="empty")
    assert "10000" in run.serial_lines()


def test_ping_sees_the_arena_wall(tmp_path):
    sketch = leanbot_sketch("  Serial.println(Leanbot.pingMm());\n  LbMission.end();")
    run = simulate(write_sketch(tmp_path / "ping", sketch), world="arena")
    seen = int(run.serial_lines()[-1])
    assert seen == pytest.approx(750 - Robot().ping[0], abs=15)


def test_gripper_reaches_its_angle_only_after_the_servo_travel_time(tmp_path):
    sketch = leanbot_sketch(
        "  LbGripper.open();\n  LbDelay(100);\n  Serial.println(millis());\n  LbGripper.close();\n"
        "  Serial.println(millis());\n  Serial.println(LbGripper.readL());\n  LbMission.end();")
    run = simulate(write_sketch(tmp_path / "grip", sketch))
    before, after, angle = (int(v) for v in run.serial_lines()[-3:])
    travel_ms = 90 / Robot().servo_deg_per_s * 1000
    assert angle == 90
    assert after - before >= travel_ms * 0.9
    rows = [r for r in run.trace.rows if before <= r.t_ms < before + travel_ms * 0.5]
    assert rows and all(r.values["grip_l"] < 80 for r in rows)  # still on its way
