"""Loading Intel HEX images into the AVR emulator: what loads, and the errors said as text."""

from __future__ import annotations

import subprocess

import pytest

from tests.avr_fixtures import driver, run_hex


def record(address: int, kind: int, data: bytes) -> str:
    body = bytes([len(data), address >> 8, address & 0xFF, kind]) + data
    return ":" + (body + bytes([-sum(body) & 0xFF])).hex().upper()


def load_error(tmp_path, text: str) -> str:
    path = tmp_path / "bad.hex"
    path.write_text(text)
    done = subprocess.run([str(driver()), str(path)], capture_output=True, text=True)
    assert done.returncode == 1
    return done.stdout.strip()


def test_program_from_hex_records_runs(tmp_path):
    # ldi r16, 0x2A ; break  - split over two records, with an extended segment address record of 0
    text = "\n".join([record(0, 2, b"\x00\x00"), record(0, 0, bytes([0x0A, 0xE2])),
                      record(2, 0, bytes([0x98, 0x95])), record(0, 1, b"")]) + "\n"
    path = tmp_path / "ok.hex"
    path.write_text(text.replace("\n", "\r\n"))
    res = run_hex(path)
    assert res.stop == "break"
    assert res.r(16) == 0x2A


@pytest.mark.parametrize(("text", "error"), [
    (":0200000098950F\n:00000001FF\n", "line 1: bad checksum"),
    ("0200000098953F\n", "line 1: a record must start with ':'"),
    (":02000000989G3F\n:00000001FF\n", "line 1: not a hexadecimal digit"),
    (":0300000098953F\n", "line 1: the byte count does not match the record"),
    (record(0, 0, b"\x98\x95") + "\n", "no end-of-file record (the file is cut short)"),
    (record(0x8000, 0, b"\x98\x95") + "\n" + record(0, 1, b"") + "\n",
     "line 1: address 0x8000 is past the 32 KB flash"),
    (record(0, 4, b"\x00\x01") + "\n" + record(0, 0, b"\x98\x95") + "\n" + record(0, 1, b"") + "\n",
     "line 2: address 0x10000 is past the 32 KB flash"),
    (record(0, 7, b"") + "\n", "line 1: unknown record type 7"),
])
def test_bad_images_are_refused_with_the_reason(tmp_path, text, error):
    assert load_error(tmp_path, text) == f"error={error}"


def test_missing_file(tmp_path):
    done = subprocess.run([str(driver()), str(tmp_path / "none.hex")], capture_output=True, text=True)
    assert done.stdout.strip() == f"error=cannot read {tmp_path / 'none.hex'}"
