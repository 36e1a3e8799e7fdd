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
  for (int i = 0; i < 4; i++) {
    delay(250);
    Serial.println(millis());
  }
  delay(1000);
  Serial.println(millis() / 10);
  finish();
}
void loop() {}
