// Random colours on every LED, five times, with random8().
#include <Leanbot.h>

int rounds = 0;

void setup() {
  Leanbot.begin();
}

void loop() {
  for (int i = ledA; i <= ledO; i++) {
    LbRGB[i] = CRGB(random8(), random8(), random8());
  }
  LbRGB.show();
  Serial.println(random(100));
  LbDelay(200);
  if (++rounds == 5) LbMission.end();
}
