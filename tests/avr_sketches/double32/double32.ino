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
  double third = 1.0 / 3.0;
  Serial.println(third, 10);
  double big = 16777216.0;
  Serial.println(big + 1.0, 1);
  float f = 0.1f;
  double sum = 0;
  for (int i = 0; i < 10; i++) sum += f;
  Serial.println(sum, 8);
  Serial.println(sqrt(2.0), 7);
  Serial.println(sin(1.0), 7);
  Serial.println(exp(10.0), 2);
  Serial.println(pow(2.0, 0.5), 6);
  Serial.println(1e10 * 1e30);
  Serial.println(sqrt(-1.0));
  Serial.println(4294967296.0);
  finish();
}
void loop() {}
