"""The names a condition or a telemetry frame can use: what each reads on the robot, and its range."""

from __future__ import annotations

from dataclasses import dataclass

from leanbot_kit.i18n import N_


@dataclass(frozen=True)
class Field:
    """A telemetry field: the C++ that reads it on the robot, its value range, and what it means."""

    name: str
    cpp: str
    low: int
    high: int
    doc: str  # marked with N_, translate with _ when shown

    @property
    def max_chars(self) -> int:
        """The widest the value can print in a frame."""
        return max(len(str(self.low)), len(str(self.high)))


_IR = (("ir0", "ir0L"), ("ir1", "ir1R"), ("ir2", "ir2L"), ("ir3", "ir3R"),
       ("ir4", "ir4L"), ("ir5", "ir5R"), ("ir6", "ir6L"), ("ir7", "ir7R"))
_IR_DOC = {
    "ir0": N_("line sensor, inner left (raw 0…768, darker is higher)"),
    "ir1": N_("line sensor, inner right (raw 0…768, darker is higher)"),
    "ir2": N_("line sensor, outer left (raw 0…768, darker is higher)"),
    "ir3": N_("line sensor, outer right (raw 0…768, darker is higher)"),
    "ir4": N_("table-edge sensor, left (raw 0…768)"),
    "ir5": N_("table-edge sensor, right (raw 0…768)"),
    "ir6": N_("side obstacle sensor, left (raw 0…768)"),
    "ir7": N_("side obstacle sensor, right (raw 0…768)"),
}

FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("t_ms", "(int32_t)millis()", 0, 2**32 - 1, N_("robot time since reset, ms")),
        Field("mission_ms", "LbMission.elapsedMillis()", 0, 2**31 - 1, N_("time since the mission started, ms")),
        Field("line", "(long)LbIRLine.read()", 0, 15, N_("the 4 line sensors as bits, outer left = 8 … outer right = 1; 1 = black")),
        *(Field(short, f"(long)LbIRArray.read({chan})", 0, 768, _IR_DOC[short]) for short, chan in _IR),
        Field("ping_mm", "lbk_ping_mm()", 0, 10000, N_("ultrasonic distance ahead, mm (10000 = nothing within 3 m)")),
        Field("dist_mm", "LbMotion.getDistanceMm()", -(2**31), 2**31 - 1, N_("distance driven since the start, mm")),
        Field("rot_deg", "LbMotion.getRotationDeg()", -(2**31), 2**31 - 1, N_("rotation since the start, degrees (right is positive)")),
        Field("touch", "(long)LbTouch.readBits()", 0, 15, N_("the 4 touch pads as bits")),
        Field("TB1A", "(long)LbTouch.read(TB1A)", 0, 1, N_("front-left touch pad (1 = touched)")),
        Field("TB1B", "(long)LbTouch.read(TB1B)", 0, 1, N_("front-right touch pad (1 = touched)")),
        Field("TB2A", "(long)LbTouch.read(TB2A)", 0, 1, N_("rear-left touch pad (1 = touched)")),
        Field("TB2B", "(long)LbTouch.read(TB2B)", 0, 1, N_("rear-right touch pad (1 = touched)")),
        Field("grip_l", "(long)LbGripper.readL()", -30, 120, N_("left gripper arm angle, degrees (0 open, 90 closed)")),
        Field("grip_r", "(long)LbGripper.readR()", -30, 120, N_("right gripper arm angle, degrees (0 open, 90 closed)")),
        Field("vl", "lbk_vl", -2000, 2000, N_("left wheel speed commanded, steps/s")),
        Field("vr", "lbk_vr", -2000, 2000, N_("right wheel speed commanded, steps/s")),
    )
}

# Known only to the simulator (ground truth); usable in expectations marked `sim_only: true`.
GROUND_TRUTH: dict[str, str] = {
    "x_mm": N_("robot x position in the world, mm"),
    "y_mm": N_("robot y position in the world, mm"),
    "heading_deg": N_("robot heading in the world, degrees (right turns are positive)"),
    "tone_hz": N_("the buzzer's frequency now, Hz (0 = silent)"),
    "tones": N_("how many tones the buzzer started since the mission began"),
    "leds_lit": N_("how many of the 7 RGB LEDs are lit"),
    "leds_rgb": N_("the colour of the first lit LED (A…F, then O) as 0xRRGGBB; 0 when all are off"),
    "held": N_("how many objects the gripper holds now"),
    "obj_x_mm": N_("x position of the world's first object, mm"),
    "obj_y_mm": N_("y position of the world's first object, mm"),
}

# What the simulator's trace knows of a hand-written sketch (no telemetry of its own): the names a
# challenge's goals may read, besides the ground truth.
TRACE_FIELDS = ("t_ms", "mission_ms", "line", *(f"ir{i}" for i in range(8)), "ping_mm", "dist_mm",
                "rot_deg", "touch", "grip_l", "grip_r", "vl", "vr")

TOUCH_PADS = ("TB1A", "TB1B", "TB2A", "TB2B")
VAR_PREFIX = "lbk_var_"
VAR_LOW, VAR_HIGH = -(2**31), 2**31 - 1


def var_cpp(name: str) -> str:
    """The C++ global that holds lesson variable `name`."""
    return f"{VAR_PREFIX}{name}"
