"""Load and validate a world YAML (`leanbot-world/1`); every problem names file:line:col and key."""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import FileError, Problem, WorldError
from leanbot_kit.files import WORLD_BYTES, read_input
from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.source import SourceError, YNode, read_yaml
from leanbot_kit.lesson.suggest import did_you_mean
from leanbot_kit.resources import worlds_dir
from leanbot_kit.sim.world_model import (
    DARKNESS,
    Arc,
    Box,
    Polyline,
    Pose,
    Rect,
    Robot,
    Segment,
    Thing,
    World,
)
from leanbot_kit.sim.world_robot import read_robot

FORMAT = "leanbot-world/1"
TOP_KEYS = ("format", "name", "title", "start", "table", "tape", "walls", "boxes", "objects", "robot")
LIMIT = 100_000  # mm: 100 m in any direction is plenty for a classroom floor


def find_world(name_or_path: str | Path, base: Path | None = None) -> Path:
    """The world file for a path (relative to `base`) or a shipped world's bare name (`oval`)."""
    raw = str(name_or_path)
    for candidate in (Path(raw), (base or Path.cwd()) / raw):
        if candidate.exists() and not candidate.is_dir():  # a device too: the reader says so
            return candidate
    shipped = {p.stem: p for p in worlds_dir().glob("*.yaml")}
    name = Path(raw).stem if raw.endswith((".yaml", ".yml")) else raw
    if name in shipped:
        return shipped[name]
    hint = did_you_mean(name, shipped) or _("give a .yaml path or one of: {names}").format(
        names=", ".join(sorted(shipped)))
    raise WorldError([Problem(raw, 1, 1, "", _("no world file {name!r}").format(name=raw), hint)])


def load_world(name_or_path: str | Path, base: Path | None = None) -> World:
    """Read and validate a world; WorldError lists every problem found."""
    path = find_world(name_or_path, base)
    try:
        data = read_input(path, WORLD_BYTES)
    except FileError as exc:
        raise WorldError([Problem(str(path), 1, 1, "", exc.message, exc.hint)]) from exc
    return parse_world(data, str(path), path, require_format=True)


def parse_world(data: bytes | str, filename: str, path: Path | None = None, *,
                require_format: bool = False) -> World:
    """Validate world YAML text; WorldError lists every problem found.

    With `require_format` (files on disk), text without `format: leanbot-world/1` at the top is
    refused at once, quoting nothing of it: it may be any file at all (`/etc/passwd`).
    """
    try:
        root, problems = read_yaml(data, filename)
    except SourceError as exc:
        raise WorldError([exc.problem]) from exc
    if require_format and not _has_format(root):
        raise WorldError([Problem(filename, 1, 1, "", _("not a leanbot world file: it has no "
                                                         "`format: {format}`").format(format=FORMAT),
                                  _("a world file starts with the line `format: {format}` "
                                    "(docs/worlds.md)").format(format=FORMAT))])
    ck = Checker(filename)
    ck.problems.extend(problems)
    world = _World(ck).read(root, path)
    if ck.problems or world is None:
        raise WorldError(ck.problems, hint=_("see docs/worlds.md for the world format"))
    return world


def _has_format(root: YNode) -> bool:
    node = root.value.get("format") if root.kind == "map" else None
    return node is not None and node.kind == "scalar" and node.text == FORMAT


