#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

const int table[] PROGMEM = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55};
const char greeting[] PROGMEM = "greetings from flash";
void setup() {
  Serial.begin(115200);
  Serial.println(F("F() string in flash"));
  long sum = 0;
  for (int i = 0; i < 10; i++) sum += pgm_read_word(&table[i]);
  Serial.println(sum);
  char buf[32];
  strcpy_P(buf, greeting);
  Serial.println(buf);
  Serial.println(strlen_P(greeting));
  Serial.println((const __FlashStringHelper*)greeting);
  finish();
}
void loop() {}
