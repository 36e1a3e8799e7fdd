"""Running arduino-cli (the fake, in 0.x and 1.x shapes): versions, flags, and every failure's advice."""

from __future__ import annotations

import stat

import pytest

from leanbot_kit.arduino.build import build_sketch
from leanbot_kit.arduino.cli_runner import ArduinoCli
from leanbot_kit.errors import ArduinoCliError
from tests.arduino_fixtures import fake_cli_fixture, sketch_dir_fixture, write_sketch  # noqa: F401 - fixtures

VERSIONS = ["1.2.2", "0.35.3", "0.21.1"]  # 0.21: errors as plain text


def test_1x_is_detected_with_one_json_call(fake_cli):
    version = ArduinoCli().version
    assert (version.text, version.json_flags, version.supports_profiles) == (
        "1.2.2", ("--json",), True)
    assert fake_cli.calls("version") == [["version", "--json"]]


def test_0x_falls_back_to_format_json(fake_cli):
    fake_cli.set(version="0.35.3")
    version = ArduinoCli().version
    assert version.json_flags == ("--format", "json")
    assert fake_cli.calls("version") == [["version", "--json"], ["version", "--format", "json"]]
    ArduinoCli().installed_cores()
    assert fake_cli.calls("core", "list")[-1] == ["core", "list", "--format", "json"]


def test_text_version_line_is_the_last_resort(tmp_path, monkeypatch):
    script = tmp_path / "old-cli"
    script.write_text('#!/bin/sh\nfor a in "$@"; do [ "$a" = json ] || [ "$a" = --json ] && exit 1; done\n'
                      'echo "arduino-cli Version: 0.6.0 Commit: 3a08b07"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ARDUINO_CLI", str(script))
    version = ArduinoCli().version
    assert (version.text, version.number, version.supports_profiles) == ("0.6.0", (0, 6, 0), False)


def test_missing_arduino_cli_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.delenv("ARDUINO_CLI", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ArduinoCliError) as info:
        ArduinoCli()
    assert info.value.kind == "not-installed"
    assert "arduino-cli" in info.value.hint


def test_arduino_cli_path_that_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("ARDUINO_CLI", str(tmp_path / "nowhere" / "arduino-cli"))
    with pytest.raises(ArduinoCliError) as info:
        ArduinoCli()
    assert info.value.kind == "not-installed" and "ARDUINO_CLI" in info.value.message


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("mode, kind, words", [
    ("permission", "permission", "dialout"),
    ("busy", "busy", "close the other"),
    ("no-port", "no-port", "leanbot ports"),
    ("not-in-sync", "not-in-sync", "atmega328old"),
    ("not-responding", "not-responding", "switch the robot off and on"),
])
def test_upload_failures_become_advice(fake_cli, tmp_path, version, mode, kind, words):
    fake_cli.set(version=version, mode=mode)
    (tmp_path / "Robot.ino.hex").write_text(":00000001FF\n")
    with pytest.raises(ArduinoCliError) as info:
        ArduinoCli().upload("/dev/ttyUSB0", fqbn="arduino:avr:uno", input_dir=str(tmp_path))
    err = info.value
    assert err.kind == kind and words in err.hint
    assert err.returncode == 1 and "avrdude" in err.stderr
    assert "upload" in err.command and str(tmp_path) in err.command


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("mode, kind, words", [
    ("no-core", "core-missing", "leanbot setup"),
    ("no-library", "library-missing", "leanbot setup"),
    ("too-big", "too-big", "shorter"),
    ("ram-too-big", "ram-too-big", "variables"),
])
def test_compile_failures_become_advice(fake_cli, sketch_dir, version, mode, kind, words):
    fake_cli.set(version=version, mode=mode)
    with pytest.raises(ArduinoCliError) as info:
        build_sketch(sketch_dir)
    assert info.value.kind == kind and words in info.value.hint
    if kind == "library-missing":
        assert "Leanbot.h" in info.value.message


@pytest.mark.parametrize("version", VERSIONS)
def test_compile_error_keeps_the_compiler_lines(fake_cli, tmp_path, version):
    fake_cli.set(version=version)
    folder = write_sketch(tmp_path, "Hand", "void setup() {}\nvoid loop() {\n  BROKEN;\n}\n")
    with pytest.raises(ArduinoCliError) as info:
        build_sketch(folder)
    err = info.value
    assert err.kind == "compile-error" and err.line == 3 and err.step is None
    assert "Hand.ino:3" in err.message and "'BROKEN' was not declared" in err.message
    assert "line 3" in err.hint


def test_bad_fqbn_is_explained(fake_cli, sketch_dir):
    with pytest.raises(ArduinoCliError) as info:
        build_sketch(sketch_dir, fqbn="arduino:avr:nessuno")
    assert info.value.kind == "bad-fqbn" and "arduino:avr:nessuno" in info.value.message


def test_upload_without_a_build_is_refused(fake_cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ArduinoCliError) as info:
        ArduinoCli().upload("/dev/ttyUSB0", fqbn="arduino:avr:uno", input_dir=str(empty))
    assert info.value.kind == "missing-artifacts"
