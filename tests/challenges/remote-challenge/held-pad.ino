// A typical mistake: LbTouch.read() is true as long as the pad is held, so a long touch moves twice.
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
  if (LbTouch.read(TB1B)) {
    turn(600, -600);
  } else if (LbTouch.read(TB1A)) {
    turn(-600, 600);
  } else if (LbTouch.read(TB2A)) {
    LbMotion.runLR(1000, 1000);
    LbMotion.waitDistanceMm(100);
    LbMotion.stopAndWait();
  }
}
