// A typical mistake: the distance measured in the classroom (50 cm) instead of the sensor.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(500);
  LbMotion.stopAndWait();
  LbRGB.fillColor(CRGB::Green);
  LbRGB.show();
  LbDelay(1000);
  LbMotion.runLR(-1000, -1000);
  LbMotion.waitDistanceMm(200);
  LbMotion.stopAndWait();
  LbMission.end();
}
