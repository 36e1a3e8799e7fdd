"""Find text a person reads that bypasses the gettext catalogues (used by tests/test_i18n_scan.py).

Walks the syntax tree of every module and looks at what reaches a person: `click.echo`/`secho`/`style`,
`console.print`, rich table headings and progress descriptions, plot titles and labels, the message and
hint of every `…Error(…)`/`Problem(…)`/`report(…)`, and `help=` outside decorators (in decorators, click
help is translated when shown). A string literal or f-string there that holds words and is not wrapped
in `_()`/`N_()`/`ngettext()`/`gettext_for()` is an offender, reported as `file:line: text`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "leanbot_kit"

WRAPPERS = {"_", "N_", "ngettext", "gettext_for"}
# function or method name -> (positional indices, keyword names) that reach a person
SINKS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "echo": ((0,), ("message",)),
    "secho": ((0,), ("message",)),
    "style": ((0,), ("text",)),
    "confirm": ((0,), ("text",)),
    "prompt": ((0,), ("text",)),
    "add_column": ((0,), ("header",)),
    "add_task": ((0,), ("description",)),
    "Table": ((), ("title", "caption")),
    "Panel": ((), ("title", "subtitle")),
    "report": ((2, 3), ("message", "hint")),
    "Problem": ((4, 5), ("message", "hint")),
    "set_title": ((0,), ("label",)),
    "set_xlabel": ((0,), ("xlabel",)),
    "set_ylabel": ((0,), ("ylabel",)),
    "suptitle": ((0,), ("t",)),
    "BadParameter": ((0,), ("message",)),
    "UsageError": ((0,), ("message",)),
    "ClickException": ((0,), ("message",)),
    "Check": ((0, 2, 3), ("name", "detail", "fix")),  # a line of `leanbot doctor`
    "Stage": ((2,), ("detail",)),  # a cell of `leanbot check`
}
ERROR_ARGS = ((0, 1), ("message", "hint"))
# Python's own exceptions signal programming mistakes, not something a person acts on.
BUILTIN_ERRORS = {name for name in dir(__builtins__ if isinstance(__builtins__, dict) else
                                        __builtins__) if name.endswith("Error")}
BUILTIN_ERRORS |= {"ValueError", "TypeError", "KeyError", "RuntimeError", "OSError",
                   "NotImplementedError", "AssertionError", "LookupError", "IndexError"}

# Text that is not prose: units, file names, identifiers and protocol tokens shown as they are.
ALLOWED = {"x (mm)", "y (mm)", "OK", "ok", "Leanbot", "leanbot", "arduino-cli", "—", "vl", "vr",
           "python", "ModemManager"}
PLACEHOLDER = re.compile(r"{[^{}]*}")
WORD = re.compile(r"[^\W\d_]{2,}")
TOKEN = re.compile(r"[\w.\-/:@#$!*%+=<>\[\]()]+")


@dataclass(frozen=True)
class Offender:
    """A literal a person reads that is not marked for translation."""

    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text!r}"


def is_prose(text: str) -> bool:
    """True when `text` holds words a person reads (not a unit, file name, token or bare format)."""
    if text.strip() in ALLOWED:
        return False
    stripped = PLACEHOLDER.sub(" ", text).strip()
    if not WORD.search(stripped):
        return False
    # one token with digits, dots, slashes, underscores …: an identifier, a path or a protocol word
    return not (TOKEN.fullmatch(stripped) and not stripped.isalpha())


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literals(node: ast.AST) -> Iterator[tuple[int, str]]:
    """Unwrapped text inside an expression (not descending into `_()` and friends)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        yield node.lineno, "{}".join(str(p) for p in parts)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from _literals(value.value)
    elif isinstance(node, ast.Call):
        if _name(node.func) in WRAPPERS:
            return
        if isinstance(node.func, ast.Attribute):  # "text {x}".format(…), ", ".join(…)
            yield from _literals(node.func.value)
            if node.func.attr == "format":
                for child in (*node.args, *(k.value for k in node.keywords)):
                    yield from _literals(child)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, (ast.BinOp, ast.BoolOp, ast.Tuple, ast.List)):
        for child in ast.iter_child_nodes(node):
            yield from _literals(child)


def _reaching(call: ast.Call) -> Iterator[ast.expr]:
    """The arguments of `call` that a person reads."""
    name = _name(call.func)
    if name in SINKS:
        positions, keywords = SINKS[name]
    elif name.endswith(("Error", "Exception")) and name not in BUILTIN_ERRORS:
        positions, keywords = ERROR_ARGS
    elif name == "print" and "console" in ast.unparse(call.func).lower():
        positions, keywords = (0,), ()
    else:
        return
    yield from (arg for i, arg in enumerate(call.args) if i in positions)
    yield from (kw.value for kw in call.keywords if kw.arg in keywords)


def _decorator_calls(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                found.update(id(n) for n in ast.walk(decorator))
    return found


def scan_file(path: Path) -> list[Offender]:
    """Every offender in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_decorator = _decorator_calls(tree)
    where = path.relative_to(ROOT).as_posix()
    out: list[Offender] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for arg in _reaching(node):
            out += [Offender(where, line, text) for line, text in _literals(arg) if is_prose(text)]
        if id(node) not in in_decorator:
            for kw in node.keywords:
                if kw.arg in ("help", "short_help", "epilog"):
                    out += [Offender(where, line, text) for line, text in _literals(kw.value)
                            if is_prose(text)]
    return out


def scan(root: Path = PACKAGE) -> list[Offender]:
    """Every offender in the package, sorted by file and line."""
    out: list[Offender] = []
    for path in sorted(root.rglob("*.py")):
        out += scan_file(path)
    return sorted(set(out), key=lambda o: (o.file, o.line, o.text))
