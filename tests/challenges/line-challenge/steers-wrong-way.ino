// A typical mistake: steering away from the line (left and right swapped).
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  byte line = LbIRLine.read();
  if (line == 0b0110) {
    LbMotion.runLR(1000, 1000);
  } else if (line & 0b1100) {
    LbMotion.runLR(1000, 500);
  } else if (line & 0b0011) {
    LbMotion.runLR(500, 1000);
  }
  if (LbMotion.getDistanceMm() > 2700) LbMission.end();
}
