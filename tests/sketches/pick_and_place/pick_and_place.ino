/*
  Pick and place: drive up to the object, grab it, turn around,
  carry it 150 mm and put it down.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbGripper.open();
  LbMission.begin(TB1A + TB1B);

  LbMotion.runLR(600, 600);
  while (Leanbot.pingMm() > 40) {
    // keep driving until the object is right in front
  }
  LbMotion.stopAndWait();
  LbMotion.runLR(600, 600);               // a little more, between the arms
  LbMotion.waitDistanceMm(30);
  LbMotion.stopAndWait();
  LbGripper.close();
  Serial.println("grabbed");

  LbMotion.runRotationDeg(+500, -500, 180);
  LbMotion.runLR(600, 600);
  LbMotion.waitDistanceMm(150);
  LbMotion.stopAndWait();
  LbGripper.moveToLR(0, 0, 600);          // let go slowly
  Serial.println("placed");

  LbMotion.runLR(-600, -600);
  LbMotion.waitDistanceMm(50);
  LbMotion.stopAndWait();
  LbMission.end();
}

void loop() {
}
