// A sketch that hangs: a loop with no call at all (only the watchdog can stop it).
#include <Leanbot.h>

volatile unsigned long counter = 0;

void setup() {
  Leanbot.begin();
  Serial.println("spinning");
  while (true) {
    counter++;
  }
}

void loop() {
}
