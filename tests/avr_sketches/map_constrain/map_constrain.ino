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
  Serial.println(map(512, 0, 1023, 0, 255));
  Serial.println(map(300, 0, 1000, 2000, -2000));
  Serial.println(constrain(3000, -2000, 2000));
  Serial.println(constrain(-5, 0, 10));
  Serial.println(min(3, -3));
  Serial.println(max(40000L, 3L));
  Serial.println(sq(300));
  Serial.println(round(2.5));
  finish();
}
void loop() {}
