"""The AVR emulator's I/O ports: PINx reads outputs, driven inputs and pull-ups; writing PINx toggles."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm


def test_pin_reads_outputs_inputs_and_pull_ups(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x0F
        out DDRB, r16     ; PB0..PB3 outputs
        ldi r16, 0x25
        out PORTB, r16    ; PB0, PB2 high; pull-up on PB5
        in r17, PINB
        break"""), tmp_path, "--pin", "B:4=1", "--pin", "B:6=0", "--pin", "B:1=1")
    # PB0, PB2 driven; PB1 is an output (low), so the outside level does not matter; PB4 driven high
    # from outside; PB5 pulled up; PB6 driven low
    assert res.r(17) == 0x35


def test_writing_pin_toggles_port(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0xFF
        out DDRB, r16
        ldi r16, 0x05
        out PORTB, r16
        ldi r16, 0x03
        out PINB, r16     ; toggles PB0, PB1
        sbi PINB, 7       ; SBI on PINx toggles one pin
        in r17, PORTB
        break"""), tmp_path)
    assert res.r(17) == 0x86
