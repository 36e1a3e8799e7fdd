/*
  Line following with the 4 bar sensors.

  Leanbot follows the black line, shows the line sensors on the RGB LEDs,
  prints the distance every second and stops after one lap (about 2.6 m).
*/

#include <Leanbot.h>                    // use Leanbot library

const long LAP_MM = 2570;               // length of the oval track
unsigned long lastPrint = 0;

void setup() {
  Leanbot.begin();                      // initialize Leanbot
  Serial.println("Follow line");
  LbMotion.setZeroOrigin();
}

void loop() {
  byte lineValue = LbIRLine.read();     // read the 4 bar sensors
  LbIRLine.displayOnRGB(CRGB::DarkCyan);
  followLine(lineValue);

  if (millis() - lastPrint >= 1000) {
    lastPrint = millis();
    printStatus();
  }

  if (LbMotion.getDistanceMm() >= LAP_MM) {
    LbMotion.stopAndWait();
    Serial.print("Lap done in ");
    Serial.print(millis() / 1000.0, 1);
    Serial.println(" s");
    LbMission.end();
  }
}

void followLine(byte lineValue) {
  switch (lineValue) {
    case 0b0110:                        // centred
    case 0b1111:
      LbMotion.runLR(+1500, +1500);
      break;
    case 0b0010:                        // line a little to the right
      LbMotion.runLR(+1500, +700);
      break;
    case 0b0100:                        // line a little to the left
      LbMotion.runLR(+700, +1500);
      break;
    case 0b0011:
    case 0b0001:                        // line far right
      LbMotion.runLR(+1500, 0);
      break;
    case 0b1100:
    case 0b1000:                        // line far left
      LbMotion.runLR(0, +1500);
      break;
    default:                            // keep the last command
      break;
  }
}

void printStatus() {
  Serial.print("t=");
  Serial.print(millis());
  Serial.print(" dist=");
  Serial.print(LbMotion.getDistanceMm());
  Serial.print(" line=");
  LbIRLine.println();
}
