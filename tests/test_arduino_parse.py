"""arduino-cli's real output, 0.x and 1.x, read by leanbot_kit.arduino.parse and advice."""

from __future__ import annotations

import json

import pytest

from leanbot_kit.arduino import advice, parse
from tests.arduino_fixtures import SAMPLES


def load(name: str):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, version, number", [
    ("1.x-version.json", "1.2.2", (1, 2, 2)),
    ("1.x-version-update-available.json", "1.2.2", (1, 2, 2)),
    ("0.35-version.json", "0.35.3", (0, 35, 3)),
    ("0.18.1-version.json", "0.18.1", (0, 18, 1)),
    ("0.x-version-nightly-20210126.json", "nightly-20210126", None),
])
def test_version_json_of_every_release_line(name, version, number):
    text = parse.version_from_json(load(name))
    assert text == version
    assert parse.version_number(text) == number


def test_version_text_lines_of_every_release():
    lines = [line for line in (SAMPLES / "text-version-lines.txt").read_text().splitlines()
             if line.startswith("arduino-cli")]
    versions = [parse.version_from_text(line) for line in lines]
    assert versions == ["0.14.0", "0.21.1", "git-snapshot", "git-snapshot", "0.6.0"]
    assert parse.version_number("git-snapshot") is None


@pytest.mark.parametrize("name", ["0.35-core-list.json", "1.x-core-list.json"])
def test_core_list_gives_the_installed_version(name):
    assert parse.cores(load(name)) == {"arduino:avr": "1.8.6"}


@pytest.mark.parametrize("name", ["0.35-core-list-empty.json", "1.x-core-list-empty.json",
                                  "0.35-lib-list-empty.json", "1.x-lib-list-empty.json"])
def test_empty_lists_are_empty(name):
    assert parse.cores(load(name)) == {} and parse.libraries(load(name)) == {}


@pytest.mark.parametrize("name, location", [("0.35-lib-list.json", 1),
                                            ("1.x-lib-list.json", "user")])
def test_lib_list_with_enums_as_numbers_or_strings(name, location):
    data = load(name)
    assert parse.libraries(data) == {"Servo": "1.3.0"}
    raw = data[0] if isinstance(data, list) else data["installed_libraries"][0]
    assert raw["library"]["location"] == location
    assert parse.library_location(location) == "user"


@pytest.mark.parametrize("name, expected", [
    ("0.18-board-list-uno.json", [("/dev/ttyACM1", "2341", "0043", "Arduino Uno")]),
    ("0.18.1-board-list-windows.json", [("COM1", "", "", ""), ("COM3", "2341", "0043", "Arduino Uno")]),
    ("0.19-board-list-uno.json", [("/dev/ttyACM1", "2341", "0043", "Arduino Uno")]),
    ("0.28-board-list-nano-rp2040.json",
     [("/dev/cu.usbmodem2101", "2341", "005e", "Arduino Nano RP2040 Connect")]),
    ("0.35-board-list-ch340.json", [("/dev/ttyUSB0", "1a86", "7523", "")]),
    ("0.35-board-list-empty.json", []),
    ("1.x-board-list-empty.json", []),
    ("1.x-board-list-ch340.json", [("/dev/ttyUSB0", "1a86", "7523", "")]),
    ("1.x-board-list-ftdi.json", [("/dev/ttyUSB1", "0403", "6001", "")]),
    ("1.x-board-list-uno.json", [("/dev/ttyACM0", "2341", "0043", "Arduino Uno")]),
    ("1.x-board-list-with-warning.json", [("/dev/ttyUSB0", "1a86", "7523", "")]),
    ("1.x-board-list-mock-integrationtest.json", [("/dev/ttyCIAO", "2341", "0041", "Arduino Yún")]),
])
def test_board_list_of_every_shape(name, expected):
    ports = parse.detected_ports(load(name))
    got = [(p.address, p.vid, p.pid, p.boards[0][0] if p.boards else "") for p in ports]
    assert got == expected


@pytest.mark.parametrize("name", ["0.35-board-list-mixed.json", "1.x-board-list-mixed.json"])
def test_mixed_board_list_keeps_serial_numbers(name):
    ports = {p.address: p for p in parse.detected_ports(load(name))}
    assert set(ports) == {"/dev/ttyS0", "/dev/ttyUSB0", "/dev/ttyUSB1", "/dev/ttyACM0"}
    assert ports["/dev/ttyUSB1"].serial_number == "A50285BI"
    assert ports["/dev/ttyUSB0"].serial_number == ""  # a CH340 has none
    assert ports["/dev/ttyS0"].vid == ""


