// A typical mistake: TB1A and TB1B swapped, so the robot turns left first.
#include <Leanbot.h>

void turn(int left, int right) {
  LbMotion.runLR(left, right);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
}

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  if (LbTouch.onPress(TB1A)) {
    turn(600, -600);
  } else if (LbTouch.onPress(TB1B)) {
    turn(-600, 600);
  } else if (LbTouch.onPress(TB2A)) {
    LbMotion.runLR(1000, 1000);
    LbMotion.waitDistanceMm(100);
    LbMotion.stopAndWait();
  }
}
