"""C programs compiled with avr-gcc for the ATmega328P give the same USART output on our emulator as on
simavr (Debian's package, the reference)."""

from __future__ import annotations

import pytest

from tests.avr_fixtures import as_simavr_prints, compile_c, run_hex, simavr_output

PRELUDE = r"""
#include <avr/io.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include <avr/pgmspace.h>
#include <avr/eeprom.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <util/delay.h>

static void uart_init(void) { UCSR0A = _BV(U2X0); UBRR0 = 16; UCSR0B = _BV(TXEN0); }
static void put(char c) { while (!(UCSR0A & _BV(UDRE0))); UDR0 = c; }
static void say(const char *s) { while (*s) put(*s++); }
static void num(const char *label, long v) { char b[16]; say(label); ltoa(v, b, 10); say(b); put('\n'); }
static void finish(void) {
  UCSR0A |= _BV(TXC0);
  while (!(UCSR0A & _BV(TXC0)));
  cli(); sleep_enable(); sleep_cpu();
}
"""

PROGRAMS = {
    "arithmetic": r"""
int main(void) {
  uart_init();
  int a = 300; int b = a * 200;
  unsigned int u = 65535; u++;
  num("int16 300*200 = ", b);
  num("u+1 = ", u);
  num("sizes = ", sizeof(int) * 100 + sizeof(long) * 10 + sizeof(void *));
  unsigned long x = 1;
  for (unsigned i = 0; i < 2000; i++) x = x * 1103515245UL + 12345;
  num("lcg = ", (long)(x >> 1));
  long q = 0;
  for (long i = 1; i < 3000; i++) q += 1000000L / i + 1000000L % i;
  num("div = ", q);
  volatile double f = 0;
  for (int i = 1; i < 200; i++) f += sqrt((double)i) * sin(i * 0.1);
  num("float*1000 = ", (long)(f * 1000));
  int8_t s = -128; s = s / -1;
  num("int8 = ", s);
  finish();
}
""",
    "sort_and_crc": r"""
static uint16_t crc16(const uint8_t *p, int n) {
  uint16_t crc = 0xFFFF;
  while (n--) { crc ^= *p++; for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0xA001 : crc >> 1; }
  return crc;
}
static int cmp(const void *a, const void *b) { return *(const int16_t *)a - *(const int16_t *)b; }
static const char message[] PROGMEM = "Leanbot flash string";
int main(void) {
  uart_init();
  int16_t v[300];
  uint16_t seed = 7;
  for (int i = 0; i < 300; i++) { seed = seed * 25173 + 13849; v[i] = (int16_t)seed % 1000; }
  qsort(v, 300, sizeof v[0], cmp);
  num("min = ", v[0]);
  num("median = ", v[150]);
  num("crc = ", crc16((const uint8_t *)v, sizeof v));
  char buf[40];
  strcpy_P(buf, message);
  say(buf); put('\n');
  snprintf(buf, sizeof buf, "%d|%5u|%lx", -42, 123u, 0xBEEFUL);
  say(buf); put('\n');
  finish();
}
""",
    "timer0_millis": r"""
volatile unsigned long ms; volatile unsigned frac;
ISR(TIMER0_OVF_vect) { ms += 1; frac += 3; if (frac >= 125) { frac -= 125; ms += 1; } }
static unsigned long millis(void) { unsigned long m; uint8_t s = SREG; cli(); m = ms; SREG = s; return m; }
int main(void) {
  uart_init();
  TCCR0A = _BV(WGM01) | _BV(WGM00); TCCR0B = _BV(CS01) | _BV(CS00); TIMSK0 = _BV(TOIE0);
  sei();
  unsigned long seen[6];  /* printed at the end: simavr's USART byte time is not the chip's */
  for (int round = 0; round < 5; round++) {
    _delay_ms(37);
    seen[round] = millis();
  }
  int start = millis();
  _delay_ms(250);
  seen[5] = (int)millis() - start;
  for (int i = 0; i < 6; i++) num("millis = ", seen[i]);
  finish();
}
""",
    "timer0_phase": r"""
#define PROBE(N) do { TCCR0B = 0; TCNT0 = 0; TIFR0 = 7; GTCCR = _BV(PSRSYNC); \
  TCCR0B = _BV(CS01) | _BV(CS00); __builtin_avr_delay_cycles(N); \
  uint8_t t = TCNT0; uint8_t f = TIFR0; num("tcnt = ", t); num("tov = ", f & 1); } while (0)
int main(void) {
  uart_init();
  TCCR0A = _BV(WGM01) | _BV(WGM00);
  PROBE(60); PROBE(62); PROBE(63); PROBE(64); PROBE(127); PROBE(128); PROBE(129);
  PROBE(16322); PROBE(16323); PROBE(16383); PROBE(16384); PROBE(16385);
  finish();
}
""",
    "timer1_ctc_and_eeprom": r"""
volatile uint16_t ticks;
ISR(TIMER1_COMPA_vect) { ticks++; }
int main(void) {
  uart_init();
  OCR1A = 1999; TCCR1B = _BV(WGM12) | _BV(CS11); TIMSK1 = _BV(OCIE1A);  /* 1 kHz */
  sei();
  _delay_ms(100);
  cli(); uint16_t t = ticks; sei();
  num("ticks = ", t);
  for (uint8_t i = 0; i < 10; i++) eeprom_write_byte((uint8_t *)(uint16_t)(i * 3), i * 7 + 1);
  long sum = 0;
  for (uint8_t i = 0; i < 30; i++) sum = sum * 3 + eeprom_read_byte((uint8_t *)(uint16_t)i);
  num("eeprom = ", sum);
  finish();
}
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_output_as_simavr(tmp_path, name):
    elf = compile_c(PRELUDE + PROGRAMS[name], tmp_path, name)
    ours = run_hex(elf.with_suffix(".hex"), cycles=200_000_000)
    assert ours.stop == "sleep", ours.fault
    reference = simavr_output(elf)
    assert reference.strip(), "simavr printed nothing"
    assert as_simavr_prints(ours.uart) == reference


def test_known_answers_of_the_arithmetic_program(tmp_path):
    elf = compile_c(PRELUDE + PROGRAMS["arithmetic"], tmp_path, "arithmetic")
    text = run_hex(elf.with_suffix(".hex"), cycles=200_000_000).uart.decode()
    assert "int16 300*200 = -5536\n" in text
    assert "u+1 = 0\n" in text
    assert "sizes = 242\n" in text  # int 2, long 4, pointer 2
