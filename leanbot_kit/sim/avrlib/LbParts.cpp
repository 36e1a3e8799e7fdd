// LbParts.cpp - wheels, gripper, LEDs, touch pads and IR sensors of the Leanbot library for the
// simulator (AVR side); see Leanbot.cpp for the channel.
#include <Arduino.h>
#include <Leanbot.h>

#include "lb_io.h"



static void blocking(uint8_t id) { call(id); }  // see Leanbot.cpp

static void call_ii(uint8_t id, int a, int b) {
  arg16((uint16_t)a);
  arg16((uint16_t)b);
  call(id);
}

static void wait_long(uint8_t id, long v) {
  arg32((uint32_t)v);
  blocking(id);
}

// ---- wheels ----
void LbMotionClass::runLR(int vL, int vR) { call_ii(LB_RUN_LR, vL, vR); }
void LbMotionClass::runLRrpm(int rpmL, int rpmR) { call_ii(LB_RUN_RPM, rpmL, rpmR); }
void LbMotionClass::stopAndWait() { blocking(LB_STOP_AND_WAIT); }
bool LbMotionClass::isMoving() {
  call(LB_IS_MOVING);
  return res8() != 0;
}
bool LbMotionClass::isStop() { return !isMoving(); }
void LbMotionClass::waitDistance(long steps) { wait_long(LB_WAIT_DISTANCE, steps); }
void LbMotionClass::waitDistanceMm(int mm) { wait_long(LB_WAIT_DISTANCE_MM, mm); }
void LbMotionClass::delayDistanceMm(int mm) { waitDistanceMm(mm); }
void LbMotionClass::waitRotation(long steps) { wait_long(LB_WAIT_ROTATION, steps); }
void LbMotionClass::waitRotationDeg(int deg) { wait_long(LB_WAIT_ROTATION_DEG, deg); }
static long get_long(uint8_t id) {
  call(id);
  return (long)res32();
}
long LbMotionClass::getDistance() { return get_long(LB_GET_DISTANCE); }
long LbMotionClass::getDistanceMm() { return get_long(LB_GET_DISTANCE_MM); }
long LbMotionClass::getRotation() { return get_long(LB_GET_ROTATION); }
long LbMotionClass::getRotationDeg() { return get_long(LB_GET_ROTATION_DEG); }
void LbMotionClass::setZeroOrigin() { call(LB_SET_ZERO_ORIGIN); }
void LbMotionClass::waitUntilDistance(long steps) { wait_long(LB_WAIT_UNTIL_DISTANCE, steps); }
void LbMotionClass::waitUntilDistanceMm(long mm) { wait_long(LB_WAIT_UNTIL_DISTANCE_MM, mm); }
void LbMotionClass::waitUntilRotation(long steps) { wait_long(LB_WAIT_UNTIL_ROTATION, steps); }
void LbMotionClass::waitUntilRotationDeg(long deg) { wait_long(LB_WAIT_UNTIL_ROTATION_DEG, deg); }
void LbMotionClass::runRotationDeg(int vL, int vR, int deg) {
  arg16((uint16_t)vL);
  arg16((uint16_t)vR);
  arg16((uint16_t)deg);
  blocking(LB_RUN_ROTATION_DEG);
}

// ---- gripper ----
void LbGripperClass::begin() { call(LB_GRIP_BEGIN); }
void LbGripperClass::begin(unsigned int) { call(LB_GRIP_BEGIN); }
void LbGripperClass::open() { moveTo(0); }
void LbGripperClass::close() { moveTo(90); }
void LbGripperClass::close(int deg) { moveTo(deg); }
void LbGripperClass::moveTo(int deg) {
  arg16((uint16_t)deg);
  blocking(LB_GRIP_MOVE_TO);
}
void LbGripperClass::moveToLR(int degL, int degR, int ms) {
  arg16((uint16_t)degL);
  arg16((uint16_t)degR);
  arg16((uint16_t)ms);
  blocking(LB_GRIP_MOVE_TO_LR);
}
void LbGripperClass::writeLR(int degL, int degR) { call_ii(LB_GRIP_WRITE_LR, degL, degR); }
void LbGripperClass::shake(int times, int amplitude, int msPerDeg) {
  arg16((uint16_t)times);
  arg16((uint16_t)amplitude);
  arg16((uint16_t)msPerDeg);
  blocking(LB_GRIP_SHAKE);
}
int LbGripperClass::readL() {
  call(LB_GRIP_READ_L);
  return (int)res16();
}
int LbGripperClass::readR() {
  call(LB_GRIP_READ_R);
  return (int)res16();
}
void LbGripperClass::setCalibration(int a, int b, int c, int d) {
  arg16((uint16_t)a);
  arg16((uint16_t)b);
  call_ii(LB_GRIP_CALIBRATION, c, d);
}

