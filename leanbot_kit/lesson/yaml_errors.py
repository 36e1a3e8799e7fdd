"""The YAML parser's complaints told as the likely mistake, at the line where the teacher made it.

PyYAML (and libyaml) say *what* they could not parse and *where they noticed*, which is often the line after
the mistake: `rate_hz 20` (no `:`) is noticed at the next key. This module looks at the text around the
parser's marks and names the usual causes — a missing `:` or space after a key, a tab, an unclosed quote or
bracket, a line indented differently from its neighbours — falling back to the parser's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from leanbot_kit.i18n import _

_KEY_WITHOUT_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s+)[^\s:#]")
_KEY_WITHOUT_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?=[^\s/])")
_LOOK_BACK = 5  # lines above the parser's mark that may hold the mistake


@dataclass(frozen=True)
class Explained:
    """Where the mistake most likely is (1-based) and what to say about it."""

    line: int
    col: int
    message: str
    hint: str


def explain(exc: Any, text: str) -> Explained:
    """The likely mistake behind a `yaml.MarkedYAMLError` raised while parsing `text`."""
    lines = text.split("\n")
    problem = str(exc.problem or exc.context or "")
    context = str(exc.context or "")
    pm = exc.problem_mark or exc.context_mark
    cm = exc.context_mark
    at = (pm.line, pm.column) if pm is not None else (0, 0)
    for rule in (_tab, _quote, _bracket, _colon):
        found = rule(lines, problem, context, at, cm)
        if found is not None:
            return found
    return _indent(lines, problem, at, cm) or Explained(
        at[0] + 1, at[1] + 1,
        _("this is not valid YAML here (the YAML reader says: \"{problem}\")").format(problem=problem),
        _("check the indentation and the quotes around this point"))


def _tab(lines: list[str], problem: str, _context: str, at: tuple[int, int], _cm: Any) -> Explained | None:
    if "tab" not in problem and "\\t" not in problem and _char(lines, *at) != "\t":
        return None
    for i in range(min(at[0], len(lines) - 1), -1, -1):
        indent = re.match(r"[ \t]*", lines[i]).group()
        if "\t" in indent:
            return Explained(i + 1, indent.index("\t") + 1,
                             _("a tab character in the indentation: YAML indents with spaces only"),
                             _("replace the tab with spaces; most editors can insert spaces for the Tab key"))
    return None


def _quote(lines: list[str], _problem: str, context: str, at: tuple[int, int], cm: Any) -> Explained | None:
    if "quoted scalar" not in context or cm is None:
        return None
    quote = _char(lines, cm.line, cm.column) or '"'
    return Explained(cm.line + 1, cm.column + 1,
                     _("the quote {quote} opened here is never closed").format(quote=quote),
                     _("end the text with the same quote {quote} on this line").format(quote=quote))


def _bracket(lines: list[str], _problem: str, context: str, at: tuple[int, int], cm: Any) -> Explained | None:
    if "flow sequence" not in context and "flow mapping" not in context or cm is None:
        return None
    opening = "[" if "sequence" in context else "{"
    closing = "]" if opening == "[" else "}"
    if at[0] > cm.line:
        return Explained(cm.line + 1, cm.column + 1,
                         _("the {open} opened here is not closed with {close}").format(
                             open=opening, close=closing),
                         _("close it with {close} after the last item").format(close=closing))
    wrong = _char(lines, *at)
    if wrong in ")]}" and wrong and wrong != closing:
        return Explained(at[0] + 1, at[1] + 1,
                         _("{found} here does not match the {open} at column {col}").format(
                             found=wrong, open=opening, col=cm.column + 1),
                         _("close it with {close} after the last item").format(close=closing))
    return Explained(at[0] + 1, at[1] + 1,
                     _("a ',' or {close} is missing here, inside the {open} … {close} that starts at column "
                       "{col}").format(open=opening, close=closing, col=cm.column + 1),
                     _("separate the items with commas: [a, b] or {{key: value, key: value}}").format())


def _colon(lines: list[str], problem: str, context: str, at: tuple[int, int], cm: Any) -> Explained | None:
    if "simple key" in context and cm is not None:
        candidates = [cm.line]
    elif "mapping values are not allowed" in problem:
        candidates = list(range(at[0] - 1, max(-1, at[0] - 1 - _LOOK_BACK), -1))
    else:
        return None
    for i in candidates:
        line = lines[i] if 0 <= i < len(lines) else ""
        if line.rstrip().endswith(":"):
            break  # a parent key: the mistake is not above it
        if m := _KEY_WITHOUT_SPACE.match(line):
            return Explained(i + 1, m.end() + 1,
                             _("no space after the ':' of the key {key!r}").format(key=m.group(2)),
                             _("put a space after the colon: '{key}: …'").format(key=m.group(2)))
        if (m := _KEY_WITHOUT_COLON.match(line)) and ": " not in line:
            return Explained(i + 1, m.end(2) + 1,
                             _("the ':' after the key {key!r} is missing").format(key=m.group(2)),
                             _("write the key, a colon, a space, then the value: '{key}: …'").format(
                                 key=m.group(2)))
    return None


def _indent(lines: list[str], problem: str, at: tuple[int, int], cm: Any) -> Explained | None:
    line = lines[at[0]] if at[0] < len(lines) else ""
    before = line[:at[1]].rstrip()
    if before.endswith(("\"", "'")) and before.lstrip()[:1] != "-" and ": " in before:
        return Explained(at[0] + 1, at[1] + 1, _("more text after the closing quote"),
                         _("put all of the text inside the quotes"))
    if "mapping values are not allowed" not in problem and "expected" not in problem:
        return None
    above = next((lines[i] for i in range(at[0] - 1, -1, -1)
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")), "")
    width = len(line) - len(line.lstrip(" "))
    return Explained(at[0] + 1, width + 1,
                     _("this line is indented {n} spaces, which does not fit the lines above it").format(
                         n=width),
                     _("indent the keys of one mapping, and the items of one list, by the same number of "
                       "spaces (the line above is '{above}')").format(above=above.strip()[:40]))


def _char(lines: list[str], line: int, col: int) -> str:
    return lines[line][col] if 0 <= line < len(lines) and 0 <= col < len(lines[line]) else ""
