// The starter with nothing added: it drives straight on and leaves the track at the first bend.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  byte line = LbIRLine.read();
  if (line == 0b0110) {
    LbMotion.runLR(1000, 1000);
  }
  if (LbMission.elapsedMillis() > 60000) LbMission.end();
}
