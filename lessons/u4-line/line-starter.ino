/*
  Challenge: your own line follower. Follow the oval line for a whole lap.
  LbIRLine.read() gives the 4 sensors as bits, left to right: 8 4 2 1 (1 = black).
    0b0110: the line is in the middle      0b1100, 0b1000, 0b0100: the line is to the LEFT
    0b0011, 0b0001, 0b0010: to the RIGHT   0b0000: the line is lost
  Grade your sketch:  leanbot check line.ino --lesson line-challenge.yaml
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  byte line = LbIRLine.read();
  if (line == 0b0110) {
    LbMotion.runLR(1000, 1000);  // straight on
  }
  // TODO 1: the line is to the left: slow the LEFT wheel (e.g. runLR(300, 1000)).
  // TODO 2: the line is to the right: slow the RIGHT wheel.
  // TODO 3: the line is lost (0b0000): keep the wheels as they are.
  if (LbMission.elapsedMillis() > 60000) LbMission.end();
}
