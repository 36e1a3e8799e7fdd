// leanbot_motion.cpp - LbMotion (stepper wheels) and LbGripper (servo arms); waits block in sim time.
#include <math.h>

#include "Leanbot.h"
#include "sim.h"

using namespace sim;

LbMotionClass LbMotion;
LbGripperClass LbGripper;

// Whole steps, rounded away from zero, so that a wait for N mm / N degrees ends where the
// getters (which truncate) already report N.
static long away(double steps) { return (long)(steps >= 0 ? ceil(steps - 1e-9) : floor(steps + 1e-9)); }
static long mm_to_steps(double mm) { return away(mm / mm_per_step()); }
static long deg_to_steps(double deg) { return away(deg * M_PI / 180.0 * (cfg.track_mm / 2) / mm_per_step()); }

// Waits until |reading - start| >= |amount| (relative waits ignore the sign, as on the robot).
static void wait_relative(long (*reading)(), long amount) {
  cost(COST_CALL);
  long start = reading();
  amount = labs(amount);
  while (labs(reading() - start) < amount) wait_next_tick();
}

// Waits until the reading reaches `target` from whichever side it is on now.
static void wait_absolute(long (*reading)(), long target) {
  cost(COST_CALL);
  if (reading() < target) {
    while (reading() < target) wait_next_tick();
  } else {
    while (reading() > target) wait_next_tick();
  }
}

void LbMotionClass::runLR(int vL, int vR) {
  cost(COST_CALL);
  set_speeds(vL, vR);
}

void LbMotionClass::runLRrpm(int rpmL, int rpmR) {
  cost(COST_CALL);
  set_speeds(rpmL * cfg.steps_per_rev / 60.0, rpmR * cfg.steps_per_rev / 60.0);
}

void LbMotionClass::stopAndWait() {
  cost(COST_CALL);
  set_speeds(0, 0);
  while (robot.l.rate != 0 || robot.r.rate != 0) wait_next_tick();
}

bool LbMotionClass::isMoving() {
  cost(COST_CALL);
  return robot.l.rate != 0 || robot.r.rate != 0;
}

bool LbMotionClass::isStop() { return !isMoving(); }

void LbMotionClass::waitDistance(long steps) { wait_relative(steps_distance, steps); }
void LbMotionClass::waitDistanceMm(int mm) { wait_relative(steps_distance, mm_to_steps(mm)); }
void LbMotionClass::delayDistanceMm(int mm) { waitDistanceMm(mm); }
void LbMotionClass::waitRotation(long steps) { wait_relative(steps_rotation, steps); }
void LbMotionClass::waitRotationDeg(int deg) { wait_relative(steps_rotation, deg_to_steps(deg)); }

long LbMotionClass::getDistance() {
  cost(COST_CALL);
  return steps_distance();
}

long LbMotionClass::getDistanceMm() {
  cost(COST_CALL);
  return (long)(steps_distance() * mm_per_step());
}

long LbMotionClass::getRotation() {
  cost(COST_CALL);
  return steps_rotation();
}

long LbMotionClass::getRotationDeg() {
  cost(COST_CALL);
  return (long)(steps_rotation() * mm_per_step() / (cfg.track_mm / 2) * 180.0 / M_PI);
}

void LbMotionClass::setZeroOrigin() {
  cost(COST_CALL);
  robot.origin_l = robot.l.pos;
  robot.origin_r = robot.r.pos;
}

void LbMotionClass::waitUntilDistance(long steps) { wait_absolute(steps_distance, steps); }
void LbMotionClass::waitUntilDistanceMm(long mm) { wait_absolute(steps_distance, mm_to_steps(mm)); }
void LbMotionClass::waitUntilRotation(long steps) { wait_absolute(steps_rotation, steps); }
void LbMotionClass::waitUntilRotationDeg(long deg) { wait_absolute(steps_rotation, deg_to_steps(deg)); }

void LbMotionClass::runRotationDeg(int vL, int vR, int deg) {
  runLR(vL, vR);
  waitRotationDeg(deg);
  stopAndWait();
}

// ---- gripper ----
static double clamp_deg(int deg) { return deg < -30 ? -30 : (deg > 120 ? 120 : deg); }

static void servo_command(double l, double r, double speed_l, double speed_r) {
  robot.servo_target[0] = l;
  robot.servo_target[1] = r;
  robot.servo_speed[0] = speed_l;
  robot.servo_speed[1] = speed_r;
}

static void wait_servos() {
  while (robot.servo[0] != robot.servo_target[0] || robot.servo[1] != robot.servo_target[1])
    wait_next_tick();
}

void LbGripperClass::begin() { cost(COST_CALL); }
void LbGripperClass::setCalibration(int, int, int, int) { cost(COST_CALL); }
void LbGripperClass::begin(unsigned int) { cost(COST_CALL); }
void LbGripperClass::open() { moveTo(0); }
void LbGripperClass::close() { moveTo(90); }
void LbGripperClass::close(int deg) { moveTo(deg); }

void LbGripperClass::moveTo(int deg) {
  cost(COST_CALL);
  servo_command(clamp_deg(deg), clamp_deg(deg), cfg.servo_deg_per_s, cfg.servo_deg_per_s);
  wait_servos();
}

void LbGripperClass::moveToLR(int degL, int degR, int ms) {
  cost(COST_CALL);
  double l = clamp_deg(degL), r = clamp_deg(degR), s = ms > 0 ? ms / 1000.0 : 0;
  double vl = s > 0 ? fabs(l - robot.servo[0]) / s : cfg.servo_deg_per_s;
  double vr = s > 0 ? fabs(r - robot.servo[1]) / s : cfg.servo_deg_per_s;
  servo_command(l, r, vl < cfg.servo_deg_per_s ? vl : cfg.servo_deg_per_s,
                vr < cfg.servo_deg_per_s ? vr : cfg.servo_deg_per_s);
  uint64_t until = now_us + (uint64_t)(ms > 0 ? ms : 0) * 1000ULL;
  while (now_us < until) wait_next_tick();
  wait_servos();
}

void LbGripperClass::writeLR(int degL, int degR) {
  cost(COST_CALL);
  servo_command(clamp_deg(degL), clamp_deg(degR), cfg.servo_deg_per_s, cfg.servo_deg_per_s);
}

// Assumed meaning (no public source): `times` wiggles of +-amplitude/2 around the current angles,
// moving at msPerDeg milliseconds per degree (never faster than the servo), then back.
void LbGripperClass::shake(int times, int amplitude, int msPerDeg) {
  cost(COST_CALL);
  double l = robot.servo[0], r = robot.servo[1], half = amplitude / 2.0;
  double speed = msPerDeg > 0 ? 1000.0 / msPerDeg : cfg.servo_deg_per_s;
  if (speed > cfg.servo_deg_per_s) speed = cfg.servo_deg_per_s;
  for (int i = 0; i < times; ++i) {
    servo_command(l + half, r + half, speed, speed);
    wait_servos();
    servo_command(l - half, r - half, speed, speed);
    wait_servos();
  }
  servo_command(l, r, speed, speed);
  wait_servos();
}

int LbGripperClass::readL() {
  cost(COST_CALL);
  return (int)lround(robot.servo[0]);
}

int LbGripperClass::readR() {
  cost(COST_CALL);
  return (int)lround(robot.servo[1]);
}
