"""sim:// through pyserial's serial_for_url: read, write → Serial.read, DTR reset, clean close."""

from __future__ import annotations

import os
import time

import pytest
import serial

import leanbot_kit.ports  # noqa: F401 - registers sim://
from leanbot_kit.sim.robots import flash_sim
from tests.conftest import LESSONS
from tests.sim_fixtures import (  # noqa: F401 - fixtures
    leanbot_sketch,
    needs_cxx,
    sim_cache,
    sim_cache_dir,
    write_sketch,
)

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]

ECHO = leanbot_sketch(
    '  Serial.println("ready");',
    "  if (Serial.available()) {\n    int c = Serial.read();\n    Serial.write((uint8_t)(c + 1));\n  }\n"
    "  LbDelay(1);")


def read_until(port, marker: bytes, limit_s: float = 10) -> bytes:
    data, end = b"", time.monotonic() + limit_s
    while marker not in data and time.monotonic() < end:
        data += port.read(port.in_waiting or 1)
    return data


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie still answers kill(0): look at its state
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_read_write_reset_and_close(tmp_path):
    ino = write_sketch(tmp_path / "echo", ECHO)
    port = serial.serial_for_url(f"sim://{ino}?speed=max&seed=1", timeout=2)
    try:
        assert read_until(port, b"ready\r\n").endswith(b"ready\r\n")
        port.write(b"AB")
        assert read_until(port, b"BC").endswith(b"BC")
        first_pid = port._robot.proc.pid
        port.dtr = False
        port.dtr = True  # the auto-reset pulse
        assert read_until(port, b"ready\r\n").endswith(b"ready\r\n")
        assert port._robot.proc.pid != first_pid
        assert not alive(first_pid)
    finally:
        pid = port._robot.proc.pid
        port.close()
    assert not alive(pid)
    assert not port.is_open


def test_read_times_out_with_what_arrived(tmp_path):
    ino = write_sketch(tmp_path / "quiet", leanbot_sketch('  Serial.print("x");', "  LbDelay(100);"))
    with serial.serial_for_url(f"sim://{ino}?speed=max", timeout=0.3) as port:
        t0 = time.monotonic()
        assert port.read(100) == b"x"
        assert time.monotonic() - t0 >= 0.25


def test_lesson_url_speaks_telemetry(monkeypatch):
    monkeypatch.chdir(LESSONS.parent)
    with serial.serial_for_url("sim://lessons/square-dance.yaml?speed=max&seed=1", timeout=5) as port:
        assert b"#LBK,1,square-dance" in read_until(port, b"#LBK,1,square-dance")


def test_real_time_pace_by_default(tmp_path):
    sketch = leanbot_sketch("", '  Serial.println(millis());\n  LbDelay(100);')
    with serial.serial_for_url(f"sim://{write_sketch(tmp_path / 'pace', sketch)}", timeout=1) as port:
        read_until(port, b"\n")
        time.sleep(0.5)
        lines = port.read(port.in_waiting).split()
    assert len(lines) < 20  # about 5 lines in half a second, not thousands


def test_named_robot_runs_what_was_flashed_and_reloads_on_reset(tmp_path):
    one = write_sketch(tmp_path / "one", leanbot_sketch('  Serial.println("sketch one");'))
    two = write_sketch(tmp_path / "two", leanbot_sketch('  Serial.println("sketch two");'))
    flash_sim("sim://robot-7", one.parent)
    with serial.serial_for_url("sim://robot-7?speed=max", timeout=2) as port:
        assert b"sketch one" in read_until(port, b"one")
        flash_sim("robot-7", two.parent)
        port.dtr = False
        port.dtr = True
        assert b"sketch two" in read_until(port, b"two")


def test_unknown_robot_or_bad_url_is_a_serial_exception(tmp_path):
    with pytest.raises(serial.SerialException, match="nothing has been flashed"):
        serial.serial_for_url("sim://never-flashed")
    with pytest.raises(serial.SerialException, match="speed"):
        serial.serial_for_url("sim://robot-1?speed=fast")
