#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

void setup() {
  Serial.begin(115200);
  Serial.flush();
  unsigned long t = micros();
  for (volatile unsigned int i = 0; i < 1000; i++) {
  }
  unsigned long dt = micros() - t;
  Serial.println(dt);
  Serial.flush();  // no UART interrupt inside the measurement (simavr's UART timing differs)
  t = micros();
  delayMicroseconds(100);
  Serial.println(micros() - t);
  finish();
}
void loop() {}
