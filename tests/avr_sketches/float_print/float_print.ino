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
  Serial.println(1.23456f);
  Serial.println(-0.005f, 3);
  Serial.println(1234567.0f, 0);
  Serial.println(2.5f, 0);
  Serial.println(1e-6, 8);
  Serial.println(NAN);
  Serial.println(INFINITY);
  Serial.println(5e9);
  float x = 10;
  x /= 3;
  Serial.println(x, 6);
  Serial.println((int)(x * 1000));
  finish();
}
void loop() {}
