"""The fast path of the recording reader: frames in the recorder's own shape, read as columns.

Almost every line of a recording is a frame written by the recorder, always the same way:
`{"type":"frame","host_t":1.2345,"robot_t":…,"seq":…,"values":{"name":int,…},"raw":"…"}`. The frames
are checked and read with a few whole-text operations, no Python work per line:
- one line (the first that can be) against a strict pattern, which gives the field names and the
  line's *skeleton*: the line with its `raw` cut and its digits and `-` taken out;
- every `raw` is printable ASCII without `"` or `\\` and ends its line (one regex substitution cuts
  them, leaving a mark that a line without a `raw` cannot have);
- every other line must have exactly that skeleton (names holding a digit are swapped for one-byte
  marks first, so `ir0`/`ir1` cannot trade places): the same pieces of text, a number between each
  two, the one `.` in `host_t`;
- the numbers, parsed as one JSON array, are then integers (and a float `host_t`) strictly within
  ±1e15 — what `reader.valid_entry` accepts.
Such lines become columns of numbers that a report sums, compares and counts in bulk. A line with
another skeleton is handed back, untouched, for the JSON parser (`read_pieces`); when the numbers do
not pass, nothing is taken. Either way a line gives the same entry (tests/test_telemetry_fast_reader.py
compares both paths on damaged recordings).
"""

from __future__ import annotations

import re
from itertools import compress
from operator import not_
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
FRAME = re.compile(  # one frame line, strictly (the one the others must match the skeleton of)
    rb'\{"type":"frame","host_t":((?:0|[1-9][0-9]{0,13})\.[0-9]{1,20}),'
    rb'"robot_t":(' + _INT + rb'),"seq":(' + _INT + rb'),'
    rb'"values":\{((?:' + _PAIR + rb',)*' + _PAIR + rb')\},"raw":"([ !#-\[\]-~]*)"\}')
# a `raw` without `"` or escapes, to the end of its line (`(?!\n)` only makes the search faster)
_RAW_TAIL = re.compile(rb'\}(?!\n),"raw":"[ !#-\[\]-~]*"\}\n')
_CUT = b"}\x1f\n"  # what a cut `raw` leaves: no sound line has a control character
_INT_CHARS = b"0123456789-"  # taken out to compare shapes; `.` stays, as it belongs to host_t alone
# the numbers, `,` between them (one each, as in the skeleton) and, where a key or a `}` ends, a space,
# so that digits out of place stand apart and are refused by the JSON parser; the rest is dropped
_NUMBERS = bytes.maketrans(b":}", b"  ")
_NOT_NUMBERS = bytes(c for c in range(256) if c not in b"0123456789.-,:}")
MAX_FIELDS = 24  # more fields in a frame (never seen): the JSON parser reads them
_TRIES = 16  # lines tried as the one that gives the skeleton


class FrameRun:
    """Consecutive frames with the same fields, as columns (in the order of the file).

    `lo` and `hi` are each column's minimum and maximum (host, robot, seq, then the fields), `rising`
    whether it is known never to go down.
    """

    __slots__ = ("names", "host", "robot", "seq", "columns", "lo", "hi", "rising", "_texts", "_lines",
                 "whole", "shape")

    def __init__(self, names: tuple[str, ...], flat: list, texts: list, start: int = 0) -> None:
        k = len(names) + 3
        self.names = names
        self._texts, self._lines = texts, None  # the lines, from (text, lines left out) pairs
        self.whole: FrameRun | None = None  # the run this one is a slice of (not itself: no cycle)
        self.shape: Any = None  # what its lines were checked against (see read_pieces)
        every = [flat[j::k] for j in range(start, start + k)]
        self.host, self.robot, self.seq = every[0], every[1], every[2]
        self.columns = every[3:]
        self.lo, self.hi, self.rising = zip(*map(_bounds, every), strict=True)

    def __len__(self) -> int:
        return len(self.seq)

    @property
    def lines(self) -> list[bytes]:
        """The frames' lines as in the file (without their newline)."""
        if self._lines is None:
            lines: list[bytes] = []
            for text, left_out in self._texts:
                these = text.split(b"\n")
                these.pop()
                if left_out:
                    these = [line for i, line in enumerate(these) if i not in left_out]
                lines += these
            self._lines = lines
        return self._lines

    def slice(self, start: int, stop: int) -> FrameRun:
        """The frames start..stop-1 of this run."""
        run = FrameRun.__new__(FrameRun)
        run.names, run.whole, run._texts, run.shape = self.names, self.whole or self, None, None
        run._lines = self.lines[start:stop]
        run.host, run.robot, run.seq = self.host[start:stop], self.robot[start:stop], self.seq[start:stop]
        run.columns = [c[start:stop] for c in self.columns]
        run.lo = run.hi = run.rising = None  # only the whole run's are kept
        return run

    def entries(self) -> list[dict[str, Any]]:
        """The frames as the JSON parser gives them."""
        names = self.names
        return [{"type": "frame", "host_t": h, "robot_t": r, "seq": s,
                 "values": dict(zip(names, row, strict=True)),
                 "raw": line.rpartition(_RAW)[2][:-2].decode("ascii")}
                for h, r, s, row, line in zip(self.host, self.robot, self.seq, zip(*self.columns, strict=True),
                                              self.lines, strict=True)]


