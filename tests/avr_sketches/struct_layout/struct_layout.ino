#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

struct A {
  char c;
  int i;
  char d;
  long l;
};
union U {
  long l;
  byte b[4];
};
void setup() {
  Serial.begin(115200);
  Serial.println(sizeof(A));
  Serial.println(offsetof(A, i));
  Serial.println(offsetof(A, l));
  U u;
  u.l = 0x11223344L;
  for (int i = 0; i < 4; i++) Serial.print(u.b[i], HEX);
  Serial.println();
  bool flags[3] = {true, false, true};
  Serial.println(sizeof(flags));
  finish();
}
void loop() {}
