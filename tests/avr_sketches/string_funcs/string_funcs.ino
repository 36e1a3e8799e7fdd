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
  Serial.println(atoi("-123abc"));
  Serial.println(atol("70000"));
  Serial.println(strtol("ff", 0, 16));
  Serial.println(atof("2.75"), 3);
  char a[] = "apple", b[] = "apricot";
  Serial.println(strcmp(a, b) < 0);
  char buf[20];
  strncpy(buf, "truncate me", 8);
  buf[8] = 0;
  Serial.println(buf);
  Serial.println(strlen(buf));
  itoa(-255, buf, 16);
  Serial.println(buf);
  ltoa(123456789L, buf, 36);
  Serial.println(buf);
  finish();
}
void loop() {}
