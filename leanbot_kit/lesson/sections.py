"""The `vars`, `telemetry`, `sim` and `expect` sections of a lesson."""

from __future__ import annotations

import keyword
import os
import re
from collections.abc import Collection
from pathlib import Path

from leanbot_kit.i18n import _
from leanbot_kit.lesson import steps as S
from leanbot_kit.lesson.checker import Checker, join
from leanbot_kit.lesson.conditions import condition, name_positions
from leanbot_kit.lesson.fields import FIELDS, GROUND_TRUTH, TRACE_FIELDS, VAR_HIGH, VAR_LOW
from leanbot_kit.lesson.model import Expectation, SimSpec, Telemetry, TouchEvent
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.step_args import pads
from leanbot_kit.lesson.suggest import did_you_mean

LINE_MAX = 120  # bytes a telemetry line may hold, "\n" included
RATE_MAX = 50
_VAR_NAME = re.compile(r"[a-z][a-z0-9_]{0,19}")
_CPP_KEYWORDS_TEXT = """
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t char32_t class
compl const constexpr const_cast continue decltype default delete do double dynamic_cast else enum
explicit export extern false float for friend goto if inline int long mutable namespace new noexcept not
not_eq nullptr operator or or_eq private protected public register reinterpret_cast return short signed
sizeof static static_assert static_cast struct switch template this thread_local throw true try typedef
typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq byte word boolean
abs min max setup loop delay millis
"""
CPP_KEYWORDS = frozenset(_CPP_KEYWORDS_TEXT.split())
EXPECT_KINDS = ("within", "always", "never", "at_end")
ALWAYS_KNOWN = ("t_ms", "mission_ms")


def read_vars(ck: Checker, node: YNode) -> dict[str, int]:
    """Lesson variables: `{name: initial integer}`."""
    keys = ck.mapping(node, "vars", node.value if node.kind == "map" else ())
    out = {}
    for name, value in (keys or {}).items():
        path = join("vars", name)
        if not _VAR_NAME.fullmatch(name):
            ck.report(
                node.keys[name],
                path,
                _(
                    "bad variable name {name!r}: expected a lower-case letter, "
                    "then up to 19 of a-z, 0-9, _"
                ).format(name=name),
            )
        elif name in FIELDS or name in GROUND_TRUTH:
            ck.report(
                node.keys[name],
                path,
                _("{name!r} is a telemetry field; pick another name").format(name=name),
            )
        elif name in CPP_KEYWORDS or keyword.iskeyword(name):
            ck.report(
                node.keys[name],
                path,
                _("{name!r} is a reserved word; pick another name").format(name=name),
            )
        else:
            number = ck.integer(value, path, VAR_LOW, VAR_HIGH)
            if number is not None:
                out[name] = number
    return out


def read_telemetry(
    ck: Checker, node: YNode | None, vars: Collection[str], lesson_id: str
) -> Telemetry:
    """How often the robot streams and which fields; every line must fit the protocol's limit."""
    if node is None:
        return Telemetry()
    keys = ck.mapping(node, "telemetry", ("rate_hz", "fields")) or {}
    rate = (
        ck.integer(keys["rate_hz"], "telemetry.rate_hz", 1, RATE_MAX, "Hz")
        if "rate_hz" in keys
        else 10
    )
    fields = Telemetry().fields
    if "fields" in keys:
        chosen, allowed = [], (*FIELDS, *vars)
        for i, item in enumerate(ck.items(keys["fields"], "telemetry.fields") or []):
            name = ck.choice(item, f"telemetry.fields[{i}]", allowed, _("field"))
            if name in chosen:
                ck.report(
                    item,
                    f"telemetry.fields[{i}]",
                    _("field {name!r} is listed twice").format(name=name),
                )
            elif name is not None:
                chosen.append(name)
        fields = tuple(chosen)
    telemetry = Telemetry(rate_hz=rate or 10, fields=fields)
    _check_width(ck, keys.get("fields", node), telemetry, lesson_id)
    return telemetry


def _width(name: str) -> int:
    return FIELDS[name].max_chars if name in FIELDS else len(str(VAR_LOW))


