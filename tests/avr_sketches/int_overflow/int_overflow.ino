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
  volatile int a = 300;
  int b = a * 200;
  Serial.println(b);
  volatile int big = 32767;
  Serial.println(big + 1);
  volatile int x = 1000;
  long wrong = x * x;          // int multiply, then widened
  long right = (long)x * x;
  Serial.println(wrong);
  Serial.println(right);
  int16_t s = -32768;
  Serial.println(-s);
  Serial.println(abs(-32767));
  finish();
}
void loop() {}
