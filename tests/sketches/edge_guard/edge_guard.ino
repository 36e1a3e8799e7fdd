/*
  Table edge guard: drive forward and stop when an edge sensor sees nothing.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMotion.runLR(600, 600);
}

void loop() {
  int left = LbIRArray.read(ir4L);
  int right = LbIRArray.read(ir5R);
  if (left > 600 || right > 600) {
    LbMotion.stopAndWait();
    Serial.print("edge ");
    Serial.print(left);
    Serial.print(' ');
    Serial.println(right);
    Serial.print("side ");
    Serial.print(LbIRArray.read(ir6L));
    Serial.print(' ');
    Serial.println(LbIRArray.read(ir7R));
    LbMission.end();
  }
}
