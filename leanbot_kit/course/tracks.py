"""Floor tracks drawn at full size (1:1) across A4 sheets, to print, trim and tape together.

Every length is in millimetres in the SVG, so a printer at 100 % (actual size) draws the tape where
the simulator has it. Each sheet holds one tile of a world, with its row and column, a 100 mm scale
bar to check the printout with a ruler, and marks where boxes, objects and the robot's start go.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import N_, _, gettext_for
from leanbot_kit.sim.world_model import Arc, Polyline, Rect, World

A4 = (210.0, 297.0)
MARGIN = 10.0  # mm the page keeps free on every side: printers cannot print to the edge
PAD = 15.0  # mm around the drawing
SCALE_BAR = 100.0
SHEET_LABEL = N_("{world} — row {row} of {rows}, column {col} of {cols} · the bar is 100 mm: check it with a ruler")


@dataclass(frozen=True)
class Sheet:
    """One printed page: which world, which tile (row, column), its orientation and its SVG."""

    world: str
    row: int
    col: int
    landscape: bool
    svg: str


def course_worlds(course) -> list[World]:
    """The worlds of a course's lessons that have tape on the floor, each once, in course order."""
    from leanbot_kit.sim.world import load_world

    seen, out = set(), []
    for item in course.lessons():
        path = item.lesson.sim.world
        if path is None or path in seen:
            continue
        seen.add(path)
        world = load_world(path)
        if world.tape:
            out.append(world)
    return out


def _bounds(world: World) -> tuple[float, float, float, float]:
    xs, ys = [world.start.x_mm], [world.start.y_mm]
    for shape in world.tape:
        if isinstance(shape, Polyline):
            half = shape.width_mm / 2
            xs += [p[0] + s * half for p in shape.points for s in (-1, 1)]
            ys += [p[1] + s * half for p in shape.points for s in (-1, 1)]
        elif isinstance(shape, Arc):
            reach = shape.radius_mm + shape.width_mm / 2
            xs += [shape.cx - reach, shape.cx + reach]
            ys += [shape.cy - reach, shape.cy + reach]
        elif isinstance(shape, Rect):
            xs += [shape.x0, shape.x1]
            ys += [shape.y0, shape.y1]
    for thing in world.objects:
        xs += [thing.x - thing.radius_mm, thing.x + thing.radius_mm]
        ys += [thing.y - thing.radius_mm, thing.y + thing.radius_mm]
    return min(xs) - PAD, min(ys) - PAD, max(xs) + PAD, max(ys) + PAD


def _grey(darkness: int) -> str:
    level = max(0, min(255, round(255 * (1 - darkness / 768) * 1.4)))
    return f"#{level:02x}{level:02x}{level:02x}"


def _shape(shape, ox: float, top: float) -> str:
    """One piece of tape in sheet millimetres (x from the tile's left, y down from its top)."""
    def p(x: float, y: float) -> str:
        return f"{x - ox:.2f},{top - y:.2f}"

    if isinstance(shape, Rect):
        return (f'<rect x="{shape.x0 - ox:.2f}" y="{top - shape.y1:.2f}" width="{shape.x1 - shape.x0:.2f}" '
                f'height="{shape.y1 - shape.y0:.2f}" fill="{_grey(shape.darkness)}"/>')
    if isinstance(shape, Polyline):
        tag = "polygon" if shape.closed else "polyline"
        points = " ".join(p(x, y) for x, y in shape.points)
        return (f'<{tag} points="{points}" fill="none" stroke="{_grey(shape.darkness)}" '
                f'stroke-width="{shape.width_mm:.2f}" stroke-linejoin="miter"/>')
    a0, a1 = math.radians(shape.start_deg), math.radians(shape.end_deg)
    x0, y0 = shape.cx + shape.radius_mm * math.cos(a0), shape.cy + shape.radius_mm * math.sin(a0)
    x1, y1 = shape.cx + shape.radius_mm * math.cos(a1), shape.cy + shape.radius_mm * math.sin(a1)
    large = 1 if abs(shape.end_deg - shape.start_deg) > 180 else 0
    sweep = 0 if shape.end_deg > shape.start_deg else 1  # counter-clockwise in the world = sweep 0 on paper
    return (f'<path d="M {p(x0, y0)} A {shape.radius_mm:.2f} {shape.radius_mm:.2f} 0 {large} {sweep} {p(x1, y1)}" '
            f'fill="none" stroke="{_grey(shape.darkness)}" stroke-width="{shape.width_mm:.2f}"/>')


