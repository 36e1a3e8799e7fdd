"""The arguments of each step word, read from YAML and normalised (see `model.Step` for the shapes)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from leanbot_kit.i18n import _
from leanbot_kit.lesson import steps as S
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.conditions import condition
from leanbot_kit.lesson.fields import TOUCH_PADS
from leanbot_kit.lesson.leds import read_leds
from leanbot_kit.lesson.melody import melody
from leanbot_kit.lesson.model import Text
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.suggest import did_you_mean


@dataclass(frozen=True)
class Scope:
    """What the steps of a program may use: the names conditions read and the declared vars."""

    names: Collection[str]
    vars: Collection[str]
    lang: str = "en"


Args = dict[str, Any] | None
Reader = Callable[[Checker, YNode, dict[str, YNode], str, Scope], Args]


def _speed(ck: Checker, keys: dict[str, YNode], path: str) -> int | None:
    node = keys.get("speed")
    if node is None:
        return S.DEFAULT_SPEED
    return ck.quantity(node, join(path, "speed"), "speed", 1, S.SPEED_MAX)


def _move(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    mm = ck.quantity(node, path, "distance", 1, S.DISTANCE_MAX)
    speed = _speed(ck, keys, path.rsplit(".", 1)[0])
    return None if None in (mm, speed) else {"mm": mm, "speed": speed}


def _turn(sign: int, low: int) -> Reader:
    def read(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
        deg = ck.quantity(node, path, "angle", low, S.ANGLE_MAX)
        speed = _speed(ck, keys, path.rsplit(".", 1)[0])
        return None if None in (deg, speed) else {"deg": sign * deg, "speed": speed}

    return read


def _optional_time(
    ck: Checker, keys: dict[str, YNode], key: str, path: str, high: int, low: int = 0
) -> tuple[bool, int | None]:
    node = keys.get(key)
    if node is None:
        return True, None
    value = ck.quantity(node, join(path.rsplit(".", 1)[0], key), "time", low, high)
    return value is not None, value


def _wheels(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    parts = ck.mapping(node, path, ("left", "right"), ("left", "right"))
    ok, ms = _optional_time(ck, keys, "for", path, S.WAIT_MAX)
    speeds = {  # read even when `for` is wrong: every problem of the step in one run
        k: ck.quantity(v, join(path, k), "speed", -S.SPEED_MAX, S.SPEED_MAX)
        for k, v in (parts or {}).items()
    }
    if parts is None or not ok or len(speeds) < 2 or None in speeds.values():
        return None
    return {"left": speeds["left"], "right": speeds["right"], "ms": ms}


def _none(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    if node.value is not None:
        ck.report(
            node, path, _("this step takes no value, found {found}").format(found=found(node))
        )
        return None
    return {}


def _wait(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    ms = ck.quantity(node, path, "time", 0, S.WAIT_MAX)
    return None if ms is None else {"ms": ms}


def _cond(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    cond = condition(ck, node, path, scope.names)
    ok, timeout = _optional_time(ck, keys, "timeout", path, S.WAIT_MAX, 1)
    return None if cond is None or not ok else {"cond": cond, "timeout_ms": timeout}


def pads(ck: Checker, node: YNode, path: str) -> tuple[str, ...] | None:
    """Touch pad names: a list, or one name."""
    items = ck.items(node, path, single=True)
    if items is None:
        return None
    if not items:
        ck.report(node, path, _("name at least one touch pad"), did_you_mean("", TOUCH_PADS))
        return None
    chosen = [
        ck.choice(item, f"{path}[{i}]", TOUCH_PADS, _("touch pad")) for i, item in enumerate(items)
    ]
    return None if None in chosen else tuple(dict.fromkeys(chosen))


def _pads(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    chosen = pads(ck, node, path)
    return None if chosen is None else {"pads": chosen}


def _gripper(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    if node.kind == "scalar" and node.text in ("open", "close"):
        deg = S.GRIP_OPEN if node.text == "open" else S.GRIP_CLOSED
        return {"left": deg, "right": deg, "ms": None}
    if node.kind == "scalar":
        deg = ck.quantity(node, path, "angle", S.GRIP_LOW, S.GRIP_HIGH)
        return None if deg is None else {"left": deg, "right": deg, "ms": None}
    parts = ck.mapping(node, path, ("left", "right", "ms"), ("left", "right"))
    if parts is None:
        return None
    args = {
        k: ck.quantity(v, join(path, k), "angle", S.GRIP_LOW, S.GRIP_HIGH)
        for k, v in parts.items()
        if k != "ms"
    }
    ok, args["ms"] = _optional_time(ck, parts, "ms", path + ".ms", S.CALL_MS_MAX)
    return None if not ok or len(args) < 3 or None in (args["left"], args["right"]) else args


def _leds(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    return read_leds(ck, node, path)


def _tone(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    parts = ck.mapping(node, path, ("hz", "ms"), ("hz", "ms"))
    if parts is None or len(parts) < 2:
        return None
    hz = ck.integer(parts["hz"], join(path, "hz"), S.HZ_LOW, S.HZ_HIGH, "Hz")
    ms = ck.quantity(parts["ms"], join(path, "ms"), "time", 1, S.CALL_MS_MAX)
    return None if None in (hz, ms) else {"hz": hz, "ms": ms}


def _melody(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    notes = melody(ck, node, path)
    return None if notes is None else {"notes": notes, "source": node.text}


def _print(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    """`print: TEXT` or `print: {vi: …, en: …}`; the sketch prints the text of the lesson's language."""
    if node.kind != "map":
        text = ck.text(node, path, S.PRINT_MAX)
        return None if text is None else {"text": text, "texts": Text(**{scope.lang: text})}
    parts = ck.mapping(node, path, ("vi", "en")) or {}
    texts = {lang: ck.text(value, join(path, lang), S.PRINT_MAX) for lang, value in parts.items()}
    if not parts:
        ck.report(node, path, _("give the text in vi, en or both"))
    if not parts or None in texts.values():
        return None
    both = Text(**texts)
    return {"text": both.get(scope.lang), "texts": both}


