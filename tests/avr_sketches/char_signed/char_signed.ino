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
  char c = 200;
  Serial.println((int)c);
  int8_t i8 = 127;
  i8++;
  Serial.println(i8);
  char text[] = "Leanbot";
  int sum = 0;
  for (char* p = text; *p; p++) sum += *p;
  Serial.println(sum);
  Serial.println((char)('a' + 25));
  Serial.println('A' + 1);
  finish();
}
void loop() {}
