/*
  Challenge: siren.
  5 times: all LEDs red with a high tone (880 Hz, 300 ms), then all LEDs blue with a low tone
  (660 Hz, 300 ms). Then switch the LEDs off. The robot does not move.
  Grade your sketch:  leanbot check siren.ino --lesson siren-challenge.yaml
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);  // touch TB1A and TB1B together to start
}

void loop() {
  for (int i = 0; i < 1; i++) {  // TODO 1: repeat 5 times, not once
    LbRGB.fillColor(CRGB::Red);
    LbRGB.show();
    Leanbot.tone(880, 300);
    LbDelay(300);
    // TODO 2: blue lights with a 660 Hz tone for 300 ms
  }
  // TODO 3: switch every LED off (LbRGB.clear(); then LbRGB.show();)
  LbMission.end();
}
