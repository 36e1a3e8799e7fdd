"""The AVR emulator's CPU: results, SREG flags and cycle counts as the ATmega328P datasheet gives them.

Each test assembles a few instructions (avr-as), runs them on the emulator until BREAK and reads the
registers, SREG, SP, memory and the cycle count (BREAK itself is not counted).
"""

from __future__ import annotations

import pytest

from tests.avr_fixtures import asm, run_asm

# (instruction, Rd, Rr, carry in, result, flags set after) - flags as SREG letters C Z N V S H
ARITH = [
    ("add", 0x0F, 0x01, 0, 0x10, "H"),
    ("add", 0x7F, 0x01, 0, 0x80, "NVH"),
    ("add", 0x80, 0x80, 0, 0x00, "CZVS"),
    ("add", 0xFF, 0x01, 0, 0x00, "CZH"),
    ("add", 0x01, 0x02, 0, 0x03, ""),
    ("adc", 0x7F, 0x00, 1, 0x80, "NVH"),
    ("adc", 0xFF, 0x00, 1, 0x00, "CZH"),
    ("adc", 0x00, 0x00, 0, 0x00, "Z"),
    ("sub", 0x00, 0x01, 0, 0xFF, "CNSH"),
    ("sub", 0x80, 0x01, 0, 0x7F, "VSH"),
    ("sub", 0x10, 0x10, 0, 0x00, "Z"),
    ("sub", 0x7F, 0xFF, 0, 0x80, "CNV"),
    ("sbc", 0x10, 0x0F, 1, 0x00, "H"),  # Z stays clear: it was clear before
    ("sbc", 0x00, 0x00, 1, 0xFF, "CNSH"),
    ("and", 0xF0, 0x3C, 0, 0x30, ""),
    ("and", 0xF0, 0x0F, 0, 0x00, "Z"),
    ("or", 0x80, 0x01, 0, 0x81, "NS"),
    ("eor", 0xAA, 0xAA, 0, 0x00, "Z"),
    ("eor", 0x55, 0xAA, 0, 0xFF, "NS"),
]


@pytest.mark.parametrize(("op", "d", "r", "carry", "result", "flags"), ARITH)
def test_two_register_arithmetic(tmp_path, op, d, r, carry, result, flags):
    res = run_asm(asm(f"""
        ldi r16, {d}
        ldi r17, {r}
        {"sec" if carry else "clc"}
        {op} r16, r17
        break"""), tmp_path)
    assert res.r(16) == result
    assert set(res.flags()) == set(flags)
    assert res.cycles == 4  # ldi, ldi, sec/clc, op: one cycle each


# (instruction with an immediate, Rd, K, carry in, Z in, result, flags)
IMMEDIATE = [
    ("subi", 0x00, 0x01, 0, 0, 0xFF, "CNSH"),
    ("sbci", 0x00, 0x00, 1, 1, 0xFF, "CNSH"),
    ("sbci", 0x01, 0x00, 1, 1, 0x00, "Z"),  # zero result keeps Z set
    ("sbci", 0x01, 0x00, 1, 0, 0x00, ""),  # ... and keeps it clear
    ("andi", 0xFF, 0x80, 0, 0, 0x80, "NS"),
    ("ori", 0x00, 0x00, 0, 0, 0x00, "Z"),
]


@pytest.mark.parametrize(("op", "d", "k", "carry", "z", "result", "flags"), IMMEDIATE)
def test_immediate_arithmetic(tmp_path, op, d, k, carry, z, result, flags):
    sreg = (1 if carry else 0) | (2 if z else 0)
    res = run_asm(asm(f"""
        ldi r18, {sreg}
        out SREG, r18
        ldi r16, {d}
        {op} r16, {k}
        break"""), tmp_path)
    assert res.r(16) == result
    assert set(res.flags()) == set(flags)


