"""The AVR emulator's USART0: transmit and receive with real byte timing at 115200 baud (U2X0, UBRR0 16:
136 cycles a bit, 1360 a byte), flags and interrupts."""

from __future__ import annotations

from tests.avr_fixtures import asm, run_asm

SETUP = """
        ldi r16, 0x02
        sts UCSR0A, r16   ; U2X0
        ldi r16, 16
        sts UBRR0L, r16   ; 115200 baud at 16 MHz
"""


def test_transmit_three_bytes_takes_three_frames(tmp_path):
    res = run_asm(asm(SETUP + """
        ldi r16, 0x08
        sts UCSR0B, r16   ; TXEN0
        lds r24, 0x5D     ; mark: SPL read costs 2 cycles
        ldi r16, 'A'
        sts UDR0, r16     ; starts at once: the shift register was empty
        ldi r16, 'B'
        sts UDR0, r16     ; waits in the buffer: UDRE0 clears
        lds r17, UCSR0A
    1:  lds r18, UCSR0A
        sbrs r18, 5
        rjmp 1b
        ldi r16, 'C'
        sts UDR0, r16
    2:  lds r18, UCSR0A
        sbrs r18, 6       ; TXC0
        rjmp 2b
        break"""), tmp_path)
    assert res.uart == b"ABC"
    assert not res.r(17) & 0x20  # buffer full after two bytes
    start = 2 + 1 + 2 + 1 + 2 + 2 + 1  # cycle of the first sts UDR0
    assert 3 * 1360 <= res.cycles - start <= 3 * 1360 + 12  # + polling


def test_receive_interrupt_gets_queued_bytes_a_frame_apart(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x24 * 2     ; USART RX
        rjmp isr
    main:""" + SETUP + """
        ldi r26, 0x00
        ldi r27, 0x02
        ldi r16, 0x90
        sts UCSR0B, r16   ; RXEN0, RXCIE0: queued bytes arrive from now on
        sei
    1:  cpi r20, 3
        brne 1b
        break
    isr:
        lds r16, UDR0
        st X+, r16
        inc r20
        reti"""), tmp_path, "--rx", "hi!", "--dump", "0x200:3")
    assert res.mem[0x200] == b"hi!"
    assert 3 * 1360 <= res.cycles <= 3 * 1360 + 60


def test_unread_bytes_overrun_the_two_byte_fifo(tmp_path):
    res = run_asm(asm(SETUP + """
        ldi r16, 0x10
        sts UCSR0B, r16   ; RXEN0, no interrupt, nobody reads
        ldi r24, lo8(1500)
        ldi r25, hi8(1500)
    1:  sbiw r24, 1       ; wait 6000 cycles: four frames
        brne 1b
        lds r17, UCSR0A
        lds r18, UDR0
        lds r19, UDR0
        lds r20, UCSR0A
        break"""), tmp_path, "--rx", "abcd")
    assert res.r(17) & 0x88 == 0x88  # RXC0 and DOR0
    assert (res.r(18), res.r(19)) == (ord("a"), ord("b"))
    assert res.r(20) & 0x80 == 0  # FIFO empty


def test_data_register_empty_and_transmit_complete_interrupts(tmp_path):
    res = run_asm(asm("""
        rjmp main
        .org 0x26 * 2     ; USART UDRE
        rjmp udre
        .org 0x28 * 2     ; USART TX
        rjmp txc
    main:""" + SETUP + """
        ldi r16, 0x68
        sts UCSR0B, r16   ; TXEN0, UDRIE0, TXCIE0
        ldi r30, lo8(text)
        ldi r31, hi8(text)
        sei
    1:  sbrs r21, 0       ; (the handlers change SREG: wait without flags)
        rjmp 1b
        break
    udre:
        lpm r16, Z+
        tst r16
        breq 2f
        sts UDR0, r16
        reti
    2:  ldi r16, 0x48
        sts UCSR0B, r16   ; all sent: UDRIE0 off
        reti
    txc:
        inc r21
        reti
    text: .asciz "Xin chao"
        .balign 2"""), tmp_path)
    assert res.uart == b"Xin chao"
    assert res.r(21) == 1
    assert 8 * 1360 <= res.cycles <= 8 * 1360 + 200
