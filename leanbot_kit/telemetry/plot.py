"""Plot a recording's fields over time to a PNG (matplotlib, headless, imported only here)."""

from __future__ import annotations

import io
from pathlib import Path

from leanbot_kit.errors import TelemetryError
from leanbot_kit.files import write_output
from leanbot_kit.i18n import _
from leanbot_kit.telemetry.decimate import Decimator

# Fields drawn together share a unit and a scale; anything else gets a panel of its own.
GROUPS = (
    ("line",),  # drawn as four bands, one per sensor, black where it sees the line
    ("touch", "TB1A", "TB1B", "TB2A", "TB2B"),
    ("ir0", "ir1", "ir2", "ir3"),
    ("ir4", "ir5", "ir6", "ir7"),
    ("ping_mm",),
    ("dist_mm",),
    ("rot_deg",),
    ("vl", "vr"),
    ("grip_l", "grip_r"),
)
UNITS = {"ping_mm": "mm", "dist_mm": "mm", "rot_deg": "deg", "vl": "steps/s", "grip_l": "deg",
         "ir0": "raw", "ir4": "raw", "touch": "bits"}
STEPS_DRAWN = 2000
LINE_BANDS = (("ir2", 8), ("ir0", 4), ("ir1", 2), ("ir3", 1))  # outer left … outer right


def _draw_line_sensors(ax, xs: list[float], bits: list[int]) -> None:
    """The `line` field as four bands (outer left on top), black while a sensor sees the line."""
    end = xs[-1] + (xs[-1] - xs[-2] if len(xs) > 1 else 0.05)
    for row, (_name, bit) in enumerate(LINE_BANDS):
        runs, start = [], None
        for i, value in enumerate(bits):
            if value & bit and start is None:
                start = xs[i]
            elif not value & bit and start is not None:
                runs.append((start, xs[i] - start))
                start = None
        if start is not None:
            runs.append((start, end - start))
        ax.broken_barh(runs, (3 - row - 0.4, 0.8), facecolors="black")
    ax.set_ylim(-0.6, 3.6)
    labels = [f"{name} ({'L' if row < 2 else 'R'})" for row, (name, _b) in enumerate(LINE_BANDS)]
    ax.set_yticks(range(4), labels[::-1], fontsize=8)
    ax.set_ylabel(_("line sensors\n(black = line)"), fontsize=9)


class _Clock:
    """Robot times (ms) as seconds from the first frame, kept increasing across a robot reset."""

    def __init__(self) -> None:
        self.t0: int | None = None
        self.offset = 0
        self.last: int | None = None

    def frame(self, t: int) -> float:
        """The x of a frame at robot time `t`."""
        if self.t0 is None:
            self.t0 = t
        if self.last is not None and t < self.last:
            self.offset += self.last - t
        self.last = t
        return (t + self.offset - self.t0) / 1000.0

    def event(self, t: int) -> float:
        """The x of an event at robot time `t` (placed on the current run's axis)."""
        return (t + self.offset - (self.t0 if self.t0 is not None else t)) / 1000.0


def _collect(recording) -> tuple[Decimator, list[tuple[float, int]]]:
    """One pass over the recording: the frames thinned for drawing, and the step marks."""
    dec, clock, steps = Decimator(), _Clock(), []
    for batch in recording.batches():
        for e in batch:
            kind = e.get("type")
            if kind == "frame" and isinstance(e.get("values"), dict):
                dec.add(clock.frame(e.get("robot_t") or 0), e["values"])
            elif kind == "event" and e.get("kind") == "step" and e.get("args") \
                    and len(steps) < STEPS_DRAWN:
                steps.append((clock.event(e.get("robot_t") or 0), e["args"][0]))
    return dec, steps


def group_fields(names: list[str]) -> list[tuple[str, ...]]:
    """The panels to draw: known groups (only their present fields), then one per other field."""
    panels, used = [], set()
    for group in GROUPS:
        present = tuple(n for n in group if n in names)
        if present:
            panels.append(present)
            used.update(present)
    panels.extend((n,) for n in names if n not in used)
    return panels


LABEL_ROWS = 2  # rows of step labels above the first panel
LABEL_ROW_PT = 9  # height of one row, points
STEP_LABEL = "step-label"  # the gid of the step labels (tests find them by it)


