"""The fast path of the recording reader: frames in the recorder's own shape, read as columns.

Almost every line of a recording is a frame written by the recorder, always the same way:
`{"type":"frame","host_t":1.2345,"robot_t":…,"seq":…,"values":{"name":int,…},"raw":"…"}`. The frames
of a chunk are checked and read with a few whole-buffer operations, no Python work per line:
- the first line against a strict pattern, which gives the field names;
- every `raw` is printable ASCII without `"` or `\\` and ends its line (one regex substitution drops them);
- with the digits and `-` taken out, every line must be exactly the first one (names holding a digit
  are swapped for one-byte marks first, so `ir0`/`ir1` cannot trade places): the same pieces of text,
  a number between each two, the one `.` in `host_t`;
- no number has 16 digits or more; the numbers, parsed as one JSON array, are then integers (and a
  float `host_t`) strictly within ±1e15 — what `reader.valid_entry` accepts.
Such lines become columns of numbers that a report sums, compares and counts in bulk. When any line
does not pass, the caller parses the lines with the JSON parser, as before; either way a line gives
the same entry (tests/test_telemetry_fast_reader.py compares both paths on damaged recordings).
"""

from __future__ import annotations

import re
from typing import Any

try:
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency
    from json import loads as _loads  # numbers only: NaN and Infinity cannot get through the shape

BIG = 1e15  # as reader._BIG: beyond any time or value a recording holds
PREFIX = b'{"type":"frame","host_t":'
_RAW = b',"raw":"'
_INT = rb"-?(?:0|[1-9][0-9]{0,14})"
_PAIR = rb'"[A-Za-z0-9_]{1,64}":' + _INT
FRAME = re.compile(  # one frame line, strictly (the first of a chunk: the others must match its shape)
    rb'\{"type":"frame","host_t":((?:0|[1-9][0-9]{0,13})\.[0-9]{1,20}),'
    rb'"robot_t":(' + _INT + rb'),"seq":(' + _INT + rb'),'
    rb'"values":\{((?:' + _PAIR + rb',)*' + _PAIR + rb')\},"raw":"([ !#-\[\]-~]*)"\}')
_RAW_TAIL = re.compile(rb'\},"raw":"[ !#-\[\]-~]*"\}\n')  # a `raw` without `"` or escapes, to the end
_INT_CHARS = b"0123456789-"  # taken out to compare shapes; `.` stays, as it belongs to host_t alone
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_TOO_LONG = b"0" * 16  # a number of 16 digits or more may be beyond ±1e15: left to the JSON parser
_AS_ARRAY = bytes.maketrans(bytes(range(256)), bytes(
    c if c in b"0123456789.-," else 0x20 for c in range(256)))  # one `,` between two numbers
MAX_FIELDS = 24  # more fields in a frame (never seen): the JSON parser reads them


class FrameRun:
    """Consecutive frames with the same fields, as columns (in the order of the file)."""

    __slots__ = ("names", "host", "robot", "seq", "columns", "lines", "whole")

    def __init__(self, names: tuple[str, ...], flat: list, lines: list[bytes]) -> None:
        k = len(names) + 3
        self.names, self.lines = names, lines
        self.whole: FrameRun | None = None  # the run this one is a slice of (not itself: no cycle)
        self.host, self.robot, self.seq = flat[0::k], flat[1::k], flat[2::k]
        self.columns = [flat[j::k] for j in range(3, k)]

    def __len__(self) -> int:
        return len(self.seq)

    def slice(self, start: int, stop: int) -> FrameRun:
        """The frames start..stop-1 of this run."""
        run = FrameRun.__new__(FrameRun)
        run.names, run.lines, run.whole = self.names, self.lines[start:stop], self.whole or self
        run.host, run.robot, run.seq = self.host[start:stop], self.robot[start:stop], self.seq[start:stop]
        run.columns = [c[start:stop] for c in self.columns]
        return run

    def entries(self) -> list[dict[str, Any]]:
        """The frames as the JSON parser gives them."""
        names = self.names
        return [{"type": "frame", "host_t": h, "robot_t": r, "seq": s,
                 "values": dict(zip(names, row, strict=True)),
                 "raw": line.rpartition(_RAW)[2][:-2].decode("ascii")}
                for h, r, s, row, line in zip(self.host, self.robot, self.seq, zip(*self.columns, strict=True),
                                              self.lines, strict=True)]


def read_frames(lines: list[bytes]) -> FrameRun | None:
    """These lines as a run of frames, or None when one of them is not in the recorder's shape."""
    m = len(lines)
    first = FRAME.fullmatch(lines[0]) if m else None
    if first is None:
        return None
    keys = first.group(4).split(b",")
    names = tuple(k[1:k.index(b'"', 1)].decode("ascii") for k in keys)
    if len(names) > MAX_FIELDS or len(set(names)) != len(names):
        return None
    text, raws = _RAW_TAIL.subn(b"}\n", b"\n".join(lines) + b"\n")
    if raws != m:
        return None
    for mark, key in enumerate((k[:k.index(b'"', 1) + 2] for k in keys), start=0x80):
        if key.translate(None, _INT_CHARS) != key:  # a digit in the name
            text = text.replace(key, bytes([mark]))  # else `"ir1":` would read as `"ir0":`
    shape = text[:text.index(b"\n") + 1].translate(None, _INT_CHARS)
    if text.translate(None, _INT_CHARS) != shape * m or _TOO_LONG in text.translate(_DIGITS_AS_ZERO):
        return None
    try:
        flat = _loads(b"[" + text[len(PREFIX):].translate(_AS_ARRAY) + b"]")
    except ValueError:
        return None
    k = len(names) + 3
    if len(flat) != m * k or max(flat[0::k]) >= BIG:
        return None
    return FrameRun(names, flat, lines)
