"""The AVR emulator's EEPROM: the EEMPE/EEPE write sequence and its timing, reads, erase, host images."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm

WRITE_0x2A_AT_5 = """
        ldi r16, 5
        out EEARL, r16
        ldi r16, 0x2A
        out EEDR, r16
        sbi EECR, 2       ; EEMPE
        sbi EECR, 1       ; EEPE within 4 cycles: the write starts
"""


def test_write_sequence_programs_a_cell_in_3_4_ms(tmp_path):
    res = run_asm(asm(WRITE_0x2A_AT_5 + """
        in r17, EECR
    1:  sbic EECR, 1
        rjmp 1b
        break"""), tmp_path, "--eeprom", "8")
    assert res.eeprom == bytes([0xFF] * 5 + [0x2A] + [0xFF] * 2)
    assert res.r(17) & 0x02
    assert 54_400 <= res.cycles <= 54_400 + 20  # 3.4 ms at 16 MHz


def test_eepe_more_than_4_cycles_after_eempe_does_nothing(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x2A
        out EEDR, r16
        sbi EECR, 2
        nop
        nop
        nop
        sbi EECR, 1
        in r17, EECR
        break"""), tmp_path, "--eeprom", "1")
    assert res.eeprom == b"\xff"
    assert res.r(17) & 0x06 == 0


def test_read_returns_the_loaded_image_and_halts_4_cycles(tmp_path):
    res = run_asm(asm("""
        ldi r16, 2
        out EEARL, r16
        sbi EECR, 0       ; EERE
        in r17, EEDR
        break"""), tmp_path, "--eeprom-in", "0a0b0c0d")
    assert res.r(17) == 0x0C
    assert res.cycles == 1 + 1 + 2 + 4 + 1


def test_erase_only_mode(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x10     ; EEPM0: erase only
        out EECR, r16
        ldi r16, 1
        out EEARL, r16
        sbi EECR, 2
        sbi EECR, 1
    1:  sbic EECR, 1
        rjmp 1b
        break"""), tmp_path, "--eeprom-in", "11223344", "--eeprom", "4")
    assert res.eeprom == bytes([0x11, 0xFF, 0x33, 0x44])
    assert 28_800 <= res.cycles <= 28_800 + 20  # 1.8 ms


def test_ready_interrupt_comes_when_the_write_is_done(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x2C * 2     ; EE_READY
        cbi EECR, 3       ; EERIE off
        reti
    main:""" + WRITE_0x2A_AT_5 + """
        sbi EECR, 3       ; EERIE: no interrupt while EEPE is set
        ldi r16, 1
        out SMCR, r16
        sei
        sleep
        break"""), tmp_path, "--eeprom", "6")
    assert res.eeprom[5] == 0x2A
    assert 54_400 <= res.cycles <= 54_400 + 40
