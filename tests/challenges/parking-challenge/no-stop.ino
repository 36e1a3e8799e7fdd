// A typical mistake: no stop at the end, so the robot drives on through the bay.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(300);
  LbMotion.stopAndWait();
  LbMotion.runLR(-600, 600);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
  LbMotion.runLR(1000, 1000);
  while (true) LbDelay(100);  // waits forever with the wheels running
}
