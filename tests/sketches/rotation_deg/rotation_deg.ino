/*
  Turn on the spot with runRotationDeg and report what the odometry says.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.println("Rotation test");
}

void loop() {
  LbMotion.setZeroOrigin();
  LbMotion.runRotationDeg(+600, -600, 90);    // right 90 degrees, then stop
  report("right");
  LbDelay(500);

  LbMotion.setZeroOrigin();
  LbMotion.runRotationDeg(-600, +600, 180);   // left 180 degrees
  report("left");

  LbMotion.setZeroOrigin();
  LbMotion.runLR(+400, -400);
  LbMotion.waitRotation(1750);                // steps, like the reference example
  LbMotion.stopAndWait();
  report("steps");
  LbMission.end();
}

void report(const char *what) {
  Serial.print(what);
  Serial.print(" deg=");
  Serial.print(LbMotion.getRotationDeg());
  Serial.print(" steps=");
  Serial.println(LbMotion.getRotation());
}
