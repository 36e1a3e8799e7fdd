/*
  Count the presses on TB1A with onPress, and show all four pads with readBits.
*/
#include <Leanbot.h>

int presses = 0;
byte lastBits = 0;

void setup() {
  Leanbot.begin();
  Serial.println("Touch me");
}

void loop() {
  if (LbTouch.onPress(TB1A)) {
    presses++;
    Serial.print("press ");
    Serial.println(presses);
    Leanbot.tone(1000, 50);
  }

  byte bits = LbTouch.readBits();
  if (bits != lastBits) {
    lastBits = bits;
    Serial.print("bits ");
    Serial.println(bits, BIN);
  }

  if (LbTouch.read(TB2A) == 1 && LbTouch.read(TB2B) == 1) {
    Serial.print("total ");
    Serial.println(presses);
    LbMission.end();
  }
}
