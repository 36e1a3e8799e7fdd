"""Safe YAML reading that keeps the line and column of every value.

The bytes are checked first (`rawtext`: size, UTF-8, control characters). The tree is built straight
from the YAML event stream (no Python object is ever constructed from a tag), so the guards are
structural: nesting is capped, and aliases are counted by the size of what they expand to, so an
alias bomb is refused after a bounded amount of work.
Plain scalars follow the YAML 1.2 core schema (`off` and `yes` stay text; `true`, `12`, `1.5`, `null`
are typed), which is also what editors assume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from leanbot_kit.errors import Problem
from leanbot_kit.i18n import _
from leanbot_kit.lesson.rawtext import SourceError, decode_source

MAX_DEPTH = 256  # collection levels; program blocks have their own, smaller limit
MAX_NODES = 50_000  # values after expanding every alias
MAX_CHARS = 1_000_000  # characters of text (keys and values) after expanding every alias

_INT = re.compile(r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULL = ("", "~", "null", "Null", "NULL")
_TRUE = ("true", "True", "TRUE")
_FALSE = ("false", "False", "FALSE")


@dataclass(frozen=True, eq=False)
class YNode:
    """One YAML value with where it starts: a mapping, a sequence or a scalar."""

    kind: str  # "map" | "seq" | "scalar"
    value: Any  # dict[str, YNode] | list[YNode] | str | int | float | bool | None
    line: int
    col: int
    end_line: int = 0
    text: str = ""  # a scalar's text as written (after unquoting)
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" block
    keys: dict[str, YNode] = field(default_factory=dict)  # a mapping's key nodes, for positions
    size: int = 1  # how many values this one expands to
    chars: int = 0  # how many characters of text it expands to

    @property
    def one_line(self) -> bool:
        """True when the scalar sits on one line of the file (so columns inside it can be mapped)."""
        return self.end_line == self.line and self.style in ("", "'", '"')


def read_yaml(data: bytes | str, filename: str) -> tuple[YNode, list[Problem]]:
    """Parse one YAML document into a YNode tree; raise SourceError if it cannot be read.

    Returns the tree and the problems that do not stop reading (duplicate keys).
    """
    text = decode_source(data, filename)
    if not text.strip():
        raise SourceError(
            Problem(filename, 1, 1, "", _("the file is empty"), _("start from `leanbot new ID`"))
        )
    return _Builder(filename).build(text)


def _scalar(value: str, plain: bool) -> Any:
    if not plain:
        return value
    if value in _NULL:
        return None
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    if _INT.fullmatch(value):
        sign = -1 if value.startswith("-") else 1
        digits = value.lstrip("+-")
        base = {"0x": 16, "0o": 8}.get(digits[:2], 10)
        try:
            return sign * int(digits[2:] if base != 10 else digits, base)
        except ValueError:  # more digits than Python converts; no lesson needs such a number
            return value
    if _FLOAT.fullmatch(value) and any(ch.isdigit() for ch in value):
        return float(value)
    return value


class _Builder:
    """Turns YAML events into YNodes iteratively, with depth and expansion budgets."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.anchors: dict[str, YNode] = {}
        self.stack: list[list[Any]] = []  # [event, items, size]
        self.problems: list[Problem] = []
        self.root: YNode | None = None
        self.aliases = 0
        self.chars = 0  # characters of text read so far, aliases expanded
        self.total = 0  # values held by the open collections
        self.alias_mark: Any = None

    def fail(self, mark: Any, message: str, hint: str | None = None) -> SourceError:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return SourceError(Problem(self.filename, line, col, "", message, hint))

    def build(self, text: str) -> tuple[YNode, list[Problem]]:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            for event in yaml.parse(text, Loader=loader):
                self.feed(event)
        except yaml.MarkedYAMLError as exc:
            from leanbot_kit.lesson.yaml_errors import explain

            why = explain(exc, text)
            raise SourceError(Problem(self.filename, why.line, why.col, "", why.message, why.hint)) from exc
        except yaml.YAMLError as exc:
            raise self.fail(None, _("YAML error: {error}").format(error=str(exc))) from exc
        if self.root is None or self.root.value is None:
            raise self.fail(None, _("the file is empty"), _("start from `leanbot new ID`"))
        return self.root, self.problems

    def feed(self, event: Any) -> None:
        import yaml

        if isinstance(event, yaml.DocumentStartEvent) and self.root is not None:
            raise self.fail(
                event.start_mark,
                _("the file holds more than one YAML document"),
                _("a lesson is one document; remove the second '---'"),
            )
        if isinstance(event, yaml.AliasEvent):
            self.add(self.alias(event))
        elif isinstance(event, yaml.ScalarEvent):
            plain = event.style in (None, "") and event.tag in (None, "!")
            node = YNode(
                "scalar",
                _scalar(event.value, plain),
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                event.end_mark.line + 1,
                event.value,
                event.style or "",
                chars=len(event.value),
            )
            self.count_chars(node, event.start_mark)
            self.add(node, event.anchor)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(
                    event.start_mark,
                    _("the YAML is nested more than {n} levels deep").format(n=MAX_DEPTH),
                    _("flatten the structure"),
                )
            self.stack.append([event, [], 1])
            self.total += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            start, items, size = self.stack.pop()
            self.total -= size
            mark = start.start_mark
            if isinstance(event, yaml.SequenceEndEvent):
                chars = sum(item.chars for item in items)
                node = YNode("seq", items, mark.line + 1, mark.column + 1, size=size, chars=chars)
            else:
                node = self.mapping(start, items, size)
            self.add(node, start.anchor)

    def alias(self, event: Any) -> YNode:
        node = self.anchors.get(event.anchor)
        if node is None:
            raise self.fail(
                event.start_mark,
                _("alias *{name} has no complete anchor &{name} before it").format(
                    name=event.anchor
                ),
                _("define the anchor first, outside of what it is used in"),
            )
        self.aliases += 1
        self.alias_mark = event.start_mark
        self.count_chars(node, event.start_mark)
        return node

    def count_chars(self, node: YNode, mark: Any) -> None:
        """Add the text `node` brings; SourceError past MAX_CHARS (a long text aliased many times)."""
        self.chars += node.chars
        if self.chars > MAX_CHARS:
            message = (
                _("with its aliases expanded, the text of the file adds up to more than {n} "
                  "characters")
                if self.aliases
                else _("the text of the file adds up to more than {n} characters")
            )
            raise self.fail(
                mark,
                message.format(n=MAX_CHARS),
                _("a lesson plan is far smaller; a long text used through many aliases is refused"),
            )

    def add(self, node: YNode, anchor: str | None = None) -> None:
        if anchor:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        frame[1].append(node)
        frame[2] += node.size
        self.total += node.size
        if self.total > MAX_NODES:
            start = self.stack[0][0].start_mark
            if self.aliases:
                message = _("aliases here expand to more than {n} values").format(n=MAX_NODES)
                hint = _("an alias used many times inside aliases ('billion laughs') is refused")
            else:
                message = _("the file holds more than {n} values").format(n=MAX_NODES)
                hint = _("a lesson plan is far smaller; split it")
            raise self.fail(self.alias_mark or start, message, hint)

    def path(self, key: str) -> str:
        """The key path of `key` in the mapping just closed, from the collections still open."""
        path = ""
        for start, items, _size in self.stack:
            if isinstance(start, _yaml().SequenceStartEvent):
                path += f"[{len(items)}]"
            elif items and len(items) % 2:
                path += ("." if path else "") + items[-1].text
        return f"{path}.{key}" if path else key

    def mapping(self, start: Any, items: list[YNode], size: int) -> YNode:
        values: dict[str, YNode] = {}
        keys: dict[str, YNode] = {}
        for key, value in zip(items[::2], items[1::2], strict=True):
            if key.kind != "scalar":
                self.problems.append(
                    Problem(
                        self.filename,
                        key.line,
                        key.col,
                        "",
                        _("a key must be a plain name, not a list or a mapping"),
                    )
                )
                continue
            name = key.text
            if name in values:
                first = keys[name]
                self.problems.append(
                    Problem(
                        self.filename,
                        key.line,
                        key.col,
                        self.path(name),
                        _("duplicate key {key!r} (first at line {line})").format(
                            key=name, line=first.line
                        ),
                        _("keep one of them; YAML would silently use only the last"),
                    )
                )
                continue
            values[name] = value
            keys[name] = key
        mark = start.start_mark
        chars = sum(item.chars for item in items)
        return YNode("map", values, mark.line + 1, mark.column + 1, keys=keys, size=size,
                     chars=chars)


def _yaml() -> Any:
    import yaml

    return yaml


def to_python(node: YNode) -> Any:
    """The plain Python value of a YNode tree (dicts, lists and scalars), e.g. to check against a schema."""
    if node.kind == "map":
        return {key: to_python(value) for key, value in node.value.items()}
    if node.kind == "seq":
        return [to_python(item) for item in node.value]
    return node.value
