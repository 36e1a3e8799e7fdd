/*
  Serial commands: 'f' forward, 's' stop, 'p' ping; anything else is echoed.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.println("ready");
}

void loop() {
  if (Serial.available() > 0) {
    char c = Serial.read();
    handle(c);
  }
  if (millis() > 3000) LbMission.end();
}

void handle(char c) {
  if (c == 'f') {
    LbMotion.runLR(500, 500);
    Serial.println("forward");
  } else if (c == 's') {
    LbMotion.stopAndWait();
    Serial.println("stop");
  } else if (c == 'p') {
    Serial.println(Leanbot.pingMm());
  } else if (c != '\n') {
    Serial.print("echo ");
    Serial.println(c);
  }
}
