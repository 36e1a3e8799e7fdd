// calls.cpp - the robot model's side of the channel: each call of avrlib/ runs the same Leanbot
// API implementation the native backend runs (runtime/leanbot_*.cpp), on the same clock.
#include <string.h>

#include <string>

#include "Leanbot.h"
#include "host.h"
#include "lb_channel.h"
#include "sim.h"

namespace host {

using sim::cost;
using sim::now_us;

static const uint8_t* args = nullptr;  // the call's arguments, in the CPU's mailbox
static size_t nargs = 0, argpos = 0;
static uint8_t results[8];
static unsigned nres = 0;
static std::string mission_id;

static uint8_t a8() { return argpos < nargs ? args[argpos++] : 0; }
static uint16_t a16() {
  uint16_t lo = a8();
  return (uint16_t)(lo | (a8() << 8));
}
static int ai() { return (int16_t)a16(); }
static uint32_t a32() {
  uint32_t lo = a16();
  return lo | ((uint32_t)a16() << 16);
}
static void r8(uint8_t v) {
  if (nres < sizeof results) results[nres++] = v;
}
static void r16(uint16_t v) {
  r8((uint8_t)v);
  r8((uint8_t)(v >> 8));
}
static void r32(uint32_t v) {
  r16((uint16_t)v);
  r16((uint16_t)(v >> 16));
}

static void wait_us(uint32_t ms, uint32_t spent_us) {
  const uint64_t longest = 1000000000ULL;  // as the native delay(): 11.6 days, far past any run
  uint64_t us = (ms < longest ? ms : longest) * 1000ULL;
  if (us > spent_us) cost(us - spent_us);
}

static void motion(uint8_t id) {
  switch (id) {
    case LB_RUN_LR: { int l = ai(); LbMotion.runLR(l, ai()); break; }
    case LB_RUN_RPM: { int l = ai(); LbMotion.runLRrpm(l, ai()); break; }
    case LB_STOP_AND_WAIT: LbMotion.stopAndWait(); break;
    case LB_IS_MOVING: r8(LbMotion.isMoving()); break;
    case LB_WAIT_DISTANCE: LbMotion.waitDistance((int32_t)a32()); break;
    case LB_WAIT_DISTANCE_MM: LbMotion.waitDistanceMm((int32_t)a32()); break;
    case LB_WAIT_ROTATION: LbMotion.waitRotation((int32_t)a32()); break;
    case LB_WAIT_ROTATION_DEG: LbMotion.waitRotationDeg((int32_t)a32()); break;
    case LB_GET_DISTANCE: r32((uint32_t)LbMotion.getDistance()); break;
    case LB_GET_DISTANCE_MM: r32((uint32_t)LbMotion.getDistanceMm()); break;
    case LB_GET_ROTATION: r32((uint32_t)LbMotion.getRotation()); break;
    case LB_GET_ROTATION_DEG: r32((uint32_t)LbMotion.getRotationDeg()); break;
    case LB_SET_ZERO_ORIGIN: LbMotion.setZeroOrigin(); break;
    case LB_WAIT_UNTIL_DISTANCE: LbMotion.waitUntilDistance((int32_t)a32()); break;
    case LB_WAIT_UNTIL_DISTANCE_MM: LbMotion.waitUntilDistanceMm((int32_t)a32()); break;
    case LB_WAIT_UNTIL_ROTATION: LbMotion.waitUntilRotation((int32_t)a32()); break;
    case LB_WAIT_UNTIL_ROTATION_DEG: LbMotion.waitUntilRotationDeg((int32_t)a32()); break;
    case LB_RUN_ROTATION_DEG: { int l = ai(), r = ai(); LbMotion.runRotationDeg(l, r, ai()); break; }
    default: break;
  }
}

static void parts(uint8_t id) {
  switch (id) {
    case LB_GRIP_BEGIN: LbGripper.begin(); break;
    case LB_GRIP_MOVE_TO: LbGripper.moveTo(ai()); break;
    case LB_GRIP_MOVE_TO_LR: { int l = ai(), r = ai(); LbGripper.moveToLR(l, r, ai()); break; }
    case LB_GRIP_WRITE_LR: { int l = ai(); LbGripper.writeLR(l, ai()); break; }
    case LB_GRIP_SHAKE: { int t = ai(), a = ai(); LbGripper.shake(t, a, ai()); break; }
    case LB_GRIP_READ_L: r16((uint16_t)LbGripper.readL()); break;
    case LB_GRIP_READ_R: r16((uint16_t)LbGripper.readR()); break;
    case LB_GRIP_CALIBRATION: { int a = ai(), b = ai(), c = ai(); LbGripper.setCalibration(a, b, c, ai()); break; }
    case LB_RGB_SHOW:
      for (uint8_t i = 0; i < LB_NUM_LEDS; ++i) {
        uint8_t r = a8(), g = a8();
        LbRGB[i] = CRGB(r, g, a8());
      }
      LbRGB.show();
      break;
    case LB_RGB_BRIGHTNESS: LbRGB.setBrightness(a8()); break;
    case LB_TOUCH_READ: r8(LbTouch.read(a8())); break;
    case LB_TOUCH_BITS: r8(LbTouch.readBits()); break;
    case LB_TOUCH_ON_PRESS: r8(LbTouch.onPress(a8())); break;
    case LB_IR_LINE_READ: r8(LbIRLine.read()); break;
    case LB_IR_LINE_READ_T: r8(LbIRLine.read(ai())); break;
    case LB_IR_LINE_VALUE: r8(LbIRLine.value()); break;
    case LB_IR_SET_THRESHOLD: { int a = ai(), b = ai(), c = ai(); LbIRLine.setThreshold(a, b, c, ai()); break; }
    case LB_IR_CALIBRATE: LbIRLine.doManualCalibration(a8()); break;
    case LB_IR_ARRAY_READ: r16((uint16_t)LbIRArray.read(a8())); break;
    default: motion(id);
  }
}

static void dispatch(uint8_t id) {
  switch (id) {
    case LB_HELLO: r8(LB_HELLO_ANSWER); break;
    case LB_SEED: r32((uint32_t)sim::cfg.seed); break;
    case LB_WAIT_US: { uint32_t ms = a32(); wait_us(ms, a32()); break; }
    case LB_WAIT_MS16: wait_us(a16(), 0); break;
    case LB_TONE: { unsigned hz = a16(); Leanbot.tone(hz, a16()); break; }
    case LB_NO_TONE: Leanbot.noTone(); break;
    case LB_PING_MM: r16((uint16_t)Leanbot.pingMm()); break;
    case LB_DC_POWER: Leanbot.DCMotor.setPower(ai()); break;
    case LB_ANALOG_READ: a8(); r16((uint16_t)analogRead(0)); break;
    case LB_MISSION_BEGIN: LbMission.begin(a8()); break;
    case LB_MISSION_ID_CHAR: if (mission_id.size() < 200) mission_id += (char)a8(); break;
    case LB_MISSION_ID_END: LbMission.beginDigitalTwin(mission_id.c_str()); mission_id.clear(); break;
    case LB_MISSION_END: LbMission.end(); break;
    case LB_MISSION_ELAPSED: r32((uint32_t)LbMission.elapsedMillis()); break;
    case LB_AUTO_START: {  // argument: how long the sketch has waited, in the chip's millis()
      uint32_t waited = a32();
      r8(sim::cfg.auto_start_ms >= 0 && waited >= (uint32_t)sim::cfg.auto_start_ms);
      break;
    }
    default: parts(id);
  }
}

// Arguments and results go through the CPU's mailbox (LB_IO_ARG in, LB_IO_RES out); a store to
// LB_IO_CALL makes the call.
void install_channel(avr::Cpu& cpu) {
  auto call = [](avr::Cpu& c, uint16_t, uint8_t id) {
    nres = 0;
    argpos = 0;
    nargs = c.mailbox_in(&args);
    try {
      clock_from_cpu(c);
      dispatch(id);
      cpu_to_clock(c);
    } catch (const Finish& end) {
      finish_later(c, end.reason);
    }
    c.clear_mailbox_in();
    c.give_mailbox(results, nres);
  };
  cpu.set_mailbox(LB_IO_ARG, LB_IO_RES);
  cpu.set_io_handler(LB_IO_CALL, LB_IO_CALL, nullptr, call);
}

}  // namespace host
