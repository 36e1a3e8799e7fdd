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
  unsigned int u = 65535;
  u++;
  Serial.println(u);
  unsigned char c = 255;
  c += 3;
  Serial.println(c);
  unsigned long ul = 4294967295UL;
  ul += 2;
  Serial.println(ul);
  unsigned int d = 3;
  d -= 5;
  Serial.println(d);
  byte b = 0;
  b--;
  Serial.println(b);
  for (byte i = 250; i != 4; i++) Serial.print(i), Serial.print(' ');
  Serial.println();
  finish();
}
void loop() {}
