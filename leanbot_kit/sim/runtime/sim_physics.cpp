// sim_physics.cpp - differential drive from stepper rates with the acceleration ramp; servo arms.
#include <math.h>

#include "sim.h"

namespace sim {

Robot robot;
static const double DEG = M_PI / 180.0;

double mm_per_step() { return M_PI * cfg.wheel_diameter_mm / cfg.steps_per_rev; }

static long wheel_steps(const Wheel& w, double origin) { return (long)(w.pos - origin); }

long steps_distance() {
  return (wheel_steps(robot.l, robot.origin_l) + wheel_steps(robot.r, robot.origin_r)) / 2;
}

long steps_rotation() {
  return (wheel_steps(robot.l, robot.origin_l) - wheel_steps(robot.r, robot.origin_r)) / 2;
}

void set_speeds(double vl, double vr) {
  double m = cfg.max_speed;
  robot.l.target = vl > m ? m : (vl < -m ? -m : vl);
  robot.r.target = vr > m ? m : (vr < -m ? -m : vr);
}

void physics_init() {
  robot.x = cfg.pose_x;
  robot.y = cfg.pose_y;
  robot.h = cfg.pose_h;
  robot.cos_h = cos(robot.h * DEG);
  robot.sin_h = sin(robot.h * DEG);
  robot.servo_speed[0] = robot.servo_speed[1] = cfg.servo_deg_per_s;
}

static double ramp(Wheel& w, double dt) {  // returns steps moved during dt
  double before = w.rate, dv = w.target - w.rate, lim = cfg.accel_steps_s2 * dt;
  w.rate += dv > lim ? lim : (dv < -lim ? -lim : dv);
  double steps = (before + w.rate) / 2 * dt;
  w.pos += steps;
  return steps;
}

static void move_servos(double dt) {
  for (int i = 0; i < 2; ++i) {
    double d = robot.servo_target[i] - robot.servo[i], lim = robot.servo_speed[i] * dt;
    robot.servo[i] += d > lim ? lim : (d < -lim ? -lim : d);
  }
}

// Assumed gripper geometry: both arms past 60 deg hold an object whose centre is 40..100 mm ahead
// of the wheel axis and within 25 mm of the centre line; below 45 deg they let go.
static void grip_objects() {
  double c = robot.cos_h, s = robot.sin_h;
  bool closed = robot.servo[0] >= 60 && robot.servo[1] >= 60;
  bool open = robot.servo[0] < 45 || robot.servo[1] < 45;
  for (size_t i = 0; i < cfg.objects.size(); ++i) {
    Object& o = cfg.objects[i];
    if (o.held) {
      if (open) {
        o.held = false;
        trace_event("release %u %.1f %.1f", (unsigned)i, o.x, o.y);
      } else {
        o.x = robot.x + o.fx * c + o.fy * s, o.y = robot.y - o.fx * s + o.fy * c;
      }
      continue;
    }
    if (!closed) continue;
    double dx = o.x - robot.x, dy = o.y - robot.y;
    double fx = dx * c - dy * s, fy = dx * s + dy * c;
    if (fx >= 40 && fx <= 100 && fabs(fy) <= 25) {
      o.held = true, o.fx = fx, o.fy = fy;
      trace_event("grab %u %.1f %.1f", (unsigned)i, o.x, o.y);
    }
  }
}

void physics_step(double dt) {
  double k = mm_per_step();
  double dl = ramp(robot.l, dt) * k, dr = ramp(robot.r, dt) * k;
  if (dl != 0 || dr != 0) {
    double d = (dl + dr) / 2, dth = (dl - dr) / cfg.track_mm;  // radians, clockwise positive
    // One sincos per step: the midpoint heading moves the robot; the new heading's cos/sin follow by
    // rotating the midpoint by dth/2 (a tiny angle: third-order Taylor terms are exact to 1e-12).
    double hm = robot.h * DEG + dth / 2, cm = cos(hm), sm = sin(hm);
    double nx = robot.x + d * cm, ny = robot.y - d * sm;
    bool blocked = body_blocked(robot.x, robot.y, nx, ny);
    if (blocked && !robot.blocked) trace_event("bump %.1f %.1f", robot.x, robot.y);
    robot.blocked = blocked;
    if (!blocked) robot.x = nx, robot.y = ny;
    robot.h += dth / DEG;
    if (robot.h > 180) robot.h -= 360;
    else if (robot.h <= -180) robot.h += 360;
    double a = dth / 2, ca = 1 - a * a / 2, sa = a - a * a * a / 6;
    robot.cos_h = cm * ca - sm * sa;
    robot.sin_h = sm * ca + cm * sa;
  }
  move_servos(dt);
  if (!cfg.objects.empty()) grip_objects();
}

}  // namespace sim
