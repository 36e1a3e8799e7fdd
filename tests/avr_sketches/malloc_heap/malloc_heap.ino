#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

extern int __heap_start, *__brkval;
int free_ram() {
  int v;
  return (int)&v - (__brkval == 0 ? (int)&__heap_start : (int)__brkval);
}
void setup() {
  Serial.begin(115200);
  int before = free_ram();
  char* p = (char*)malloc(100);
  Serial.println(p != 0);
  Serial.println(before - free_ram());
  char* q = (char*)malloc(3000);
  Serial.println(q == 0 ? "no room" : "room");
  free(p);
  String grow;
  for (int i = 0; i < 20; i++) grow += "abcde";
  Serial.println(grow.length());
  finish();
}
void loop() {}
