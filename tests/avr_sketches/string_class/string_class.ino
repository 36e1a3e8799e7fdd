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
  String s = "Lean";
  s += "bot";
  s += 42;
  s += ' ';
  s += 3.14159f;
  Serial.println(s);
  Serial.println(s.length());
  Serial.println(s.indexOf("bot"));
  Serial.println(s.substring(2, 6));
  String n = "12345";
  Serial.println(n.toInt() * 2);
  String t = String(255, HEX) + String(-7) + String(2.5, 3);
  t.toUpperCase();
  Serial.println(t);
  Serial.println(String("abc") == "abc");
  finish();
}
void loop() {}
