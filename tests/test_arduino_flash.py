"""Flashing a class: compile once, upload in parallel, retry transient failures, isolate the failing one."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leanbot_kit.arduino.flash import flash, select_ports
from leanbot_kit.arduino.ports import PortInfo
from leanbot_kit.cli import cli
from leanbot_kit.errors import ArduinoCliError, FlashError
from tests.arduino_fixtures import fake_cli_fixture, sketch_dir_fixture  # noqa: F401 - fixtures

PORTS = ["/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyUSB2", "/dev/ttyUSB3"]


def test_one_compile_then_one_upload_per_port(fake_cli, sketch_dir):
    results = flash(sketch_dir, PORTS)
    assert [r.ok for r in results] == [True] * 4
    assert len(fake_cli.calls("compile")) == 1
    uploads = fake_cli.calls("upload")
    assert sorted(a[a.index("--port") + 1] for a in uploads) == PORTS
    hex_dirs = {a[a.index("--input-dir") + 1] for a in uploads}
    assert len(hex_dirs) == 1 and "builds" in hex_dirs.pop()


def test_retries_and_one_failure_isolated(fake_cli, sketch_dir):
    fake_cli.control(upload_by_port={"/dev/ttyUSB1": "not-in-sync-once",
                                     "/dev/ttyUSB2": "permission",
                                     "/dev/ttyUSB3": "busy"})
    events = []
    results = {r.port: r for r in flash(sketch_dir, PORTS, retry_delay=0, on_progress=events.append)}
    assert (results["/dev/ttyUSB0"].ok, results["/dev/ttyUSB0"].attempts) == (True, 1)
    assert (results["/dev/ttyUSB1"].ok, results["/dev/ttyUSB1"].attempts) == (True, 2)
    perm = results["/dev/ttyUSB2"]
    assert (perm.ok, perm.attempts, perm.kind) == (False, 1, "permission")  # not transient
    assert "dialout" in perm.hint
    busy = results["/dev/ttyUSB3"]
    assert (busy.ok, busy.attempts, busy.kind) == (False, 3, "busy")  # 1 + 2 retries
    states = {(e.port, e.state) for e in events}
    assert ("/dev/ttyUSB1", "retrying") in states and ("/dev/ttyUSB2", "failed") in states


def test_retries_can_be_turned_off(fake_cli, sketch_dir):
    fake_cli.set(mode="not-in-sync,fail-once")
    [result] = flash(sketch_dir, ["/dev/ttyUSB0"], retries=0, retry_delay=0)
    assert (result.ok, result.attempts, result.kind) == (False, 1, "not-in-sync")


def test_nothing_is_uploaded_from_a_failed_build(fake_cli, sketch_dir):
    fake_cli.set(mode="compile-error")
    with pytest.raises(ArduinoCliError):
        flash(sketch_dir, PORTS)
    assert fake_cli.calls("upload") == []


def test_second_flash_reuses_the_cached_build(fake_cli, sketch_dir):
    flash(sketch_dir, PORTS[:1])
    flash(sketch_dir, PORTS[:2])
    assert len(fake_cli.calls("compile")) == 1 and len(fake_cli.calls("upload")) == 3


def listing(*devices: str):
    return lambda: [PortInfo("/dev/ttyS0"), *(PortInfo(d, chip="CH340") for d in devices)]


def test_one_robot_needs_no_port():
    assert select_ports([], all_ports=False, listing=listing("/dev/ttyUSB0")) == ["/dev/ttyUSB0"]


def test_two_robots_need_a_choice():
    with pytest.raises(FlashError) as info:
        select_ports([], all_ports=False, listing=listing("/dev/ttyUSB0", "/dev/ttyUSB1"))
    assert "/dev/ttyUSB0" in info.value.message and "--all" in info.value.hint


def test_no_robot_is_explained():
    with pytest.raises(FlashError) as info:
        select_ports([], all_ports=False, listing=listing())
    assert "leanbot ports" in info.value.hint


def test_all_takes_every_robot_plus_the_given_ports():
    chosen = select_ports(["sim://a"], all_ports=True, listing=listing("/dev/ttyUSB0", "/dev/ttyUSB1"))
    assert chosen == ["sim://a", "/dev/ttyUSB0", "/dev/ttyUSB1"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_flash_all_in_json(fake_cli, sketch_dir):
    fake_cli.set(ports="ch340,ch340,ftdi")
    result = run("flash", str(sketch_dir), "--all", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(r["port"] for r in data) == ["/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyUSB2"]
    assert all(r["ok"] and r["attempts"] == 1 for r in data)


def test_cli_flash_exit_1_when_one_robot_fails(fake_cli, sketch_dir):
    fake_cli.control(upload_by_port={"/dev/ttyUSB1": "permission"})
    result = run("flash", str(sketch_dir), "-p", "/dev/ttyUSB0", "-p", "/dev/ttyUSB1")
    assert result.exit_code == 1
    assert "FAILED" in result.stdout and "ok" in result.stdout
    assert "dialout" in result.stderr


def test_cli_flash_with_two_robots_and_no_port_lists_them(fake_cli, sketch_dir):
    fake_cli.set(ports="ch340,ftdi")
    result = run("flash", str(sketch_dir))
    assert result.exit_code == 1
    assert "/dev/ttyUSB0" in result.stderr and "--all" in result.stderr
    assert fake_cli.calls("compile") == []


def test_cli_flash_one_robot_without_port(fake_cli, sketch_dir):
    fake_cli.set(ports="ch340")
    result = run("flash", str(sketch_dir), "--json")
    assert result.exit_code == 0, result.output
    assert [r["port"] for r in json.loads(result.stdout)] == ["/dev/ttyUSB0"]


def test_cli_build_prints_sizes_against_the_limits(fake_cli, sketch_dir):
    first = run("build", str(sketch_dir))
    second = run("build", str(sketch_dir), "--json")
    assert first.exit_code == 0 and "of 32256 bytes" in first.stdout and "of 2048 bytes" in first.stdout
    assert json.loads(second.stdout)["cached"] is True


def test_cli_build_too_big_fails_with_advice(fake_cli, sketch_dir):
    fake_cli.set(mode="too-big")
    result = run("build", str(sketch_dir))
    assert result.exit_code == 1
    assert "32256" in result.stderr and "Hint:" in result.stderr
