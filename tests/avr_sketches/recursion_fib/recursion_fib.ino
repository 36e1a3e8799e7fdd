#include <avr/sleep.h>
// Ends the run: the last bytes out, then sleep with interrupts off (the end for both emulators).
void finish() {
  Serial.flush();
  set_sleep_mode(SLEEP_MODE_PWR_DOWN);
  sleep_enable();
  cli();
  sleep_cpu();
}

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
void setup() {
  Serial.begin(115200);
  Serial.println(fib(18));
  unsigned long crc = 0xFFFFFFFFUL;
  for (unsigned int i = 0; i < 2000; i++) {
    crc ^= (byte)i;
    for (byte k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320UL & (0 - (crc & 1)));
  }
  Serial.println(crc ^ 0xFFFFFFFFUL, HEX);
  finish();
}
void loop() {}
