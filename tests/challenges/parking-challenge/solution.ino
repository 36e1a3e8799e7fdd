// Reference solution of the parking challenge.
#include <Leanbot.h>

void drive(int mm) {
  LbMotion.runLR(1000, 1000);
  LbMotion.waitDistanceMm(mm);
  LbMotion.stopAndWait();
}

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  drive(300);
  LbMotion.runLR(-600, 600);
  LbMotion.waitRotationDeg(90);
  LbMotion.stopAndWait();
  drive(200);
  LbMission.end();
}
