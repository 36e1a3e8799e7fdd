// leanbot_ir.cpp - LbIRLine (4 bar sensors, thresholds, calibration) and LbIRArray (8 raw channels).
#include "Leanbot.h"
#include "sim.h"

using namespace sim;

LbIRLineClass LbIRLine;
LbIRArrayClass LbIRArray;

void lb_wait_press(byte mask);

static const int LINE_ORDER[4] = {ir2L, ir0L, ir1R, ir3R};  // bit 3 .. bit 0, left to right
// Assumed: displayOnRGB shows bit 3..0 (ir2L .. ir3R) on ledA .. ledD.
static const uint8_t LINE_LEDS[4] = {ledA, ledB, ledC, ledD};

static byte read_line(const int thresholds[4]) {
  cost(COST_IR_LINE);
  byte bits = 0;
  for (int i = 0; i < 4; ++i)
    if (ir_raw(LINE_ORDER[i], true) > thresholds[i]) bits |= (byte)(8 >> i);
  robot.line_state = bits;
  return bits;
}

byte LbIRLineClass::read() { return read_line(robot.threshold); }

byte LbIRLineClass::read(int threshold) {
  const int t[4] = {threshold, threshold, threshold, threshold};
  return read_line(t);
}

byte LbIRLineClass::value() {
  cost(COST_CALL);
  return robot.line_state;
}

bool LbIRLineClass::isBlackDetected() { return read() != 0; }

void LbIRLineClass::print() { print(robot.line_state); }

void LbIRLineClass::print(byte state) {
  for (int i = 3; i >= 0; --i) Serial.print((state >> i) & 1 ? '1' : '0');
}

void LbIRLineClass::println() { println(robot.line_state); }

void LbIRLineClass::println(byte state) {
  print(state);
  Serial.println();
}

void LbIRLineClass::displayOnRGB(const CRGB& colour) { displayOnRGB(robot.line_state, colour); }

void LbIRLineClass::displayOnRGB(byte state, const CRGB& colour) {
  for (int i = 0; i < 4; ++i) LbRGB[LINE_LEDS[i]] = (state >> (3 - i)) & 1 ? colour : CRGB(0, 0, 0);
  LbRGB.show();
}

void LbIRLineClass::setThreshold(int t2L, int t0L, int t1R, int t3R) {
  cost(COST_CALL);
  robot.threshold[0] = t2L;
  robot.threshold[1] = t0L;
  robot.threshold[2] = t1R;
  robot.threshold[3] = t3R;
}

static void sample(int out[4]) {
  cost(COST_IR_LINE);
  for (int i = 0; i < 4; ++i) out[i] = ir_raw(LINE_ORDER[i], true);
}

// Touch on white, touch on black, then a test mode (state on the LEDs) left by a third touch.
// In the simulation the robot cannot be carried between the touches: where the two samples do not
// differ by 100 the threshold falls back to halfway between white floor (100) and the darkest tape.
void LbIRLineClass::doManualCalibration(byte touchMask) {
  int white[4], black[4];
  lb_wait_press(touchMask);
  sample(white);
  Leanbot.tone(1000, 100);
  lb_wait_press(touchMask);
  sample(black);
  Leanbot.tone(1500, 100);
  for (int i = 0; i < 4; ++i) {
    int lo = white[i] < black[i] ? white[i] : black[i], hi = white[i] < black[i] ? black[i] : white[i];
    robot.threshold[i] = hi - lo >= 100 ? (lo + hi) / 2 : (cfg.floor_white + max_tape_darkness()) / 2;
  }
  uint64_t since = now_us;
  bool held = LbTouch.read(touchMask);
  for (;;) {
    displayOnRGB(read(), CRGB::Red);
    bool now = LbTouch.read(touchMask) != 0;
    if (now && !held) break;
    held = now;
    if (cfg.auto_start_ms >= 0 && now_us - since >= (uint64_t)cfg.auto_start_ms * 1000ULL) break;
    LbDelay(20);
  }
  LbRGB.clear();
  LbRGB.show();
}

int LbIRArrayClass::read(uint8_t irX) {
  cost(COST_ANALOG);
  return ir_raw(irX & 7, true);
}
