#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

// Both measurements before any Serial output: the UART's timing is not what is compared here.
void setup() {
  unsigned long t = micros();
  for (volatile unsigned int i = 0; i < 1000; i++) {
  }
  unsigned long dt = micros() - t;
  t = micros();
  delayMicroseconds(100);
  unsigned long dt2 = micros() - t;
  Serial.begin(115200);
  Serial.println(dt);
  Serial.println(dt2);
  finish();
}
void loop() {}
