#include <EEPROM.h>
#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

struct Cal {
  int a;
  long b;
  float c;
};
void setup() {
  Serial.begin(115200);
  Serial.println(EEPROM.length());
  Serial.println(EEPROM.read(10));
  EEPROM.write(10, 123);
  Serial.println(EEPROM.read(10));
  EEPROM.update(11, 7);
  Serial.println(EEPROM[11]);
  Cal c = {-12, 100000L, 1.5f};
  EEPROM.put(20, c);
  Cal d;
  EEPROM.get(20, d);
  Serial.println(d.a);
  Serial.println(d.b);
  Serial.println(d.c);
  finish();
}
void loop() {}
