"""The `robot:` part of a world: constants and sensor positions overriding the LEANBOT.md defaults."""

from __future__ import annotations

from dataclasses import replace

from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.source import YNode
from leanbot_kit.sim.world_model import EDGE_SENSORS, LINE_SENSORS, SIDE_SENSORS, Robot

# key -> (Robot field, low, high, unit text)
NUMBERS = {
    "wheel_diameter": ("wheel_diameter_mm", 5, 200, "mm"),
    "track": ("track_mm", 20, 500, "mm"),
    "steps_per_rev": ("steps_per_rev", 100, 100_000, "steps"),
    "accel": ("accel_steps_s2", 100, 1_000_000, "steps/s²"),
    "max_speed": ("max_speed", 100, 10_000, "steps/s"),
    "servo_speed": ("servo_deg_per_s", 10, 10_000, "deg/s"),
    "noise": ("noise", 0, 200, ""),
}
SENSOR_SIZES = {**{k: 2 for k in (*LINE_SENSORS, *EDGE_SENSORS)}, **{k: 4 for k in SIDE_SENSORS},
                "ping": 4}
SENSOR_FORMS = {2: "[x, y]", 4: "[x, y, direction or half cone, range]"}


def _number(ck: Checker, node: YNode, path: str, low: float, high: float, unit: str) -> float | None:
    value = node.value
    if isinstance(value, str) and unit in ("mm", "deg"):
        kind = "distance" if unit == "mm" else "angle"
        result = ck.quantity(node, path, kind, int(low), int(high))
        return None if result is None else float(result)
    if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, (int, float)):
        ck.report(node, path, _("expected a number, found {found}").format(found=found(node)))
        return None
    if not low <= value <= high:
        ck.report(node, path, _("{value} is out of range: expected {low}…{high} {unit}").format(
            value=value, low=low, high=high, unit=unit))
        return None
    return float(value)


def read_robot(ck: Checker, node: YNode, path: str) -> Robot | None:
    """The robot constants of a world (every key optional)."""
    keys = ck.mapping(node, path, (*NUMBERS, "sensors"))
    if keys is None:
        return None
    robot, changes = Robot(), {}
    for key, (attr, low, high, unit) in NUMBERS.items():
        if key in keys:
            value = _number(ck, keys[key], join(path, key), low, high, unit)
            if value is not None:
                changes[attr] = value
    robot = replace(robot, **changes)
    if "sensors" in keys:
        robot = _sensors(ck, keys["sensors"], join(path, "sensors"), robot)
    return robot


def _sensors(ck: Checker, node: YNode, path: str, robot: Robot) -> Robot:
    keys = ck.mapping(node, path, tuple(SENSOR_SIZES)) or {}
    line, edge, side, ping = dict(robot.line), dict(robot.edge), dict(robot.side), robot.ping
    for name, item in keys.items():
        size = SENSOR_SIZES[name]
        where = join(path, name)
        if item.kind != "seq" or len(item.value) != size:
            ck.report(item, where, _("expected {form}, found {found}").format(
                form=SENSOR_FORMS[size], found=found(item)))
            continue
        values = [_number(ck, v, f"{where}[{i}]", -500, 5000, "mm" if i < 2 or i == 3 else "deg")
                  for i, v in enumerate(item.value)]
        if None in values:
            continue
        for table in (line, edge, side):
            if name in table:
                table[name] = tuple(values)
        if name == "ping":
            ping = tuple(values)
    return replace(robot, line=line, edge=edge, side=side, ping=ping)
