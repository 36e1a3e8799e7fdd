// Reference solution of the line-follower challenge: a decision table on the 4-bit state.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  byte line = LbIRLine.read();
  if (line == 0b0110 || line == 0b1111) {
    LbMotion.runLR(1000, 1000);
  } else if (line == 0b0100 || line == 0b1100) {
    LbMotion.runLR(500, 1000);
  } else if (line == 0b1000) {
    LbMotion.runLR(0, 1000);
  } else if (line == 0b0010 || line == 0b0011) {
    LbMotion.runLR(1000, 500);
  } else if (line == 0b0001) {
    LbMotion.runLR(1000, 0);
  }
  if (LbMotion.getDistanceMm() > 2700) LbMission.end();
}
