"""The AVR emulator's Timer/Counter 0, 1 and 2: counting, prescalers, modes, flags and interrupts."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm

COUNT_ISR = """
    isr:
        subi r20, -1
        sbci r21, -1
        reti"""


def test_tcnt0_counts_prescaled_clock(tmp_path):
    nops = "\n".join(["nop"] * 31)
    res = run_asm(asm(f"""
        ldi r16, 0x02
        out TCCR0B, r16   ; clk/8, started at cycle 1
        {nops}
        in r17, TCNT0     ; cycle 33: prescaler ticks at 8, 16, 24, 32
        break"""), tmp_path)
    assert res.r(17) == 4


def test_timer0_overflow_flag_is_polled_and_cleared_by_writing_one(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x01
        out TCCR0B, r16   ; clk/1, normal mode
    1:  sbis TIFR0, 0
        rjmp 1b
        in r17, TCNT0
        sbi TIFR0, 0      ; writing one clears TOV0
        in r18, TIFR0
        break"""), tmp_path)
    assert res.r(18) & 1 == 0
    assert res.r(17) < 8  # read just after the wrap
    assert 256 <= res.cycles <= 256 + 16


def test_timer1_ctc_compare_a_interrupt_period(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x16 * 2     ; TIMER1 COMPA
        rjmp isr
    main:
        ldi r16, hi8(999)
        sts OCR1AH, r16   ; high byte first (TEMP register)
        ldi r16, lo8(999)
        sts OCR1AL, r16
        ldi r16, 0x02
        sts TIMSK1, r16   ; OCIE1A
        ldi r16, 0x09
        sts TCCR1B, r16   ; CTC (WGM12), clk/1: a match every 1000 cycles
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=100_000 + 50)
    assert res.pair(20) == 100


def test_timer1_16_bit_read_through_temp(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x12
        sts TCNT1H, r16
        ldi r16, 0x34
        sts TCNT1L, r16   ; TCNT1 = 0x1234 (stopped)
        lds r17, TCNT1L
        lds r18, TCNT1H
        break"""), tmp_path)
    assert (res.r(18), res.r(17)) == (0x12, 0x34)


def test_timer1_phase_correct_8_bit_overflow_every_510_ticks(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x1A * 2     ; TIMER1 OVF
        rjmp isr
    main:
        ldi r16, 0x01
        sts TCCR1A, r16   ; WGM10: phase correct 8-bit, as the Arduino core sets Timer1
        sts TIMSK1, r16   ; TOIE1
        sts TCCR1B, r16   ; clk/1
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=51_000 + 20)
    assert res.pair(20) == 100


def test_timer2_ctc_with_its_own_prescaler(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x0E * 2     ; TIMER2 COMPA
        rjmp isr
    main:
        ldi r16, 249
        sts OCR2A, r16
        ldi r16, 0x02
        sts TCCR2A, r16   ; CTC
        sts TIMSK2, r16   ; OCIE2A
        ldi r16, 0x03
        sts TCCR2B, r16   ; clk/32 (Timer2's table): a match every 250 * 32 = 8000 cycles
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=800_000 + 50)
    assert res.pair(20) == 100


def test_timer0_compare_b_in_normal_mode(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x1E * 2     ; TIMER0 COMPB
        rjmp isr
    main:
        ldi r16, 100
        out 0x28, r16     ; OCR0B
        ldi r16, 0x04
        sts TIMSK0, r16   ; OCIE0B
        ldi r16, 0x01
        out TCCR0B, r16   ; clk/1: one match per 256 cycles
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=25_600 + 50)
    assert res.pair(20) == 100


def test_stopped_timer_does_not_count(tmp_path):
    res = run_asm(asm("""
        ldi r16, 0x05
        out TCNT0, r16
        nop
        nop
        in r17, TCNT0
        break"""), tmp_path)
    assert res.r(17) == 5


def test_timer2_interrupt_toggles_a_pin_like_tone(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x0E * 2     ; TIMER2 COMPA
        sbi PINB, 5       ; toggle PB5, as tone() does
        reti
    main:
        sbi DDRB, 5
        ldi r16, 249
        sts OCR2A, r16
        ldi r16, 0x02
        sts TCCR2A, r16   ; CTC
        sts TIMSK2, r16
        ldi r16, 0x03
        sts TCCR2B, r16   ; clk/32: a toggle every 8000 cycles (1 kHz tone)
        sei
    1:  rjmp 1b"""), tmp_path, cycles=800_000 + 50)
    assert res.port_writes[0] == 1 + 100  # DDRB, then 100 toggles
    toggles = res.first_port_cycles[1:]
    assert [toggles[1] - toggles[0], toggles[2] - toggles[1]] == [8000, 8000]


def test_phase_correct_compare_matches_counting_up_and_down(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x1C * 2     ; TIMER0 COMPA
        rjmp isr
    main:
        ldi r16, 100
        out OCR0A, r16
        ldi r16, 0x01
        out TCCR0A, r16   ; WGM00: phase correct, TOP 0xFF: 510 ticks a period
        ldi r16, 0x02
        sts TIMSK0, r16   ; OCIE0A
        ldi r16, 0x01
        out TCCR0B, r16   ; clk/1
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=51_000 + 20)
    assert res.pair(20) == 200  # 100 periods, a match going up and one going down


def test_fast_pwm_with_ocra_top_overflows_at_top(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org 0x20 * 2     ; TIMER0 OVF
        rjmp isr
    main:
        ldi r16, 99
        out OCR0A, r16
        ldi r16, 0x03
        out TCCR0A, r16   ; WGM01:0
        ldi r16, 0x01
        sts TIMSK0, r16   ; TOIE0
        ldi r16, 0x09
        out TCCR0B, r16   ; WGM02 (mode 7: fast PWM, TOP = OCR0A), clk/1: 100 ticks a period
        sei
    1:  rjmp 1b
    {COUNT_ISR}"""), tmp_path, cycles=10_000 + 20)
    assert res.pair(20) == 100
