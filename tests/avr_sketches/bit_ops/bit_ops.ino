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
  byte b = 0b10100101;
  Serial.println(bitRead(b, 2));
  bitSet(b, 1);
  bitClear(b, 7);
  Serial.println(b, BIN);
  int8_t s = -16;
  Serial.println(s >> 2);
  Serial.println((uint8_t)s >> 2);
  Serial.println(1 << 15);
  Serial.println(1L << 20);
  unsigned int r = 0x8001;
  r = (r << 1) | (r >> 15);
  Serial.println(r, HEX);
  Serial.println(highByte(0xABCD), HEX);
  Serial.println(lowByte(0xABCD), HEX);
  finish();
}
void loop() {}
