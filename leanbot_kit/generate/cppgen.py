"""C++ being written for a lesson: its lines, its globals, and the safe names and values in them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from leanbot_kit.errors import TemplateError
from leanbot_kit.i18n import _
from leanbot_kit.lesson.expr import Expr
from leanbot_kit.lesson.fields import FIELDS, TOUCH_PADS, var_cpp
from leanbot_kit.lesson.model import Lesson

DEFAULT_GRIPPER_MS = 500  # how long a gripper move takes when the step gives no time
APPROACH_SPEED = (
    300  # steps/s for the last bit of a move, so the stop ramp barely overshoots the mark
)
APPROACH_ZONE = 10  # mm or degrees driven at APPROACH_SPEED at the end of a move
INDENT = "  "
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
LED_BITS = ("ledA", "ledB", "ledC", "ledD", "ledE", "ledF", "ledO")


@dataclass
class Code:
    """C++ being written: the statements of `run_lesson()` and the globals they need."""

    lesson: Lesson
    lang: str
    lines: list[str] = field(default_factory=list)
    globals: list[str] = field(default_factory=list)
    uses: set[str] = field(default_factory=set)

    def add(self, depth: int, statement: str) -> None:
        """Append one line, indented `depth` levels below the function body."""
        self.lines.append(INDENT * (depth + 1) + statement if statement else "")

    def comment(self, depth: int, words: str) -> None:
        """Append a `//` comment line (the words are already safe)."""
        if words:
            self.add(depth, f"// {words}")

    def cpp(self, value: Any) -> str:
        """C++ for a step argument: an integer, or an expression over fields and lesson vars."""
        if isinstance(value, Expr):
            return value.to_cpp(self.resolve)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise TemplateError(
            _("cannot write {value!r} as C++").format(value=value),
            _("check the lesson with `leanbot validate`"),
        )

    def cond(self, value: Any) -> str:
        """C++ for a condition, always inside one pair of parentheses: `(ping_mm < 150)`."""
        text = self.cpp(value)
        return text if _parenthesized(text) else f"({text})"

    def resolve(self, name: str) -> str:
        """The C++ that reads a name of a condition: a telemetry field or a lesson variable."""
        if name in FIELDS:
            return FIELDS[name].cpp
        if name in self.lesson.vars:
            return var_cpp(identifier(name))
        raise TemplateError(
            _("unknown name {name!r} in a condition").format(name=name),
            _("check the lesson with `leanbot validate`"),
        )


def identifier(name: str) -> str:
    """`name` if it is a plain C++ identifier, else TemplateError (nothing else reaches code)."""
    if not isinstance(name, str) or not _IDENT.match(name):
        raise TemplateError(
            _("{name!r} cannot be used as a C++ name").format(name=name),
            _("check the lesson with `leanbot validate`"),
        )
    return name


def touch_mask(pads: tuple[str, ...]) -> str:
    """The C++ bit mask of touch pads, `TB1A | TB1B`, or `0` for none."""
    for pad in pads:
        if pad not in TOUCH_PADS:
            raise TemplateError(_("unknown touch pad {pad!r}").format(pad=pad))
    return " | ".join(pads) or "0"


def _parenthesized(text: str) -> bool:
    """True if `text` is one parenthesised group, `(a) + (b)` is not."""
    if not text.startswith("("):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return i == len(text) - 1
    return False
