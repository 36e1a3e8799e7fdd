"""Same Serial output as a real ATmega328P: each sketch of tests/avr_sketches runs — the very same
ELF — on our emulator (through the whole AVR backend) and on simavr, and the bytes must be equal."""

from __future__ import annotations

import subprocess

import pytest

from tests.avr_sim_fixtures import (
    AVR_SKETCHES,
    build_simavr_harness,
    require_avr_toolchain,
    run_avr,
)

NAMES = sorted(p.name for p in AVR_SKETCHES.iterdir() if (p / f"{p.name}.ino").is_file())
INPUT_AT_MS = 10


def test_the_suite_covers_at_least_twenty_sketches():
    assert len(NAMES) >= 20


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    return build_simavr_harness(tmp_path_factory.mktemp("simavr"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """name -> Build, every sketch built once for the AVR backend."""
    from leanbot_kit.sim.avr_sketch import build_avr_sketch

    tc = require_avr_toolchain()
    return {name: build_avr_sketch(AVR_SKETCHES / name, tc) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_serial_output_matches_simavr_byte_for_byte(name, harness, built, tmp_path):
    robot = built[name].binary
    elf = robot.with_name("robot.elf")
    given = AVR_SKETCHES / name / "input.txt"
    stdin = given.read_bytes() if given.is_file() else b""
    args = [str(harness), str(elf), "5000"] + ([str(given), str(INPUT_AT_MS)] if stdin else [])
    reference = subprocess.run(args, capture_output=True, timeout=120, check=True).stdout
    ours = run_avr(robot, tmp_path, stdin=stdin, duration_ms=5000)
    assert reference.endswith(b"\r\n"), reference  # the sketch ran to its end on simavr
    assert ours.returncode == 0, ours.stderr
    assert ours.serial == reference
