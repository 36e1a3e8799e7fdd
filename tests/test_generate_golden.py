"""A whole generated sketch, compared with the reviewed copy in tests/golden/ (UPDATE_GOLDEN=1 rewrites it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leanbot_kit.generate import render_sketch
from leanbot_kit.lesson.expr import parse_expr
from leanbot_kit.lesson.model import Lesson, Program, Telemetry, Text, TextList
from tests.generate_fixtures import step

GOLDEN = Path(__file__).with_name("golden")


def square_lesson() -> Lesson:
    """A small square-dance lesson: LEDs, a repeat of moves, a variable, a condition, a tone."""
    steps = (
        step("leds", 1, color=("name", "Green"), shape=None),
        step(
            "repeat",
            2,
            times=4,
            note=Text(vi="Bốn cạnh", en="Four sides"),
            body=(
                step("forward", 3, mm=200, speed=1200),
                step("turn_right", 4, deg=90, speed=800),
                step("set", 5, assign=(("sides", parse_expr("sides + 1")),)),
            ),
        ),
        step(
            "if",
            6,
            cond=parse_expr("sides == 4"),
            body=(step("tone", 7, hz=880, ms=200),),
            orelse=(step("print", 8, text="Something went wrong"),),
        ),
        step("end", 9),
    )
    return Lesson(
        id="square",
        path=Path("square.yaml"),
        lang="vi",
        title=Text(vi="Vũ điệu hình vuông", en="Square dance"),
        grade="6-9",
        duration_min=45,
        summary=Text(vi="Robot đi một hình vuông.", en="The robot drives a square."),
        objectives=TextList(vi=("Dùng vòng lặp",), en=("Use a loop",)),
        vars={"sides": 0},
        program=Program(start_pads=("TB1A", "TB1B"), steps=steps),
        telemetry=Telemetry(rate_hz=20, fields=("dist_mm", "rot_deg", "sides")),
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_square_sketch_matches_the_golden_copy(lang: str):
    golden = GOLDEN / f"generate-square-{lang}.ino"
    text = render_sketch(square_lesson(), lang=lang)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), (
        f"rerun with UPDATE_GOLDEN=1 and review {golden}"
    )
