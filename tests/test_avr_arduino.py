"""The AVR emulator runs a program built with the Arduino AVR core (Debian's arduino-core-avr): init(),
millis/delay, HardwareSerial with its interrupts, String, analogRead, digital I/O, random - and prints what
simavr prints."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.avr_fixtures import as_simavr_prints, run_hex, simavr_output
from tests.conftest import IN_CI, require_tool

HARDWARE = Path("/usr/share/arduino/hardware/arduino/avr")
FLAGS = ["-mmcu=atmega328p", "-DF_CPU=16000000L", "-DARDUINO=10819", "-DARDUINO_AVR_UNO", "-DARDUINO_ARCH_AVR",
         "-DDECIMAL_DIG=17", "-Os", "-ffunction-sections", "-fdata-sections",
         f"-I{HARDWARE / 'cores/arduino'}", f"-I{HARDWARE / 'variants/standard'}"]
CXX = ["-fno-exceptions", "-fno-threadsafe-statics", "-std=gnu++11"]

SKETCH = r"""
#include <Arduino.h>
void setup() {
  Serial.begin(115200);
  Serial.println(F("hello from the core"));
  int a = 300; int b = a * 200;
  Serial.println(b);
  unsigned long t0 = millis();
  delay(100);
  Serial.print(F("delay 100 -> ")); Serial.println(millis() - t0);
  String s = String("x=") + 3.25;
  Serial.println(s);
  Serial.println(analogRead(A0));
  pinMode(13, OUTPUT); digitalWrite(13, HIGH); Serial.println(digitalRead(13));
  randomSeed(42); Serial.println(random(1000));
  Serial.flush();
  noInterrupts();
  SMCR = 1; asm volatile("sleep");
}
void loop() {}
"""


def _compile(cmd: list[str]) -> None:
    done = subprocess.run(["nice", *cmd], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def arduino_core(tmp_path_factory) -> list[Path]:
    """The Arduino core's object files, compiled once for this module."""
    require_tool("avr-g++")
    if not (HARDWARE / "cores/arduino/main.cpp").is_file():
        if IN_CI:
            pytest.fail("arduino-core-avr is not installed; .ci/run installs it")
        pytest.skip("arduino-core-avr is not installed")
    out = tmp_path_factory.mktemp("core")
    objects = []
    for src in sorted((HARDWARE / "cores/arduino").iterdir()):
        obj = out / (src.name + ".o")
        if src.suffix == ".c":
            _compile(["avr-gcc", *FLAGS, "-c", str(src), "-o", str(obj)])
        elif src.suffix == ".cpp":
            _compile(["avr-g++", *FLAGS, *CXX, "-c", str(src), "-o", str(obj)])
        elif src.suffix == ".S":
            _compile(["avr-gcc", *FLAGS, "-x", "assembler-with-cpp", "-c", str(src), "-o", str(obj)])
        else:
            continue
        objects.append(obj)
    return objects


def test_arduino_core_program_runs_like_on_simavr(tmp_path, arduino_core):
    cpp, obj, elf, hexfile = (tmp_path / f"sketch{ext}" for ext in (".cpp", ".o", ".elf", ".hex"))
    cpp.write_text(SKETCH)
    _compile(["avr-g++", *FLAGS, *CXX, "-c", str(cpp), "-o", str(obj)])
    _compile(["avr-gcc", "-mmcu=atmega328p", "-Os", "-Wl,--gc-sections", str(obj),
              *(str(o) for o in arduino_core), "-o", str(elf), "-lm"])
    _compile(["avr-objcopy", "-O", "ihex", "-R", ".eeprom", str(elf), str(hexfile)])
    ours = run_hex(hexfile)
    assert ours.stop == "sleep", ours.fault
    assert ours.uart.decode().split("\r\n") == [
        "hello from the core", "-5536", "delay 100 -> 100", "x=3.25", "0", "1", "894", ""]
    assert as_simavr_prints(ours.uart) == simavr_output(elf)


ECHO = r"""
#include <Arduino.h>
void setup() {
  Serial.begin(115200);
  unsigned long start = millis();
  String got;
  while (got.length() < 5 && millis() - start < 1000) {
    if (Serial.available()) got += (char)Serial.read();
  }
  Serial.print(F("echo "));
  Serial.println(got);
  Serial.println(millis() - start);
  Serial.flush();
  noInterrupts();
  SMCR = 1; asm volatile("sleep");
}
void loop() {}
"""


