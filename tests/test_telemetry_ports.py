"""Ports through the real `serial_for_url`: loop://, replay://, a flaky port, busy and missing ports."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time

import pytest
from serial import SerialException

from leanbot_kit.errors import PortError
from leanbot_kit.ports.open import open_port, port_error
from leanbot_kit.telemetry.protocol import Frame, Parser
from leanbot_kit.telemetry.recording import read_recording
from leanbot_kit.telemetry.session import CLOSED, CONNECTED, WAITING, Session, SessionOptions
from tests.telemetry_fixtures import register_flaky, robot_lines, stream_bytes, write_recording


def test_loop_port_carries_protocol_lines_to_a_session(tmp_path):
    port = open_port("loop://")
    data = stream_bytes(robot_lines(30))
    port.write(data)
    got, parser = b"", Parser()
    while len(got) < len(data):
        got += port.read(max(1, port.in_waiting))
    msgs = parser.feed(got)
    assert sum(isinstance(m, Frame) for m in msgs) == 30 and parser.lost == 0
    port.close()


def test_replay_port_plays_a_recording_at_max_speed(tmp_path):
    lines = robot_lines(100)
    rec = write_recording(tmp_path / "r.jsonl", lines)
    port = open_port(f"replay://{rec}?speed=max")
    data = port.read(1_000_000)
    assert data.replace(b"\r", b"") == stream_bytes(lines).replace(b"\r", b"")
    assert port.read(10) == b""  # the recording is over: a silent robot
    port.close()


def test_replay_keeps_the_recordings_timing(tmp_path):
    rec = write_recording(tmp_path / "r.jsonl", robot_lines(21, period_ms=50))  # 1 s of frames
    port = open_port(f"replay://{rec}?speed=4", timeout=0.05)
    first = port.read(100_000)
    assert b"#LBK" in first and b"$20," not in first  # the last frame is 0.25 s away
    port.close()


def test_replay_url_errors_are_port_errors(tmp_path):
    with pytest.raises(PortError, match="not a leanbot recording|cannot read"):
        open_port(f"replay://{tmp_path}/missing.jsonl")
    with pytest.raises(PortError, match="speed"):
        open_port(f"replay://{tmp_path}/x.jsonl?speed=fast")
    with pytest.raises(PortError, match="unknown kind of port"):
        open_port("nosuch://thing")


def test_a_missing_device_lists_the_ports_present():
    with pytest.raises(PortError) as info:
        open_port("/dev/ttyLEANBOT-NOT-HERE")
    assert "there is no port" in info.value.message and "ports present" in info.value.hint


def test_a_busy_port_names_its_holder_and_the_usual_suspects(tmp_path):
    master, slave = os.openpty()
    device = os.ttyname(slave)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from leanbot_kit.ports.open import open_port; "
         f"p = open_port({device!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(PortError) as info:
            open_port(device)
        assert "busy" in info.value.message
        assert f"pid {holder.pid}" in info.value.hint
        assert "Arduino IDE" in info.value.hint and "leanbot monitor" in info.value.hint
    finally:
        holder.kill()
        holder.wait()
        os.close(master)
        os.close(slave)


def test_permission_denied_gives_the_dialout_fix():
    denied = SerialException(errno.EACCES, "could not open port /dev/ttyUSB0: [Errno 13] "
                                           "Permission denied: '/dev/ttyUSB0'")
    err = port_error("/dev/ttyUSB0", denied)
    assert "permission denied" in err.message
    if sys.platform.startswith("linux"):
        assert "usermod -aG dialout" in err.hint and "log out" in err.hint
    busy = port_error("/dev/ttyUSB0", SerialException(errno.EBUSY, "Device or resource busy"))
    assert "busy" in busy.message


def test_unplug_and_replug_reconnects_and_keeps_one_recording(tmp_path):
    register_flaky()
    rec = write_recording(tmp_path / "robot.jsonl", robot_lines(40))
    out = tmp_path / "monitor.jsonl"
    session = Session(SessionOptions(f"flaky://{rec}?up=0.3&down=0.5", record=out, retry_s=0.1))
    statuses = [u.status for u in session.updates(duration=1.6) if u.status]
    assert statuses[0] == CONNECTED and WAITING in statuses
    assert statuses[statuses.index(WAITING):].count(CONNECTED) >= 1 and statuses[-1] == CLOSED
    entries = read_recording(out).entries
    kinds = [e["type"] for e in entries]
    assert "disconnect" in kinds and "reconnect" in kinds
    assert kinds.index("disconnect") < kinds.index("reconnect")
    after = kinds[kinds.index("reconnect"):]
    assert after.count("frame") == 40  # the replugged robot's whole run, in the same file
    assert session.parser.lost == 0


def test_a_session_on_a_port_that_never_existed_fails_with_a_port_error():
    session = Session(SessionOptions("/dev/ttyLEANBOT-NOT-HERE"))
    with pytest.raises(PortError):
        list(session.updates(duration=0.2))


def test_a_session_stops_when_asked(tmp_path):
    rec = write_recording(tmp_path / "r.jsonl", robot_lines(1000))
    stop = threading.Event()
    session = Session(SessionOptions(f"replay://{rec}?speed=1"))
    started = time.monotonic()
    for update in session.updates(stop):
        if update.stats.frames >= 3:
            stop.set()
    assert time.monotonic() - started < 5
    assert update.status == CLOSED


def test_wrong_baud_noise_through_a_port_grows_corrupt_and_nothing_breaks(tmp_path):
    noise = [(0.0, bytes([0xF8, 0x00, 0x80, 0xFE, 0x78, 0xE0]) * 7 + b"\n") for _ in range(20)]
    rec = write_recording(tmp_path / "noisy.jsonl", noise + robot_lines(10))
    session = Session(SessionOptions(f"replay://{rec}?speed=max"))
    statuses = [u.status for u in session.updates(duration=0.3)]
    stats = session.parser.stats()
    assert stats.corrupt == 20 and stats.frames == 10 and statuses[-1] == CLOSED


@pytest.mark.hardware
def test_a_real_robot_streams_intact_frames(pytestconfig):
    """Run with `pytest --port /dev/ttyUSB0` and a robot running a generated lesson."""
    session = Session(SessionOptions(pytestconfig.getoption("--port")[0]))
    for _update in session.updates(duration=6):  # the header repeats every 5 s
        pass
    stats = session.parser.stats()
    assert session.parser.header is not None and stats.frames > 0
    assert stats.corrupt == 0 and stats.lost == 0