// ---- RGB LEDs: the buffer lives in the chip's RAM, show() hands it to the robot ----
static CRGB led_buf[LB_NUM_LEDS];

CRGB& LbRGBClass::operator[](uint8_t led) {
  static CRGB nowhere;
  return led < LB_NUM_LEDS ? led_buf[led] : nowhere;
}
void LbRGBClass::show() {
  for (uint8_t i = 0; i < LB_NUM_LEDS; ++i) {
    arg8(led_buf[i].r);
    arg8(led_buf[i].g);
    arg8(led_buf[i].b);
  }
  call(LB_RGB_SHOW);
}
void LbRGBClass::clear() {
  for (uint8_t i = 0; i < LB_NUM_LEDS; ++i) led_buf[i] = CRGB(0, 0, 0);
}
void LbRGBClass::fillColor(const CRGB& colour) { fillColor(colour, 0x7F); }
void LbRGBClass::fillColor(const CRGB& colour, byte shape) {
  for (uint8_t i = 0; i < LB_NUM_LEDS; ++i)
    if (shape & (1 << i)) led_buf[i] = colour;
}
void LbRGBClass::setBrightness(uint8_t brightness) {
  arg8(brightness);
  call(LB_RGB_BRIGHTNESS);
}

// ---- touch ----
byte LbTouchClass::read(byte mask) {
  arg8(mask);
  call(LB_TOUCH_READ);
  return res8();
}
byte LbTouchClass::readBits() {
  call(LB_TOUCH_BITS);
  return res8();
}
bool LbTouchClass::onPress(byte mask) {
  arg8(mask);
  call(LB_TOUCH_ON_PRESS);
  return res8() != 0;
}

// ---- IR sensors ----
byte LbIRLineClass::read() {
  call(LB_IR_LINE_READ);
  return res8();
}
byte LbIRLineClass::read(int threshold) {
  arg16((uint16_t)threshold);
  call(LB_IR_LINE_READ_T);
  return res8();
}
byte LbIRLineClass::value() {
  call(LB_IR_LINE_VALUE);
  return res8();
}
bool LbIRLineClass::isBlackDetected() { return read() != 0; }
void LbIRLineClass::print() { print(value()); }
void LbIRLineClass::print(byte state) {
  for (int8_t i = 3; i >= 0; --i) Serial.print((state >> i) & 1 ? '1' : '0');
}
void LbIRLineClass::println() { println(value()); }
void LbIRLineClass::println(byte state) {
  print(state);
  Serial.println();
}
void LbIRLineClass::displayOnRGB(const CRGB& colour) { displayOnRGB(value(), colour); }
// Assumed, as in the robot model: bit 3..0 (ir2L .. ir3R) on ledA .. ledD.
void LbIRLineClass::displayOnRGB(byte state, const CRGB& colour) {
  static const uint8_t leds[4] = {ledA, ledB, ledC, ledD};
  for (uint8_t i = 0; i < 4; ++i) LbRGB[leds[i]] = (state >> (3 - i)) & 1 ? colour : CRGB(0, 0, 0);
  LbRGB.show();
}
void LbIRLineClass::setThreshold(int t2L, int t0L, int t1R, int t3R) {
  arg16((uint16_t)t2L);
  arg16((uint16_t)t0L);
  call_ii(LB_IR_SET_THRESHOLD, t1R, t3R);
}
void LbIRLineClass::doManualCalibration(byte touchMask) {
  arg8(touchMask);
  blocking(LB_IR_CALIBRATE);
  LbRGB.clear();  // the robot model cleared the LEDs when the test mode ended
}
int LbIRArrayClass::read(uint8_t irX) {
  arg8(irX);
  call(LB_IR_ARRAY_READ);
  return (int)res16();
}
