"""Lesson texts for the lesson-format tests: a minimal valid head and builders for small variations."""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import Problem
from leanbot_kit.lesson import check_lesson_text
from leanbot_kit.lesson.model import Lesson

HEAD = "format: leanbot-lesson/1\nid: test-lesson\ntitle: Test\n"  # lines 1-3
STEPS_LINE = 6  # the first step of `with_steps` sits on this line, its key at column 7


def with_steps(*lines: str, tail: str = "") -> str:
    """A lesson whose program holds these step lines (each already a YAML list item)."""
    body = "".join(f"    {line}\n" for line in lines)
    return HEAD + "program:\n  steps:\n" + body + tail


def check(text: str | bytes, filename: str = "lesson.yaml") -> tuple[Lesson | None, list[Problem]]:
    """Validate `text` as if it were the file `filename`."""
    return check_lesson_text(text, filename)


def only_problem(text: str | bytes, filename: str = "lesson.yaml") -> Problem:
    """The one problem of `text` (fails if there are none or several)."""
    lesson, problems = check(text, filename)
    assert lesson is None
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    return problems[0]


def good(text: str, filename: str | Path = "lesson.yaml") -> Lesson:
    """The lesson of `text`, which must validate."""
    lesson, problems = check(text, str(filename))
    assert not problems, "\n".join(str(p) for p in problems)
    assert lesson is not None
    return lesson


FULL_LESSON = """\
format: leanbot-lesson/1
id: square-dance
lang: vi
title: {vi: "Vũ điệu hình vuông", en: "Square dance"}
summary: Drive a square
grade: "6-9"
duration: 45min
objectives: {vi: [Đi thẳng, Quay], en: [Drive, Turn]}
materials: [One robot]
vars: {count: 0}
program:
  start: touch(TB1A, TB1B)
  steps:
    - repeat: 4
      note: {en: four sides}
      steps:
        - forward: 20cm
          speed: 1200
        - turn_right: 90deg
        - set: {count: "count + 1"}
    - turn_left: 90
    - turn: -45deg
    - run: {left: 800, right: -800}
      for: 1.5s
    - wait: 2s
    - wait_until: "ping_mm < 150"
      timeout: 5s
    - wait_touch: TB1A
    - gripper: open
    - gripper: {left: 45, right: 30deg, ms: 500}
    - leds: off
    - leds: darkorange
    - leds: {color: "#FF8800", shape: [leda, ledO]}
    - tone: {hz: 880, ms: 0.2s}
    - melody: "C4:200 E4:200 G4:400 R:100 A4:100 Bb3:50 c#5:10"
    - print: Hello
    - forever:
      steps:
        - if: "TB1A == 1 and count > 2"
          then: [stop]
          else:
            - follow_line: {speed: 800, until: "ping_mm < 100"}
    - while: "ping_mm > 100"
      steps: [end]
    - follow_line:
    - backward: 0.1m
    - stop
    - end
telemetry: {rate_hz: 20, fields: [line, ping_mm, dist_mm, rot_deg, count]}
sim:
  world: worlds/oval.yaml
  start: {x: 0mm, y: 10cm, heading: 90deg}
  duration: 1min
  events: [{at: 1s, touch: [TB1A, TB1B]}, {at: 5s, touch: TB2A, for: 1s}]
expect:
  - {within: 25s, that: "dist_mm >= 800", name: "drives 80 cm"}
  - {always: "ping_mm > 30"}
  - {never: "mission_ms > 100000"}
  - {at_end: "abs(x_mm) < 50 and abs(y_mm) < 50", sim_only: true}
"""


def full_lesson_dir(tmp_path: Path) -> Path:
    """A folder holding FULL_LESSON as lesson.yaml and the world it names; returns the lesson path."""
    (tmp_path / "worlds").mkdir(exist_ok=True)
    (tmp_path / "worlds" / "oval.yaml").write_text("format: leanbot-world/1\nname: oval\n",
                                                     encoding="utf-8")
    path = tmp_path / "lesson.yaml"
    path.write_text(FULL_LESSON, encoding="utf-8")
    return path
