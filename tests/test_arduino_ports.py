"""`leanbot ports`: pyserial + arduino-cli's board list, chips by USB id, busy/free, robot names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import serial
from click.testing import CliRunner

from leanbot_kit.arduino import busy
from leanbot_kit.arduino.ports import PortInfo, chip_for, list_ports, merge
from leanbot_kit.arduino.robots import find_robot_id, known_robot_ids, remember_robot_id
from leanbot_kit.cli import cli
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401 - fixtures


def free(_device: str) -> tuple[str, str]:
    return "free", ""


def no_system() -> list[PortInfo]:
    return []


@pytest.mark.parametrize("vid, pid, chip", [("1a86", "7523", "CH340"), ("0403", "6001", "FTDI"),
                                            ("10c4", "ea60", "CP210x"), ("2341", "0043", "Arduino"),
                                            ("2341", "805A", "Arduino"), ("dead", "beef", "")])
def test_chip_by_usb_id(vid, pid, chip):
    assert chip_for(vid, pid) == chip


@pytest.mark.parametrize("version", ["1.2.2", "0.35.3"])
def test_board_list_ports_with_chips(fake_cli, version):
    fake_cli.set(version=version, ports="serial,ch340,ftdi,cp210x,uno")
    ports = {p.device: p for p in list_ports(probe=free, system=no_system)}
    assert {d: p.chip for d, p in ports.items()} == {
        "/dev/ttyS0": "", "/dev/ttyUSB0": "CH340", "/dev/ttyUSB1": "FTDI", "/dev/ttyUSB2": "CP210x",
        "/dev/ttyACM0": "Arduino"}
    assert ports["/dev/ttyACM0"].board == "Arduino Uno (arduino:avr:uno)"
    assert ports["/dev/ttyUSB1"].serial_number.startswith("A50285B")
    assert not ports["/dev/ttyS0"].is_robot and ports["/dev/ttyUSB0"].is_robot


def test_empty_board_list(fake_cli):
    fake_cli.set(ports="empty")
    assert list_ports(probe=free, system=no_system) == []


def test_without_arduino_cli_pyserial_alone_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("ARDUINO_CLI", str(tmp_path / "missing"))
    system = lambda: [PortInfo("/dev/ttyUSB5", vid="1a86", pid="7523", chip="CH340")]  # noqa: E731
    assert [p.device for p in list_ports(probe=free, system=system)] == ["/dev/ttyUSB5"]


def test_merge_fills_gaps_from_arduino_cli():
    mine = [PortInfo("/dev/ttyACM0", "ttyACM0")]
    theirs = [PortInfo("/dev/ttyACM0", vid="2341", pid="0043", chip="Arduino", board="Arduino Uno"),
              PortInfo("/dev/ttyUSB0", chip="CH340")]
    merged = {p.device: p for p in merge(mine, theirs)}
    assert merged["/dev/ttyACM0"].board == "Arduino Uno" and merged["/dev/ttyACM0"].chip == "Arduino"
    assert "/dev/ttyUSB0" in merged


def test_sim_ports_only_when_asked(fake_cli):
    fake_cli.set(ports="ch340")
    assert all(not p.device.startswith("sim://") for p in list_ports(probe=free, system=no_system))
    ports = list_ports(sim=["sim://robot-1"], probe=free, system=no_system)
    assert ports[-1].device == "sim://robot-1" and ports[-1].is_robot


def test_robot_names_are_remembered_per_port(fake_cli):
    assert find_robot_id("AT+NAME\r\nLB123456\r\n") == "LB123456"
    assert find_robot_id("hello") is None
    remember_robot_id("/dev/ttyUSB0", "LB123456")
    assert known_robot_ids() == {"/dev/ttyUSB0": "LB123456"}
    fake_cli.set(ports="ch340")
    [port] = list_ports(probe=free, system=no_system)
    assert port.robot_id == "LB123456"


@pytest.fixture
def pty_device():
    master, slave = os.openpty()
    yield os.ttyname(slave)
    os.close(master)
    os.close(slave)


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc (Linux)")
def test_port_held_by_another_program_is_busy_with_its_name(pty_device):
    code = "import sys,time; f=open(sys.argv[1],'rb',buffering=0); print('held',flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code, pty_device], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, who = busy.probe_status(pty_device)
        assert status == "busy" and f"pid {holder.pid}" in who
    finally:
        holder.kill()
        holder.wait()
    assert busy.probe_status(pty_device) == ("free", "")


def test_exclusive_open_sees_a_held_port(pty_device):
    held = serial.Serial(pty_device, exclusive=True)
    try:
        assert busy.probe_open(pty_device)[0] == "busy"
    finally:
        held.close()
    assert busy.probe_open(pty_device)[0] == "free"


def test_missing_device(tmp_path):
    assert busy.probe_status(str(tmp_path / "ttyUSB9"))[0] == "missing"
    assert busy.probe_open(str(tmp_path / "ttyUSB9"))[0] == "missing"
    assert busy.probe_status("sim://robot") == ("free", "")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may open anything")
def test_unreadable_device_is_no_permission(tmp_path):
    device = tmp_path / "ttyFAKE"
    device.write_text("")
    device.chmod(0)
    assert busy.probe_status(str(device))[0] == "no-permission"


def test_cli_ports_json(fake_cli):
    fake_cli.set(ports="ch340,uno")
    result = CliRunner().invoke(cli, ["ports", "--json", "--sim", "sim://r1"])
    assert result.exit_code == 0, result.output
    devices = {p["device"]: p for p in json.loads(result.stdout)}
    assert devices["/dev/ttyUSB0"]["chip"] == "CH340"
    assert devices["/dev/ttyUSB0"]["status"] == "missing"  # the fake's port is not on this computer
    assert devices["sim://r1"]["chip"] == "simulated"
    table = CliRunner().invoke(cli, ["ports"])
    assert "CH340" in table.stdout and "1a86:7523" in table.stdout


def test_built_in_ports_are_hidden_and_robots_come_first():
    from leanbot_kit.arduino.ports import shown_ports

    ports = [PortInfo("/dev/ttyACM0", vid="1234", pid="5678"),          # a USB device, not a robot chip
             PortInfo("/dev/ttyS0"), PortInfo("/dev/ttyS1"),               # the computer's own ports
             PortInfo("/dev/ttyUSB0", vid="1a86", pid="7523", chip="CH340"),
             PortInfo("COM1"),
             PortInfo("sim://r1", chip="simulated")]
    shown, hidden = shown_ports(ports)
    assert [p.device for p in shown] == ["/dev/ttyUSB0", "sim://r1", "/dev/ttyACM0"]
    assert [p.device for p in hidden] == ["/dev/ttyS0", "/dev/ttyS1", "COM1"]
    shown, hidden = shown_ports(ports, show_all=True)
    assert [p.device for p in shown] == ["/dev/ttyUSB0", "sim://r1", "/dev/ttyACM0", "/dev/ttyS0",
                                         "/dev/ttyS1", "COM1"]
    assert hidden == []


def test_leanbot_ports_hides_ttys_unless_all(fake_cli):
    fake_cli.set(ports="serial,ch340")
    result = CliRunner().invoke(cli, ["ports", "--json"])
    devices = [p["device"] for p in json.loads(result.stdout)]
    assert devices[0] == "/dev/ttyUSB0"
    assert not any(d.startswith("/dev/ttyS") for d in devices)
    result = CliRunner().invoke(cli, ["ports"])
    assert "/dev/ttyS0" in result.stderr and "--all" in result.stderr   # says what it hid
    assert "/dev/ttyS0" not in result.stdout
    result = CliRunner().invoke(cli, ["ports", "--all", "--json"])
    devices = [p["device"] for p in json.loads(result.stdout)]
    assert devices[0] == "/dev/ttyUSB0" and "/dev/ttyS0" in devices
