"""A fault of the sketch on the emulated chip, said as the student's error: what, where, last output.

The AVR backend's host stops a run at an illegal instruction, a jump outside the program, a data
access past the end of RAM or a stack that grows into the global variables or the heap, and writes
one `LBFAULT <kind> key=value …` line on stderr. This module turns it into a SimError naming the
`.ino` line (the ELF's line table) or the function (its symbols), with the last Serial lines.
"""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.build import Build

RAM_END = 0x8FF
RAM_SIZE = 2048
TAIL_LINES = 10


def parse_fault(stderr: bytes) -> tuple[str, dict[str, int]] | None:
    """The kind and the numbers of the host's `LBFAULT` line, or None when there is none."""
    for line in stderr.decode("utf-8", errors="replace").splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "LBFAULT":
            values = {}
            for word in words[2:]:
                key, _sep, value = word.partition("=")
                if value.isdigit():
                    values[key] = int(value)
            return words[1], values
    return None


def where(elf: Path, pc: int) -> str:
    """`sketch.ino:12 (in fill(int))` for a program address, as well as the ELF can tell."""
    from leanbot_kit.sim.avr_elf import function_at, line_at

    function = function_at(elf, pc)
    line = line_at(elf, pc)
    place = f"{Path(line[0]).name}:{line[1]}" if line else f"0x{pc:04x}"
    return _("{place} (in {function})").format(place=place, function=function) if function else place


def _tail(serial: bytes) -> str:
    lines = serial.decode("utf-8", errors="replace").splitlines()[-TAIL_LINES:]
    return "\n".join(lines) or _("(nothing printed)")


def check_fault(build: Build, stderr: bytes, serial: bytes) -> None:
    """SimError for the fault the AVR host reported; nothing when it reported none."""
    found = parse_fault(stderr)
    if found is None:
        return
    kind, v = found
    elf = build.binary.with_name("robot.elf")
    at = where(elf, v.get("pc", 0))
    ms = v.get("t_ms", 0)
    if kind == "stack_overflow":
        ram = v.get("ram", 0)
        stack = RAM_END - v.get("sp", RAM_END)
        heap = max(0, v.get("brkval", 0) - v.get("guard", 0)) if v.get("brkval") else 0
        message = _("the sketch ran out of RAM after {ms} ms: the stack grew into the global variables "
                    "at {where}; globals use {ram} bytes, the stack {stack} bytes{heap}, of {max}").format(
            ms=ms, where=at, ram=ram, stack=stack, max=RAM_SIZE,
            heap=_(", the heap some more") if heap else "")
        hint = _("use less recursion and smaller local arrays, or make global arrays smaller")
    elif kind == "data_past_ram":
        message = _("the sketch accessed memory past the end of the robot's RAM (address 0x{addr:04x}) "
                    "after {ms} ms at {where}").format(addr=v.get("address", 0), ms=ms, where=at)
        hint = _("look for an array index or pointer that goes past the end of an array")
    elif kind == "pc_outside_program":
        caller = v.get("ret", 0)
        at = where(elf, caller - 2) if caller >= 2 else f"0x{v.get('pc', 0):04x}"
        message = _("the sketch jumped outside its program after {ms} ms, called from {where}").format(
            ms=ms, where=at)
        hint = _("look for a call through a bad function pointer, or an array written past its end "
                 "that overwrote a return address")
    else:
        message = _("the chip met an instruction it does not have after {ms} ms at {where}").format(
            ms=ms, where=at)
        hint = _("look for an array written past its end that overwrote a return address")
    message += "\n" + _("last Serial lines:") + "\n" + _tail(serial)
    raise SimError(message, hint)