def _assign(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    parts = ck.mapping(
        node, path, tuple(scope.vars) + tuple(k for k in node.keys if k not in scope.vars)
    )
    if parts is None:
        return None
    assign, ok = [], bool(parts)
    for var, value in parts.items():
        if var not in scope.vars:
            ck.report(
                node.keys[var],
                join(path, var),
                _("{var!r} is not declared in vars").format(var=var),
                did_you_mean(var, scope.vars) or _("declare it under `vars:` first"),
            )
            ok = False
            continue
        expr = condition(ck, value, join(path, var), scope.names)
        ok = ok and expr is not None
        assign.append((var, expr))
    if not parts:
        ck.report(node, path, _("name at least one variable to set"))
    return {"assign": tuple(assign)} if ok else None


def _count(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    times = ck.integer(node, path, 1, S.REPEAT_MAX)
    return None if times is None else {"times": times}


def _forever(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    if node.value not in (None, True):
        ck.report(
            node,
            path,
            _("write `forever:` with nothing after it, found {found}").format(found=found(node)),
        )
        return None
    return {}


def _follow(ck: Checker, node: YNode, keys: dict[str, YNode], path: str, scope: Scope) -> Args:
    parts = {} if node.value is None else ck.mapping(node, path, ("speed", "threshold", "until"))
    if parts is None:
        return None
    args: dict[str, Any] = {
        "speed": S.DEFAULT_SPEED,
        "threshold": S.DEFAULT_THRESHOLD,
        "until": None,
    }
    if "speed" in parts:
        args["speed"] = ck.quantity(parts["speed"], join(path, "speed"), "speed", 1, S.SPEED_MAX)
    if "threshold" in parts:
        args["threshold"] = ck.integer(
            parts["threshold"], join(path, "threshold"), 0, S.THRESHOLD_MAX
        )
    if "until" in parts:
        args["until"] = condition(ck, parts["until"], join(path, "until"), scope.names)
    return (
        None
        if None in (args["speed"], args["threshold"]) or ("until" in parts and not args["until"])
        else args
    )


READERS: dict[str, Reader] = {
    "distance": _move,
    "angle": _turn(1, 1),
    "signed_angle": _turn(1, -S.ANGLE_MAX),
    "wheels": _wheels,
    "none": _none,
    "time": _wait,
    "cond": _cond,
    "pads": _pads,
    "gripper": _gripper,
    "leds": _leds,
    "tone": _tone,
    "melody": _melody,
    "text": _print,
    "assign": _assign,
    "count": _count,
    "forever": _forever,
    "follow_line": _follow,
}


def read_args(
    ck: Checker, kind: str, node: YNode, keys: dict[str, YNode], path: str, scope: Scope
) -> Args:
    """The normalised arguments of one step, or None if a problem was reported."""
    spec = S.STEPS[kind]
    args = READERS[spec.value](ck, node, keys, path, scope)
    if args is not None and kind == "turn_left":
        args["deg"] = -args["deg"]
    if args is not None and spec.value == "cond" and kind != "wait_until":
        args = {"cond": args["cond"]}
    return args