def test_cp_cpc_compare_16_bits_keeps_z_across_bytes(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x00
        ldi r17, 0x01
        ldi r18, 0x00
        ldi r19, 0x01
        cp r16, r18
        cpc r17, r19
        in r20, SREG
        ldi r16, 0x01
        cp r16, r18
        cpc r17, r19      ; high bytes equal but the low byte differed: Z stays clear
        in r21, SREG
        cpi r16, 0x02
        in r22, SREG
        break"""), tmp_path)
    assert res.r(20) & 0x02  # equal 0x0100 == 0x0100
    assert not res.r(21) & 0x02
    assert res.r(16) == 0x01 and res.r(17) == 0x01  # compares leave the registers alone
    assert res.r(22) & 0x01 and res.r(22) & 0x04  # 1 - 2: C and N


# (instruction, Rd, carry in, result, flags)
SINGLE = [
    ("neg", 0x80, 0, 0x80, "CNV"),
    ("neg", 0x00, 0, 0x00, "Z"),
    ("neg", 0x01, 0, 0xFF, "CNSH"),
    ("neg", 0x08, 0, 0xF8, "CNSH"),
    ("com", 0x55, 0, 0xAA, "CNS"),
    ("com", 0xFF, 0, 0x00, "CZ"),
    ("asr", 0x81, 0, 0xC0, "CNS"),
    ("asr", 0x01, 0, 0x00, "CZVS"),
    ("lsr", 0x01, 0, 0x00, "CZVS"),
    ("lsr", 0x80, 1, 0x40, ""),
    ("ror", 0x02, 1, 0x81, "NV"),
    ("ror", 0x01, 0, 0x00, "CZVS"),
    ("inc", 0x7F, 1, 0x80, "CNV"),  # carry untouched
    ("inc", 0xFF, 0, 0x00, "Z"),
    ("dec", 0x80, 0, 0x7F, "VS"),
    ("dec", 0x01, 1, 0x00, "CZ"),
    ("swap", 0x3C, 0, 0xC3, ""),
]


@pytest.mark.parametrize(("op", "d", "carry", "result", "flags"), SINGLE)
def test_single_register_operations(tmp_path, op, d, carry, result, flags):
    res = run_asm(asm(f"""
        ldi r16, {d}
        {"sec" if carry else "clc"}
        {op} r16
        break"""), tmp_path)
    assert res.r(16) == result
    assert set(res.flags()) == set(flags)


# (instruction, value of r25:r24, K, result, flags)
WORD = [
    ("adiw", 0x7FFF, 1, 0x8000, "NV"),
    ("adiw", 0xFFFF, 1, 0x0000, "CZ"),
    ("adiw", 0x00FF, 63, 0x013E, ""),
    ("sbiw", 0x0000, 1, 0xFFFF, "CNS"),
    ("sbiw", 0x8000, 1, 0x7FFF, "VS"),
    ("sbiw", 0x0001, 1, 0x0000, "Z"),
]


@pytest.mark.parametrize(("op", "value", "k", "result", "flags"), WORD)
def test_adiw_sbiw(tmp_path, op, value, k, result, flags):
    res = run_asm(asm(f"""
        ldi r24, {value & 0xFF}
        ldi r25, {value >> 8}
        {op} r24, {k}
        break"""), tmp_path)
    assert res.pair(24) == result
    assert set(res.flags()) == set(flags)
    assert res.cycles == 2 + 2


# (instruction, Rd, Rr, r1:r0, flags)
MULTIPLY = [
    ("mul", 0xFF, 0xFF, 0xFE01, "C"),
    ("mul", 0x00, 0x05, 0x0000, "Z"),
    ("muls", 0xFF, 0xFF, 0x0001, ""),  # -1 * -1
    ("muls", 0x80, 0x7F, 0xC080, "C"),  # -128 * 127
    ("mulsu", 0xFF, 0xFF, 0xFF01, "C"),  # -1 * 255
    ("mulsu", 0x02, 0xFF, 0x01FE, ""),
    ("fmul", 0x80, 0x80, 0x8000, ""),  # 1.0 * 1.0 in 1.7 format
    ("fmul", 0xFF, 0xFF, 0xFC02, "C"),
    ("fmuls", 0x80, 0x80, 0x8000, ""),  # -1 * -1
    ("fmuls", 0x40, 0xC0, 0xE000, "C"),  # 0.5 * -0.5
    ("fmulsu", 0x80, 0x80, 0x8000, "C"),  # -1 * 1.0: 0xC000 shifted
    ("fmulsu", 0x00, 0x80, 0x0000, "Z"),
]


@pytest.mark.parametrize(("op", "d", "r", "result", "flags"), MULTIPLY)
def test_multiplication(tmp_path, op, d, r, result, flags):
    res = run_asm(asm(f"""
        ldi r16, {d}
        ldi r17, {r}
        {op} r16, r17
        break"""), tmp_path)
    assert res.pair(0) == result
    assert set(res.flags()) == set(flags)
    assert res.cycles == 2 + 2


def test_moves_bits_and_sreg_instructions(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x12
        ldi r17, 0x34
        movw r2, r16
        mov r4, r17
        ldi r18, 0x08
        bst r18, 3
        clr r5
        bld r5, 6
        sev
        sen
        sez
        clz
        set
        break"""), tmp_path)
    assert (res.r(2), res.r(3), res.r(4), res.r(5)) == (0x12, 0x34, 0x34, 0x40)
    assert set(res.flags()) == set("VNT")  # sev, sen, sez, clz, set: S is not recomputed


