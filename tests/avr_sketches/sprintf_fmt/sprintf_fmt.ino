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
  char buf[64];
  sprintf(buf, "%d %u %ld %x %05d", -5, 65535u, 123456L, 48879, 42);
  Serial.println(buf);
  sprintf(buf, "%s|%c|%%|%-4d|", "ok", 'Z', 7);
  Serial.println(buf);
  sprintf(buf, "%f", 1.5);  // no float in avr-libc's default printf: prints ?
  Serial.println(buf);
  dtostrf(3.14159, 8, 3, buf);
  Serial.println(buf);
  Serial.println(snprintf(buf, 5, "%d", 123456));
  Serial.println(buf);
  finish();
}
void loop() {}
