"""Write the run config the robot process reads (the text format of the simulator contract)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.sim.world_model import Arc, Polyline, Pose, Rect, World

PAD_BITS = {"TB1A": 1, "TB1B": 2, "TB2A": 4, "TB2B": 8}
# "As fast as possible" yet live: a pace no computer reaches, so the runtime still hands over the
# Serial output every simulated millisecond (speed 0 holds it back until its buffer is full).
UNTHROTTLED = 1e9


@dataclass(frozen=True)
class Touch:
    """Pads pressed at `at_ms` (simulated) for `ms`."""

    at_ms: int
    pads: tuple[str, ...]
    ms: int = 200

    @property
    def mask(self) -> int:
        """The pads as the bit mask of the Leanbot.h constants."""
        return sum(PAD_BITS[p] for p in set(self.pads))


@dataclass(frozen=True)
class RunOptions:
    """How one run goes: pose, clock, pace, touches and where the trace is written."""

    trace: Path
    pose: Pose
    seed: int = 1
    duration_ms: int = 30_000
    wall_limit_ms: int = 60_000
    speed: float = 0
    auto_start_ms: int = 500
    trace_period_ms: int = 20
    touches: tuple[Touch, ...] = ()


def _f(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _line(*parts: object) -> str:
    return " ".join(_f(p) if isinstance(p, float) else str(p) for p in parts)


def run_config(world: World, opts: RunOptions) -> str:
    """The config text for `world` and `opts`."""
    r = world.robot
    out = [
        f"# world {world.name}",
        _line("seed", opts.seed), _line("duration_ms", opts.duration_ms),
        _line("wall_limit_ms", opts.wall_limit_ms), _line("speed", float(opts.speed)),
        _line("auto_start_ms", opts.auto_start_ms), f"trace {opts.trace}",
        _line("trace_period_ms", opts.trace_period_ms), _line("noise", float(r.noise)),
        _line("robot", "wheel_diameter_mm", r.wheel_diameter_mm, "track_mm", r.track_mm,
              "steps_per_rev", r.steps_per_rev, "accel_steps_s2", r.accel_steps_s2,
              "max_speed", r.max_speed, "servo_deg_per_s", r.servo_deg_per_s),
    ]
    out += [_line("sensor line", name, *map(float, xy)) for name, xy in r.line.items()]
    out += [_line("sensor edge", name, *map(float, xy)) for name, xy in r.edge.items()]
    out += [_line("sensor side", name, *map(float, v)) for name, v in r.side.items()]
    out.append(_line("sensor ping", *map(float, r.ping)))
    out.append(_line("pose", float(opts.pose.x_mm), float(opts.pose.y_mm), float(opts.pose.heading_deg)))
    if world.table:
        t = world.table
        out.append(_line("table", t.x0, t.y0, t.x1, t.y1))
    out += [_tape(t) for t in world.tape]
    out += [_line("wall", w.x1, w.y1, w.x2, w.y2) for w in world.walls]
    out += [_line("box", b.x0, b.y0, b.x1, b.y1) for b in world.boxes]
    out += [_line("object", o.x, o.y, o.radius_mm) for o in world.objects]
    out += [_line("touch", t.at_ms, t.ms, t.mask) for t in opts.touches]
    return "\n".join(out) + "\n"


def _tape(t: Polyline | Arc | Rect) -> str:
    if isinstance(t, Polyline):
        points = [*t.points, t.points[0]] if t.closed else list(t.points)
        coords = [float(c) for p in points for c in p]
        return _line("tape polyline", t.width_mm, t.darkness, *coords)
    if isinstance(t, Arc):
        return _line("tape arc", t.width_mm, t.darkness, t.cx, t.cy, t.radius_mm, t.start_deg, t.end_deg)
    return _line("tape rect", t.darkness, t.x0, t.y0, t.x1, t.y1)
