/*
  Challenge: touch remote control.
  TB1A: turn left 90 degrees.  TB1B: turn right 90 degrees.  TB2A: drive 100 mm forward.
  One move per touch, even when the pad is held for a long time.
  Grade your sketch:  leanbot check remote.ino --lesson remote-challenge.yaml
*/
#include <Leanbot.h>

void turnRight() {
  LbMotion.runLR(600, -600);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
}

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  if (LbTouch.onPress(TB1B)) {  // onPress is true once per new touch
    turnRight();
  }
  // TODO 1: on TB1A, turn left 90 degrees (write a turnLeft() function like turnRight()).
  // TODO 2: on TB2A, drive 100 mm forward (runLR, waitDistanceMm, stopAndWait).
}