def plot_recording(recording, out: str | Path, title: str | None = None) -> Path:
    """Draw every field over robot time, one panel per group, step boundaries marked; returns `out`.

    `recording` is a `Recording` or a streaming `RecordingReader`: the frames are thinned to a few
    thousand points per field, each field's every minimum and maximum kept.
    """
    import matplotlib.pyplot as plt

    fig = recording_figure(recording, title)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return write_output(out, buf.getvalue())  # never through a symlink at `out`


def recording_figure(recording, title: str | None = None):  # noqa: ANN201 (matplotlib Figure)
    """The figure of `plot_recording`, laid out, with step labels that never overlap."""
    dec, steps = _collect(recording)
    if not dec.frames:
        raise TelemetryError(_("{path} holds no frames to plot").format(path=recording.path),
                             _("record while the robot sends telemetry"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = group_fields(dec.names())
    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False,
                             figsize=(10, 1.2 + 1.9 * len(panels)))
    for ax, panel in zip(axes[:, 0], panels, strict=True):
        _draw_panel(ax, panel, dec)
        _mark_steps(ax, steps)
    axes[-1, 0].set_xlabel(_("robot time (s)"))
    header = recording.header
    name = title or " · ".join(str(v) for v in (header.get("lesson"), header.get("robot_id")
                                                 or header.get("port")) if v)
    fig.suptitle(name + ("  —  " + _("dotted lines: lesson steps") if steps else ""), fontsize=11)
    height_pt = fig.get_figheight() * 72
    fig.tight_layout(rect=(0, 0, 1, 1 - (LABEL_ROWS * LABEL_ROW_PT + 4) / height_pt))  # room for the labels
    _label_steps(fig, axes[0, 0], steps)
    return fig


def _draw_panel(ax, panel: tuple[str, ...], dec: Decimator) -> None:
    """One panel: the line sensors as bands, or the panel's fields as lines."""
    if panel == ("line",):
        lines = [b for b in dec.buckets if "line" in b.fields]
        _draw_line_sensors(ax, [b.x for b in lines], [b.line_bits for b in lines])
        return
    for name in panel:
        xs, ys = dec.points(name)
        ax.plot(xs, ys, label=name, linewidth=1.0,
                drawstyle="steps-post" if name in GROUPS[1] else "default")
    unit = next((UNITS[n] for n in panel if n in UNITS), "")
    ax.set_ylabel(f"{', '.join(panel)}\n({unit})" if unit else ", ".join(panel), fontsize=9)
    ax.grid(True, alpha=0.3)
    if len(panel) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8, frameon=False)


def _label_steps(fig, ax, steps: list[tuple[float, int]]) -> None:
    """Name the steps above the first panel: each label on the first row where it overlaps nothing.

    A step inside a loop repeats many times; a label that fits on no row is left out (its dotted line stays).
    Placement is done after the layout, in display units, so what is placed is what is drawn.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    right_edge = [float("-inf")] * LABEL_ROWS  # display x where each row is free again
    gap = 3.0
    left, right = ax.get_window_extent(renderer).x0, ax.get_window_extent(renderer).x1
    widths: dict[int, float] = {}
    for x, step in steps[:: max(1, len(steps) // 400)]:
        text = _("step {n}").format(n=step)
        start = ax.transData.transform((x, 0))[0]
        if len(text) not in widths:  # every "step N" of one length is as wide (digits share a width)
            probe = fig.text(0, 0, text, fontsize=7)
            widths[len(text)] = probe.get_window_extent(renderer).width
            probe.remove()
        width = widths[len(text)]
        row = next((r for r in range(LABEL_ROWS) if start >= right_edge[r] + gap), None)
        if row is None or start < left - 1 or start + width > right + 40:
            continue
        right_edge[row] = start + width
        ax.annotate(text, (x, 1.0), xytext=(0, 2 + row * LABEL_ROW_PT), textcoords="offset points",
                    fontsize=7, color="dimgrey", xycoords=("data", "axes fraction"), ha="left",
                    va="bottom", gid=STEP_LABEL, annotation_clip=False)


def _mark_steps(ax, steps: list[tuple[float, int]]) -> None:
    for x, _step in steps[:: max(1, len(steps) // 200)]:
        ax.axvline(x, color="tab:purple", linestyle=":", linewidth=0.9)
