/*
  Drive at 30 rpm for 2 seconds, then print how far Leanbot went.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.print("moving before: ");
  Serial.println(LbMotion.isMoving());

  LbMotion.runLRrpm(30, 30);          // 30 revolutions per minute
  LbDelay(2000);                      // wheels keep turning while waiting
  Serial.print("moving: ");
  Serial.println(LbMotion.isMoving());
  LbMotion.stopAndWait();
  Serial.print("stopped: ");
  Serial.println(LbMotion.isStop());

  Serial.print("steps: ");
  Serial.println(LbMotion.getDistance());
  Serial.print("mm: ");
  Serial.println(LbMotion.getDistanceMm());

  LbMotion.runLR(1000, 1000);          // and 1000 steps/s for 2 s
  LbMotion.setZeroOrigin();
  LbDelay(2000);
  LbMotion.stopAndWait();
  Serial.print("mm2: ");
  Serial.println(LbMotion.getDistanceMm());

  LbMotion.runLR(-400, -400);          // back up 50 mm (sign of the wait is ignored)
  LbMotion.setZeroOrigin();
  LbMotion.waitDistanceMm(50);
  LbMotion.stopAndWait();
  Serial.print("back: ");
  Serial.println(LbMotion.getDistanceMm());
}

void loop() {
}
