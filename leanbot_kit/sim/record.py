"""Save a simulated run as a telemetry recording (the JSONL format of `leanbot monitor --record`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def write_recording(run, path: str | Path) -> Path:
    """Write `run`'s Serial output as a recording; times are simulated seconds since reset."""
    from leanbot_kit.telemetry.protocol import Event, Frame, Parser
    from leanbot_kit.telemetry.recording import Recorder

    lesson_id = getattr(run.lesson, "id", None)
    recorder = Recorder(path, port=f"sim://{run.name}", lesson=lesson_id)
    try:
        parser, host_t = Parser(), 0.0
        for chunk in (*_chunks(run), b"\n"):
            for msg in parser.feed(chunk):
                if isinstance(msg, (Frame, Event)):
                    host_t = msg.t_ms / 1000
                recorder.write(msg, host_t)
    finally:
        recorder.close()
    return Path(path)


def _chunks(run) -> Iterator[bytes]:
    """The run's whole Serial output, a chunk at a time (from its file when it has one)."""
    path = getattr(run, "serial_file", None)
    if path is None or not Path(path).is_file():
        yield run.serial
        return
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 16):
            yield chunk
