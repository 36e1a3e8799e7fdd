// Leanbot.cpp - the Leanbot library for the simulator, AVR side: the complete API of Leanbot.h,
// compiled with the sketch for the ATmega328P. Every call that involves the robot's body (wheels,
// sensors, arms, LEDs, buzzer, mission) is marshalled through the channel of lb_channel.h to the
// simulator's robot model; what the real library computes on the chip (LED buffer, FastLED random
// numbers, printing the line state) is computed here, on the emulated chip.
#include <Arduino.h>
#include <Leanbot.h>

#include "lb_io.h"


LeanbotClass Leanbot;
LbMissionClass LbMission;
LbMotionClass LbMotion;
LbGripperClass LbGripper;
LbRGBClass LbRGB;
LbTouchClass LbTouch;
LbIRLineClass LbIRLine;
LbIRArrayClass LbIRArray;

// ---- the channel: lb_io.h ----

// A blocking call: the simulator jumps over the wait; the chip's interrupts (Timer0, the UART
// sending what is queued) still run at their times during the jump.
static void blocking(uint8_t id) { call(id); }

// Is the simulator there? (A chip without it, e.g. simavr running the same ELF, answers 0.)
static bool simulated() {
  static int8_t present = -1;
  if (present < 0) {
    call(LB_HELLO);
    present = res8() == LB_HELLO_ANSWER;
  }
  return present;
}

// ---- time: delay() is wrapped (-Wl,--wrap=delay) so the wait is jumped over, not executed ----
extern "C" void __real_delay(unsigned long ms);
extern "C" void __wrap_delay(unsigned long ms) {
  if (!simulated()) return __real_delay(ms);
  if (ms <= 0xFFFF) {  // the usual case, in two bytes: lbk_tick() waits 1 ms every time round
    arg16((uint16_t)ms);
    return call(LB_WAIT_MS16);
  }
  arg32(ms);
  arg32(0);  // microseconds already spent (none: the jump starts now)
  call(LB_WAIT_US);
}

// analogRead is wrapped too: nothing is wired to the analog pins, they float (the robot model's value).
extern "C" int __real_analogRead(uint8_t pin);
extern "C" int __wrap_analogRead(uint8_t pin) {
  if (!simulated()) return __real_analogRead(pin);
  arg8(pin);
  call(LB_ANALOG_READ);
  return (int)res16();
}

void LbDelay(uint16_t ms) { delay(ms); }

// ---- FastLED random numbers (its 16-bit generator, as on the robot) ----
static uint16_t rand16seed = 1337;
uint8_t random8() {
  rand16seed = (uint16_t)(rand16seed * 2053U + 13849U);
  return (uint8_t)((uint8_t)(rand16seed & 0xFF) + (uint8_t)(rand16seed >> 8));
}
uint8_t random8(uint8_t lim) { return (uint8_t)(((uint16_t)random8() * lim) >> 8); }
uint8_t random8(uint8_t min, uint8_t lim) { return (uint8_t)(min + random8((uint8_t)(lim - min))); }
uint16_t random16() {
  rand16seed = (uint16_t)(rand16seed * 2053U + 13849U);
  return rand16seed;
}
uint16_t random16(uint16_t lim) { return (uint16_t)(((uint32_t)random16() * lim) >> 16); }
uint16_t random16(uint16_t min, uint16_t lim) { return (uint16_t)(min + random16((uint16_t)(lim - min))); }

// The run's `seed` seeds random() and random8(); seed 1 (the default) leaves both as on the robot.
__attribute__((constructor)) static void lb_seed() {
  if (!simulated()) return;
  call(LB_SEED);
  uint32_t seed = res32();
  srandom(seed);
  rand16seed = (uint16_t)(1337U + (uint16_t)(seed - 1) * 40503U);
}

// ---- Leanbot ----
void LeanbotClass::begin() { Serial.begin(115200); }
void LeanbotClass::tone(unsigned int hz) { tone(hz, 0); }
void LeanbotClass::tone(unsigned int hz, unsigned int ms) {
  arg16(hz);
  arg16(ms);
  call(LB_TONE);
}
void LeanbotClass::noTone() { call(LB_NO_TONE); }
unsigned int LeanbotClass::pingMm() {
  blocking(LB_PING_MM);
  return res16();
}
unsigned int LeanbotClass::pingCm() {
  unsigned int mm = pingMm();
  return mm >= 10000 ? 1000 : (mm + 5) / 10;
}
void LbDCMotorClass::setPower(int power) {
  arg16((uint16_t)power);
  call(LB_DC_POWER);
}

// ---- mission ----
void LbMissionClass::begin() { begin(TB1A | TB1B); }
void LbMissionClass::begin(byte touchMask) {
  arg8(touchMask);
  blocking(LB_MISSION_BEGIN);
}
void LbMissionClass::beginDigitalTwin(const __FlashStringHelper* missionId) {
  const char* p = (const char*)missionId;
  for (uint8_t c; p && (c = pgm_read_byte(p)) != 0; ++p) {
    arg8(c);
    call(LB_MISSION_ID_CHAR);
  }
  blocking(LB_MISSION_ID_END);
}
void LbMissionClass::beginDigitalTwin(const char* missionId) {
  for (const char* p = missionId; p && *p; ++p) {
    arg8((uint8_t)*p);
    call(LB_MISSION_ID_CHAR);
  }
  blocking(LB_MISSION_ID_END);
}
void LbMissionClass::end() {
  Serial.flush();
  call(LB_MISSION_END);
  for (;;) {  // the simulator ends the run; on the robot the program halts here for good
  }
}
long LbMissionClass::elapsedMillis() {
  call(LB_MISSION_ELAPSED);
  return (long)res32();
}
// The simulator's automatic start for lbk_runtime.h's own start wait (see Leanbot.h). The wait is
// measured with this chip's millis() (Timer0, 1.024 ms steps), as the sketch measures the countdown
// that follows; the robot model says whether the automatic start is due after that long.
bool lbSimAutoStart(unsigned long sinceMs) {
  if (!simulated()) return false;
  arg32(millis() - sinceMs);
  call(LB_AUTO_START);
  return res8() != 0;
}
