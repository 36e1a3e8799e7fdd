"""The problem collector every part of the validator writes to, with typed readers for YAML values."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from leanbot_kit.errors import Problem
from leanbot_kit.i18n import N_, _
from leanbot_kit.lesson.limits import text_limit
from leanbot_kit.lesson.model import Text, TextList
from leanbot_kit.lesson.quantities import BASE, KIND_TEXT, QuantityError, to_base
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.suggest import did_you_mean

KIND_NAMES = {"map": N_("a mapping"), "seq": N_("a list"), "scalar": N_("a value")}


def found(node: YNode) -> str:
    """How a value reads in a message: `a list`, `a mapping`, or the value itself."""
    if node.kind != "scalar":
        return _(KIND_NAMES[node.kind])
    if node.value is None:
        return _("nothing")
    if isinstance(node.value, str) and node.end_line > node.line:
        return _("a text over several lines")  # the file may be anything (/etc/passwd): quote none
    return repr(_clip(node.text) if isinstance(node.value, str) else node.value)


def _clip(text: str, limit: int = 80) -> str:
    """At most `limit` characters of the first line: a message never quotes more of a file."""
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit and line == text else line[: limit - 1] + "…"


class Checker:
    """Collects every problem of one file; the readers report and return None on a bad value."""

    def __init__(self, filename: str) -> None:
        self.file = filename
        self.base_dir = Path(filename).parent
        self.problems: list[Problem] = []

    def report(
        self, node: YNode, path: str, message: str, hint: str | None = None, col: int | None = None
    ) -> None:
        """Record one problem at `node` (or at column `col` of its line)."""
        self.problems.append(Problem(self.file, node.line, col or node.col, path, message, hint))

    def mapping(
        self, node: YNode, path: str, allowed: Collection[str], required: Iterable[str] = ()
    ) -> dict[str, YNode] | None:
        """The keys of a mapping; unknown keys and missing required ones are reported."""
        if node.kind != "map":
            self.report(
                node,
                path,
                _("expected a mapping (key: value lines), found {found}").format(found=found(node)),
                _colon_hint(node),
            )
            return None
        for key, key_node in node.keys.items():
            if key not in allowed:
                self.report(
                    key_node,
                    join(path, key),
                    _("unknown key {key!r}").format(key=key),
                    did_you_mean(key, allowed),
                )
        for key in required:
            if key not in node.value:
                self.report(node, path, _("missing key {key!r}").format(key=key))
        return {k: v for k, v in node.value.items() if k in allowed}

    def items(self, node: YNode, path: str, single: bool = False) -> list[YNode] | None:
        """The items of a list (a single scalar counts as a one-item list when `single`)."""
        if node.kind == "seq":
            return node.value
        if single and node.kind == "scalar" and node.value is not None:
            return [node]
        self.report(node, path, _("expected a list, found {found}").format(found=found(node)))
        return None

    def integer(self, node: YNode, path: str, low: int, high: int, unit: str = "") -> int | None:
        """A whole number within low..high."""
        value = node.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if node.kind != "scalar" or isinstance(value, bool) or not isinstance(value, int):
            self.report(
                node, path, _("expected a whole number, found {found}").format(found=found(node))
            )
            return None
        return self.in_range(node, path, value, low, high, unit)

    def in_range(
        self, node: YNode, path: str, value: int, low: int, high: int, unit: str = ""
    ) -> int | None:
        """`value` if within low..high, else report it."""
        if low <= value <= high:
            return value
        unit = f" {unit}" if unit else ""
        shown = str(value)
        if node.kind == "scalar" and node.text.strip() != shown:
            shown = _("{text} (= {value}{unit})").format(
                text=node.text.strip(), value=value, unit=unit
            )
        self.report(
            node,
            path,
            _("{value} is out of range: expected {low}…{high}{unit}").format(
                value=shown, low=low, high=high, unit=unit
            ),
        )
        return None

    def quantity(self, node: YNode, path: str, kind: str, low: int, high: int) -> int | None:
        """A quantity of `kind` in its base unit, within low..high."""
        if node.kind != "scalar":
            self.report(
                node,
                path,
                _("expected {kind}, found {found}").format(
                    kind=_(KIND_TEXT[kind]), found=found(node)
                ),
            )
            return None
        try:
            value = to_base(node.value, kind)
        except QuantityError as exc:
            self.report(node, path, str(exc))
            return None
        return self.in_range(node, path, value, low, high, BASE[kind])

    def boolean(self, node: YNode, path: str) -> bool | None:
        """true or false."""
        if node.kind == "scalar" and isinstance(node.value, bool):
            return node.value
        self.report(
            node, path, _("expected true or false, found {found}").format(found=found(node))
        )
        return None

    def text(self, node: YNode, path: str, max_len: int | None = None) -> str | None:
        """A piece of text (numbers are taken as written)."""
        if node.kind != "scalar" or node.value is None:
            self.report(node, path, _("expected text, found {found}").format(found=found(node)))
            return None
        max_len = text_limit(path) if max_len is None else max_len
        if len(node.text) > max_len:
            self.report(
                node,
                path,
                _("text of {n} characters; at most {limit} fit").format(
                    n=len(node.text), limit=max_len
                ),
            )
            return None
        return node.text

    def choice(
        self, node: YNode, path: str, choices: Collection[str], what: str = ""
    ) -> str | None:
        """One of `choices`, with a did-you-mean otherwise; `what` names the kind of thing."""
        if node.kind == "scalar" and node.text in choices:
            return node.text
        message = (
            _("unknown {what} {found}").format(what=what, found=found(node))
            if what
            else _("{found} is not allowed here").format(found=found(node))
        )
        self.report(node, path, message, did_you_mean(node.text, choices))
        return None

    def bilingual(self, node: YNode, path: str, lang: str) -> Text | None:
        """A text, either plain (in the lesson's language) or `{vi: …, en: …}`."""
        if node.kind == "map":
            keys = self.mapping(node, path, ("vi", "en")) or {}
            parts = {k: self.text(v, join(path, k)) for k, v in keys.items()}
            if not keys and node.kind == "map":
                self.report(node, path, _("give the text in vi, en or both"))
                return None
            return Text(vi=parts.get("vi"), en=parts.get("en"))
        text = self.text(node, path)
        return None if text is None else Text(**{lang: text})

    def text_list(self, node: YNode, path: str, lang: str) -> TextList:
        """A list of texts, either plain (in the lesson's language) or `{vi: [...], en: [...]}`."""
        if node.kind == "map":
            keys = self.mapping(node, path, ("vi", "en")) or {}
            parts = {k: self._strings(v, join(path, k)) for k, v in keys.items()}
            return TextList(**parts)
        return TextList(**{lang: self._strings(node, path)})

    def _strings(self, node: YNode, path: str) -> tuple[str, ...]:
        items = self.items(node, path, single=True) or []
        texts = (self.text(item, f"{path}[{i}]") for i, item in enumerate(items))
        return tuple(t for t in texts if t is not None)


def _colon_hint(node: YNode) -> str | None:
    """`rate_hz 20` or `rate_hz:20` where a mapping belongs: the colon or its space is missing."""
    import re

    if node.kind != "scalar" or node.style or not isinstance(node.value, str):
        return None
    if m := re.match(r"([A-Za-z_][\w-]*):\S", node.text):
        return _("put a space after the colon: '{key}: …'").format(key=m.group(1))
    if m := re.match(r"([A-Za-z_][\w-]*)\s+\S", node.text):
        return _("write the key, a colon, a space, then the value: '{key}: …'").format(key=m.group(1))
    return None


def join(path: str, key: str) -> str:
    """`path.key`, or `key` at the top."""
    return f"{path}.{key}" if path else key
