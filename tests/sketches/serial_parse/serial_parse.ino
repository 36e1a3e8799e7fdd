/*
  Read wheel speeds from the Serial Monitor: "vL vR" then Enter, e.g. "300 -300".
  "stop" stops the wheels.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.setTimeout(200);
  Serial.println("speeds?");
}

void loop() {
  if (Serial.available()) {
    if (Serial.peek() == 's') {
      String word = Serial.readStringUntil('\n');
      word.trim();
      if (word == "stop") {
        LbMotion.stopAndWait();
        Serial.println("stopped");
        LbMission.end();
      }
    } else {
      int vL = Serial.parseInt();
      int vR = Serial.parseInt();
      Serial.read();                      // the end of the line
      LbMotion.runLR(vL, vR);
      Serial.print("run ");
      Serial.print(vL);
      Serial.print(' ');
      Serial.println(vR);
    }
  }
}
