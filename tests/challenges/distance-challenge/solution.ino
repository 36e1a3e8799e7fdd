// Reference solution of the keep-your-distance challenge.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  LbMotion.runLR(1000, 1000);
  while (Leanbot.pingMm() > 200) LbDelay(10);
  LbMotion.stopAndWait();
  LbRGB.fillColor(CRGB::Green);
  LbRGB.show();
  LbDelay(1000);
  LbRGB.clear();
  LbRGB.show();
  LbMotion.runLR(-1000, -1000);
  while (Leanbot.pingMm() < 400) LbDelay(10);
  LbMotion.stopAndWait();
  LbMission.end();
}