def test_serial_read_gets_bytes_queued_before_begin(tmp_path, arduino_core):
    cpp, obj, elf, hexfile = (tmp_path / f"echo{ext}" for ext in (".cpp", ".o", ".elf", ".hex"))
    cpp.write_text(ECHO)
    _compile(["avr-g++", *FLAGS, *CXX, "-c", str(cpp), "-o", str(obj)])
    _compile(["avr-gcc", "-mmcu=atmega328p", "-Os", "-Wl,--gc-sections", str(obj),
              *(str(o) for o in arduino_core), "-o", str(elf), "-lm"])
    _compile(["avr-objcopy", "-O", "ihex", "-R", ".eeprom", str(elf), str(hexfile)])
    ours = run_hex(hexfile, "--rx", "hello")
    assert ours.stop == "sleep", ours.fault
    lines = ours.uart.decode().split("\r\n")
    assert lines[0] == "echo hello"
    assert int(lines[1]) == 5 * 1360 // 16000  # five frames of 85 us: millis() moved by 0 ms


BUSY_WAIT = r"""
#include <Arduino.h>
// Busy-waiting: on a flag a timer interrupt sets (a 5-cycle loop of lds/and/breq), and in
// HardwareSerial::write while its buffer is full. Timer1 counts the cycles since its compare match:
// how late each wait ended.
volatile uint8_t flag = 0;
ISR(TIMER1_COMPA_vect) { flag = 1; }
void setup() {
  Serial.begin(115200);
  TCCR1A = 0;
  TCCR1B = 0;
  TCNT1 = 0;
  OCR1A = 39997;  // every 39998 cycles, so the loop is caught at another of its cycles each time
  TIFR1 = 0xFF;
  TCCR1B = _BV(WGM12) | _BV(CS10);
  TIMSK1 = _BV(OCIE1A);
  for (uint8_t i = 0; i < 6; i++) {
    flag = 0;
    while (!flag) {
    }
    Serial.println(TCNT1);
  }
  TIMSK1 = 0;
  unsigned long before = micros();
  for (int i = 0; i < 300; i++) Serial.write('a' + i % 26);
  Serial.println();
  Serial.println(micros() - before);
  Serial.flush();
  noInterrupts();
  SMCR = 1; asm volatile("sleep");
}
void loop() {}
"""


def test_busy_waiting_rounds_skipped_exactly(tmp_path, arduino_core):
    """Skipping the rounds of a loop that waits changes nothing the program or the computer sees: the
    same bytes at the same cycles, the same final state, as executing every round."""
    cpp, obj, elf, hexfile = (tmp_path / f"busy{ext}" for ext in (".cpp", ".o", ".elf", ".hex"))
    cpp.write_text(BUSY_WAIT)
    _compile(["avr-g++", *FLAGS, *CXX, "-c", str(cpp), "-o", str(obj)])
    _compile(["avr-gcc", "-mmcu=atmega328p", "-Os", "-Wl,--gc-sections", str(obj),
              *(str(o) for o in arduino_core), "-o", str(elf), "-lm"])
    _compile(["avr-objcopy", "-O", "ihex", "-R", ".eeprom", str(elf), str(hexfile)])
    skipped = run_hex(hexfile, "--dump", "0x100:0x800")
    executed = run_hex(hexfile, "--dump", "0x100:0x800", "--no-loop-skip")
    assert skipped.stop == executed.stop == "sleep", skipped.fault
    lines = skipped.uart.decode().split("\r\n")
    assert len(lines) == 9 and lines[6] == "abcdefghijklmnopqrstuvwxyz" * 11 + "abcdefghijklmn"
    assert len(set(lines[:6])) > 1  # the waits ended at different points of the loop
    assert (skipped.uart, skipped.cycles, skipped.regs, skipped.sp, skipped.sreg, skipped.mem) == \
        (executed.uart, executed.cycles, executed.regs, executed.sp, executed.sreg, executed.mem)
    assert executed.loop_skipped == 0
    # Most of the run was waiting: 6 waits of ~40 000 cycles, and ~237 bytes of 1360 cycles (the
    # rounds between two interrupts and Serial.flush(), which reads the USART's registers, still run).
    assert skipped.loop_skipped > 0.6 * (6 * 39998 + 237 * 1360)
