/*
  A tour of the whole Leanbot API, one call after another.
*/
#include <Leanbot.h>

byte shape = BITMAP(ledA, ledC, ledE);

void setup() {
  Leanbot.begin();
  LbMission.begin(0);                          // start at once
  Leanbot.tone(440);
  Leanbot.tone(880, 50);
  Leanbot.noTone();
  Serial.println(Leanbot.pingMm());
  Serial.println(Leanbot.pingCm());
  Leanbot.DCMotor.setPower(100);
  LbDelay(10);

  LbMotion.runLR(800, 800);
  LbMotion.waitDistance(500);
  LbMotion.waitDistanceMm(20);
  LbMotion.delayDistanceMm(5);
  LbMotion.runLR(500, -500);
  LbMotion.waitRotation(200);
  LbMotion.waitRotationDeg(10);
  LbMotion.setZeroOrigin();
  LbMotion.waitUntilRotationDeg(20);
  LbMotion.runLRrpm(20, 20);
  LbMotion.waitUntilDistanceMm(10);
  LbMotion.stopAndWait();
  LbMotion.runRotationDeg(-500, 500, 30);
  Serial.println(LbMotion.isStop() && !LbMotion.isMoving());
  Serial.println(LbMotion.getDistance() + LbMotion.getDistanceMm());
  Serial.println(LbMotion.getRotation() + LbMotion.getRotationDeg());

  LbGripper.begin(4000);
  LbGripper.setCalibration(0, 90, 0, 90);
  LbGripper.open();
  LbGripper.close();
  LbGripper.close(80);
  LbGripper.moveTo(45);
  LbGripper.moveToLR(10, 20, 100);
  LbGripper.writeLR(0, 0);
  LbGripper.shake(1, 10, 2);
  Serial.println(LbGripper.readL() + LbGripper.readR());

  LbRGB[ledB] = CRGB::AliceBlue;
  LbRGB[ledD] = CHSV(0, 255, 255);
  LbRGB[ledF] = CHSV(85, 255, 255);
  LbRGB.fillColor(CRGB::FairyLightNCC, shape);
  LbRGB.setBrightness(128);
  LbRGB.show();
  LbRGB.clear();

  Serial.println(LbTouch.read(TB1A | TB1B) + LbTouch.readBits() + LbTouch.onPress(TB2A));
  Serial.println(LbIRLine.read() + LbIRLine.read(300) + LbIRLine.value() + LbIRLine.isBlackDetected());
  LbIRLine.print();
  LbIRLine.print(5);
  LbIRLine.println(10);
  LbIRLine.println();
  LbIRLine.displayOnRGB(CRGB::Red);
  LbIRLine.displayOnRGB(15, CRGB::Blue);
  LbIRLine.setThreshold(300, 300, 300, 300);
  Serial.println(LbIRArray.read(ir6L) + LbIRArray.read(ir7R));
  Serial.println(random8() >= 0 && random(10) < 10);
  Serial.println(LbMission.elapsedMillis() > 0);
  LbMission.end();
}

void loop() {
}