class _World:
    """The readers of each part of a world; problems go to the checker."""

    def __init__(self, ck: Checker) -> None:
        self.ck = ck

    def read(self, root: YNode, path: Path | None) -> World | None:
        """The whole world, or None when the top level is not a mapping."""
        keys = self.ck.mapping(root, "", TOP_KEYS)
        if keys is None:
            return None
        if "format" in keys:
            self.ck.choice(keys["format"], "format", (FORMAT,))
        name = self.ck.text(keys["name"], "name") if "name" in keys else None
        title = self.ck.text(keys["title"], "title") if "title" in keys else None
        default_name = path.stem if path else "world"
        return World(
            name=name or default_name, path=path, title=title or "",
            start=self.pose(keys["start"], "start") if "start" in keys else Pose(),
            table=self.box(keys["table"], "table") if "table" in keys else None,
            tape=tuple(self.each(keys, "tape", self.tape)),
            walls=tuple(self.each(keys, "walls", self.wall)),
            boxes=tuple(self.each(keys, "boxes", self.box)),
            objects=tuple(self.each(keys, "objects", self.thing)),
            robot=read_robot(self.ck, keys["robot"], "robot") if "robot" in keys else Robot(),
        )

    def each(self, keys: dict[str, YNode], key: str, reader) -> list:
        """The items of the list under `key`, read by `reader` (bad items left out)."""
        if key not in keys or keys[key].value is None:
            return []
        items = self.ck.items(keys[key], key) or []
        read = (reader(item, f"{key}[{i}]") for i, item in enumerate(items))
        return [r for r in read if r is not None]

    def mm(self, node: YNode, path: str, low: int = -LIMIT, high: int = LIMIT) -> int | None:
        """A distance in mm within low..high."""
        return self.ck.quantity(node, path, "distance", low, high)

    def point(self, node: YNode, path: str) -> tuple[float, float] | None:
        """A point [x, y] of two distances."""
        if node.kind != "seq" or len(node.value) != 2:
            self.ck.report(node, path, _("expected a point [x, y] (two distances), found {found}").format(
                found=found(node)), _("write it like [100mm, -50mm] or [0.1m, 0]"))
            return None
        x, y = (self.mm(v, f"{path}[{i}]") for i, v in enumerate(node.value))
        return None if x is None or y is None else (float(x), float(y))

    def pose(self, node: YNode, path: str) -> Pose | None:
        """A pose {x, y, heading}."""
        keys = self.ck.mapping(node, path, ("x", "y", "heading"))
        if keys is None:
            return None
        x = self.mm(keys["x"], join(path, "x")) if "x" in keys else 0
        y = self.mm(keys["y"], join(path, "y")) if "y" in keys else 0
        h = self.ck.quantity(keys["heading"], join(path, "heading"), "angle", -360, 360) \
            if "heading" in keys else 0
        return None if None in (x, y, h) else Pose(float(x), float(y), float(h))

    def corners(self, node: YNode, path: str) -> tuple[float, float, float, float] | None:
        """The two corners of {from: [x, y], to: [x, y]}."""
        keys = self.ck.mapping(node, path, ("from", "to"), required=("from", "to"))
        if keys is None or len(keys) < 2:
            return None
        a, b = self.point(keys["from"], join(path, "from")), self.point(keys["to"], join(path, "to"))
        return None if a is None or b is None else (*a, *b)

    def box(self, node: YNode, path: str) -> Box | None:
        """A rectangle with an area, corners sorted."""
        c = self.corners(node, path)
        if c is None:
            return None
        if c[0] == c[2] or c[1] == c[3]:
            self.ck.report(node, path, _("the rectangle has no area (from and to share an x or a y)"))
            return None
        return Box(min(c[0], c[2]), min(c[1], c[3]), max(c[0], c[2]), max(c[1], c[3]))

    def wall(self, node: YNode, path: str) -> Segment | None:
        """A wall segment with a length."""
        c = self.corners(node, path)
        if c is not None and c[:2] == c[2:]:
            self.ck.report(node, path, _("the wall has no length (from and to are the same point)"))
            return None
        return None if c is None else Segment(*c)

    def thing(self, node: YNode, path: str) -> Thing | None:
        """An object to grip: {at: [x, y], radius}."""
        keys = self.ck.mapping(node, path, ("at", "radius"), required=("at",))
        if keys is None or "at" not in keys:
            return None
        at = self.point(keys["at"], join(path, "at"))
        r = self.mm(keys["radius"], join(path, "radius"), 1, 500) if "radius" in keys else 15
        return None if at is None or r is None else Thing(at[0], at[1], float(r))

    def tape(self, node: YNode, path: str) -> Polyline | Arc | Rect | None:
        """One tape item: exactly one of polyline, arc, rect, plus width/darkness/closed."""
        kinds = ("polyline", "arc", "rect")
        keys = self.ck.mapping(node, path, (*kinds, "width", "darkness", "closed"))
        if keys is None:
            return None
        shapes = [k for k in kinds if k in keys]
        if len(shapes) != 1:
            self.ck.report(node, path, _("a tape item needs exactly one of polyline, arc, rect; found {n}").format(
                n=len(shapes)), did_you_mean(next(iter(node.keys), ""), kinds))
            return None
        kind = shapes[0]
        width = self.mm(keys["width"], join(path, "width"), 1, 1000) if "width" in keys else 20
        dark = self.ck.integer(keys["darkness"], join(path, "darkness"), 0, 768) \
            if "darkness" in keys else DARKNESS
        closed = self.ck.boolean(keys["closed"], join(path, "closed")) if "closed" in keys else False
        if width is None or dark is None or closed is None:
            return None
        return getattr(self, kind)(keys[kind], join(path, kind), float(width), dark, closed)

    def polyline(self, node: YNode, path: str, width: float, dark: int, closed: bool) -> Polyline | None:
        """A polyline of at least two points."""
        items = self.ck.items(node, path)
        if items is None:
            return None
        points = [self.point(p, f"{path}[{i}]") for i, p in enumerate(items)]
        if len(points) < 2:
            self.ck.report(node, path, _("a polyline needs at least 2 points, found {n}").format(n=len(points)))
            return None
        return None if None in points else Polyline(tuple(points), width, dark, closed)

    def arc(self, node: YNode, path: str, width: float, dark: int, closed: bool) -> Arc | None:
        """An arc {center, radius, from, to}."""
        keys = self.ck.mapping(node, path, ("center", "radius", "from", "to"),
                               required=("center", "radius", "from", "to"))
        if keys is None or len(keys) < 4:
            return None
        center = self.point(keys["center"], join(path, "center"))
        r = self.mm(keys["radius"], join(path, "radius"), 1, LIMIT)
        a0, a1 = (self.ck.quantity(keys[k], join(path, k), "angle", -720, 720) for k in ("from", "to"))
        if None in (center, r, a0, a1):
            return None
        return Arc(center[0], center[1], float(r), float(a0), float(a1), width, dark)

    def rect(self, node: YNode, path: str, width: float, dark: int, closed: bool) -> Rect | None:
        """A filled rectangle of tape."""
        box = self.box(node, path)
        return None if box is None else Rect(box.x0, box.y0, box.x1, box.y1, dark)
