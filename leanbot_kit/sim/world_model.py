"""A simulator world as frozen data: floor tape, table, walls, boxes, objects, start pose, robot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DARKNESS = 700  # raw IR reading over black tape
# Sensor positions in the robot frame (mm): x forward, y to the LEFT, origin between the wheels.
# Assumed (LEANBOT.md: no public source gives them); a world's `robot.sensors` overrides them.
LINE_SENSORS = {"ir2L": (45.0, 21.0), "ir0L": (45.0, 7.0), "ir1R": (45.0, -7.0), "ir3R": (45.0, -21.0)}
EDGE_SENSORS = {"ir4L": (55.0, 35.0), "ir5R": (55.0, -35.0)}
SIDE_SENSORS = {"ir6L": (30.0, 40.0, 90.0, 150.0), "ir7R": (30.0, -40.0, -90.0, 150.0)}
PING = (50.0, 0.0, 15.0, 3000.0)  # x, y, half cone (deg), range (mm)


@dataclass(frozen=True)
class Pose:
    """Where the robot is: mm in the world (x right, y up), heading in degrees (clockwise positive)."""

    x_mm: float = 0.0
    y_mm: float = 0.0
    heading_deg: float = 0.0


@dataclass(frozen=True)
class Polyline:
    """A strip of tape along points; `closed` joins the last point back to the first."""

    points: tuple[tuple[float, float], ...]
    width_mm: float = 20.0
    darkness: int = DARKNESS
    closed: bool = False


@dataclass(frozen=True)
class Arc:
    """A strip of tape along a circle arc from `start_deg` to `end_deg` (counter-clockwise from +x)."""

    cx: float
    cy: float
    radius_mm: float
    start_deg: float
    end_deg: float
    width_mm: float = 20.0
    darkness: int = DARKNESS


@dataclass(frozen=True)
class Rect:
    """A filled rectangle of tape (or a dark patch)."""

    x0: float
    y0: float
    x1: float
    y1: float
    darkness: int = DARKNESS


@dataclass(frozen=True)
class Segment:
    """A wall: a vertical segment from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Box:
    """A solid box between two corners."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Thing:
    """A cylinder the gripper can hold."""

    x: float
    y: float
    radius_mm: float = 15.0


@dataclass(frozen=True)
class Robot:
    """The robot's constants (LEANBOT.md defaults; assumed values are overridable per world)."""

    wheel_diameter_mm: float = 30.0
    track_mm: float = 98.0
    steps_per_rev: float = 2037.8864
    accel_steps_s2: float = 6000.0
    max_speed: float = 2000.0
    servo_deg_per_s: float = 300.0
    noise: float = 0.0
    line: Mapping[str, tuple[float, float]] = field(default_factory=lambda: dict(LINE_SENSORS))
    edge: Mapping[str, tuple[float, float]] = field(default_factory=lambda: dict(EDGE_SENSORS))
    side: Mapping[str, tuple[float, float, float, float]] = field(
        default_factory=lambda: dict(SIDE_SENSORS))
    ping: tuple[float, float, float, float] = PING

    @property
    def mm_per_step(self) -> float:
        """How far a wheel rolls for one step."""
        import math

        return math.pi * self.wheel_diameter_mm / self.steps_per_rev


@dataclass(frozen=True)
class World:
    """A validated world."""

    name: str
    path: Path | None = None
    title: str = ""
    description: Mapping[str, str] = field(default_factory=dict)  # {"vi": …, "en": …}: `leanbot worlds`
    start: Pose = field(default_factory=Pose)
    table: Box | None = None
    tape: tuple[Polyline | Arc | Rect, ...] = ()
    walls: tuple[Segment, ...] = ()
    boxes: tuple[Box, ...] = ()
    objects: tuple[Thing, ...] = ()
    robot: Robot = field(default_factory=Robot)