# (program, cycles until BREAK) - datasheet cycle counts
TIMING = [
    ("nop", 1),
    ("rjmp 1f\n1:", 2),
    ("jmp 1f\n1:", 3),
    ("ldi r30, pm_lo8(1f)\nldi r31, pm_hi8(1f)\nijmp\n1:", 4),
    ("rcall 1f\n1:", 3),
    ("call 1f\n1:", 4),
    ("rcall 1f\nrjmp 2f\n1: ret\n2:", 3 + 4 + 2),
    ("ldi r30, pm_lo8(1f)\nldi r31, pm_hi8(1f)\nicall\n1:", 5),
    ("push r0\npop r1", 4),
    ("lds r0, 0x100\nsts 0x100, r0", 4),
    ("ld r0, X\nst Y+, r0\nldd r1, Z+5", 6),
    ("lpm\nlpm r2, Z+", 6),
    ("sbi 0x05, 1\ncbi 0x05, 1", 4),
    ("in r0, 0x05\nout 0x05, r0", 2),
    ("sez\nbreq 1f\n1:", 1 + 2),  # taken branch: 2
    ("clz\nbreq 1f\n1:", 1 + 1),  # not taken: 1
    ("cpse r0, r0\nnop", 2),  # skip a one-word instruction: 2
    ("cpse r0, r0\njmp 0", 3),  # skip a two-word instruction: 3
    ("ldi r16, 1\ncpse r0, r16\nnop", 1 + 1 + 1),  # no skip: 1
    ("sbrc r0, 0\nlds r1, 0x100", 3),
    ("ldi r16, 1\nsbrs r16, 0\nsts 0x100, r1", 1 + 3),
    ("sbic 0x05, 0\nnop", 2),
    ("sbis 0x05, 0\nnop\nnop", 1 + 1 + 1),
    ("ldi r16, 1\nmul r16, r16\nmovw r2, r0", 1 + 2 + 1),
    ("sei\ncli\nwdr\nsleep", 4),  # SLEEP without SE is a NOP
    ("spm", 1),
]


@pytest.mark.parametrize(("body", "cycles"), TIMING)
def test_cycle_counts(tmp_path, body, cycles):
    res = run_asm(asm(f"""
        ldi r26, 0x00
        ldi r27, 0x01
        movw r28, r26
        movw r30, r26
        {body}
        break"""), tmp_path)
    assert res.stop == "break"
    assert res.cycles == cycles + 4


def test_load_store_pointer_modes(tmp_path):
    res = run_asm(asm("""
        ldi r26, 0x00
        ldi r27, 0x02     ; X = 0x200
        ldi r16, 0x11
        st X+, r16        ; 0x200 = 0x11, X = 0x201
        ldi r16, 0x22
        st X+, r16        ; 0x201 = 0x22, X = 0x202
        ldi r16, 0x33
        st -X, r16        ; X = 0x201, 0x201 = 0x33
        ld r2, -X         ; X = 0x200, r2 = 0x11
        ld r3, X+         ; r3 = 0x11, X = 0x201
        ld r4, X          ; r4 = 0x33
        ldi r28, 0x00
        ldi r29, 0x02     ; Y = 0x200
        ldi r16, 0x44
        std Y+63, r16     ; 0x23F = 0x44
        ldd r5, Y+63
        ldi r30, 0x10
        ldi r31, 0x02     ; Z = 0x210
        ldi r16, 0x55
        st Z+, r16
        st -Z, r16
        ldd r6, Z+0
        st -Y, r16        ; Y = 0x1FF
        ld r7, Y+         ; Y = 0x200
        sts 0x8FF, r16
        lds r8, 0x8FF
        break"""), tmp_path, "--dump", "0x200:2", "--dump", "0x23f:1", "--dump", "0x210:1")
    assert res.pair(26) == 0x201
    assert (res.r(2), res.r(3), res.r(4), res.r(5), res.r(6), res.r(7), res.r(8)) == (
        0x11, 0x11, 0x33, 0x44, 0x55, 0x55, 0x55)
    assert res.mem[0x200] == bytes([0x11, 0x33])
    assert res.mem[0x23F] == bytes([0x44])
    assert res.pair(28) == 0x200 and res.pair(30) == 0x210


