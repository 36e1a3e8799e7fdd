// Blink the on-board LED, and read a pin with the pull-up on.
#include <Leanbot.h>

int blinks = 0;

void setup() {
  pinMode(LED_BUILTIN, OUTPUT);
  pinMode(2, INPUT_PULLUP);
  Serial.begin(115200);
  Serial.println(digitalRead(2) == HIGH ? "pin 2 high" : "pin 2 low");
}

void loop() {
  digitalWrite(LED_BUILTIN, HIGH);
  delay(1000);
  digitalWrite(LED_BUILTIN, LOW);
  delay(1000);
  blinks++;
  Serial.print("blinks: ");
  Serial.println(blinks);
  if (blinks == 3) {
    Serial.print("micros > 6 s: ");
    Serial.println(micros() >= 6000000UL);
    LbMission.end();
  }
}
