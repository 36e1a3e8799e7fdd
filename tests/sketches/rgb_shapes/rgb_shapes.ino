/*
  RGB LEDs: single LEDs, shapes made with BITMAP, colour names, brightness.
*/
#include <Leanbot.h>

byte LbSmiley = BITMAP(ledA, ledB, ledC, ledD);   // create smiley shape
byte LbEyes = BITMAP(ledE, ledF);

void setup() {
  Leanbot.begin();

  LbRGB[ledA] = CRGB::Red;              // set ledA to red
  LbRGB[ledO] = CRGB(0, 255, 0);        // set ledO to green
  LbRGB[ledD] = 0x0000FF;               // set ledD to blue
  LbRGB.show();
  LbDelay(500);

  LbRGB.clear();
  LbRGB.fillColor(CRGB::Green, LbSmiley);
  LbRGB.fillColor(CRGB::Gold, LbEyes);
  LbRGB.show();
  LbDelay(500);

  LbRGB.setBrightness(50);
  LbRGB.fillColor(CRGB::MediumVioletRed);
  LbRGB.show();
  LbDelay(500);

  LbRGB.clear();
  LbRGB.show();
  Serial.print("smiley=");
  Serial.print(LbSmiley, BIN);
  Serial.print(" eyes=");
  Serial.println(LbEyes, BIN);
  LbMission.end();
}

void loop() {
}
