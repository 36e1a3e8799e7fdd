// Reference solution of the pick-and-place mission.
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
  turn(-600, 600, 90);   // left, towards the can
  drive(300);
  LbGripper.close();
  LbDelay(300);
  turn(600, -600, 180);  // turn round
  drive(300);
  turn(600, -600, 90);   // right: facing home
  drive(400);
  LbGripper.open();
  LbDelay(300);
  LbMotion.runLR(-1000, -1000);
  LbMotion.waitDistanceMm(100);
  LbMotion.stopAndWait();
  LbMission.end();
}
