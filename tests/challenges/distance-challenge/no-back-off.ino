// A typical mistake: stops 20 cm from the wall but never backs off to 40 cm.
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
  LbMission.end();
}