def _longest_line(fields: Collection[str], lesson_id: str, period_ms: int) -> int:
    frame = (
        len("$65535,")
        + FIELDS["t_ms"].max_chars
        + sum(1 + _width(f) for f in fields)
        + len("*HH\n")
    )
    header = len(f"#LBK,1,{lesson_id},{period_ms}") + sum(1 + len(f) for f in fields) + len("*HH\n")
    return max(frame, header)


def _check_width(ck: Checker, node: YNode, telemetry: Telemetry, lesson_id: str) -> None:
    fields = list(telemetry.fields)
    longest = _longest_line(fields, lesson_id, telemetry.period_ms)
    if longest <= LINE_MAX:
        return
    drop = 0
    while fields and _longest_line(fields, lesson_id, telemetry.period_ms) > LINE_MAX:
        fields.remove(
            min(
                fields,
                key=lambda f: _longest_line(
                    [g for g in fields if g != f], lesson_id, telemetry.period_ms
                ),
            )
        )
        drop += 1
    ck.report(
        node,
        "telemetry.fields",
        _(
            "a telemetry line could be {n} bytes, over the limit of {limit}; drop {drop} field(s)"
        ).format(n=longest, limit=LINE_MAX, drop=drop),
    )


def read_sim(ck: Checker, node: YNode | None) -> SimSpec:
    """How the simulator runs the lesson."""
    if node is None:
        return SimSpec()
    keys = ck.mapping(node, "sim", ("world", "start", "duration", "events")) or {}
    world = None
    if "world" in keys and (text := ck.text(keys["world"], "sim.world")) is not None:
        world = _world(ck, keys["world"], text)
    pose = {"x": 0, "y": 0, "heading": 0}
    start = ck.mapping(keys["start"], "sim.start", tuple(pose)) if "start" in keys else {}
    for key, value in (start or {}).items():
        kind, limit = ("angle", 360) if key == "heading" else ("distance", 100_000)
        pose[key] = ck.quantity(value, f"sim.start.{key}", kind, -limit, limit) or 0
    duration = 30_000
    if "duration" in keys:
        duration = ck.quantity(keys["duration"], "sim.duration", "time", 1, S.WAIT_MAX) or duration
    events = _events(ck, keys["events"]) if "events" in keys else ()
    return SimSpec(world, pose["x"], pose["y"], pose["heading"], duration, events)


def _world_problem(path: Path):
    """The first problem of the world file at `path` (None when it loads)."""
    from leanbot_kit.errors import WorldError
    from leanbot_kit.sim.world import load_world

    try:
        load_world(path)
    except WorldError as exc:
        return exc.problems[0] if exc.problems else None
    return None


def _world(ck: Checker, node: YNode, text: str) -> Path:
    """A world file next to the lesson, else the shipped world of that name."""
    from leanbot_kit.resources import locate_world, shipped_worlds

    here = Path(os.path.normpath(ck.base_dir.absolute() / text))
    try:
        found_path = locate_world(text, ck.base_dir.absolute())
    except (OSError, ValueError):  # a name no file system accepts (NUL, too long)
        found_path = None
    if found_path is not None:
        found = Path(os.path.normpath(found_path.absolute()))
        if (problem := _world_problem(found)) is not None:
            ck.report(node, "sim.world",
                      _("the world file does not load: {problem}").format(problem=problem.message),
                      problem.hint)
        return found
    names = sorted(shipped_worlds())
    ck.report(node, "sim.world",
              _("no world {name!r}: no such file next to the lesson ({path}) and no shipped world of "
                "that name").format(name=text, path=here),
              did_you_mean(Path(text).stem, names)
              or _("name a shipped world ({names}) or a .yaml file next to the lesson").format(
                  names=", ".join(names)))
    return here


def _events(ck: Checker, node: YNode) -> tuple[TouchEvent, ...]:
    out = []
    for i, item in enumerate(ck.items(node, "sim.events") or []):
        path = f"sim.events[{i}]"
        keys = ck.mapping(item, path, ("at", "touch", "for"), ("at", "touch"))
        if not keys or "at" not in keys or "touch" not in keys:
            continue
        at = ck.quantity(keys["at"], join(path, "at"), "time", 0, S.WAIT_MAX)
        chosen = pads(ck, keys["touch"], join(path, "touch"))
        ms = (
            ck.quantity(keys["for"], join(path, "for"), "time", 1, S.WAIT_MAX)
            if "for" in keys
            else 200
        )
        if None not in (at, chosen, ms):
            out.append(TouchEvent(at, chosen, ms))
    return tuple(out)


