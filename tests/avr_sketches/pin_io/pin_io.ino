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
  pinMode(13, OUTPUT);
  digitalWrite(13, HIGH);
  Serial.println(PORTB, BIN);
  Serial.println(DDRB, BIN);
  digitalWrite(13, LOW);
  Serial.println(digitalRead(13));
  pinMode(8, INPUT_PULLUP);
  Serial.println(digitalRead(8));
  Serial.println(PORTB, BIN);
  finish();
}
void loop() {}
