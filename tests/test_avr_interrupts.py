"""The AVR emulator's interrupts: vectors, priorities, 4-cycle entry, the instruction after SEI/RETI,
sleep, hooks (PC hooks, the I/O handler) and skipping time with the timers kept exact."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm

# Vector word addresses on the ATmega328P (two words each); `.org` takes byte addresses
EE_READY, USART_UDRE, TIMER0_OVF = 0x2C, 0x26, 0x20


def test_pending_interrupt_waits_one_instruction_after_sei_and_takes_4_cycles(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org {EE_READY * 2}
        break
    main:
        ldi r16, 0x08
        out EECR, r16     ; EERIE: EE_READY is pending at once (no write under way)
        sei               ; cycle 4
        inc r20           ; still runs
        inc r20"""), tmp_path, "--dump", "0x8fe:2")
    assert res.r(20) == 1
    assert res.cycles == 2 + 1 + 1 + 1 + 1 + 4
    assert res.pc == EE_READY * 2
    assert not res.sreg & 0x80  # I cleared on entry
    assert res.mem[0x8FE] == bytes([0x00, 0x31])  # returns to the second inc (word 0x31)


def test_one_main_instruction_runs_between_back_to_back_interrupts(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org {EE_READY * 2}
        rjmp isr
    main:
        ldi r16, 0x08
        out EECR, r16
        sei
        inc r20
        inc r20
        inc r20
        inc r20
        break
    isr:
        inc r21
        cpi r21, 3
        brne 1f
        out EECR, r1      ; third time: disable
    1:  reti"""), tmp_path)
    assert (res.r(20), res.r(21)) == (4, 3)


def test_lower_vector_has_priority(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org {USART_UDRE * 2}
        ldi r22, 19
        break
        .org {EE_READY * 2}
        ldi r22, 22
        break
    main:
        ldi r16, 0x08
        out EECR, r16     ; EE_READY pending
        ldi r16, 0x20
        sts UCSR0B, r16   ; UDRIE0: data register empty is pending too (UDRE0 is set)
        sei
        nop"""), tmp_path)
    assert res.r(22) == 19


