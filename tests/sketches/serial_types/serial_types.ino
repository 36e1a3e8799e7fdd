/*
  Serial printing of every kind of value.
*/
#include <Leanbot.h>

void setup() {
  Leanbot.begin();
  Serial.println("hello");
  Serial.println(F("from flash"));
  Serial.println('A');
  byte b = 200;
  Serial.println(b);
  int i = -1234;
  Serial.println(i);
  unsigned int u = 65535;
  Serial.println(u);
  long l = -2000000000L;
  Serial.println(l);
  unsigned long ul = 4000000000UL;
  Serial.println(ul);
  Serial.println(255, HEX);
  Serial.println(255, OCT);
  Serial.println(5, BIN);
  Serial.println(-1, HEX);
  float f = 3.14159;
  Serial.println(f);
  Serial.println(f, 4);
  double d = -0.5;
  Serial.println(d, 0);
  Serial.println(1.0 / 3, 6);
  bool flag = true;
  Serial.println(flag);
  String s = "String " + String(42);
  Serial.println(s);
  Serial.print("no newline|");
  Serial.write('W');
  Serial.write("rite");
  Serial.println();
  Serial.flush();                       // wait until everything is sent
  Serial.print("room after flush: ");
  Serial.println(Serial.availableForWrite());
  if (Serial) Serial.println("Serial is ready");
  Serial.flush();
  LbMission.end();
}

void loop() {
}
