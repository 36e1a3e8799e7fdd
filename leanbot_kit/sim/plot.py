"""Draw a simulated run to a PNG: the world, the path, the robot at the end, and sensor time series."""

from __future__ import annotations

import io
import math
from pathlib import Path

from leanbot_kit.files import write_output
from leanbot_kit.i18n import N_, _, current_language
from leanbot_kit.sim.world_model import Arc, Polyline, Rect, World

TAPE = "#222222"
END_REASONS = {"end": "LbMission.end()", "duration": N_("the duration ran out"),
               "wall_limit": N_("the wall-clock limit")}
SERIES = (("ir2", "ir2L"), ("ir0", "ir0L"), ("ir1", "ir1R"), ("ir3", "ir3R"))


def plot_run(run, path: str | Path) -> Path:
    """Write the PNG of `run` to `path`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = run.trace.rows
    xs, ys = [r.values["x_mm"] for r in rows], [r.values["y_mm"] for r in rows]
    limits = _bounds(run.world, xs, ys)
    aspect = (limits[3] - limits[2]) / (limits[1] - limits[0])
    map_h = min(7.0, max(2.5, 8.0 * aspect))
    fig = plt.figure(figsize=(9, map_h + 6.2), dpi=100, layout="constrained")
    grid = fig.add_gridspec(4, 1, height_ratios=[map_h, 2, 1.4, 1.4])
    ax = fig.add_subplot(grid[0])
    draw_world(ax, run.world, _frame(ax, limits))
    ax.plot(xs, ys, color="#1f77b4", lw=1.2, label=_("path"), zorder=3)
    if rows:
        ax.plot(xs[0], ys[0], "o", color="#2ca02c", label=_("start"), zorder=5)
        draw_robot(ax, run.world.robot, run.final.x_mm, run.final.y_mm, run.final.heading_deg)
    ax.legend(loc="best", fontsize=8)
    title = getattr(getattr(run.lesson, "title", None), "get", None)
    name = title(current_language()) if title else run.name
    fig.suptitle(_("{name} — world {world}, {sim:.1f} s simulated, ended by {end}").format(
        name=name, world=run.world.name, sim=run.sim_ms / 1000,
        end=_(END_REASONS.get(run.end_reason, run.end_reason))), fontsize=11)
    first = fig.add_subplot(grid[1])
    _line_sensors(first, rows)
    _ping(fig.add_subplot(grid[2], sharex=first), rows)
    _series(fig.add_subplot(grid[3], sharex=first), rows, (("vl", "vl"), ("vr", "vr")),
            _("wheel speeds (steps/s)"))
    first.set_xlim(0, max(run.sim_ms / 1000, 0.1))
    buf = io.BytesIO()
    fig.savefig(buf, format=Path(path).suffix.lstrip(".").lower() or "png")
    plt.close(fig)
    return write_output(path, buf.getvalue())  # never through a symlink at `path`


def draw_world(ax, world: World, points_per_mm: float) -> None:
    """Table, tape, walls, boxes and objects, to scale (mm)."""
    from matplotlib.patches import Circle, Rectangle

    ax.set_facecolor("#f4f1ea" if world.table is None else "#d9d9d9")
    if world.table:
        t = world.table
        ax.add_patch(Rectangle((t.x0, t.y0), t.x1 - t.x0, t.y1 - t.y0, color="#f4f1ea", zorder=0))
    for tape in world.tape:
        if isinstance(tape, Rect):
            ax.add_patch(Rectangle((tape.x0, tape.y0), tape.x1 - tape.x0, tape.y1 - tape.y0,
                                   color=TAPE, alpha=tape.darkness / 768, zorder=1))
        else:
            px, py = _tape_points(tape)
            ax.plot(px, py, color=TAPE, alpha=tape.darkness / 768, zorder=1, solid_capstyle="butt",
                    lw=max(1.0, tape.width_mm * points_per_mm))
    for w in world.walls:
        ax.plot([w.x1, w.x2], [w.y1, w.y2], color="#8c564b", lw=4, zorder=2)
    for b in world.boxes:
        ax.add_patch(Rectangle((b.x0, b.y0), b.x1 - b.x0, b.y1 - b.y0, color="#8c564b", zorder=2))
    for o in world.objects:
        ax.add_patch(Circle((o.x, o.y), o.radius_mm, color="#ff7f0e", zorder=3))


def _tape_points(tape: Polyline | Arc) -> tuple[list[float], list[float]]:
    if isinstance(tape, Polyline):
        points = [*tape.points, tape.points[0]] if tape.closed else list(tape.points)
        return [p[0] for p in points], [p[1] for p in points]
    n = max(8, int(abs(tape.end_deg - tape.start_deg) / 3))
    angles = [math.radians(tape.start_deg + (tape.end_deg - tape.start_deg) * i / n) for i in range(n + 1)]
    return ([tape.cx + tape.radius_mm * math.cos(a) for a in angles],
            [tape.cy + tape.radius_mm * math.sin(a) for a in angles])


def draw_robot(ax, robot, x: float, y: float, heading_deg: float) -> None:
    """The robot's outline (a circle of the track's size) and a nose showing where it faces."""
    from matplotlib.patches import Circle

    radius = robot.track_mm / 2 + 10
    ax.add_patch(Circle((x, y), radius, fill=False, color="#d62728", lw=1.5, zorder=4,
                        label=_("robot at the end")))
    h = math.radians(-heading_deg)  # clockwise-positive heading
    ax.plot([x, x + radius * 1.3 * math.cos(h)], [y, y + radius * 1.3 * math.sin(h)],
            color="#d62728", lw=2, zorder=4)
    for sx, sy in robot.line.values():
        wx = x + sx * math.cos(h) - sy * math.sin(h)
        wy = y + sx * math.sin(h) + sy * math.cos(h)
        ax.plot(wx, wy, ".", color="#d62728", ms=3, zorder=5)


def _bounds(world: World, xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 around the path and everything in the world, with a margin."""
    bx, by = list(xs) or [0.0], list(ys) or [0.0]
    for tape in world.tape:
        if isinstance(tape, Rect):
            bx += [tape.x0, tape.x1]
            by += [tape.y0, tape.y1]
        else:
            px, py = _tape_points(tape)
            bx += px
            by += py
    for w in world.walls:
        bx += [w.x1, w.x2]
        by += [w.y1, w.y2]
    for b in (*world.boxes, *([world.table] if world.table else [])):
        bx += [b.x0, b.x1]
        by += [b.y0, b.y1]
    for o in world.objects:
        bx += [o.x - o.radius_mm, o.x + o.radius_mm]
        by += [o.y - o.radius_mm, o.y + o.radius_mm]
    pad = 120
    return min(bx) - pad, max(bx) + pad, min(by) - pad, max(by) + pad


