/*
  Wait for TB1A+TB1B touch signal, then go straight for 100 mm, then stop.
*/

#include <Leanbot.h>                    // use Leanbot library

void setup() {
  Leanbot.begin();                      // initialize Leanbot
  Serial.println("Touch TB1A + TB1B to start");
}

void loop() {
  LbMission.begin(TB1A + TB1B);         // start mission when both TB1A and TB1B touched
  Serial.print("started at ");
  Serial.println(millis());

  LbMotion.runLR(400, 400);             // go straight
  LbMotion.waitDistanceMm(100);         // for 100 mm
  LbMotion.stopAndWait();

  Serial.print("elapsed ");
  Serial.println(LbMission.elapsedMillis());
  LbMission.end();                      // stop, finish mission
  Serial.println("never printed");
}
