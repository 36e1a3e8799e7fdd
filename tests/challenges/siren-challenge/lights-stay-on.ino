// A typical mistake: the siren is right but the lights stay on at the end.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  for (int i = 0; i < 5; i++) {
    LbRGB.fillColor(CRGB::Red);
    LbRGB.show();
    Leanbot.tone(880, 300);
    LbDelay(300);
    LbRGB.fillColor(CRGB::Blue);
    LbRGB.show();
    Leanbot.tone(660, 300);
    LbDelay(300);
  }
  LbMission.end();
}
