/*
  Challenge: keep your distance.
  Drive to the wall and stop 20 cm (200 mm) before it; show green for 1 second;
  then back off until the wall is 40 cm (400 mm) away, and stop.
  You do not know how far the wall is: measure it with Leanbot.pingMm().
  Grade your sketch:  leanbot check distance.ino --lesson distance-challenge.yaml
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  LbMotion.runLR(1000, 1000);
  // TODO 1: wait while the wall is further than 200 mm:  while (Leanbot.pingMm() > 200) LbDelay(10);
  LbMotion.stopAndWait();
  // TODO 2: LEDs green for 1 second (LbRGB.fillColor(CRGB::Green); LbRGB.show(); LbDelay(1000);)
  // TODO 3: drive backward (negative speeds) while the wall is closer than 400 mm, then stop.
  LbMission.end();
}
