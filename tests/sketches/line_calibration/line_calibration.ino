/*
  Calibrate the line sensors with TB1A (white, then black, then leave the test mode),
  then show the line on the LEDs and print the raw values.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.println("Calibration: touch TB1A on white, then on black, then to finish");
  LbIRLine.doManualCalibration(TB1A);
  Serial.println("calibrated");
}

void loop() {
  byte state = LbIRLine.read();
  Serial.print("state ");
  LbIRLine.print();
  Serial.print(" black=");
  Serial.println(LbIRLine.isBlackDetected());
  LbIRLine.displayOnRGB(CRGB::Blue);

  Serial.print("raw");
  for (int i = ir0L; i <= ir3R; i++) {
    Serial.print(' ');
    Serial.print(LbIRArray.read(i));
  }
  Serial.println();

  LbIRLine.setThreshold(30, 30, 30, 30);       // below the white floor: everything looks black now
  Serial.print("low threshold ");
  LbIRLine.println(LbIRLine.read());
  Serial.print("read(800) ");
  LbIRLine.println(LbIRLine.read(800));        // nothing is that dark
  Serial.print("value ");
  Serial.println(LbIRLine.value());
  LbIRLine.displayOnRGB(0b1001, CRGB::Orange);
  Serial.print("first state ");
  Serial.println(state, BIN);
  LbMission.end();
}
