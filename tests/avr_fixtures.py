"""Helpers for the AVR emulator's tests: assemble or compile AVR programs, run them on our emulator (the
avr_selftest driver) and on simavr, and read the results.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tests.conftest import require_tool

# Data addresses of the ATmega328P registers the tests name.
SREG_BITS = "CZNVSHTI"


@dataclass
class Result:
    """What the driver printed after the run."""

    stop: str
    cycles: int
    pc: int
    sp: int
    sreg: int
    regs: list[int]
    fault: str
    mem: dict[int, bytes]
    uart: bytes
    io: bytes
    eeprom: bytes
    hooks: int
    loop_skipped: int
    mailbox: str  # "on", "refused" or "" (no --mailbox)
    mailbox_in: bytes
    port_writes: list[int]
    first_port_cycles: list[int]
    seconds: float

    def r(self, n: int) -> int:
        return self.regs[n]

    def pair(self, n: int) -> int:
        return self.regs[n] | self.regs[n + 1] << 8

    def flags(self) -> str:
        """The SREG flags that are set, as letters (e.g. 'CZ')."""
        return "".join(name for i, name in enumerate(SREG_BITS) if self.sreg >> i & 1)


@lru_cache(maxsize=1)
def driver() -> Path:
    """The test driver, built once per session (cached by content in the user cache)."""
    from leanbot_kit.sim.avr_build import build_selftest

    return build_selftest()


def assemble(source: str, folder: Path, name: str = "prog") -> Path:
    """Assemble AVR assembly text at flash address 0 into an Intel HEX file."""
    require_tool("avr-as")
    asm, obj, elf, hexfile = (folder / f"{name}{ext}" for ext in (".S", ".o", ".elf", ".hex"))
    asm.write_text(source + "\n")
    _check(["avr-as", "-mmcu=atmega328p", str(asm), "-o", str(obj)])
    _check(["avr-ld", "-m", "avr5", "-Ttext", "0", str(obj), "-o", str(elf)])
    _check(["avr-objcopy", "-O", "ihex", str(elf), str(hexfile)])
    return hexfile


def compile_c(source: str, folder: Path, name: str = "prog", opt: str = "-Os") -> Path:
    """Compile a C program for the ATmega328P with avr-gcc into an ELF (and a .hex next to it)."""
    require_tool("avr-gcc")
    c, elf = folder / f"{name}.c", folder / f"{name}.elf"
    c.write_text(source)
    _check(["avr-gcc", "-mmcu=atmega328p", "-DF_CPU=16000000UL", opt, str(c), "-o", str(elf)])
    _check(["avr-objcopy", "-O", "ihex", "-R", ".eeprom", str(elf), str(elf.with_suffix(".hex"))])
    return elf


def _check(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stderr}"


def run_hex(hexfile: Path, *options: str, cycles: int = 10_000_000) -> Result:
    """Run a program on our emulator until BREAK, sleep, a fault or `cycles`."""
    cmd = [str(driver()), str(hexfile), "--cycles", str(cycles), *options]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return parse(done.stdout)


def run_asm(source: str, folder: Path, *options: str, cycles: int = 10_000_000) -> Result:
    """Assemble `source` (BREAK ends it) and run it."""
    return run_hex(assemble(source, folder), *options, cycles=cycles)


def parse(text: str) -> Result:
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    mem = {int(k[4:], 16): bytes.fromhex(v) for k, v in values.items() if k.startswith("mem_")}
    return Result(
        stop=values["stop"], cycles=int(values["cycles"]), pc=int(values["pc"], 16),
        sp=int(values["sp"], 16), sreg=int(values["sreg"], 16), regs=list(bytes.fromhex(values["regs"])),
        fault=values.get("fault", ""), mem=mem, uart=bytes.fromhex(values.get("uart", "")),
        io=bytes.fromhex(values.get("io", "")), eeprom=bytes.fromhex(values.get("eeprom", "")),
        hooks=int(values.get("hooks", "0")), loop_skipped=int(values.get("loop_skipped", "0")),
        mailbox=values.get("mailbox", ""), mailbox_in=bytes.fromhex(values.get("mailbox_in", "")),
        port_writes=[int(n) for n in values.get("port_writes", "0 0 0").split()],
        first_port_cycles=[int(n) for n in values.get("first_port_cycles", "").split()], seconds=float(values.get("seconds", "0")))


def simavr_output(elf: Path, timeout: float = 120) -> str:
    """The USART output simavr prints for a program (it must end with sleep and interrupts off)."""
    simavr = require_tool("simavr")
    done = subprocess.run([simavr, "-m", "atmega328p", "-f", "16000000", str(elf)], capture_output=True,
                          text=True, errors="replace", timeout=timeout)
    return "".join(re.sub(r"\x1b\[[0-9;]*m", "", done.stderr))


def as_simavr_prints(data: bytes) -> str:
    """Our USART bytes in simavr's form: complete lines only, control characters shown as '.'."""
    out, line = [], ""
    for byte in data:
        line += "." if byte < 0x20 else chr(byte)
        if byte == 0x0A:
            out.append(line + "\n")
            line = ""
    return "".join(out)


# Register addresses for assembly tests (I/O addresses for IN/OUT/SBI, data addresses for LDS/STS).
ASM_NAMES = """
.equ PINB, 0x03
.equ DDRB, 0x04
.equ PORTB, 0x05
.equ TIFR0, 0x15
.equ TIFR1, 0x16
.equ TIFR2, 0x17
.equ EECR, 0x1F
.equ EEDR, 0x20
.equ EEARL, 0x21
.equ EEARH, 0x22
.equ TCCR0A, 0x24
.equ TCCR0B, 0x25
.equ TCNT0, 0x26
.equ OCR0A, 0x27
.equ SMCR, 0x33
.equ SPL, 0x3D
.equ SPH, 0x3E
.equ SREG, 0x3F
.equ TIMSK0, 0x6E
.equ TIMSK1, 0x6F
.equ TIMSK2, 0x70
.equ ADCL, 0x78
.equ ADCH, 0x79
.equ ADCSRA, 0x7A
.equ ADMUX, 0x7C
.equ TCCR1A, 0x80
.equ TCCR1B, 0x81
.equ TCNT1L, 0x84
.equ TCNT1H, 0x85
.equ OCR1AL, 0x88
.equ OCR1AH, 0x89
.equ TCCR2A, 0xB0
.equ TCCR2B, 0xB1
.equ TCNT2, 0xB2
.equ OCR2A, 0xB3
.equ UCSR0A, 0xC0
.equ UCSR0B, 0xC1
.equ UCSR0C, 0xC2
.equ UBRR0L, 0xC4
.equ UDR0, 0xC6
"""


def asm(body: str) -> str:
    """Assembly text with the register names above defined."""
    return ASM_NAMES + body
