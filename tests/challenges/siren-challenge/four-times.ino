// A typical mistake: the loop counts from 1 to 4, so the siren sounds only eight times.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  for (int i = 1; i < 5; i++) {
    LbRGB.fillColor(CRGB::Red);
    LbRGB.show();
    Leanbot.tone(880, 300);
    LbDelay(300);
    LbRGB.fillColor(CRGB::Blue);
    LbRGB.show();
    Leanbot.tone(660, 300);
    LbDelay(300);
  }
  LbRGB.clear();
  LbRGB.show();
  LbMission.end();
}
