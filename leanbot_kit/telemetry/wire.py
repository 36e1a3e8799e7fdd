"""The byte-level rules of protocol v1: checksum, printable bytes, and the shape of one line.

Kept apart from the message types so the hot path stays a handful of C-level bytes operations
(`translate`, `split`, `int`) per line.
"""

from __future__ import annotations

import json
import json.scanner

MAX_LINE = 120  # bytes of a protocol line, without its line ending
MAX_PENDING = 512  # a line longer than this without a newline is discarded as corrupt

_PRINTABLE = bytes(range(0x20, 0x7F))  # anything else in a line is noise (docs/protocol.md)
_NUMERIC = b"0123456789,-"
HEX = {b"%02X" % i: i for i in range(256)}
_SIGILS = {36: "$", 33: "!", 35: "#"}

# Reasons a line is corrupt (stable strings: recordings keep them; translate with _ when shown).
NOISE, TOO_LONG, NO_CHECKSUM, BAD_CHECKSUM, BAD_SHAPE = (
    "noise", "too long", "no checksum", "bad checksum", "bad shape")


def checksum(payload: bytes) -> int:
    """The XOR of every byte of `payload` (the bytes between the sigil and `*`)."""
    x = 0
    for b in payload:
        x ^= b
    return x


def printable_violation(raw: bytes) -> bool:
    """True when `raw` holds a byte outside printable ASCII: wrong-baud noise."""
    return bool(raw.translate(None, _PRINTABLE))


def _digits(s: str) -> bool:
    return s.isdigit() and s.isascii()


_scan = json.scanner.c_make_scanner(json.JSONDecoder())


def frame_parts(payload: bytes) -> tuple | None:
    """(seq, t_ms, values) of a frame payload, or None when its shape is wrong."""
    if payload.translate(None, _NUMERIC):
        return None
    try:  # the C JSON scanner parses a list of integers faster than int() per item
        numbers, _end = _scan("[" + payload.decode("ascii") + "]", 0)
    except (StopIteration, ValueError):
        return None
    if len(numbers) < 2:
        return None
    seq, t_ms = numbers[0], numbers[1]
    if not (0 <= seq <= 0xFFFF and 0 <= t_ms <= 0xFFFFFFFF):
        return None
    values = numbers[2:]
    if values and (min(values) < -0x80000000 or max(values) > 0x7FFFFFFF):
        return None  # the robot's values are 32-bit: anything else is damage, not data
    return seq, t_ms, tuple(values)


def _arg(a: str) -> int | str:
    body = a[1:] if a[:1] == "-" else a
    if body.isdigit() and body.isascii() and len(body) < 19 and str(int(a)) == a:
        return int(a)
    return a


def _event(text: str) -> tuple | None:
    parts = text.split(",")
    if len(parts) < 3 or not _digits(parts[0]) or not _digits(parts[1]):
        return None
    seq, t_ms, kind = int(parts[0]), int(parts[1]), parts[2]
    if seq > 0xFFFF or t_ms > 0xFFFFFFFF or not (kind.isidentifier() and kind.islower()):
        return None
    return seq, t_ms, kind, tuple(_arg(a) for a in parts[3:])


def _header(text: str) -> tuple | None:
    parts = text.split(",")
    if len(parts) < 4 or parts[0] != "LBK" or not _digits(parts[1]) or not _digits(parts[3]):
        return None
    lesson_id, fields = parts[2], tuple(parts[4:])
    if not lesson_id or not all(f.isidentifier() for f in fields):
        return None
    return int(parts[1]), lesson_id, int(parts[3]), fields


def decode_line(raw: bytes) -> tuple[str, object, str | None]:
    """Classify one line (no line ending): (sigil or "", decoded parts or text, corrupt reason or None)."""
    if raw.translate(None, _PRINTABLE):
        return "", None, NOISE
    sigil = _SIGILS.get(raw[0])
    if sigil is None:
        return "", raw.decode("ascii"), None
    if len(raw) > MAX_LINE:
        return sigil, None, TOO_LONG
    if len(raw) < 4 or raw[-3] != 42:  # '*'
        return sigil, None, NO_CHECKSUM
    payload = raw[1:-3]
    if HEX.get(raw[-2:]) != checksum(payload):
        return sigil, None, BAD_CHECKSUM
    if sigil == "$":
        parts = frame_parts(payload)
    elif sigil == "!":
        parts = _event(payload.decode("ascii"))
    else:
        parts = _header(payload.decode("ascii"))
    if parts is None:
        return sigil, None, BAD_SHAPE
    return sigil, parts, None
