"""Where the world's first object is during a run, from the trace's `grab`/`release` events.

The robot process says when an object is gripped and let go; in between the object rides with the
robot at the offset it was gripped at (the same rule as the runtime's physics).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from leanbot_kit.sim.trace import Row, Trace


class ObjectTrack:
    """t_ms -> (held count, x_mm, y_mm of object 0) for one run."""

    def __init__(self, trace: Trace, start: tuple[float, float] | None) -> None:
        self._start = start
        self._changes: list[tuple[int, str, int, float, float]] = []
        for event in trace.events:
            if event.kind in ("grab", "release") and len(event.args) >= 3:
                try:
                    index, x, y = int(event.args[0]), float(event.args[1]), float(event.args[2])
                except ValueError:
                    continue
                self._changes.append((event.t_ms, event.kind, index, x, y))
        self._times = [c[0] for c in self._changes]
        self._trace = trace

    def values(self, t_ms: int, row: Row) -> dict[str, int]:
        """`held`, and `obj_x_mm`/`obj_y_mm` when the world has an object."""
        done = self._changes[:bisect_right(self._times, t_ms)]
        held = set()
        for _t, kind, index, _x, _y in done:
            (held.add if kind == "grab" else held.discard)(index)
        out = {"held": len(held)}
        if self._start is None:
            return out
        mine = [c for c in done if c[2] == 0]
        x, y = self._start if not mine else (mine[-1][3], mine[-1][4])
        if mine and mine[-1][1] == "grab":
            x, y = _carried(self._trace.at(mine[-1][0]), row, x, y)
        out.update(obj_x_mm=round(x), obj_y_mm=round(y))
        return out


def _carried(at_grab: Row | None, now: Row, x: float, y: float) -> tuple[float, float]:
    """The object gripped at (x, y) when the robot stood at `at_grab`, seen from the robot `now`."""
    if at_grab is None:
        return x, y
    h0 = math.radians(at_grab.values["heading_deg"])
    dx, dy = x - at_grab.values["x_mm"], y - at_grab.values["y_mm"]
    fx, fy = dx * math.cos(h0) - dy * math.sin(h0), dx * math.sin(h0) + dy * math.cos(h0)
    h, rx, ry = math.radians(now.values["heading_deg"]), now.values["x_mm"], now.values["y_mm"]
    return rx + fx * math.cos(h) + fy * math.sin(h), ry - fx * math.sin(h) + fy * math.cos(h)
