"""Building the AVR emulator: cached objects keyed by content, the test driver kept out of the library,
and the portable (switch) interpreter giving the same results as the threaded one."""

from __future__ import annotations

import shutil
import subprocess

from leanbot_kit.sim import avr_build
from leanbot_kit.sim.compiler import current_compiler
from tests.avr_fixtures import compile_c, driver, parse, run_hex
from tests.test_avr_simavr import PRELUDE, PROGRAMS


def test_objects_are_built_once_and_exclude_the_driver():
    folder = avr_build.build_emulator()
    objects = avr_build.emulator_objects()
    names = {o.name for o in objects}
    assert {"execute.o", "decode.o", "timer.o", "usart.o", "cpu.o"} <= names
    assert "avr_selftest.o" not in names
    stamp = (folder / "execute.o").stat().st_mtime_ns
    assert avr_build.build_emulator() == folder
    assert (folder / "execute.o").stat().st_mtime_ns == stamp  # cached: not compiled again


def test_cache_key_follows_the_sources(tmp_path, monkeypatch):
    compiler = current_compiler()
    key = avr_build.emulator_key(compiler)
    copy = tmp_path / "avr"
    shutil.copytree(avr_build.AVR_DIR, copy)
    monkeypatch.setattr(avr_build, "AVR_DIR", copy)
    assert avr_build.emulator_key(compiler) == key
    (copy / "usart.cpp").write_text((copy / "usart.cpp").read_text() + "\n// changed\n")
    assert avr_build.emulator_key(compiler) != key


def test_switch_interpreter_matches_threaded(tmp_path):
    compiler = current_compiler()
    binary = tmp_path / "selftest-switch"
    sources = [str(p) for p in sorted(avr_build.AVR_DIR.glob("*.cpp"))]
    subprocess.run([*compiler.command, *avr_build.AVR_FLAGS, "-DAVR_NO_THREADED", f"-I{avr_build.AVR_DIR}",
                    *sources, "-o", str(binary)], check=True)
    elf = compile_c(PRELUDE + PROGRAMS["sort_and_crc"], tmp_path, "sort")
    hexfile = elf.with_suffix(".hex")
    threaded = run_hex(hexfile)
    done = subprocess.run([str(binary), str(hexfile), "--cycles", "10000000"], capture_output=True, text=True,
                          check=True)
    portable = parse(done.stdout)
    assert driver().is_file()
    assert portable.uart == threaded.uart and portable.uart.startswith(b"min = ")
    assert portable.cycles == threaded.cycles