def test_registers_and_io_are_in_the_data_space(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x5A
        sts 0x0002, r16   ; r2 through its data address
        lds r17, 0x0002
        ldi r26, 0x25     ; X -> PORTB (I/O 0x05)
        ldi r27, 0
        ldi r18, 0x0F
        st X, r18
        in r19, PORTB
        lds r20, 0x5D     ; SPL
        lds r21, 0x5E     ; SPH
        break"""), tmp_path)
    assert res.r(2) == 0x5A and res.r(17) == 0x5A
    assert res.r(19) == 0x0F
    assert (res.r(20), res.r(21)) == (0xFF, 0x08)  # SP starts at RAMEND


def test_call_pushes_return_address_high_byte_lowest(tmp_path):
    res = run_asm(asm("""
        nop
        rcall 1f
        nop
    1:  in r16, SPL
        in r17, SPH
        break"""), tmp_path, "--dump", "0x8fe:2")
    assert res.sp == 0x8FD
    assert res.mem[0x8FE] == bytes([0x00, 0x02])  # return to word 2: high byte at the lower address


def test_push_pop_and_stack_pointer_writes(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x00
        ldi r17, 0x05
        out SPH, r17
        out SPL, r16      ; SP = 0x500
        ldi r18, 0xAB
        push r18
        push r18
        pop r19
        in r20, SPL
        in r21, SPH
        break"""), tmp_path, "--dump", "0x4ff:2")
    assert res.r(19) == 0xAB
    assert (res.r(21) << 8 | res.r(20)) == 0x4FF
    assert res.mem[0x4FF] == bytes([0xAB, 0xAB])


def test_lpm_reads_program_memory(tmp_path):
    res = run_asm(asm("""
        ldi r30, lo8(table)
        ldi r31, hi8(table)
        lpm
        lpm r16, Z+
        lpm r17, Z+
        lpm r18, Z
        break
    table: .byte 0x12, 0x34, 0x56, 0x78"""), tmp_path)
    assert (res.r(0), res.r(16), res.r(17), res.r(18)) == (0x12, 0x12, 0x34, 0x56)


def test_ret_reti_and_icall(tmp_path):
    res = run_asm(asm("""
        ldi r30, pm_lo8(f)
        ldi r31, pm_hi8(f)
        icall
        rcall g
        break
    f:  ldi r20, 1
        ret
    g:  ldi r21, 2
        reti"""), tmp_path)
    assert (res.r(20), res.r(21)) == (1, 2)
    assert res.sreg & 0x80  # RETI sets I
    assert res.sp == 0x8FF


# EIJMP, EICALL, DES, ELPM, SPM Z+, XCH, a reserved 1111 1xxx 1xxx word
@pytest.mark.parametrize("word", [0x9419, 0x9519, 0x940B, 0x95D8, 0x95F8, 0x9204, 0xFFFF])
def test_opcodes_the_chip_lacks_are_faults(tmp_path, word):
    res = run_asm(asm(f"""
        nop
        .word {word:#06x}
        break"""), tmp_path)
    assert res.stop == "fault"
    assert res.fault == f"illegal opcode 0x{word:04x} at pc 0x0002"


def test_jump_outside_the_program_is_a_fault(tmp_path):
    res = run_asm(asm("""
        jmp 0x1000
        break"""), tmp_path)
    assert res.stop == "fault"
    assert res.fault == "execution left the program: pc 0x1000"


def test_access_past_ram_end_is_a_fault(tmp_path):
    res = run_asm(asm("""
        ldi r26, 0x00
        ldi r27, 0x09
        ld r0, X
        break"""), tmp_path)
    assert res.stop == "fault"
    assert res.fault == "data access past RAM end at 0x0900 (pc 0x0004)"


def test_stack_growing_into_the_guard_is_a_fault(tmp_path):
    res = run_asm(asm("""
    1:  push r0
        rjmp 1b"""), tmp_path, "--guard", "0x8f0")
    assert res.stop == "fault"
    assert res.fault.startswith("stack overflow: sp 0x08ef below 0x08f0")
    assert res.sp == 0x8EF  # 16 pushes filled 0x8F0..0x8FF; the 17th would write 0x8EF


def test_frame_allocation_below_the_guard_is_a_fault(tmp_path):
    res = run_asm(asm("""
        ldi r28, 0x00
        ldi r29, 0x04
        out SPH, r29
        out SPL, r28
        break"""), tmp_path, "--guard", "0x500")
    assert res.stop == "fault"
    assert "stack overflow" in res.fault


def test_sleep_with_interrupts_off_ends_the_program(tmp_path):
    res = run_asm(asm("""
        ldi r16, 1
        out SMCR, r16
        cli
        sleep
        ldi r17, 1"""), tmp_path)
    assert res.stop == "sleep"
    assert res.r(17) == 0
    assert res.cycles == 4


def test_endless_loop_with_interrupts_off_ends_the_program(tmp_path):
    res = run_asm(asm("""
        cli
    1:  rjmp 1b"""), tmp_path)
    assert res.stop == "sleep"
