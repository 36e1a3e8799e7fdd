// A typical mistake: the gripper never closes, so the can stays where it was.
#include <Leanbot.h>

void drive(int mm) {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(mm);
  LbMotion.stopAndWait();
}

void turn(int left, int right, int deg) {
  LbMotion.runLR(left, right);
  LbMotion.waitRotationDeg(deg);
  LbMotion.stopAndWait();
}

void setup() {
  Leanbot.begin();
  LbGripper.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  LbGripper.open();
  drive(400);
  turn(-600, 600, 90);
  drive(300);
  turn(600, -600, 180);
  drive(300);
  turn(600, -600, 90);
  drive(400);
  LbMission.end();
}
