/*
  Play a short melody with Leanbot.tone, then a long note stopped by noTone.
*/
#include <Leanbot.h>

int melody[] = {262, 294, 330, 349, 392};
int durations[] = {200, 200, 200, 200, 400};

void setup() {
  Leanbot.begin();
  for (int i = 0; i < 5; i++) {
    Leanbot.tone(melody[i], durations[i]);   // does not wait
    LbDelay(durations[i] + 50);
  }
  Leanbot.tone(440);                          // until noTone
  LbDelay(1000);
  Leanbot.noTone();
  Serial.println("done");
  LbMission.end();
}

void loop() {
}
