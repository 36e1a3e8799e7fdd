/*
  Gripper: open, close, move to angles, shake, and read the arms back.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  LbGripper.begin();
}

void loop() {
  unsigned long t0 = millis();
  LbGripper.close();                   // both arms to 90 degrees
  printArms("close", t0);

  t0 = millis();
  LbGripper.open();                    // both arms back to 0
  printArms("open", t0);

  t0 = millis();
  LbGripper.moveTo(45);
  printArms("moveTo45", t0);

  t0 = millis();
  LbGripper.moveToLR(30, 60, 1500);    // take 1.5 s to get there
  printArms("moveToLR", t0);

  t0 = millis();
  LbGripper.close(100);
  LbGripper.shake(4, 15 * 2, 2);
  printArms("shake", t0);

  LbGripper.writeLR(10, 20);           // does not wait
  Serial.print("right after writeLR: ");
  Serial.println(LbGripper.readL());
  LbDelay(1000);
  printArms("writeLR", millis());
  LbMission.end();
}

void printArms(const char *label, unsigned long since) {
  Serial.print(label);
  Serial.print(" L=");
  Serial.print(LbGripper.readL());
  Serial.print(" R=");
  Serial.print(LbGripper.readR());
  Serial.print(" ms=");
  Serial.println(millis() - since);
}
