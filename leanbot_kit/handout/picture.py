"""The handout's picture: the lesson's world with the path a simulated run takes, as a PNG data: URI."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import N_, gettext_for
from leanbot_kit.lesson.model import Lesson

NO_PICTURE = N_("No picture: the simulator could not run this lesson here ({error}).")
PATH, START, END = N_("path"), N_("start"), N_("robot at the end")
CAPTION = N_("A simulated run in the world {world}: {seconds} s; the robot ends at x = {x} mm, y = {y} mm.")
FAILED_GOALS = N_("Careful: in this simulated run the program did not meet every goal. Not met: {goals}.")
CHALLENGE_CAPTION = N_("The challenge's world: the robot starts at the green dot, facing right.")


@dataclass(frozen=True)
class Picture:
    """A picture of the run as a data: URI, its caption, or the note said in its place."""

    uri: str | None
    caption: str
    warning: str = ""  # goals the simulated run did not meet: a picture must not pass for a correct run


def run_picture(lesson: Lesson, lang: str, world: str | None = None) -> Picture:
    """Simulate the lesson (in `world`, else its own) and draw the world and path; a note when it fails."""
    from leanbot_kit.expectations import PASSED, SKIPPED
    from leanbot_kit.handout.content import goal_name
    from leanbot_kit.sim.run import simulate

    try:
        run = simulate(lesson.path, lesson=lesson, world=world)
    except LeanbotError as exc:
        return Picture(None, gettext_for(lang, NO_PICTURE).format(error=exc.message))
    if lesson.challenge is not None:  # the starter ran: show where the robot starts, not a path
        return Picture(_data_uri(_draw(run, lang, path=False)), gettext_for(lang, CHALLENGE_CAPTION))
    caption = gettext_for(lang, CAPTION).format(
        world=run.world.name, seconds=f"{run.sim_ms / 1000:.1f}", x=round(run.final.x_mm),
        y=round(run.final.y_mm))
    missed = [goal_name(exp, lang) for exp, result in zip(lesson.expect, run.expectations, strict=False)
              if result.status not in (PASSED, SKIPPED)]
    warning = gettext_for(lang, FAILED_GOALS).format(goals="; ".join(missed)) if missed else ""
    return Picture(_data_uri(_draw(run, lang)), caption, warning)


def _draw(run, lang: str, path: bool = True) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from leanbot_kit.sim.plot import draw_robot, draw_world

    rows = run.trace.rows if path else run.trace.rows[:1]
    xs = [r.values["x_mm"] for r in rows] or [run.final.x_mm]
    ys = [r.values["y_mm"] for r in rows] or [run.final.y_mm]
    x0, x1, y0, y1 = _limits(run.world, xs, ys)
    width = 3.4
    height = min(3.6, max(1.6, width * (y1 - y0) / (x1 - x0)))
    fig, ax = plt.subplots(figsize=(width, height), dpi=200, layout="constrained")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    fig.canvas.draw()
    draw_world(ax, run.world, ax.get_window_extent().width / (x1 - x0) * 72 / fig.dpi)
    ax.plot(xs, ys, color="#1f77b4", lw=1.4, zorder=3)
    ax.plot(xs[0], ys[0], "o", color="#2ca02c", ms=5, zorder=5)
    end = run.final if path else run.world.start if rows == () else _pose(rows[0])
    draw_robot(ax, run.world.robot, end.x_mm, end.y_mm, end.heading_deg)
    handles = [Line2D([], [], color="#1f77b4", lw=1.4),
               Line2D([], [], color="#2ca02c", marker="o", lw=0),
               Line2D([], [], color="#d62728", marker="o", fillstyle="none", lw=0)]
    labels = [gettext_for(lang, m) for m in (PATH, START, END)]
    if not path:  # a challenge: only where the robot starts
        handles, labels = handles[1:2], labels[1:2]
    ax.legend(handles, labels, loc="best", fontsize=6)
    ax.tick_params(labelsize=6)
    ax.set_xlabel("x (mm)", fontsize=6)
    ax.set_ylabel("y (mm)", fontsize=6)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _pose(row):
    from leanbot_kit.sim.world_model import Pose

    return Pose(row.values["x_mm"], row.values["y_mm"], row.values["heading_deg"])


def _limits(world, xs: list[float], ys: list[float]) -> tuple[float, float, float, float]:
    """Around the path and the world's tape, walls, boxes and objects, with a margin."""
    bx, by = list(xs), list(ys)
    for shape in (*world.walls,):
        bx += [shape.x1, shape.x2]
        by += [shape.y1, shape.y2]
    for box in (*world.boxes, *world.tape, *([world.table] if world.table else [])):
        if hasattr(box, "x0"):
            bx += [box.x0, box.x1]
            by += [box.y0, box.y1]
        elif hasattr(box, "points"):
            bx += [p[0] for p in box.points]
            by += [p[1] for p in box.points]
        elif hasattr(box, "radius_mm"):
            bx += [box.cx - box.radius_mm, box.cx + box.radius_mm]
            by += [box.cy - box.radius_mm, box.cy + box.radius_mm]
    for obj in world.objects:
        bx += [obj.x - obj.radius_mm, obj.x + obj.radius_mm]
        by += [obj.y - obj.radius_mm, obj.y + obj.radius_mm]
    pad = 100
    return min(bx) - pad, max(bx) + pad, min(by) - pad, max(by) + pad


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
