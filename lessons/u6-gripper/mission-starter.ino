/*
  Challenge: pick-and-place mission.
  The can is 400 mm ahead, then 370 mm to the LEFT. Fetch it and put it down inside the
  200 mm home square around the start.
  Hint: after driving 300 mm towards the can, it sits between the open arms.
  Grade your sketch:  leanbot check mission.ino --lesson mission-challenge.yaml
*/
#include <Leanbot.h>

void drive(int mm) {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(mm);
  LbMotion.stopAndWait();
}

void turnLeft() {
  LbMotion.runLR(-600, 600);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
}

// TODO 1: write turnRight() (and maybe turnAround()) like turnLeft().

void setup() {
  Leanbot.begin();
  LbGripper.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  LbGripper.open();
  drive(400);
  turnLeft();
  // TODO 2: drive up to the can, close the gripper (LbGripper.close()).
  // TODO 3: drive back to the start square; open the gripper there (LbGripper.open()).
  LbMission.end();
}
