"""The AVR emulator's ADC: the value the host sets, 25/13 ADC clocks a conversion, ADLAR."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm

CONVERT = """
        ldi r16, 0x87
        sts ADCSRA, r16   ; ADEN, clk/128 (as the Arduino core sets it)
        ldi r16, 0x40 | {mux}
        sts ADMUX, r16    ; AVcc reference, channel
        lds r2, 0x5D
        ldi r16, 0xC7
        sts ADCSRA, r16   ; ADSC
    1:  lds r16, ADCSRA
        sbrc r16, 6
        rjmp 1b
        lds r24, ADCL
        lds r25, ADCH
"""


def test_conversion_returns_the_channel_value(tmp_path):
    res = run_asm(asm(CONVERT.format(mux=3) + "break"), tmp_path, "--adc", "3=513")
    assert res.pair(24) == 513
    start = 1 + 2 + 1 + 2 + 2 + 1
    assert 25 * 128 <= res.cycles - start <= 25 * 128 + 12  # the first conversion: 25 ADC clocks


def test_second_conversion_takes_13_adc_clocks_and_adlar_left_adjusts(tmp_path):
    body = CONVERT.format(mux=0) + """
        lds r3, 0x5D      ; 2 cycles
        ldi r16, 0x60
        sts ADMUX, r16    ; ADLAR, channel 0
        ldi r16, 0xC7
        sts ADCSRA, r16
    2:  lds r16, ADCSRA
        sbrc r16, 6
        rjmp 2b
        lds r22, ADCL
        lds r23, ADCH
        break"""
    res = run_asm(asm(body), tmp_path, "--adc", "0=1023")
    assert res.pair(24) == 1023
    assert (res.r(23), res.r(22)) == (0xFF, 0xC0)
    first = 1 + 2 + 1 + 2 + 2 + 1 + 25 * 128
    assert 13 * 128 <= res.cycles - first <= 13 * 128 + 40


def test_unset_channel_reads_zero_and_band_gap_reads_1_1_volt(tmp_path):
    res = run_asm(asm(CONVERT.format(mux=5) + "movw r26, r24\n" + CONVERT.format(mux=14) + "break"),
                  tmp_path)
    assert res.pair(26) == 0
    assert res.pair(24) == 225


def test_conversion_complete_interrupt(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x2A * 2     ; ADC
        lds r24, ADCL
        lds r25, ADCH
        lds r20, ADCSRA   ; ADIF was cleared by taking the interrupt
        reti
    main:
        ldi r16, 2
        sts ADMUX, r16
        ldi r16, 0xCF     ; ADEN, ADSC, ADIE, clk/128
        sts ADCSRA, r16
        ldi r16, 1
        out SMCR, r16
        sei
        sleep
        break"""), tmp_path, "--adc", "2=700")
    assert res.pair(24) == 700
    assert res.r(20) & 0x50 == 0  # ADSC done, ADIF cleared
    assert 25 * 128 <= res.cycles <= 25 * 128 + 40
