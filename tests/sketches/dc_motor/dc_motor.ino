// DC motor port: ramp the power up, reverse, and stop.
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
}

void loop() {
  for (int power = 0; power <= 250; power += 50) {
    Leanbot.DCMotor.setPower(power);
    Serial.println(power);
    LbDelay(100);
  }
  Leanbot.DCMotor.setPower(-300);          // constrained to -255
  LbDelay(500);
  Leanbot.DCMotor.setPower(0);
  LbMission.end();
}
