"""The `program` of a lesson: how it starts and its steps, numbered in document order."""

from __future__ import annotations

import re

from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.fields import TOUCH_PADS
from leanbot_kit.lesson.limits import MAX_STEPS
from leanbot_kit.lesson.model import Program, Step
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.step_args import Scope, read_args
from leanbot_kit.lesson.steps import (
    BARE_STEPS,
    COMMON_KEYS,
    DEFAULT_START,
    MAX_BLOCK_DEPTH,
    START_NOW,
    STEPS,
)
from leanbot_kit.lesson.suggest import closest, did_you_mean, step_hint

_TOUCH = re.compile(r"\s*touch\s*\(([^()]*)\)\s*")
_EXTRAS = {key for spec in STEPS.values() for key in spec.extras} | set(COMMON_KEYS)


def read_program(ck: Checker, node: YNode, scope: Scope) -> Program | None:
    """The program section: `start` and `steps`."""
    keys = ck.mapping(node, "program", ("start", "steps"), ("steps",))
    if keys is None:
        return None
    start = _start(ck, keys["start"]) if "start" in keys else DEFAULT_START
    if "steps" not in keys:
        return None
    walker = _Walker(ck, scope)
    steps = walker.steps(keys["steps"], "program.steps", 0)
    if walker.number > MAX_STEPS:
        ck.report(keys["steps"], "program.steps",
                  _("the program has {n} steps; at most {limit} fit in a lesson").format(
                      n=walker.number, limit=MAX_STEPS),
                  _("use `repeat` for steps that come again, or split the lesson"))
        return None
    if start is None or steps is None:
        return None
    return Program(start_pads=start, steps=steps)


def _start(ck: Checker, node: YNode) -> tuple[str, ...] | None:
    if node.kind == "scalar" and node.text == START_NOW:
        return ()
    match = _TOUCH.fullmatch(node.text) if node.kind == "scalar" else None
    if not match:
        ck.report(
            node,
            "program.start",
            _("expected `now` or `touch(TB1A, TB1B)`, found {found}").format(found=found(node)),
        )
        return None
    pads = [p.strip() for p in match.group(1).split(",") if p.strip()]
    bad = [p for p in pads if p not in TOUCH_PADS]
    for pad in bad:
        ck.report(
            node,
            "program.start",
            _("unknown touch pad {pad!r}").format(pad=pad),
            did_you_mean(pad, TOUCH_PADS),
        )
    if not pads:
        ck.report(node, "program.start", _("name at least one touch pad, like touch(TB1A, TB1B)"))
    return None if bad or not pads else tuple(dict.fromkeys(pads))


class _Walker:
    """Reads step lists, numbering steps 1, 2, 3 … in document order, nested steps included."""

    def __init__(self, ck: Checker, scope: Scope) -> None:
        self.ck = ck
        self.scope = scope
        self.number = 0

    def steps(self, node: YNode, path: str, depth: int) -> tuple[Step, ...] | None:
        items = self.ck.items(node, path)
        if items is None:
            return None
        if not items:
            self.ck.report(node, path, _("expected at least one step"))
            return None
        read = [self.step(item, f"{path}[{i}]", depth) for i, item in enumerate(items)]
        return None if None in read else tuple(read)

    def step(self, node: YNode, path: str, depth: int) -> Step | None:
        kind = self._kind(node, path)
        if kind is None:
            return None
        self.number += 1
        if node.kind == "scalar":
            return Step(kind, self.number, node.line)
        spec = STEPS[kind]
        number = self.number
        keys = self.ck.mapping(node, path, (kind, *spec.extras, *COMMON_KEYS), spec.required) or {}
        args = read_args(self.ck, kind, node.value[kind], keys, join(path, kind), self.scope)
        note = (
            self.ck.bilingual(keys["note"], join(path, "note"), self.scope.lang)
            if "note" in keys
            else None
        )
        body = orelse = ()
        if spec.block:
            if depth >= MAX_BLOCK_DEPTH:
                self.ck.report(
                    node,
                    path,
                    _("blocks are nested more than {n} deep here").format(n=MAX_BLOCK_DEPTH),
                    _("move the inner steps into a simpler structure"),
                )
                return None
            first, second = ("then", "else") if kind == "if" else ("steps", None)
            body = self.steps(keys[first], join(path, first), depth + 1) if first in keys else None
            if second in keys:
                orelse = self.steps(keys[second], join(path, second), depth + 1)
        if args is None or body is None or orelse is None or (note is None and "note" in keys):
            return None
        return Step(kind, number, node.line, args, body, orelse, note)

    def _kind(self, node: YNode, path: str) -> str | None:
        """The step word of one list item, or None after reporting why there is none."""
        if node.kind == "scalar" and node.value is not None:
            return self._bare(node, path)
        if node.kind != "map" or not node.value:
            message = _("expected a step like `forward: 20cm` or `stop`, found {found}")
            self.ck.report(node, path, message.format(found=found(node)))
            return None
        words = [key for key in node.value if key in STEPS]
        if len(words) > 1:
            message = _("one step per list item, found {first!r} and {second!r}")
            hint = _("start the second step on its own line with '- '")
            key = node.keys[words[1]]
            self.ck.report(
                key, join(path, words[1]), message.format(first=words[0], second=words[1]), hint
            )
            return None
        if not words:
            unknown = next((k for k in node.keys if k not in _EXTRAS), next(iter(node.keys)))
            message = _("unknown step {name!r}").format(name=unknown)
            self.ck.report(node.keys[unknown], join(path, unknown), message, step_hint(unknown, STEPS))
            self._check_as(node, path, unknown)
            return None
        return words[0]

    def _check_as(self, node: YNode, path: str, unknown: str) -> None:
        """Check the rest of a step whose word is misspelt as the step it most likely is.

        So every problem of the step shows in one run, not one more after each fix.
        """
        guess = closest(unknown, STEPS)
        if guess is None:
            self.ck.mapping(node, path, (unknown, *_EXTRAS))
            return
        spec = STEPS[guess]
        keys = self.ck.mapping(node, path, (unknown, *spec.extras, *COMMON_KEYS)) or {}
        read_args(self.ck, guess, node.value[unknown], keys, join(path, unknown), self.scope)
        for block in ("steps", "then", "else"):
            if spec.block and block in keys:
                self.steps(keys[block], join(path, block), 1)

    def _bare(self, node: YNode, path: str) -> str | None:
        """A step written as a bare word: only `stop` and `end` may be."""
        if node.text in BARE_STEPS:
            return node.text
        spec = STEPS.get(node.text)
        if spec is None:
            message = _("unknown step {name!r}").format(name=node.text)
            self.ck.report(node, path, message, step_hint(node.text, STEPS))
        elif spec.block:
            message = _(
                "step {name!r} needs `{key}:` with its steps, like `{example}` + `{key}: [...]`"
            )
            self.ck.report(
                node,
                path,
                message.format(name=spec.name, key=spec.required[0], example=spec.example),
            )
        else:
            message = _("step {name!r} needs a value, like `{example}`")
            self.ck.report(node, path, message.format(name=spec.name, example=spec.example))
        return None
