/*
  Challenge: park in the bay.
  The bay is 300 mm ahead and 200 mm to the LEFT of the start.
  Grade your sketch:  leanbot check parking.ino --lesson parking-challenge.yaml
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  // TODO 1: drive 300 mm forward:
  //         LbMotion.runLR(1000, 1000);  LbMotion.waitDistanceMm(300);  LbMotion.stopAndWait();

  // TODO 2: turn LEFT 90 degrees: the left wheel goes backward, the right wheel forward,
  //         then LbMotion.waitRotationDeg(90) and LbMotion.stopAndWait().

  // TODO 3: drive 200 mm forward into the bay.

  LbMission.end();  // stop and finish the mission
}