@pytest.mark.parametrize("name, flash, ram", [
    ("0.18.1-compile-ok.json", 924, 9), ("0.21-compile-ok.json", 2406, 1212),
    ("0.35-compile-ok.json", 924, 9), ("1.x-compile-ok.json", 924, 9)])
def test_compile_ok_sizes(name, flash, ram):
    out = parse.compile_output(load(name))
    assert (out.success, out.flash_bytes, out.ram_bytes) == (True, flash, ram)


def test_compile_sizes_fall_back_to_the_text_lines():
    data = load("1.x-compile-ok.json")
    del data["builder_result"]["executable_sections_size"]
    out = parse.compile_output(data)
    assert (out.flash_bytes, out.ram_bytes) == (924, 9)


@pytest.mark.parametrize("name", ["0.18-compile-fail-missing-include.json", "0.21-compile-fail.json",
                                  "0.35-compile-fail.json", "1.x-compile-fail.json",
                                  "1.x-compile-fail-platform-not-installed.json"])
def test_compile_failures_are_not_success(name):
    assert parse.compile_output(load(name)).success is False


def test_1x_compile_diagnostics_are_read():
    diags = parse.compile_output(load("1.x-compile-fail.json")).diagnostics
    assert [(d.line, d.column, d.severity) for d in diags] == [(1, 14, "error"), (6, 1, "error")]


@pytest.mark.parametrize("name, kind", [
    ("1.x-upload-fail-not-in-sync.json", "not-in-sync"),
    ("1.x-upload-fail-permission-denied.json", "permission"),
    ("1.x-upload-fail-port-busy.json", "busy"),
    ("1.x-upload-fail-no-such-port.json", "no-port"),
    ("1.x-compile-fail-platform-not-installed.json", "core-missing"),
    ("1.x-compile-fail.json", "compile-error"),
    ("0.35-compile-fail.json", "compile-error"),
    ("1.x-error-generic-shape.json", "bad-fqbn"),
    ("1.x-board-list-invalid-fqbn-error.json", "bad-fqbn"),
    ("1.x-lib-install-error-not-found.json", "library-missing"),
])
def test_error_objects_map_to_advice(name, kind):
    text = (SAMPLES / name).read_text()
    err = advice.advise(parse.error_text(text, text), command=["arduino-cli"], returncode=1,
                        stderr=text, port="/dev/ttyUSB0")
    assert err.kind == kind
    assert err.hint


def test_missing_include_stderr_is_a_missing_library():
    text = (SAMPLES / "0.18-compile-fail-missing-include.stderr.txt").read_text()
    err = advice.advise(text, command=[], returncode=1, stderr=text)
    assert err.kind == "library-missing"
    assert "Dummy.h" in err.message and "leanbot setup" in err.hint


AVRDUDE_KINDS = {
    "not in sync": "not-in-sync", "stk500v2_ReceiveMessage(): timeout": "not-in-sync",
    "timeout communicating": "not-in-sync", "Permission denied": "permission",
    "Device or resource busy": "busy", "Resource busy": "busy", "Access is denied": "busy",
    "No such file or directory": "no-port",
}


def test_every_real_avrdude_line_gets_advice():
    lines = [line for line in (SAMPLES / "errors-avrdude.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    checked = 0
    for line in lines:
        for needle, kind in AVRDUDE_KINDS.items():
            if needle in line:
                row, _match = advice.find_advice(line)
                assert row is not None and row.kind == kind, line
                checked += 1
                break
    assert checked >= 20


def test_too_big_texts_map_to_size_advice():
    for text, kind in (("Error during build: text section exceeds available space in board", "too-big"),
                       ("Error during build: data section exceeds available space in board",
                        "ram-too-big")):
        assert advice.find_advice(text)[0].kind == kind


def test_not_in_sync_advice_names_the_old_bootloader_board():
    err = advice.advise("avrdude: stk500_getsync() attempt 1 of 10: not in sync: resp=0x00",
                        command=[], returncode=1, stderr="", port="/dev/ttyUSB0")
    assert "/dev/ttyUSB0" in err.message
    assert "arduino:avr:nano:cpu=atmega328old" in err.hint
