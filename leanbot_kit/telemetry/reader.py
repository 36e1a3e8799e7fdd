"""Read a recording back as a stream: bounded memory for any size, damaged entries skipped and counted.

The file is read in chunks of whole lines. A chunk's frames in the recorder's own shape are read as
one run of columns, without a dictionary each, and the lines between them (events, damage, anything
else) are parsed one by one (`blocks`, `blocks()`). A chunk whose frames cannot be read so is read
line by line: runs of frames between the other lines as columns when they can be (`fastframes`), else
parsed in one go (falling back to line by line when one of them is damaged). An entry is kept only
when its shape is what the recorder writes
(numbers where numbers belong, finite); anything else — cut, edited, nested 100 000 levels deep,
`Infinity`, `"NaN"` — is counted as damaged, with the line of the first one. A line longer than
`MAX_LINE` is damaged too and never held whole. A broken *last* line is what a killed recorder
leaves: it is noted as `truncated`, not as damage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import compress
from operator import methodcaller, not_
from pathlib import Path
from typing import Any, BinaryIO

from leanbot_kit.errors import FileError, TelemetryError
from leanbot_kit.files import RECORDING_BYTES, open_input, os_error_text
from leanbot_kit.i18n import _
from leanbot_kit.telemetry.blocks import Block, read_block
from leanbot_kit.telemetry.fastframes import PREFIX, FrameRun, read_frames

MAX_LINE = 64 * 1024  # a recorder line is a few hundred bytes
CHUNK = 128 * 1024  # small enough for the work on a chunk to stay in the processor's cache
_BIG = 1e15  # beyond any time or value a recording holds; also false for NaN and infinity

try:  # a faster parser when installed; the standard one otherwise
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - orjson is a dependency
    _fast_loads = None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _slow_loads(data: bytes) -> Any:
    return json.loads(data, parse_constant=_no_constant)


_loads = _fast_loads or _slow_loads


_NUMBER = (int, float)
_INT = {int}


def _bounded_int(x: Any) -> bool:
    return x is None or (type(x) is int and -_BIG < x < _BIG)


def valid_entry(e: Any) -> bool:
    """True when `e` has the shape the recorder writes for its `type` (see telemetry.md)."""
    if type(e) is not dict:
        return False
    host_t = e.get("host_t", 0)
    if type(host_t) not in _NUMBER or not -_BIG < host_t < _BIG \
            or not _bounded_int(e.get("robot_t")) or not _bounded_int(e.get("seq")):
        return False
    kind = e.get("type")
    if kind == "frame":
        values = e.get("values")
        items = values.values() if type(values) is dict else values if type(values) is list else None
        if items is None:
            return False
        return not items or (set(map(type, items)) == _INT and min(items) > -_BIG
                             and max(items) < _BIG)
    if kind == "event":
        args = e.get("args", [])
        return type(e.get("kind")) is str and type(args) is list and all(
            type(a) is str or (type(a) is int and -_BIG < a < _BIG) for a in args)
    return type(kind) is str


class RecordingReader:
    """A recording on disk: its header at once, its entries streamed (`batches`) as often as asked."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.header = self._read_header()
        self.damaged = 0
        self.first_damaged: int | None = None  # line number in the file
        self.truncated = False

    def _read_header(self) -> dict[str, Any]:
        not_recording = TelemetryError(
            _("{path} is not a leanbot recording").format(path=self.path),
            _("record one with `leanbot monitor --record FILE.jsonl`"))
        with self._open() as fh:
            try:
                first = fh.readline(MAX_LINE)
            except OSError as e:
                raise TelemetryError(_("cannot read {path}: {error}").format(
                    path=self.path, error=os_error_text(e)), _("check the file name")) from e
        try:
            header = _loads(first)
        except (ValueError, RecursionError) as e:
            raise not_recording from e
        if not isinstance(header, dict) or header.get("type") != "recording":
            raise not_recording
        return header

    def _open(self) -> BinaryIO:
        try:
            return open_input(self.path, RECORDING_BYTES)
        except FileError as e:
            raise TelemetryError(e.message, e.hint) from e

    def _bad(self, line_no: int) -> None:
        self.damaged += 1
        if self.first_damaged is None:
            self.first_damaged = line_no

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The valid entries after the header, a chunk of the file at a time."""
        for parts in self.parts():
            yield [e for part in parts
                   for e in (part.entries() if type(part) is FrameRun else part)]

    def parts(self) -> Iterator[list[list[dict[str, Any]] | FrameRun]]:
        """The valid entries after the header, a chunk at a time, in order: lists of entries and
        runs of frames in the recorder's shape (`FrameRun`, columns: no dictionary per frame)."""
        for block in self.blocks():
            yield block.parts()

    def blocks(self) -> Iterator[Block]:
        """The valid entries after the header, a chunk at a time (`blocks.Block`)."""
        self.damaged, self.first_damaged, self.truncated = 0, None, False
        pending: int | None = None  # a broken line: damage, unless it turns out to be the last
        line_no = 1
        shape = None  # the shape of the frames of the last block read fast
        for chunk in self._chunks():
            block = read_block(chunk, shape) if type(chunk) is bytes else None
            if block is not None:  # it has frames: a broken line before it was damage
                if pending is not None:
                    self._bad(pending)
                pending = self._place(block, line_no + 1)
                line_no += block.lines
                shape = block.run.shape
                yield block
                continue
            lines = chunk if type(chunk) is list else chunk.split(b"\n")[:-1]
            if pending is not None and any(lines):
                self._bad(pending)
                pending = None
            parts, pending = self._split(lines, line_no + 1, pending)
            line_no += len(lines)
            yield Block(None, [], len(lines), parts)
        self.truncated = pending is not None

    def _place(self, block: Block, first_no: int) -> int | None:
        """Parse the lines between the frames of a block read fast; the broken line left pending."""
        pending: int | None = None
        frames = 0
        for i, at, line in block.others:
            if pending is not None and at > frames:  # frames came after the broken line
                self._bad(pending)
                pending = None
            entries, pending = self._parse_one(line, first_no + i, pending)
            if entries:
                block.entries.append((at, entries))
            frames = at
        if pending is not None and len(block.run) > frames:
            self._bad(pending)
            pending = None
        return pending

    def _split(self, lines: list[bytes], first_no: int, pending: int | None) -> tuple[list, int | None]:
        """Runs of recorder-shaped frames as `FrameRun`s; the lines between them parsed as JSON."""
        flags = list(map(_is_frame, lines))
        cuts = list(compress(range(len(lines)), map(not_, flags)))
        cuts.append(len(lines))
        every = read_frames(list(compress(lines, flags)))  # usually all the frames are sound
        parts: list = []
        start = done = 0  # line and frame where the current run starts
        for cut in cuts:
            if cut > start:  # lines start..cut-1 look like frames
                run = every.slice(done, done + cut - start) if every else read_frames(lines[start:cut])
                done += cut - start
                if run is None:
                    entries, pending = self._parse(lines[start:cut], first_no + start, pending)
                    parts.append(entries)
                else:
                    if pending is not None:
                        self._bad(pending)
                        pending = None
                    parts.append(run)
            if cut < len(lines):
                entries, pending = self._parse(lines[cut:cut + 1], first_no + cut, pending)
                if entries:
                    parts.append(entries)
            start = cut + 1
        return parts, pending

    def _parse_one(self, line: bytes, line_no: int,
                   pending: int | None) -> tuple[list[dict[str, Any]], int | None]:
        """Parse one line: the same as `_parse([line], …)`, with less to do."""
        if not line.strip():
            return [], pending
        if pending is not None:
            self._bad(pending)
        try:
            e = _loads(line)
        except (ValueError, RecursionError):
            return [], line_no
        if valid_entry(e):
            return [e], None
        self._bad(line_no)
        return [], None

    def _parse(self, lines: list[bytes], first_no: int,
               pending: int | None) -> tuple[list[dict[str, Any]], int | None]:
        """Parse a run of lines: all at once when they are sound, else one by one."""
        try:
            parsed = _loads(b"[" + b",\n".join(lines) + b"]") if lines else []
        except (ValueError, RecursionError):
            parsed = None
        if parsed is not None and len(parsed) == len(lines):
            if pending is not None and parsed:  # lines follow the broken one: it was damage
                self._bad(pending)
                pending = None
            out = [e for e in parsed if valid_entry(e)]
            if len(out) < len(parsed):
                for i, e in enumerate(parsed):
                    if not valid_entry(e):
                        self._bad(first_no + i)
            return out, pending
        if len(lines) > 64:  # a damaged line in there: parse the halves (the sound one at once)
            half = len(lines) // 2
            head, pending = self._parse(lines[:half], first_no, pending)
            tail, pending = self._parse(lines[half:], first_no + half, pending)
            return head + tail, pending
        out = []
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            if pending is not None:
                self._bad(pending)
                pending = None
            try:
                e = _loads(line)
            except (ValueError, RecursionError):
                e = None
            if valid_entry(e):
                out.append(e)
            elif e is None:
                pending = first_no + i
            else:
                self._bad(first_no + i)
        return out, pending

    def _chunks(self) -> Iterator[bytes | list[bytes]]:
        """The file after its first line, a chunk at a time: whole lines as one text (each with its
        newline), or as a list of lines around a line longer than `MAX_LINE` (which stands as
        `_TOO_LONG`) and for a last line without its newline."""
        with self._open() as fh:
            fh.readline(MAX_LINE)
            carry, skipping = b"", False
            while chunk := fh.read(CHUNK):
                end = chunk.rfind(b"\n") + 1
                if end and not skipping and len(chunk) - end <= MAX_LINE:
                    text = carry + chunk[:end] if carry else chunk[:end]
                    if not _long_line(text):
                        carry = chunk[end:]
                        yield text
                        continue
                lines = chunk.split(b"\n")
                if skipping:  # the rest of a too-long line, already counted as `_TOO_LONG`
                    if len(lines) == 1:
                        continue
                    del lines[0]
                    skipping = False
                else:
                    lines[0] = carry + lines[0]
                carry = lines.pop()
                if len(carry) > MAX_LINE:
                    lines.append(_TOO_LONG)
                    carry, skipping = b"", True
                if lines and max(map(len, lines)) > MAX_LINE:
                    lines = [line if len(line) <= MAX_LINE else _TOO_LONG for line in lines]
                yield lines
            if carry:
                yield [carry]


def _long_line(text: bytes) -> bool:
    """Whether a line of `text` may be longer than `MAX_LINE`: one holds a whole stretch of half of
    it, aligned, without a newline."""
    half = MAX_LINE // 2
    return any(text.find(b"\n", at, at + half) < 0 for at in range(0, len(text), half))


_is_frame = methodcaller("startswith", PREFIX)
_TOO_LONG = b"\x00too long"  # stands for a line longer than MAX_LINE (never valid JSON)
