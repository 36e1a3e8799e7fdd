#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

volatile unsigned int ticks = 0;
ISR(TIMER1_COMPA_vect) { ticks++; }
void setup() {
  Serial.begin(115200);
  cli();
  TCCR1A = 0;
  TCCR1B = _BV(WGM12) | _BV(CS11) | _BV(CS10);  // CTC, clk/64
  OCR1A = 249;                                   // 1 kHz
  TIMSK1 = _BV(OCIE1A);
  sei();
  unsigned long t0 = millis();
  while (millis() - t0 < 50) {
  }
  cli();
  unsigned int n = ticks;
  sei();
  Serial.println(n >= 49 && n <= 51 ? "about 50" : "wrong");
  Serial.println(TCNT1 < 250 ? "counter ok" : "counter wrong");
  finish();
}
void loop() {}
