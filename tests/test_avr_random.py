"""Random instruction sequences give the same registers and SREG on our emulator as on simavr.

Each program runs 340 random ALU, multiply, bit and word instructions on random register values, keeping
SREG after each one, then prints r0..r31, SREG and that trace in hex over the USART and sleeps with
interrupts off.
"""

from __future__ import annotations

import random
import subprocess

import pytest

from tests.avr_fixtures import as_simavr_prints, run_hex, simavr_output
from tests.conftest import require_tool

TWO_REG = ["add", "adc", "sub", "sbc", "and", "or", "eor", "cp", "cpc", "cpse", "mov"]
ONE_REG = ["com", "neg", "swap", "inc", "dec", "asr", "lsr", "ror", "lsl", "rol", "tst", "clr"]
IMMEDIATE = ["subi", "sbci", "andi", "ori", "cpi", "ldi"]
MULTIPLY = ["mul", "muls", "mulsu", "fmul", "fmuls", "fmulsu"]
SREG_OPS = ["sec", "clc", "sez", "clz", "sen", "cln", "sev", "clv", "ses", "cls", "seh", "clh", "set", "clt"]


def instruction(rng: random.Random) -> str:
    kind = rng.choice(["two"] * 5 + ["one"] * 3 + ["imm"] * 3 + ["mul", "word", "bit", "sreg"])
    if kind == "two":
        return f"{rng.choice(TWO_REG)} r{rng.randrange(32)}, r{rng.randrange(32)}"
    if kind == "one":
        return f"{rng.choice(ONE_REG)} r{rng.randrange(32)}"
    if kind == "imm":
        return f"{rng.choice(IMMEDIATE)} r{rng.randrange(16, 32)}, {rng.randrange(256)}"
    if kind == "mul":
        op = rng.choice(MULTIPLY)
        low = 16 if op in ("mul", "muls") else 16
        high = 32 if op in ("mul", "muls") else 24
        return f"{op} r{rng.randrange(low, high)}, r{rng.randrange(low, high)}"
    if kind == "word":
        return f"{rng.choice(['adiw', 'sbiw'])} r{rng.choice([24, 26, 28, 30])}, {rng.randrange(64)}"
    if kind == "bit":
        op = rng.choice(["bst", "bld", "sbrc", "sbrs"])
        return f"{op} r{rng.randrange(32)}, {rng.randrange(8)}"
    return rng.choice(SREG_OPS)


TRACE = 0x200  # SREG after each random instruction


def dump(lines: int) -> str:
    """Store r0..r31 and SREG at 0x100, print them and the SREG trace in hex, 34 bytes a line."""
    return """
        sts 0x120, r0
        in r0, 0x3f
        sts 0x121, r0       ; SREG
        lds r0, 0x120
""" + "".join(f"        sts {0x100 + i:#x}, r{i}\n" for i in range(32)) + f"""
        ldi r16, 0x02
        sts 0xC0, r16       ; U2X0
        ldi r16, 16
        sts 0xC4, r16       ; 115200 baud
        ldi r16, 0x08
        sts 0xC1, r16       ; TXEN0
        ldi r26, 0x00
        ldi r27, 0x01
        rcall line
        ldi r26, lo8({TRACE})
        ldi r27, hi8({TRACE})
        ldi r21, {lines}
    4:  rcall line
        dec r21
        brne 4b
    2:  lds r16, 0xC0
        sbrs r16, 6         ; TXC0
        rjmp 2b
        ldi r16, 1
        out 0x33, r16       ; SMCR: sleep enable
        cli
        sleep
    line:
        ldi r20, 34
    1:  ld r17, X+
        mov r18, r17
        swap r18
        rcall hexdigit
        mov r18, r17
        rcall hexdigit
        dec r20
        brne 1b
        ldi r18, 0x0A
        rjmp send
    hexdigit:
        andi r18, 0x0F
        cpi r18, 10
        brlo 3f
        subi r18, -39       ; 'a' - '0' - 10
    3:  subi r18, -48       ; '0'
    send:
        lds r16, 0xC0
        sbrs r16, 5         ; UDRE0
        rjmp send
        sts 0xC6, r18
        ret
"""


def program(seed: int, length: int = 340) -> str:
    rng = random.Random(seed)
    lines = [f"ldi r{r}, {rng.randrange(256)}\nmov r{r - 16}, r{r}" for r in range(16, 32)]
    lines += [f"ldi r{r}, {rng.randrange(256)}" for r in range(16, 32)]
    lines.append(f"ldi r16, {rng.randrange(256)}\nout 0x3f, r16\nldi r16, {rng.randrange(256)}")
    for i in range(length):  # a skip skips the nop; push/in/sts/pop leave SREG alone
        lines.append(f"{instruction(rng)}\nnop\npush r16\nin r16, 0x3f\nsts {TRACE + i:#x}, r16\npop r16")
    lines.append("cli")  # random SREG values may have set I; no interrupt is enabled, but keep it plain
    return "\n".join(lines) + "\n" + dump((length + 33) // 34)


@pytest.mark.parametrize("seed", range(8))
def test_random_instructions_match_simavr(tmp_path, seed):
    require_tool("avr-as")
    src, obj, elf, hexfile = (tmp_path / f"r{seed}{ext}" for ext in (".S", ".o", ".elf", ".hex"))
    src.write_text(program(seed))
    for cmd in (["avr-as", "-mmcu=atmega328p", str(src), "-o", str(obj)],
                ["avr-ld", "-m", "avr5", "-Ttext", "0", str(obj), "-o", str(elf)],
                ["avr-objcopy", "-O", "ihex", str(elf), str(hexfile)]):
        subprocess.run(cmd, check=True, capture_output=True)
    ours = run_hex(hexfile)
    assert ours.stop == "sleep", ours.fault
    assert len(ours.uart) == 11 * (34 * 2 + 1)
    assert as_simavr_prints(ours.uart) == simavr_output(elf)
