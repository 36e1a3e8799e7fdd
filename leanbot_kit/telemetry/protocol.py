"""Telemetry protocol v1 on the host: message types, encoders, and the incremental parser.

The wire format (DESIGN.md §7, docs/protocol.md), one ASCII line each, `\\n` or `\\r\\n`:

    #LBK,1,<lesson-id>,<period-ms>,<field>,...*HH   header
    $<seq>,<t_ms>,<v1>,<v2>,...*HH                  frame
    !<seq>,<t_ms>,<kind>[,<arg>...]*HH              event
    anything else                                   console text

`HH` is the XOR of the bytes between the sigil and `*`, as two upper-case hex digits.
"""

from __future__ import annotations

from dataclasses import dataclass

from leanbot_kit.telemetry.wire import (
    BAD_SHAPE,
    HEX,
    MAX_LINE,
    MAX_PENDING,
    TOO_LONG,
    checksum,
    decode_line,
    frame_parts,
    printable_violation,
)

__all__ = [
    "MAX_LINE", "MAX_PENDING", "Corrupt", "Event", "Frame", "Header", "LinkStats", "Message",
    "Parser", "Text", "checksum", "encode_event", "encode_frame", "encode_header",
]

SEQ_MOD = 65536
EVENT_KINDS = ("boot", "start", "step", "end", "mark", "warn")


@dataclass(frozen=True, slots=True)
class Header:
    """A header line: protocol version, lesson id, frame period and the names of the frame fields."""

    version: int
    lesson_id: str
    period_ms: int
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    """A frame of values; `fields` names them (None when no schema is known: kept raw)."""

    seq: int
    t_ms: int
    values: tuple[int, ...]
    fields: tuple[str, ...] | None

    def as_dict(self) -> dict[str, int]:
        """The values by field name (empty when the frame is raw)."""
        return dict(zip(self.fields, self.values, strict=True)) if self.fields is not None else {}


@dataclass(frozen=True, slots=True)
class Event:
    """An event: `boot`, `start`, `step`, `end`, `mark`, `warn`; integer-looking args become ints."""

    seq: int
    t_ms: int
    kind: str
    args: tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class Text:
    """A line of console text (student prints, `AT+NAME`, the `LB123456` boot line)."""

    line: str


@dataclass(frozen=True, slots=True)
class Corrupt:
    """A line damaged on the way (bad checksum, shape, length, or noise); bytes kept as latin-1."""

    line: str
    reason: str


Message = Header | Frame | Event | Text | Corrupt


@dataclass(frozen=True)
class LinkStats:
    """The parser's counters at one moment."""

    lines: int = 0
    frames: int = 0
    events: int = 0
    headers: int = 0
    text: int = 0
    corrupt: int = 0
    lost: int = 0
    resets: int = 0


def _payload(fields: list[str]) -> bytes:
    payload = ",".join(fields).encode("ascii")
    if b"*" in payload or printable_violation(payload):
        raise ValueError(f"not a valid protocol payload: {payload!r}")
    return payload


def _line(sigil: bytes, payload: bytes) -> bytes:
    return b"%s%s*%02X\n" % (sigil, payload, checksum(payload))


def encode_header(lesson_id: str, period_ms: int, fields: tuple[str, ...] | list[str],
                  version: int = 1) -> bytes:
    """The header line (with its newline) a robot sends at boot and every 5 s."""
    return _line(b"#", _payload(["LBK", str(version), lesson_id, str(period_ms), *fields]))


def encode_frame(seq: int, t_ms: int, values: tuple[int, ...] | list[int]) -> bytes:
    """One frame line (with its newline)."""
    return _line(b"$", _payload([str(seq), str(t_ms), *(str(int(v)) for v in values)]))


def encode_event(seq: int, t_ms: int, kind: str, args: tuple | list = ()) -> bytes:
    """One event line (with its newline)."""
    return _line(b"!", _payload([str(seq), str(t_ms), kind, *(str(a) for a in args)]))


