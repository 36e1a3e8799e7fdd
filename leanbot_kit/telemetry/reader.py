"""Read a recording back as a stream: bounded memory for any size, damaged entries skipped and counted.

The file is read in chunks; each chunk's lines are parsed in one go (falling back to line by line
when one of them is damaged). An entry is kept only when its shape is what the recorder writes
(numbers where numbers belong, finite); anything else — cut, edited, nested 100 000 levels deep,
`Infinity`, `"NaN"` — is counted as damaged, with the line of the first one. A line longer than
`MAX_LINE` is damaged too and never held whole. A broken *last* line is what a killed recorder
leaves: it is noted as `truncated`, not as damage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from leanbot_kit.errors import FileError, TelemetryError
from leanbot_kit.files import RECORDING_BYTES, open_input, os_error_text
from leanbot_kit.i18n import _

MAX_LINE = 64 * 1024  # a recorder line is a few hundred bytes
CHUNK = 4 * 1024 * 1024
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


def _number(x: Any) -> bool:
    return (type(x) is int or type(x) is float) and -_BIG < x < _BIG


def _int_or_none(x: Any) -> bool:
    return x is None or (type(x) is int and -_BIG < x < _BIG)


def valid_entry(e: Any) -> bool:
    """True when `e` has the shape the recorder writes for its `type` (see telemetry.md)."""
    if type(e) is not dict:
        return False
    kind = e.get("type")
    if not _number(e.get("host_t", 0)) or not _int_or_none(e.get("robot_t")) \
            or not _int_or_none(e.get("seq")):
        return False
    if kind == "frame":
        values = e.get("values")
        items = values.values() if type(values) is dict else values if type(values) is list else None
        return items is not None and all(type(v) is int and -_BIG < v < _BIG for v in items)
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
        self.damaged, self.first_damaged, self.truncated = 0, None, False
        pending: int | None = None  # a broken line: damage, unless it turns out to be the last
        line_no = 1
        for lines in self._lines():
            if pending is not None and any(lines):
                self._bad(pending)
                pending = None
            entries, pending = self._parse(lines, line_no + 1, pending)
            line_no += len(lines)
            yield entries
        self.truncated = pending is not None

    def _parse(self, lines: list[bytes], first_no: int,
               pending: int | None) -> tuple[list[dict[str, Any]], int | None]:
        """Parse a run of lines: all at once when they are sound, else one by one."""
        try:
            parsed = _loads(b"[" + b",\n".join(lines) + b"]") if lines else []
        except (ValueError, RecursionError):
            parsed = None
        if parsed is not None and len(parsed) == len(lines):
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

    def _lines(self) -> Iterator[list[bytes]]:
        """The file after its first line, as lists of whole lines (a too-long line as `_TOO_LONG`)."""
        with self._open() as fh:
            fh.readline(MAX_LINE)
            carry, skipping = b"", False
            while chunk := fh.read(CHUNK):
                lines = chunk.split(b"\n")
                if skipping:  # the rest of a too-long line
                    if len(lines) == 1:
                        continue
                    lines[0], skipping = _TOO_LONG, False
                else:
                    lines[0] = carry + lines[0]
                carry = lines.pop()
                if len(carry) > MAX_LINE:
                    lines.append(_TOO_LONG)
                    carry, skipping = b"", True
                yield [line if len(line) <= MAX_LINE else _TOO_LONG for line in lines]
            if carry:
                yield [carry]


_TOO_LONG = b"\x00too long"  # stands for a line longer than MAX_LINE (never valid JSON)