def _bounds(column: list) -> tuple[Any, Any, bool]:
    """The minimum and maximum of a column, and whether it is known never to go down.

    A sample tells the cheapest way: sorting when it is sorted (times, counters, constants: then
    sorting is one pass, and comparing with the column is quick, the items being the same), the set
    of values when it repeats itself (a few values), else min() and max()."""
    sample = column[::64]
    if sample == sorted(sample):
        ordered = sorted(column)
        return ordered[0], ordered[-1], ordered == column
    if len(set(sample)) * 2 <= len(sample):
        column = set(column)
    return min(column), max(column), False


class _Shape:
    """What the strict line tells about the others: the names, the marks, the skeleton."""

    __slots__ = ("names", "marks", "line", "bare")

    def __init__(self, names: tuple[str, ...], marks: list[tuple[bytes, bytes]], line: bytes) -> None:
        self.names, self.marks = names, marks
        self.line = self.cut(line + b"\n").translate(None, _INT_CHARS)  # the skeleton, with its newline
        self.bare = self.line[:-1]

    def cut(self, text: bytes) -> bytes:
        """The lines with their `raw` cut and the names holding a digit swapped for marks."""
        text = _RAW_TAIL.sub(_CUT, text)
        for key, mark in self.marks:
            text = text.replace(key, mark)  # else `"ir1":` would read as `"ir0":`
        return text


def _shape(line: bytes) -> _Shape | None:
    first = FRAME.fullmatch(line)
    if first is None:
        return None
    keys = first.group(4).split(b",")
    names = tuple(k[1:k.index(b'"', 1)].decode("ascii") for k in keys)
    if len(names) > MAX_FIELDS or len(set(names)) != len(names):
        return None
    marks = [(key, bytes([mark])) for mark, key in enumerate(
        (k[:k.index(b'"', 1) + 2] for k in keys), start=0x80) if key.translate(None, _INT_CHARS) != key]
    return _Shape(names, marks, line)


def _find_shape(texts: list[bytes], known: _Shape | None) -> _Shape | None:
    """The shape of the first of the first few lines that is a frame, strictly; `known` (a shape
    found before) when the first frame line has its skeleton."""
    tries = _TRIES
    for text in texts:
        start = 0
        while start < len(text) and tries:
            end = text.index(b"\n", start)
            if text.startswith(PREFIX, start):
                line = text[start:end]
                if known is not None and known.cut(line + b"\n").translate(None, _INT_CHARS) == known.line:
                    return known
                shape = _shape(line)
                if shape is not None:
                    return shape
            start, tries = end + 1, tries - 1
        if not tries:
            break
    return None


def _piece(text: bytes, shape: _Shape) -> tuple[bytes, int, int, list[tuple[int, bytes]]]:
    """The frame lines of one text: their cut text and count, the text's line count, and its other
    lines (index, line)."""
    cut = shape.cut(text)
    skeleton = cut.translate(None, _INT_CHARS)
    count, rest = divmod(len(skeleton), len(shape.line))
    if not rest and skeleton == shape.line * count:
        return cut, count, count, []
    sound = skeleton.split(b"\n")
    sound.pop()
    sound = list(map(shape.bare.__eq__, sound))
    cut_lines, lines = cut.split(b"\n"), text.split(b"\n")
    cut_lines.pop()
    good = list(compress(cut_lines, sound))
    others = [(i, lines[i]) for i in compress(range(len(sound)), map(not_, sound))]
    return (b"\n".join(good) + b"\n" if good else b""), len(good), len(sound), others


def read_pieces(texts: list[bytes], known: Any = None) -> tuple[FrameRun, list[tuple[int, list]]] | None:
    """The frames of these texts (whole lines each) as one run, and per text its line count and the
    lines that are not frames in the recorder's shape (index in the text, line); None when no line
    is, or when the numbers of one of them do not pass (then the JSON parser reads them all).

    `known` is the `run.shape` of texts read before (the same shape is then not worked out again)."""
    if any(b"\x1f" in text for text in texts):  # a control character: never in a sound line
        return None
    shape = _find_shape(texts, known)
    if shape is None:
        return None
    cuts, others, m = [], [], 0
    for text in texts:
        cut, count, size, left = _piece(text, shape) if text else (b"", 0, 0, [])
        cuts.append(cut)
        others.append((size, left))
        m += count
    k = len(shape.names) + 3
    try:  # the first number, 0, stands before the `,` of the first line's `"frame",`
        flat = _loads(b"[0 " + b"".join(cuts).translate(_NUMBERS, _NOT_NUMBERS) + b"]")
    except ValueError:
        return None
    if len(flat) != m * k + 1:
        return None
    run = FrameRun(shape.names, flat, [(t, {i for i, _ in o}) for t, (_, o) in zip(texts, others, strict=True)], 1)
    if min(run.lo) <= -BIG or max(run.hi) >= BIG:
        return None
    run.shape = shape
    return run, others


def read_frames(lines: list[bytes]) -> FrameRun | None:
    """These lines as a run of frames, or None when one of them is not in the recorder's shape."""
    got = read_pieces([b"\n".join(lines) + b"\n"]) if lines else None
    if got is None or got[1][0][1]:
        return None
    return got[0]
