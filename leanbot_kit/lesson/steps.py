"""The step vocabulary of `leanbot-lesson/1`: every step word, what it takes, and the robot's limits.

The validator, the JSON Schema and the docs all read this one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from leanbot_kit.i18n import N_

SPEED_MAX = 2000  # steps/s, either direction
DEFAULT_SPEED = 1000
DISTANCE_MAX = 32_767  # mm: LbMotion.waitDistanceMm takes an int
ANGLE_MAX = 3600  # deg: ten full turns
WAIT_MAX = 600_000  # ms: ten minutes
CALL_MS_MAX = 65_535  # ms: one LbDelay/tone/gripper call
GRIP_LOW, GRIP_HIGH = -30, 120  # deg
GRIP_OPEN, GRIP_CLOSED = 0, 90
HZ_LOW, HZ_HIGH = 31, 20_000
PRINT_MAX = 100
REPEAT_MAX = 10_000
THRESHOLD_MAX = 768
DEFAULT_THRESHOLD = 300
MELODY_MAX_NOTES = 256
MAX_BLOCK_DEPTH = 12  # blocks inside blocks
BLOCK_KEYS = ("steps", "then", "else")


@dataclass(frozen=True)
class StepSpec:
    """One step word: the kind of value it takes, its other keys, and what it does."""

    name: str
    value: (
        str  # distance | angle | signed_angle | wheels | none | time | cond | pads | gripper | leds
    )
    #             | tone | melody | text | assign | count | forever | follow_line
    doc: str  # marked with N_
    example: str
    extras: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    block: bool = False


STEPS: dict[str, StepSpec] = {
    s.name: s
    for s in (
        StepSpec(
            "forward", "distance", N_("drive forward a distance"), "forward: 20cm", ("speed",)
        ),
        StepSpec(
            "backward", "distance", N_("drive backward a distance"), "backward: 100mm", ("speed",)
        ),
        StepSpec("turn_left", "angle", N_("spin left on the spot"), "turn_left: 90deg", ("speed",)),
        StepSpec(
            "turn_right", "angle", N_("spin right on the spot"), "turn_right: 90deg", ("speed",)
        ),
        StepSpec(
            "turn",
            "signed_angle",
            N_("spin by a signed angle (right is positive)"),
            "turn: -45deg",
            ("speed",),
        ),
        StepSpec(
            "run",
            "wheels",
            N_("set both wheel speeds (steps/s), optionally for a time"),
            "run: {left: 800, right: -800}",
            ("for",),
        ),
        StepSpec("stop", "none", N_("stop the wheels and wait until they stand still"), "stop"),
        StepSpec("wait", "time", N_("wait (the wheels keep their speed)"), "wait: 1.5s"),
        StepSpec(
            "wait_until",
            "cond",
            N_("wait until a condition holds, optionally at most a time"),
            'wait_until: "ping_mm < 150"',
            ("timeout",),
        ),
        StepSpec(
            "wait_touch", "pads", N_("wait until the touch pads are touched"), "wait_touch: [TB1A]"
        ),
        StepSpec("gripper", "gripper", N_("open, close or move the gripper arms"), "gripper: open"),
        StepSpec(
            "leds",
            "leds",
            N_("light the RGB LEDs in a colour, optionally only a shape"),
            "leds: {color: Red, shape: [ledA, ledO]}",
        ),
        StepSpec(
            "tone",
            "tone",
            N_("play a tone on the buzzer and wait for it"),
            "tone: {hz: 880, ms: 200}",
        ),
        StepSpec(
            "melody",
            "melody",
            N_("play notes like C4:200 (note, octave, ms; R is a rest)"),
            'melody: "C4:200 E4:200 G4:400"',
        ),
        StepSpec("print", "text", N_("print a line on the serial console"), 'print: "Hello"'),
        StepSpec(
            "set", "assign", N_("set lesson variables to expressions"), 'set: {count: "count + 1"}'
        ),
        StepSpec(
            "repeat",
            "count",
            N_("repeat the steps a number of times"),
            "repeat: 4",
            ("steps",),
            ("steps",),
            True,
        ),
        StepSpec(
            "forever",
            "forever",
            N_("repeat the steps forever"),
            "forever:",
            ("steps",),
            ("steps",),
            True,
        ),
        StepSpec(
            "while",
            "cond",
            N_("repeat the steps while a condition holds"),
            'while: "ping_mm > 100"',
            ("steps",),
            ("steps",),
            True,
        ),
        StepSpec(
            "if",
            "cond",
            N_("do `then` if a condition holds, else `else`"),
            'if: "TB1A == 1"',
            ("then", "else"),
            ("then",),
            True,
        ),
        StepSpec(
            "follow_line",
            "follow_line",
            N_("follow a black line, optionally until a condition"),
            'follow_line: {speed: 800, until: "ping_mm < 100"}',
        ),
        StepSpec("end", "none", N_("end the mission: stop and halt the program"), "end"),
    )
}

BARE_STEPS = tuple(name for name, spec in STEPS.items() if spec.value == "none")
COMMON_KEYS = ("note",)
START_NOW = "now"
DEFAULT_START = ("TB1A", "TB1B")
