"""Host → robot command lines: encoding, and a simulated robot (sim://, real pyserial) obeying them."""

from __future__ import annotations

import time

import pytest
import serial

import leanbot_kit.ports  # noqa: F401 - registers sim://
from leanbot_kit.errors import TelemetryError
from leanbot_kit.telemetry.commands import decode_command, encode_command
from leanbot_kit.telemetry.protocol import Event, Frame, Parser
from tests.command_fixtures import drive_lesson, is_event, read_messages
from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir  # noqa: F401 - fixtures


def test_command_lines_carry_the_protocol_checksum():
    assert encode_command("stop") == b"?stop*18\n"
    assert encode_command("start") == b"?start*60\n"
    assert decode_command(b"?stop*18\r\n") == "stop"
    for bad in (b"?stop*19", b"?stop", b"stop*18", b"?reboot*12", b"?stop*1a", b"?" + b"x" * 20 + b"*00"):
        assert decode_command(bad) is None


def test_an_unknown_command_is_a_clear_error():
    with pytest.raises(TelemetryError) as err:
        encode_command("reboot")
    assert "reboot" in err.value.message and "stop" in err.value.hint


@needs_cxx
@pytest.mark.usefixtures("sim_cache")
def test_stop_ends_a_driving_simulated_robot_within_a_second(tmp_path):
    lesson = drive_lesson(tmp_path)
    parser = Parser()
    with serial.serial_for_url(f"sim://{lesson}?speed=1&seed=1", timeout=0.2) as port:
        seen = read_messages(port, parser, lambda m: isinstance(m, Frame) and m.as_dict()["dist_mm"] > 5)
        assert seen and seen[-1].as_dict()["vl"] == 800
        port.write(encode_command("stop"))
        after = read_messages(port, parser, is_event("end"), limit_s=5)
        assert isinstance(after[-1], Event) and after[-1].args == ("stopped",), after[-3:]
        # speed=1: the robot's clock runs with the wall clock; the stop lands within a second of it
        assert after[-1].t_ms - seen[-1].t_ms < 1000
        time.sleep(0.5)
        assert not [m for m in parser.feed(port.read(port.in_waiting)) if isinstance(m, Frame)]


@needs_cxx
@pytest.mark.usefixtures("sim_cache")
def test_start_releases_a_lesson_waiting_for_the_start_pads(tmp_path):
    lesson = drive_lesson(tmp_path, "wait-pads", start="touch(TB1A, TB1B)")
    parser = Parser()
    with serial.serial_for_url(f"sim://{lesson}?speed=max&auto_start=0", timeout=0.2) as port:
        waiting = read_messages(port, parser, lambda m: isinstance(m, Frame) and m.t_ms >= 3000)
        assert not any(isinstance(m, Event) and m.kind == "start" for m in waiting)
        assert all(m.as_dict()["vl"] == 0 for m in waiting if isinstance(m, Frame))
        port.write(b"?start*61\n?begin*" + b"%02X" % 0 + b"\n")  # a bad checksum, an unknown word
        ignored = read_messages(port, parser, lambda m: isinstance(m, Frame) and m.t_ms >= waiting[-1].t_ms + 3000)
        assert not any(isinstance(m, Event) for m in ignored)
        port.write(encode_command("start"))
        started = read_messages(port, parser, lambda m: isinstance(m, Frame) and m.as_dict()["vl"] == 800)
        assert [m.kind for m in started if isinstance(m, Event)][:2] == ["start", "step"]
        assert parser.corrupt == 0 and parser.lost == 0


@needs_cxx
@pytest.mark.usefixtures("sim_cache")
def test_garbage_on_the_line_does_not_disturb_the_robot(tmp_path):
    lesson = drive_lesson(tmp_path)
    parser = Parser()
    with serial.serial_for_url(f"sim://{lesson}?speed=max", timeout=0.2) as port:
        read_messages(port, parser, is_event("step"))
        port.write(bytes(range(256)) + b"\n" + b"?" * 500 + b"\n?stop*18 \n?stop*18?stop*18\nhello\n")
        later = read_messages(port, parser, lambda m: isinstance(m, Frame) and m.t_ms >= 10_000)
        assert not any(isinstance(m, Event) and m.kind == "end" for m in later)
        assert later[-1].as_dict()["vl"] == 800
        port.write(b"\n" + encode_command("stop"))
        assert read_messages(port, parser, is_event("end"))[-1].args == ("stopped",)


@needs_cxx
@pytest.mark.usefixtures("sim_cache")
def test_the_simulators_auto_start_still_releases_the_start_wait(tmp_path):
    lesson = drive_lesson(tmp_path, "auto-pads", start="touch(TB1A, TB1B)")
    parser = Parser()
    with serial.serial_for_url(f"sim://{lesson}?speed=max", timeout=0.2) as port:
        seen = read_messages(port, parser, is_event("start"))
    start = seen[-1]
    assert start.kind == "start" and 2000 <= start.t_ms <= 2100  # 0.5 s, then the 1.5 s countdown
