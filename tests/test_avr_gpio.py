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


def test_pin_change_interrupt_on_a_masked_pin(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x06 * 2     ; PCINT0 (port B)
        inc r20
        reti
    main:
        sbi DDRB, 0
        sbi DDRB, 1
        ldi r16, 0x01
        sts 0x6B, r16     ; PCMSK0: PB0 only
        sts 0x68, r16     ; PCICR: PCIE0
        sei
        sbi PORTB, 1      ; not in the mask
        sbi PORTB, 0      ; change
        nop
        cbi PORTB, 0      ; change
        nop
        in r17, 0x1B      ; PCIFR
        break"""), tmp_path)
    assert res.r(20) == 2
    assert res.r(17) == 0  # cleared by taking the interrupt


def test_int0_edges_and_low_level(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x02 * 2     ; INT0 (PD2)
        rjmp isr
    main:
        sbi 0x0A, 2       ; PD2 output: INT0 follows it as on the chip
        sbi 0x0B, 2       ; high
        ldi r16, 0x02
        sts 0x69, r16     ; EICRA: falling edge
        ldi r16, 0x01
        out 0x1D, r16     ; EIMSK: INT0
        sei
        cbi 0x0B, 2       ; falling: one interrupt
        nop
        sbi 0x0B, 2       ; rising: none
        nop
        ldi r16, 0x00
        sts 0x69, r16     ; low level: pending while the pin is low
        ldi r21, 3
        cbi 0x0B, 2
    1:  dec r21           ; the handler runs between main instructions while PD2 stays low
        brne 1b
        sbi 0x0B, 2
        mov r22, r20
        nop
        break
    isr:
        in r0, SREG       ; keep the main loop's flags
        inc r20
        out SREG, r0
        reti"""), tmp_path)
    assert res.r(20) == res.r(22)  # no more interrupts once the pin is high
    assert res.r(20) >= 1 + 3  # the edge, then at least one per main instruction while low


def test_host_driven_input_raises_int1_on_any_change(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x04 * 2     ; INT1 (PD3)
        inc r20
        reti
    main:
        ldi r16, 0x04
        sts 0x69, r16     ; EICRA: INT1 on any change
        ldi r16, 0x02
        out 0x1D, r16
        sei
        sbi 0x0B, 3       ; pull-up on: the undriven input goes high, a change
        nop
        break"""), tmp_path)
    assert res.r(20) == 1