def test_timer0_overflow_interrupts_count_exactly(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org {TIMER0_OVF * 2}
        rjmp isr
    main:
        ldi r16, 0x03
        out TCCR0A, r16   ; fast PWM, as the Arduino core sets it
        out TCCR0B, r16   ; clk/64: an overflow every 256 * 64 = 16384 cycles
        ldi r16, 0x01
        sts TIMSK0, r16
        sei
    1:  rjmp 1b
    isr:
        subi r20, -1
        sbci r21, -1
        reti"""), tmp_path, cycles=16384 * 100 + 100)
    assert res.pair(20) == 100


def test_sleep_waits_for_an_interrupt(tmp_path):
    res = run_asm(asm(f"""
        rjmp main
        .org {TIMER0_OVF * 2}
        reti
    main:
        ldi r16, 0x01
        out TCCR0B, r16   ; clk/1: overflow at cycle 256 after start
        sts TIMSK0, r16
        out SMCR, r16     ; sleep enable, idle
        sei
        sleep
        in r17, TCNT0
        break"""), tmp_path)
    # started at cycle 3 (after rjmp, ldi), overflow at 3 + 256 = 259; wake-up adds 4 to the 4-cycle
    # entry; RETI 4; IN 1
    assert res.cycles == 259 + 8 + 4 + 1
    assert res.r(17) == 8 + 4  # the counter kept running: 12 cycles since the overflow


def test_pc_hook_fast_forwards_a_delay_with_every_timer_interrupt_delivered(tmp_path):
    source = asm(f"""
        rjmp main
        .org {TIMER0_OVF * 2}
        rjmp isr
    main:
        ldi r16, 0x03
        out TCCR0A, r16
        out TCCR0B, r16   ; an overflow every 16384 cycles
        ldi r16, 0x01
        sts TIMSK0, r16
        sei
        ldi r24, lo8(100)
        ldi r25, hi8(100)
        rcall delay_ms    ; 100 ms = 1 600 000 cycles
        cli
        break
    delay_ms:             ; 4 cycles a round: 4000 rounds a millisecond
        ldi r26, lo8(4000)
        ldi r27, hi8(4000)
    1:  sbiw r26, 1
        brne 1b
        sbiw r24, 1
        brne delay_ms
        ret
    isr:
        subi r20, -1
        sbci r21, -1
        reti""")
    executed = run_asm(source, tmp_path)
    skipped = run_asm(source, tmp_path, "--skip-hook", "0x2d")  # delay_ms is word 0x2D
    assert executed.pair(20) == skipped.pair(20) == 1_600_000 // 16384
    hook_at = 2 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 1 + 3  # cycles when rcall reaches delay_ms
    assert hook_at + 1_600_000 <= skipped.cycles - 1 <= hook_at + 1_600_000 + 20
    # The busy loop takes 100 * 16005 - 1 cycles plus RET (4), and the 97 interrupts (12 cycles each:
    # entry 4, rjmp 2, subi 1, sbci 1, reti 4) come on top of it; in the skip they fall inside the 100 ms.
    assert executed.cycles - skipped.cycles == (100 * 16005 - 1 + 4 - 1_600_000) + 97 * 12


def test_io_handler_serves_reserved_addresses_and_can_skip_time(tmp_path):
    res = run_asm(asm("""
        lds r16, 0xE0
        ldi r17, 0x42
        sts 0xE0, r17
        ldi r17, 0x43
        sts 0xE0, r17
        ldi r18, 50
        sts 0xE1, r18     ; the handler skips 50 000 cycles
        break"""), tmp_path, "--io")
    assert res.r(16) == 0x5A
    assert res.io == bytes([0x42, 0x43])
    assert 50_000 <= res.cycles <= 50_000 + 20


LOOP_5 = """
        ldi r16, 5
    1:  inc r20           ; word 1
        dec r16
        brne 1b
        break"""


def test_pc_hook_that_leaves_the_pc_lets_the_instruction_run(tmp_path):
    res = run_asm(asm(LOOP_5), tmp_path, "--count-hook", "1")
    assert res.hooks == 5
    assert res.r(20) == 5
    assert res.cycles == 1 + 5 * 4 - 1  # inc, dec, brne taken 2 (1 the last time); hooks cost nothing


def test_pc_hook_can_remove_itself(tmp_path):
    res = run_asm(asm(LOOP_5), tmp_path, "--once-hook", "1")
    assert res.hooks == 1
    assert res.r(20) == 5


MAILBOX = """
        ldi r16, 0x11
        sts 0xE0, r16     ; into the mailbox
        ldi r16, 0x22
        sts 0xE0, r16
        lds r17, 0xE2     ; out of it: the bytes the host gave, then 0
        lds r18, 0xE2
        lds r19, 0xE2
        ldi r20, 0xFF
        lds r20, 0xE2
        break"""


def test_mailbox_keeps_the_programs_bytes_and_gives_the_hosts(tmp_path):
    res = run_asm(asm(MAILBOX), tmp_path, "--mailbox", "E0:E2:aabbcc")
    assert res.mailbox == "on"
    assert res.mailbox_in == bytes([0x11, 0x22])
    assert (res.r(17), res.r(18), res.r(19), res.r(20)) == (0xAA, 0xBB, 0xCC, 0)
    assert res.cycles == 2 * (1 + 2) + 3 * 2 + 1 + 2  # LDI 1, LDS/STS 2 cycles each, as for SRAM


def test_mailbox_only_on_reserved_addresses(tmp_path):
    assert run_asm(asm(MAILBOX), tmp_path, "--mailbox", "C6:E2:").mailbox == "refused"  # UDR0
    assert run_asm(asm(MAILBOX), tmp_path, "--mailbox", "E0:E0:").mailbox == "refused"
