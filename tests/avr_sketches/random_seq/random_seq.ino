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
  randomSeed(42);
  for (int i = 0; i < 8; i++) {
    Serial.print(random(1000));
    Serial.print(' ');
  }
  Serial.println();
  for (int i = 0; i < 5; i++) {
    Serial.print(random(-50, 50));
    Serial.print(' ');
  }
  Serial.println();
  Serial.println(random(0));
  finish();
}
void loop() {}
