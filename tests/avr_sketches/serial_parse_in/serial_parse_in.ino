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
  Serial.setTimeout(200);
  long a = Serial.parseInt();
  long b = Serial.parseInt();
  Serial.println(a + b);
  String rest = Serial.readStringUntil('!');
  Serial.println(rest);
  delay(5);  // the byte after '!' has arrived by now on any model of the UART's timing
  Serial.println(Serial.available());
  finish();
}
void loop() {}
