/*
  String handling and EEPROM: count boots, store a struct, parse a number.
*/
#include <Leanbot.h>
#include <EEPROM.h>

struct Settings {
  int speed;
  long distance;
  char name[8];
};

void setup() {
  Leanbot.begin();

  byte boots = EEPROM.read(0);
  if (boots == 255) boots = 0;
  EEPROM.write(0, boots + 1);
  EEPROM.update(1, 7);
  Serial.print("boots ");
  Serial.println(EEPROM.read(0));
  EEPROM[2] = 99;
  Serial.print("cell2 ");
  Serial.println(EEPROM[2]);

  Settings saved = {800, 123456L, "leanbot"};
  EEPROM.put(10, saved);
  Settings loaded;
  EEPROM.get(10, loaded);
  Serial.print("loaded ");
  Serial.print(loaded.speed);
  Serial.print(' ');
  Serial.print(loaded.distance);
  Serial.print(' ');
  Serial.println(loaded.name);
  Serial.print("length ");
  Serial.println(EEPROM.length());

  String msg = "speed=750;dist=200";
  int eq = msg.indexOf('=');
  int semi = msg.indexOf(';');
  String value = msg.substring(eq + 1, semi);
  Serial.println(value.toInt() + 1);
  Serial.println(msg.length());
  Serial.println(msg.charAt(0));
  String upper = msg;
  upper.toUpperCase();
  Serial.println(upper);
  Serial.println(msg.startsWith("speed") ? "starts" : "no");
  Serial.println(msg.equals("x") ? "equal" : "different");
  String built;
  built += "a";
  built += 1;
  built += 'c';
  built += 2.5;
  Serial.println(built);
  Serial.println(String(255, HEX) + " " + String(3.14159, 3));
  msg.replace("=", ":");
  Serial.println(msg);
  Serial.println(msg.c_str());
  LbMission.end();
}

void loop() {
}
