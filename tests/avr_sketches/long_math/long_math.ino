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
  volatile long a = 123456789L, b = -9876L;
  Serial.println(a * b);
  Serial.println(a / b);
  Serial.println(a % b);
  Serial.println(-7 / 2);
  Serial.println(-7 % 2);
  Serial.println(-7L >> 1);
  Serial.println((unsigned long)a * 37UL);
  volatile long long ll = 1234567890123LL;
  Serial.println((long)(ll / 1000));
  Serial.println((long)(ll % 1000003));
  volatile unsigned int x = 40000U;
  Serial.println(x / 3);
  finish();
}
void loop() {}