def read_expect(
    ck: Checker, node: YNode, vars: Collection[str], telemetry: Telemetry, lang: str = "en",
    challenge: bool = False,
) -> tuple[Expectation, ...]:
    """The goals a correct run meets (a plain `name` is in the lesson's language `lang`; a challenge's
    goals read what the simulator knows of any sketch)."""
    out = []
    for i, item in enumerate(ck.items(node, "expect") or []):
        exp = _expectation(ck, item, f"expect[{i}]", vars, telemetry, lang, challenge)
        if exp is not None:
            out.append(exp)
    return tuple(out)


def _expectation(
    ck: Checker, node: YNode, path: str, vars: Collection[str], telemetry: Telemetry, lang: str,
    challenge: bool = False,
) -> Expectation | None:
    keys = ck.mapping(node, path, (*EXPECT_KINDS, "that", "name", "sim_only"))
    if keys is None:
        return None
    kinds = [k for k in EXPECT_KINDS if k in keys]
    if len(kinds) != 1:
        ck.report(
            node,
            path,
            _("an expectation has exactly one of within/always/never/at_end, found {found}").format(
                found=", ".join(kinds) or _("none")
            ),
        )
        return None
    kind = kinds[0]
    sim_only = ck.boolean(keys["sim_only"], join(path, "sim_only")) if "sim_only" in keys else False
    within = None
    cond_node = keys.get("that") if kind == "within" else keys[kind]
    if kind == "within":
        within = ck.quantity(keys["within"], join(path, "within"), "time", 0, 24 * 3600 * 1000)
        if cond_node is None:
            ck.report(node, path, _("`within` needs `that: CONDITION`"))
            return None
    elif "that" in keys:
        ck.report(keys["that"], join(path, "that"), _("`that` goes only with `within`"))
    cond_path = join(path, "that" if kind == "within" else kind)
    cond = condition(ck, cond_node, cond_path, (*FIELDS, *vars, *GROUND_TRUTH))
    readable = _readable_in_challenge if challenge else _readable
    if cond is None or not readable(ck, cond_node, cond_path, cond.tree, bool(sim_only), telemetry):
        return None
    names = ck.bilingual(keys["name"], join(path, "name"), lang) if "name" in keys else None
    name = names.get(lang) if names else cond.source
    return Expectation(kind, cond, name or cond.source, within, bool(sim_only), node.line, names)


def _readable(
    ck: Checker, node: YNode, path: str, tree: tuple, sim_only: bool, telemetry: Telemetry
) -> bool:
    from leanbot_kit.lesson.conditions import column_in

    ok = True
    for name, col in name_positions(tree):
        where = column_in(node, col)
        if name in GROUND_TRUTH and not sim_only:
            ck.report(
                node,
                path,
                _("{name!r} is known only in simulation").format(name=name),
                _("add `sim_only: true` to this expectation"),
                col=where,
            )
            ok = False
        elif name not in GROUND_TRUTH and name not in ALWAYS_KNOWN and name not in telemetry.fields:
            ck.report(
                node,
                path,
                _("{name!r} is not streamed by the robot").format(name=name),
                _("add it to telemetry.fields"),
                col=where,
            )
            ok = False
    return ok


def _readable_in_challenge(
    ck: Checker, node: YNode, path: str, tree: tuple, _sim_only: bool, _telemetry: Telemetry
) -> bool:
    """A challenge is graded on the simulator's trace of the student's sketch: only its names exist."""
    from leanbot_kit.lesson.conditions import column_in

    ok = True
    for name, col in name_positions(tree):
        if name not in TRACE_FIELDS and name not in GROUND_TRUTH:
            ck.report(node, path, _("{name!r} is not known when grading a student's sketch").format(name=name),
                      _("use one of: {names}").format(names=", ".join((*TRACE_FIELDS, *GROUND_TRUTH))),
                      col=column_in(node, col))
            ok = False
    return ok
