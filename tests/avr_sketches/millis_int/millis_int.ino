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
  delay(1200);
  unsigned long m = millis();
  Serial.println(m / 100);
  int start = (int)(m * 30);   // what an int keeps of a large millis() value
  Serial.println(start);
  unsigned long later = m * 30 + 500;
  Serial.println(later - start);        // mixed types: start is sign-extended
  Serial.println((int)later - start);
  finish();
}
void loop() {}