def _frame(ax, limits: tuple[float, float, float, float]) -> float:
    """Set the map's limits (equal scales); returns the scale in points per mm."""
    ax.set_xlim(limits[0], limits[1])
    ax.set_ylim(limits[2], limits[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("x (mm)")
    ax.set_ylabel("y (mm)")
    ax.figure.canvas.draw()
    box = ax.get_window_extent()
    return box.width / (limits[1] - limits[0]) * 72 / ax.figure.dpi


def _line_sensors(ax, rows) -> None:
    """The four line sensors as stacked bands, outer left on top (a dark band = over the tape)."""
    t = [r.t_ms / 1000 for r in rows]
    for i, (key, _label) in enumerate(SERIES):
        base = len(SERIES) - 1 - i
        ax.fill_between(t, base, [base + r.values.get(key, 0) / 768 * 0.9 for r in rows],
                        step="post", color=TAPE, alpha=0.75, lw=0)
    ax.set_yticks([len(SERIES) - 1 - i + 0.45 for i in range(len(SERIES))],
                  [label for _key, label in SERIES], fontsize=8)
    ax.set_ylim(0, len(SERIES))
    ax.set_title(_("line sensors (raw 0…768; taller = darker)"), fontsize=9)
    ax.set_xlabel(_("simulated time (s)"), fontsize=8)
    ax.tick_params(labelsize=8)


def _ping(ax, rows) -> None:
    """Ultrasonic distance; gaps where nothing is within range (10000)."""
    t = [r.t_ms / 1000 for r in rows]
    values = [r.values.get("ping_mm", 10000) for r in rows]
    ax.plot(t, [v if v < 10000 else float("nan") for v in values], lw=1, color="#9467bd")
    if all(v >= 10000 for v in values):
        ax.text(0.5, 0.5, _("nothing within 3 m during the whole run"), transform=ax.transAxes,
                ha="center", va="center", fontsize=9, color="#555555")
    ax.set_ylim(0, 3100)
    ax.set_title(_("ultrasonic distance (mm; gaps: nothing within 3 m)"), fontsize=9)
    ax.set_xlabel(_("simulated time (s)"), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)


def _series(ax, rows, names, title: str) -> None:
    t = [r.t_ms / 1000 for r in rows]
    for key, label in names:
        ax.plot(t, [r.values.get(key, 0) for r in rows], lw=1, label=label)
    ax.set_title(title, fontsize=9)
    ax.set_xlabel(_("simulated time (s)"), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.legend(loc="upper right", fontsize=7, ncol=len(names))
    ax.grid(alpha=0.3)
