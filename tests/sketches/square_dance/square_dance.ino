/*
  Square dance: drive a 200 mm square, turning right 90 degrees at each corner.
  Start the mission by touching TB1A and TB1B together.
*/

#include <Leanbot.h>

int side = 0;

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);         // wait for the touch, then 3-2-1
}

void loop() {
  goStraight(200);
  turnRight();
  side = side + 1;
  Serial.print("side ");
  Serial.println(side);
  if (side == 4) {
    Serial.print("mission time ms: ");
    Serial.println(LbMission.elapsedMillis());
    LbMission.end();                    // stop, finish mission
  }
}

void goStraight(int mm) {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(mm);
  LbMotion.stopAndWait();
}

void turnRight() {
  LbMotion.runLR(+500, -500);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
}
