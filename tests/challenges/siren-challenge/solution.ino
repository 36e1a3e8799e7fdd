// Reference solution of the siren challenge.
#include <Leanbot.h>

void flash(CRGB colour, unsigned int hz) {
  LbRGB.fillColor(colour);
  LbRGB.show();
  Leanbot.tone(hz, 300);
  LbDelay(300);
}

void setup() {
  Leanbot.begin();
  LbMission.begin(TB1A + TB1B);
}

void loop() {
  for (int i = 0; i < 5; i++) {
    flash(CRGB::Red, 880);
    flash(CRGB::Blue, 660);
  }
  LbRGB.clear();
  LbRGB.show();
  LbMission.end();
}
