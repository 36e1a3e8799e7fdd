"""Recordings: one JSON object a line (JSONL), flushed per line, plus an optional CSV of the frames.

The first line describes the recording::

    {"type": "recording", "version": 1, "port": …, "robot_id": …, "lesson": …, "schema": [...],
     "started": "2026-11-28T09:00:00+00:00"}

then one line per message: `frame`, `event`, `header`, `text`, `corrupt`, each with `host_t` (seconds
since the start), `robot_t` (the robot's t_ms, or null), `seq`, `values`, and `raw` (the line as
received, without its line ending); `disconnect`/`reconnect` markers; and `robot_id` once the robot
names itself. A process killed mid-write loses at most the line being written.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from leanbot_kit.errors import TelemetryError, os_error_text
from leanbot_kit.files import open_output_stream
from leanbot_kit.i18n import _
from leanbot_kit.telemetry.protocol import (
    Corrupt,
    Event,
    Frame,
    Header,
    Message,
    Text,
    encode_event,
    encode_frame,
    encode_header,
)

FORMAT_VERSION = 1


def message_entry(msg: Message, host_t: float) -> dict[str, Any]:
    """The JSON object a recording keeps for one message."""
    t = round(host_t, 4)
    if isinstance(msg, Frame):
        values: Any = msg.as_dict() if msg.fields is not None else list(msg.values)
        raw = encode_frame(msg.seq, msg.t_ms, msg.values)[:-1].decode("ascii")
        return {"type": "frame", "host_t": t, "robot_t": msg.t_ms, "seq": msg.seq,
                "values": values, "raw": raw}
    if isinstance(msg, Event):
        raw = encode_event(msg.seq, msg.t_ms, msg.kind, msg.args)[:-1].decode("ascii")
        return {"type": "event", "host_t": t, "robot_t": msg.t_ms, "seq": msg.seq,
                "kind": msg.kind, "args": list(msg.args), "raw": raw}
    if isinstance(msg, Header):
        raw = encode_header(msg.lesson_id, msg.period_ms, msg.fields, msg.version)[:-1]
        return {"type": "header", "host_t": t, "robot_t": None, "seq": None,
                "lesson": msg.lesson_id, "period_ms": msg.period_ms, "fields": list(msg.fields),
                "raw": raw.decode("ascii")}
    if isinstance(msg, Text):
        return {"type": "text", "host_t": t, "robot_t": None, "seq": None, "raw": msg.line}
    if isinstance(msg, Corrupt):
        return {"type": "corrupt", "host_t": t, "robot_t": None, "seq": None,
                "reason": msg.reason, "raw": msg.line}
    raise TypeError(f"not a telemetry message: {msg!r}")


class CsvFrames:
    """Frames as a table: `host_t,t_ms,seq,<fields>`; a schema change writes a new heading row."""

    def __init__(self, path: str | Path) -> None:
        self._fh = open_output_stream(path, newline="")  # closed in close(); never via a symlink
        self._writer = csv.writer(self._fh)
        self._fields: tuple[str, ...] | None = None

    def write(self, frame: Frame, host_t: float) -> None:
        """Add one frame as a row (and a heading row first when the columns change)."""
        fields = frame.fields or tuple(f"v{i + 1}" for i in range(len(frame.values)))
        if fields != self._fields:
            self._writer.writerow(("host_t", "t_ms", "seq", *fields))
            self._fields = fields
        self._writer.writerow((f"{host_t:.4f}", frame.t_ms, frame.seq, *frame.values))
        self._fh.flush()

    def close(self) -> None:
        """Close the file."""
        self._fh.close()


class Recorder:
    """Writes a recording (and/or a CSV of the frames) as messages arrive, flushing every line.

    `on_entry`, when given, also receives every entry (the recording header first), e.g. to send it on.
    """

    def __init__(self, path: str | Path | None, *, port: str, lesson: str | None = None,
                 schema: tuple[str, ...] | None = None, csv_path: str | Path | None = None,
                 on_entry: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._on_entry = on_entry
        try:
            self._fh: TextIO | None = open_output_stream(self.path) if self.path else None
            self._csv = CsvFrames(csv_path) if csv_path else None
        except OSError as e:
            raise TelemetryError(
                _("cannot write the recording {path}: {error}").format(path=path, error=os_error_text(e)),
                _("choose a folder you can write to")) from e
        self.robot_id: str | None = None
        self._write({"type": "recording", "version": FORMAT_VERSION, "port": port,
                     "robot_id": None, "lesson": lesson,
                     "schema": list(schema) if schema is not None else None,
                     "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})

    def _write(self, entry: dict[str, Any]) -> None:
        if self._on_entry is not None:
            self._on_entry(entry)
        if self._fh is None:
            return
        self._fh.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._fh.flush()

    def write(self, msg: Message, host_t: float) -> None:
        """Record one message received `host_t` seconds after the start."""
        self._write(message_entry(msg, host_t))
        if self._csv is not None and isinstance(msg, Frame):
            self._csv.write(msg, host_t)

    def set_robot_id(self, robot_id: str, host_t: float) -> None:
        """Note the robot's name (the `LB` + digits boot line) once it is known."""
        if robot_id != self.robot_id:
            self.robot_id = robot_id
            self._write({"type": "robot_id", "host_t": round(host_t, 4), "robot_id": robot_id})

    def mark(self, kind: str, host_t: float, detail: str = "") -> None:
        """Write a `disconnect` or `reconnect` marker."""
        self._write({"type": kind, "host_t": round(host_t, 4), "robot_t": None, "seq": None,
                     "detail": detail})

    def close(self) -> None:
        """Close the files."""
        if self._fh is not None:
            self._fh.close()
        if self._csv is not None:
            self._csv.close()


@dataclass(frozen=True)
class Recording:
    """A recording read back whole: its header (`robot_id` filled in when it was seen) and entries.

    For big files use `reader.RecordingReader`, which streams; both offer `batches()`.
    """

    path: Path
    header: dict[str, Any]
    entries: tuple[dict[str, Any], ...]
    truncated: bool = False
    damaged: int = 0
    first_damaged: int | None = None

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """The entries, as one batch."""
        yield list(self.entries)


def read_recording(path: str | Path) -> Recording:
    """Read a JSONL recording into memory; damaged entries are skipped and counted (see reader)."""
    from leanbot_kit.telemetry.reader import RecordingReader

    reader = RecordingReader(path)
    entries = [e for batch in reader.batches() for e in batch]
    header = reader.header
    for entry in entries:
        if entry.get("type") == "robot_id":
            header = {**header, "robot_id": entry.get("robot_id")}
    return Recording(Path(path), header, tuple(entries), reader.truncated, reader.damaged,
                     reader.first_damaged)
