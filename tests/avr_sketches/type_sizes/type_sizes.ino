#include <avr/sleep.h>
#include <limits.h>
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
  Serial.print(F("char ")); Serial.println(sizeof(char));
  Serial.print(F("short ")); Serial.println(sizeof(short));
  Serial.print(F("int ")); Serial.println(sizeof(int));
  Serial.print(F("long ")); Serial.println(sizeof(long));
  Serial.print(F("long long ")); Serial.println((int)sizeof(long long));
  Serial.print(F("void* ")); Serial.println(sizeof(void*));
  Serial.print(F("float ")); Serial.println(sizeof(float));
  Serial.print(F("double ")); Serial.println(sizeof(double));
  Serial.print(F("size_t ")); Serial.println(sizeof(size_t));
  Serial.print(F("INT_MAX ")); Serial.println(INT_MAX);
  Serial.print(F("LONG_MAX ")); Serial.println(LONG_MAX);
  finish();
}
void loop() {}
