/*
  Drive towards the wall and stop 150 mm before it.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.print("first ping cm: ");
  Serial.println(Leanbot.pingCm());
  LbMotion.runLR(1000, 1000);
}

void loop() {
  unsigned int d = Leanbot.pingMm();
  Serial.println(d);
  if (d < 150) {
    LbMotion.stopAndWait();
    Serial.print("stopped at ");
    Serial.println(Leanbot.pingMm());
    LbMission.end();
  }
}