class Parser:
    """Incremental parser: `feed(bytes)` returns the messages of every line completed so far.

    Counting rules (docs/protocol.md): a sigil line is corrupt unless its checksum, shape and length
    are right (a frame whose value count differs from the header's fields has the wrong shape); a line
    with bytes outside printable ASCII is corrupt; other non-empty lines are text. `lost` counts the seq
    values skipped between consecutive intact frames/events (mod 65536); a `boot` event at seq 0 is a
    robot reset and restarts the sequence (a new header always switches the schema at once). Frames
    before any header use `schema` when it fits, else stay raw. Counters are cumulative.
    """

    def __init__(self, schema: tuple[str, ...] | list[str] | None = None) -> None:
        self.schema: tuple[str, ...] | None = tuple(schema) if schema is not None else None
        self.header: Header | None = None
        self.robot_id: str | None = None
        self._pending = b""
        self._discarding = False
        self._last_seq: int | None = None
        self.lines = self.frames = self.events = self.headers = 0
        self.text = self.corrupt = self.lost = self.resets = 0

    def stats(self) -> LinkStats:
        """A snapshot of the counters."""
        return LinkStats(self.lines, self.frames, self.events, self.headers, self.text,
                         self.corrupt, self.lost, self.resets)

    def resync(self) -> None:
        """Forget the partial line and the last seq (after a reconnect: bytes in between were never seen)."""
        self._pending = b""
        self._discarding = False
        self._last_seq = None

    def feed(self, data: bytes) -> list[Message]:
        """Parse `data` (any chunk of the stream); return the messages of the lines it completes."""
        out: list[Message] = []
        if not data:
            return out
        pieces = (self._pending + data).split(b"\n")
        self._pending = pieces.pop()
        if self._discarding and pieces:
            pieces[0] = b""  # the tail of an over-long line already reported
            self._discarding = False
        line_msg = self._line
        for raw in pieces:
            if raw:
                msg = line_msg(raw)
                if msg is not None:
                    out.append(msg)
        if len(self._pending) > MAX_PENDING and not self._discarding:
            out.append(self._overlong(self._pending))
            self._pending = b""
            self._discarding = True
        elif self._discarding:
            self._pending = b""
        return out

    def _overlong(self, raw: bytes) -> Corrupt:
        self.lines += 1
        self.corrupt += 1
        return Corrupt(raw[: MAX_PENDING + 1].decode("latin-1"), TOO_LONG)

    def _line(self, raw: bytes) -> Message | None:
        if len(raw) > MAX_PENDING:
            return self._overlong(raw)
        if raw[-1] == 13:  # '\r'
            raw = raw[:-1]
            if not raw:
                return None
        self.lines += 1
        if raw[0] == 36 and 3 < len(raw) <= MAX_LINE and raw[-3] == 42:  # fast path: '$…*HH'
            payload = raw[1:-3]
            x = 0
            for b in payload:
                x ^= b
            if HEX.get(raw[-2:]) == x:
                parts = frame_parts(payload)
                if parts is not None:
                    return self._frame(parts, raw)
        kind, parts, reason = decode_line(raw)
        if reason:
            self.corrupt += 1
            return Corrupt(raw.decode("latin-1"), reason)
        if kind == "!":
            return self._event(parts)
        if kind == "#":
            return self._header(parts)
        self.text += 1
        if parts[:2] == "LB" and len(parts) == 8 and parts[2:].isdigit():
            self.robot_id = parts
        return Text(parts)

    def _count_seq(self, seq: int) -> None:
        last = self._last_seq
        if last is not None:
            self.lost += (seq - last - 1) % SEQ_MOD
        self._last_seq = seq

    def _frame(self, parts: tuple, raw: bytes) -> Frame | Corrupt:
        seq, t_ms, values = parts
        header = self.header
        if header is not None:
            fields = header.fields
            if len(fields) != len(values):  # not the shape the header announced
                self.corrupt += 1
                return Corrupt(raw.decode("latin-1"), BAD_SHAPE)
        else:  # no header yet: the lesson's schema if it fits, else raw values
            fields = self.schema
            if fields is not None and len(fields) != len(values):
                fields = None
        self.frames += 1
        last = self._last_seq
        if last is not None and seq != (last + 1) & 0xFFFF:
            self.lost += (seq - last - 1) % SEQ_MOD
        self._last_seq = seq
        return Frame(seq, t_ms, values, fields)

    def _event(self, parts: tuple) -> Event:
        seq, t_ms, kind, args = parts
        self.events += 1
        if kind == "boot" and seq == 0:
            if self._last_seq is not None:
                self.resets += 1
            self._last_seq = None
        self._count_seq(seq)
        return Event(seq, t_ms, kind, args)

    def _header(self, parts: tuple) -> Header:
        self.headers += 1
        header = Header(*parts)
        if header != self.header:
            self.header = header
        return self.header