def _marks(world: World, ox: float, top: float) -> list[str]:
    """Where the robot starts (an arrow along its heading) and where the objects stand (dashed)."""
    out = []
    h = math.radians(world.start.heading_deg)
    sx, sy = world.start.x_mm - ox, top - world.start.y_mm
    ex, ey = sx + 60 * math.cos(h), sy + 60 * math.sin(h)  # heading is clockwise, paper y points down
    out.append(f'<circle cx="{sx:.2f}" cy="{sy:.2f}" r="4" fill="#2ca02c"/>'
               f'<line x1="{sx:.2f}" y1="{sy:.2f}" x2="{ex:.2f}" y2="{ey:.2f}" stroke="#2ca02c" stroke-width="1.5"/>')
    for thing in world.objects:
        out.append(f'<circle cx="{thing.x - ox:.2f}" cy="{top - thing.y:.2f}" r="{thing.radius_mm:.2f}" '
                   'fill="none" stroke="#d62728" stroke-width="0.6" stroke-dasharray="2 1.5"/>')
    return out


def world_sheets(world: World, lang: str) -> list[Sheet]:
    """The world's tape cut into A4 tiles, in whichever orientation needs fewer sheets."""
    x0, y0, x1, y1 = _bounds(world)
    best = None
    for landscape in (False, True):
        w, h = (A4[1], A4[0]) if landscape else A4
        w, h = w - 2 * MARGIN, h - 2 * MARGIN - 8  # 8 mm for the label line
        cols, rows = math.ceil((x1 - x0) / w), math.ceil((y1 - y0) / h)
        if best is None or cols * rows < best[0]:
            best = (cols * rows, landscape, w, h, cols, rows)
    _, landscape, w, h, cols, rows = best
    sheets = []
    for row in range(rows):
        for col in range(cols):
            ox, top = x0 + col * w, y1 - row * h
            body = [_shape(shape, ox, top) for shape in world.tape] + _marks(world, ox, top)
            label = gettext_for(lang, SHEET_LABEL).format(world=world.title or world.name, row=row + 1,
                                                         rows=rows, col=col + 1, cols=cols)
            svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2f}mm" height="{h + 8:.2f}mm" '
                   f'viewBox="0 0 {w:.2f} {h + 8:.2f}"><g clip-path="inset(0)">'
                   f'<rect x="0" y="0" width="{w:.2f}" height="{h:.2f}" fill="none" stroke="#bbb" stroke-width="0.3"/>'
                   f'{"".join(body)}</g>'
                   f'<rect class="bar" x="0" y="{h + 2:.2f}" width="{SCALE_BAR}" height="2" fill="#000"/>'
                   f'<text x="{SCALE_BAR + 3}" y="{h + 4.5:.2f}" font-size="3.2">{escape(label)}</text></svg>')
            sheets.append(Sheet(world.name, row + 1, col + 1, landscape, svg))
    return sheets


def render_tracks(worlds: list[World], lang: str) -> tuple[str, int]:
    """One HTML document holding every sheet of every world; and the number of sheets."""
    sheets = [s for world in worlds for s in world_sheets(world, lang)]
    pages = "\n".join(f'<section class="sheet{" land" if s.landscape else ""}" data-world="{escape(s.world)}">'
                      f'{s.svg}</section>' for s in sheets)
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="generator" content="leanbot-kit">
<title>{escape(gettext_for(lang, N_("Tracks at full size")))}</title>
<style>
@page {{ size: A4 portrait; margin: {MARGIN}mm; }}
@page land {{ size: A4 landscape; margin: {MARGIN}mm; }}
body {{ margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; }}
.sheet {{ break-after: page; page-break-after: always; }}
.sheet:last-child {{ break-after: auto; page-break-after: auto; }}
.sheet.land {{ page: land; }}
svg {{ display: block; }}
</style></head><body>
{pages}
</body></html>
"""
    return html, len(sheets)


def write_tracks(worlds: list[World], out: str | Path, lang: str | None = None) -> tuple[Path, int]:
    """Write the track sheets of `worlds` to `out`; the path and the number of A4 sheets."""
    from leanbot_kit.i18n import current_language

    if not worlds:
        raise LeanbotError(_("no world with tape on the floor to print"),
                           _("name a world with tape, like --world oval"))
    html, count = render_tracks(worlds, lang or current_language())
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise LeanbotError(_("could not write the tracks to {path}: {error}")
                           .format(path=out, error=exc.strerror or exc), _("choose another file with -o")) from exc
    return out, count
