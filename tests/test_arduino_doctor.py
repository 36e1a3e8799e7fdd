"""`leanbot doctor`: every check, and each one's failing path with its exact fix."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from leanbot_kit.arduino import doctor
from leanbot_kit.arduino.cli_runner import ArduinoCli
from leanbot_kit.arduino.ports import PortInfo
from leanbot_kit.cli import cli
from leanbot_kit.errors import SimError
from leanbot_kit.sim.sandbox import Layers
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401 - fixtures

ROBOT = PortInfo("/dev/ttyUSB0", chip="CH340", status="free")


def no_compiler() -> str:
    raise SimError("no working C++ compiler found for the simulator", "install g++")


@pytest.fixture
def healthy(fake_cli, tmp_path):
    rules = tmp_path / "rules.d"
    rules.mkdir()
    (rules / "50-udev-default.rules").write_text('SUBSYSTEM=="tty", KERNEL=="ttyUSB[0-9]*", GROUP="dialout"\n')
    return doctor.Machine(platform="linux", python=(3, 11, 4), is_root=False, cli=ArduinoCli,
                          compiler=lambda: "g++ 12", ports=lambda: [ROBOT],
                          groups=lambda: ["user", "dialout"], configured_groups=lambda: ["dialout"],
                          processes=lambda: ["bash"], service_state=lambda _n: "inactive",
                          udev_dirs=(rules,), sandbox=lambda: Layers(True, True, True, True, 6),
                          avr=lambda: "/usr/bin/avr-g++ (avr-g++ (GCC) 5.4.0, PATH); core /usr/share/arduino/hardware/arduino/avr")


def by_name(checks):
    return {c.name: c for c in checks}


def test_a_healthy_machine_passes_every_check(healthy):
    checks = doctor.run_checks(healthy)
    assert all(c.ok for c in checks), [c for c in checks if not c.ok]
    assert {"python", "arduino-cli", "core", "library", "c++ compiler", "AVR compiler", "dialout group",
            "ModemManager", "udev rules", "serial ports", "busy ports", "simulator confinement"} == \
        set(by_name(checks))
    assert by_name(checks)["core"].detail == "arduino:avr 1.8.6"
    assert not doctor.blocks_flashing(checks)


def test_old_python(healthy):
    check = doctor.check_python(replace(healthy, python=(3, 8, 10)))
    assert not check.ok and check.blocking and "3.10" in check.fix


def test_arduino_cli_missing(healthy, tmp_path, monkeypatch):
    monkeypatch.setenv("ARDUINO_CLI", str(tmp_path / "none"))
    checks = by_name(doctor.run_checks(healthy))
    assert not checks["arduino-cli"].ok and "install" in checks["arduino-cli"].fix
    assert not checks["core"].ok and not checks["library"].ok
    assert doctor.blocks_flashing(list(checks.values()))


@pytest.mark.parametrize("version", ["1.2.2", "0.35.3"])
def test_core_and_library_missing(healthy, fake_cli, version):
    fake_cli.set(version=version, mode="no-core,no-library")
    checks = by_name(doctor.run_checks(healthy))
    assert checks["arduino-cli"].ok
    for name in ("core", "library"):
        assert not checks[name].ok and checks[name].fix == "run 'leanbot setup'"


def test_no_compiler_for_the_simulator_does_not_block_flashing(healthy):
    checks = doctor.run_checks(replace(healthy, compiler=no_compiler))
    check = by_name(checks)["c++ compiler"]
    assert not check.ok and check.fix == "install g++"
    assert not doctor.blocks_flashing(checks)


def test_not_in_dialout(healthy):
    check = doctor.check_dialout(replace(healthy, groups=lambda: ["user"], configured_groups=list))
    assert not check.ok and check.blocking and "usermod -aG dialout" in check.fix


def test_added_to_dialout_but_not_logged_in_again(healthy):
    check = doctor.check_dialout(replace(healthy, groups=lambda: ["user"]))
    assert not check.ok and "log out" in check.fix


def test_root_needs_no_dialout(healthy):
    assert doctor.check_dialout(replace(healthy, is_root=True, groups=list)).ok


@pytest.mark.parametrize("state, processes", [("active", []), (None, ["ModemManager"])])
def test_modem_manager_running(healthy, state, processes):
    check = doctor.check_modem_manager(replace(healthy, service_state=lambda _n: state,
                                               processes=lambda: processes))
    assert not check.ok and "systemctl disable --now ModemManager" in check.fix


def test_no_udev_rule(healthy, tmp_path):
    check = doctor.check_udev(replace(healthy, udev_dirs=(tmp_path / "nothing",)))
    assert not check.ok and "99-leanbot.rules" in check.fix and "1a86" in check.fix


def test_no_robot_connected(healthy):
    checks = by_name(doctor.check_ports(replace(healthy, ports=lambda: [PortInfo("/dev/ttyS0")])))
    assert not checks["serial ports"].ok and "data USB cable" in checks["serial ports"].fix


def test_busy_port_names_the_holder(healthy):
    held = replace(ROBOT, status="busy", holder="arduino-cli (pid 42)")
    checks = by_name(doctor.check_ports(replace(healthy, ports=lambda: [held])))
    assert not checks["busy ports"].ok and "pid 42" in checks["busy ports"].detail


def test_linux_only_checks_are_skipped_elsewhere(healthy):
    names = set(by_name(doctor.run_checks(replace(healthy, platform="win32"))))
    assert not names & {"dialout group", "ModemManager", "udev rules"}


def test_cli_doctor_exit_code_and_lines(fake_cli):
    fake_cli.set(mode="no-core")
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "✗ core" in result.stdout and "fix: run 'leanbot setup'" in result.stdout
    assert "✓ python" in result.stdout
    data = json.loads(CliRunner().invoke(cli, ["doctor", "--json"]).stdout)
    assert {"name", "ok", "detail", "fix", "blocking"} <= set(data[0])


def test_the_doctor_says_which_confinement_is_missing(healthy):
    weak = replace(healthy, sandbox=lambda: Layers(True, True, False, False, 0))
    check = by_name(doctor.run_checks(weak))["simulator confinement"]
    assert not check.ok and not check.blocking
    assert "no network" in check.detail and "no writes outside its folder" in check.detail
    assert "no new processes" not in check.detail and "Landlock" in check.fix
    mac = replace(healthy, platform="darwin", sandbox=lambda: Layers(True, False, False, False))
    assert "on Linux" in by_name(doctor.run_checks(mac))["simulator confinement"].fix
