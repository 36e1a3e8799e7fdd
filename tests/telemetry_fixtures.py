"""Fixtures of the telemetry tests: robot byte streams, recordings, and a `flaky://` port.

`flaky://REC.jsonl?up=U&down=D` replays a recording like `replay://`, then vanishes U seconds after
it was first opened (reads fail, opening fails) and comes back D seconds later, replaying the
recording again from its start, as a robot that was unplugged and plugged in again (which resets it).
"""

from __future__ import annotations

import errno
import sys
import threading
import time
import types
import urllib.parse
from pathlib import Path

import serial
from serial import SerialException

import leanbot_kit.ports  # noqa: F401 - registers replay://
from leanbot_kit.ports import protocol_replay
from leanbot_kit.telemetry.protocol import Parser, encode_event, encode_frame, encode_header
from leanbot_kit.telemetry.recording import Recorder

FIELDS = ("line", "ping_mm", "dist_mm", "rot_deg", "vl", "vr")


def robot_lines(frames: int, *, fields: tuple[str, ...] = FIELDS, period_ms: int = 50,
                lesson_id: str = "demo", seq0: int = 0, boot: bool = True,
                robot_id: str | None = "LB123456", start_at: int = 2) -> list[tuple[float, bytes]]:
    """(robot seconds, line) of a robot that boots, starts its mission and streams `frames` frames."""
    out: list[tuple[float, bytes]] = []
    if robot_id:
        out += [(0.0, b"AT+NAME\r\n"), (0.0, robot_id.encode() + b"\r\n")]
    out.append((0.0, encode_header(lesson_id, period_ms, fields)))
    seq = seq0
    if boot:
        out.append((0.0, encode_event(seq, 0, "boot")))
        seq += 1
    for i in range(frames):
        t = i * period_ms
        if i == start_at:
            out.append((t / 1000, encode_event(seq & 0xFFFF, t, "start")))
            seq += 1
        if i % 20 == 0:
            out.append((t / 1000, encode_event(seq & 0xFFFF, t, "step", [i // 20 + 1])))
            seq += 1
        values = [(i // 5) % 16, 100 + i % 400, i * 2, (i // 20) * 90, 1000, -1000][: len(fields)]
        values += [i] * (len(fields) - len(values))
        out.append((t / 1000, encode_frame(seq & 0xFFFF, t, values)))
        seq += 1
    return out


def stream_bytes(lines: list[tuple[float, bytes]]) -> bytes:
    """The lines as one byte stream."""
    return b"".join(line for _t, line in lines)


def write_recording(path: Path, lines: list[tuple[float, bytes]], port: str = "test") -> Path:
    """A recording of the lines, received at their robot times."""
    parser, rec = Parser(), Recorder(path, port=port)
    for t, line in lines:
        for msg in parser.feed(line):
            rec.write(msg, t)
        if parser.robot_id:
            rec.set_robot_id(parser.robot_id, t)
    rec.close()
    return path


_flaky_started: dict[str, float] = {}
_flaky_lock = threading.Lock()


def _flaky_options(url: str) -> tuple[str, float, float, str]:
    rest = url[len("flaky://"):]
    path, _sep, query = rest.partition("?")
    opts = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    return path, float(opts.get("up", 0.3)), float(opts.get("down", 0.6)), opts.get("speed", "max")


class FlakySerial(protocol_replay.Serial):
    """A replayed robot that is unplugged for a while, then plugged in again."""

    def _phase(self) -> str:
        _path, up, down, _speed = _flaky_options(self.port)
        with _flaky_lock:
            started = _flaky_started.setdefault(self.port, time.monotonic())
        age = time.monotonic() - started
        return "up" if age < up else "gone" if age < up + down else "back"

    def replay_url(self) -> str:
        path, _up, _down, speed = _flaky_options(self.port)
        return f"replay://{path}?speed={speed}"

    def open(self) -> None:
        if self._phase() == "gone":
            raise SerialException(errno.ENOENT, f"could not open port {self.port}: no such device")
        super().open()

    def read(self, size: int = 1) -> bytes:
        if self._phase() == "gone":
            raise SerialException("device reports readiness to read but returned no data "
                                  "(device disconnected or multiple access on port?)")
        return super().read(size)


def register_flaky() -> None:
    """Make `flaky://` known to pyserial (idempotent)."""
    if "telemetry_test_ports" in sys.modules:
        return
    package = types.ModuleType("telemetry_test_ports")
    package.__path__ = []  # a package, so pyserial can import `.protocol_flaky` from it
    handler = types.ModuleType("telemetry_test_ports.protocol_flaky")
    handler.Serial = FlakySerial
    sys.modules["telemetry_test_ports"] = package
    sys.modules["telemetry_test_ports.protocol_flaky"] = handler
    serial.protocol_handler_packages.append("telemetry_test_ports")
