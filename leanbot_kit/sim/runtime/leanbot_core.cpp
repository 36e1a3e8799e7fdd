// leanbot_core.cpp - Leanbot, LbDelay, LbMission, LbTouch, LbRGB and the FastLED random helpers.
#include "Leanbot.h"
#include "sim.h"

using namespace sim;

LeanbotClass Leanbot;
LbMissionClass LbMission;
LbTouchClass LbTouch;
LbRGBClass LbRGB;

// Assumed countdown (no public source gives the real timing): three 880 Hz beeps of 100 ms,
// 500 ms apart; the mission clock starts 500 ms after the third beep starts.
static const unsigned COUNTDOWN_HZ = 880, COUNTDOWN_BEEP_MS = 100, COUNTDOWN_STEP_MS = 500;

// ---- FastLED random helpers ----
uint8_t random8() { return (uint8_t)(rng_next(rng_sketch) >> 24); }
uint8_t random8(uint8_t lim) { return (uint8_t)(((uint16_t)random8() * lim) >> 8); }
uint8_t random8(uint8_t min, uint8_t lim) { return (uint8_t)(min + random8((uint8_t)(lim - min))); }
uint16_t random16() { return (uint16_t)(rng_next(rng_sketch) >> 16); }
uint16_t random16(uint16_t lim) { return (uint16_t)(((uint32_t)random16() * lim) >> 16); }
uint16_t random16(uint16_t min, uint16_t lim) { return (uint16_t)(min + random16((uint16_t)(lim - min))); }

void LbDelay(uint16_t ms) { cost(ms ? ms * 1000ULL : COST_CALL); }

// ---- Leanbot ----
void LeanbotClass::begin() { Serial.begin(115200); }

void LeanbotClass::tone(unsigned int hz) { tone(hz, 0); }

void LeanbotClass::tone(unsigned int hz, unsigned int ms) {
  cost(COST_CALL);
  robot.tone_hz = hz;
  robot.tone_end_us = ms ? now_us + ms * 1000ULL : 0;
  trace_event("tone %u %u", hz, ms);
}

void LeanbotClass::noTone() {
  cost(COST_CALL);
  if (robot.tone_hz) trace_event("tone 0 0");
  robot.tone_hz = 0;
}

unsigned int LeanbotClass::pingMm() {
  // The sensor may be triggered every 50 ms at most: an earlier ping waits for its turn.
  uint64_t next = robot.last_ping_us + 50000;
  if (robot.pinged && next > now_us) cost(next - now_us);
  cost(COST_CALL);
  robot.pinged = true;
  robot.last_ping_us = now_us;
  unsigned mm = ping_mm(true);
  double range = cfg.ping.range_mm > 0 ? cfg.ping.range_mm : 3000;
  cost((uint64_t)((mm < 10000 ? mm : range) * 2 / 0.343) + 200);  // echo round trip at 343 m/s
  return mm;
}

unsigned int LeanbotClass::pingCm() {
  unsigned mm = pingMm();
  return mm >= 10000 ? 1000 : (mm + 5) / 10;
}

void LbDCMotorClass::setPower(int power) {
  cost(COST_CALL);
  power = power > 255 ? 255 : (power < -255 ? -255 : power);
  if (power != robot.dc_power) trace_event("dcmotor %d", power);
  robot.dc_power = power;
}

// ---- touch ----
static bool auto_released(uint64_t since_us) {
  return cfg.auto_start_ms >= 0 && now_us - since_us >= (uint64_t)cfg.auto_start_ms * 1000ULL;
}

byte LbTouchClass::read(byte mask) {
  cost(COST_CALL);
  mask &= 15;
  return mask && (touch_bits() & mask) == mask ? 1 : 0;
}

byte LbTouchClass::readBits() {
  cost(COST_CALL);
  return touch_bits();
}

bool LbTouchClass::onPress(byte mask) {
  static bool was[16];
  bool now = read(mask) != 0;
  bool pressed = now && !was[mask & 15];
  was[mask & 15] = now;
  return pressed;
}

// Waits for a new press of `mask` (or the auto start); used by the mission and calibration.
void lb_wait_press(byte mask) {
  uint64_t since = now_us;
  bool held = LbTouch.read(mask);  // a press already going on does not count
  for (;;) {
    bool now = LbTouch.read(mask) != 0;
    if (now && !held) return;
    held = now;
    if (auto_released(since)) return;
    wait_next_tick();
  }
}

bool lbSimAutoStart(unsigned long sinceMs) {
  return auto_released((uint64_t)sinceMs * 1000ULL);
}

// ---- mission ----
void LbMissionClass::begin() { begin(TB1A | TB1B); }

void LbMissionClass::begin(byte touchMask) {
  cost(COST_CALL);
  if (touchMask & 15) {
    uint64_t since = now_us;
    while (!LbTouch.read(touchMask) && !auto_released(since)) wait_next_tick();
    for (int i = 0; i < 3; ++i) {
      Leanbot.tone(COUNTDOWN_HZ, COUNTDOWN_BEEP_MS);
      LbDelay(COUNTDOWN_STEP_MS);
    }
  }
  robot.mission_started = true;
  robot.mission_start_us = now_us;
  trace_event("mission_start");
}

void LbMissionClass::beginDigitalTwin(const __FlashStringHelper* missionId) {
  beginDigitalTwin((const char*)missionId);
}

void LbMissionClass::beginDigitalTwin(const char* missionId) {
  trace_event("mission_id %s", missionId ? missionId : "");
  begin(TB1A | TB1B);
}

void LbMissionClass::end() {
  LbMotion.stopAndWait();
  Leanbot.noTone();
  Serial.flush();
  trace_event("mission_end");
  finish("end");
}

long LbMissionClass::elapsedMillis() {
  cost(COST_CALL);
  return (long)((now_us - robot.mission_start_us) / 1000);
}

// ---- RGB LEDs ----
static CRGB led_buf[LB_NUM_LEDS];

CRGB& LbRGBClass::operator[](uint8_t led) {
  static CRGB nowhere;
  cost(COST_CALL);
  return led < LB_NUM_LEDS ? led_buf[led] : nowhere;
}

void LbRGBClass::show() {
  cost(COST_LED_SHOW);
  bool changed = false;
  for (int i = 0; i < LB_NUM_LEDS; ++i) {
    uint32_t c = led_buf[i].toCode();
    changed |= c != robot.leds_shown[i];
    robot.leds_shown[i] = c;
  }
  if (!changed) return;
  const uint32_t* s = robot.leds_shown;
  trace_event("leds %06X %06X %06X %06X %06X %06X %06X", (unsigned)s[0], (unsigned)s[1], (unsigned)s[2],
              (unsigned)s[3], (unsigned)s[4], (unsigned)s[5], (unsigned)s[6]);
}

void LbRGBClass::clear() {
  cost(COST_CALL);
  for (CRGB& c : led_buf) c = CRGB(0, 0, 0);
}

void LbRGBClass::fillColor(const CRGB& colour) { fillColor(colour, 0x7F); }

void LbRGBClass::fillColor(const CRGB& colour, byte shape) {
  cost(COST_CALL);
  for (int i = 0; i < LB_NUM_LEDS; ++i)
    if (shape & (1 << i)) led_buf[i] = colour;
}

void LbRGBClass::setBrightness(uint8_t brightness) {
  cost(COST_CALL);
  if (brightness != robot.brightness) trace_event("brightness %u", (unsigned)brightness);
  robot.brightness = brightness;
}
