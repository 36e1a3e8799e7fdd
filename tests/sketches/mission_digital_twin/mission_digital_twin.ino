#include <Leanbot.h>

void setup() {
  Leanbot.begin();
}

void loop() {
  LbMission.beginDigitalTwin(F( "ms1.1" ));
  LbMotion.runLR(500, 500);
  LbDelay(1000);
  LbMotion.runLR(500, -500);
  LbMotion.waitRotationDeg(45);
  LbMotion.stopAndWait();
  Serial.println(LbMission.elapsedMillis() > 1000 ? "ok" : "too fast");
  LbMission.end();
}
