// A typical mistake: the robot turns RIGHT (left wheel forward) instead of left.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(300);
  LbMotion.stopAndWait();
  LbMotion.runLR(600, -600);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(200);
  LbMotion.stopAndWait();
  LbMission.end();
}
