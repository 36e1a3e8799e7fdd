"""Turn a sketch's .ino tabs into one C++ file, the way the Arduino builder does.

`#include <Arduino.h>` first; the tabs concatenated (the main tab, named after the folder, first, then the
others in alphabetical order); a prototype for every function used before its definition, inserted just
before the first top-level item that uses it (so it comes after the types it needs); `#line` directives
so the compiler's messages name the .ino file and line. C++ forbids repeating a default argument, so a
prototype keeps the defaults and they are blanked out of the definition (same length, lines unchanged).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.files import SKETCH_BYTES, read_input
from leanbot_kit.i18n import _
from leanbot_kit.sim.cscan import Function, functions, mask


@dataclass(frozen=True)
class Tab:
    """One .ino file of a sketch: its path (as #line names it) and its text."""

    path: str
    text: str


def sketch_tabs(folder: Path, main: Path | None = None, standalone: bool = False) -> list[Tab]:
    """The .ino tabs of a sketch folder: the main one first, then the rest alphabetically.

    `standalone`: only `main` (a .ino that is not named after its folder is a sketch on its own).
    """
    inos = [main] if standalone and main else sorted(p for p in folder.glob("*.ino") if p.is_file())
    main = main or folder / f"{folder.name}.ino"
    if main not in inos:
        if not inos:
            raise SimError(_("no .ino file in {folder}").format(folder=folder),
                           _("a sketch folder holds a .ino file named after the folder"))
        main = inos[0]
    ordered = [main, *(p for p in inos if p != main)]
    return [Tab(str(p.resolve()), read_input(p, SKETCH_BYTES).decode("utf-8", "replace"))
            for p in ordered]


def preprocess(tabs: list[Tab]) -> str:
    """The C++ translation unit for `tabs`, with prototypes and #line directives."""
    lines: list[tuple[str, str, int]] = []  # (text, file, line) for every source line
    for tab in tabs:
        body = tab.text.replace("\r\n", "\n")
        if not body.endswith("\n"):
            body += "\n"
        lines.extend((text, tab.path, k + 1) for k, text in enumerate(body.splitlines()))
    source = "".join(text + "\n" for text, _f, _l in lines)
    code, nocom = mask(source)
    inserts, source = _prototypes(source, code, nocom)
    return _assemble(source, lines, inserts)


_USE = re.compile(r"(?<![\w.])[A-Za-z_]\w*")  # a name, not a member (`.name`)
_DEFINE = re.compile(r"(?m)^[ \t]*#[ \t]*define\b.*$")


def _first_uses(code: str, nocom: str) -> dict[str, int]:
    """Where each name is first used: in the code, or in a #define (a macro may expand to a call).

    One pass over the text, so preparing a sketch stays linear in its size.
    """
    first: dict[str, int] = {}
    for m in _USE.finditer(code):
        first.setdefault(m.group(), m.start())
    for directive in _DEFINE.finditer(nocom):
        for m in _USE.finditer(directive.group()):
            if first.get(m.group(), len(code)) > directive.start():
                first[m.group()] = directive.start()
    return first


def _prototypes(source: str, code: str, nocom: str) -> tuple[dict[int, list[str]], str]:
    """Prototypes to insert, keyed by line index, and the source with moved defaults blanked."""
    line_of = _line_index(source)
    starts = _item_starts(code)
    first = _first_uses(code, nocom)
    pieces, done = [], 0
    inserts: dict[int, list[str]] = {}
    for fn in functions(code):
        use = first.get(fn.name, len(code))
        if use >= fn.start:
            continue
        proto = re.sub(r"\s+", " ", nocom[fn.start:fn.close + 1]).strip() + ";"
        item = starts[bisect_right(starts, use) - 1]
        inserts.setdefault(line_of(item), []).append(proto)
        for a, b in fn.defaults:
            pieces += [source[done:a], " " * (b - a)]
            done = b
    pieces.append(source[done:])
    return inserts, "".join(pieces)


def _item_starts(code: str) -> list[int]:
    """Offsets where top-level items begin (first non-blank character after a boundary)."""
    starts, depth, at_boundary, pos = [0], 0, True, 0
    for m in _BOUNDARY.finditer(code):
        c, i = m.group(), m.start()
        if depth == 0 and at_boundary and (k := _ITEM.search(code, pos, i + 1)) is not None:
            starts.append(k.start())
            at_boundary = False
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
            at_boundary = at_boundary or depth == 0
        elif depth == 0:
            at_boundary = True
        pos = i + 1
    if depth == 0 and at_boundary and (k := _ITEM.search(code, pos)) is not None:
        starts.append(k.start())
    return starts


_BOUNDARY = re.compile(r"[{};]")
_ITEM = re.compile(r"[^\s;]")


def _line_index(source: str):
    offsets = [0] + [m.end() for m in re.finditer("\n", source)]

    def line_of(offset: int) -> int:
        """The index of the line holding `offset`."""
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    return line_of


def _assemble(source: str, lines: list[tuple[str, str, int]], inserts: dict[int, list[str]]) -> str:
    out = ["#include <Arduino.h>\n"]
    body = source.split("\n")
    previous_file = None
    for index, (_text, file, line) in enumerate(lines):
        if index in inserts:
            out.extend(p + "\n" for p in inserts[index])
            previous_file = None
        if file != previous_file or index in inserts:
            out.append(f"#line {line} {_quote(file)}\n")
            previous_file = file
        out.append(body[index] + "\n")
    return "".join(out)


def _quote(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def preprocess_sketch(folder: Path, main: Path | None = None, standalone: bool = False) -> str:
    """Preprocess the sketch in `folder` (or the folder of the .ino `main`)."""
    return preprocess(sketch_tabs(folder, main, standalone))


__all__ = ["Function", "Tab", "preprocess", "preprocess_sketch", "sketch_tabs"]
