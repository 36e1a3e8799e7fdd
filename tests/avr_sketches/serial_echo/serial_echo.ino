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
  Serial.println(F("ready"));
  char line[40];
  byte n = 0;
  for (;;) {
    while (!Serial.available()) {
    }
    char c = Serial.read();
    if (c == '\n') break;
    if (n < sizeof line - 1) line[n++] = toupper(c);
  }
  line[n] = 0;
  Serial.print(F("echo: "));
  Serial.println(line);
  Serial.println(n);
  finish();
}
void loop() {}
