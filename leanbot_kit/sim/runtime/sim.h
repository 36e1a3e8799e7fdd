// sim.h - internals of the simulated Leanbot: run config, virtual clock, robot state, world queries.
// Not for sketches: the sketch sees only Arduino.h and Leanbot.h.
#ifndef LEANBOT_SIM_SIM_H
#define LEANBOT_SIM_SIM_H

#include <stddef.h>
#include <stdint.h>

#include <string>
#include <vector>

namespace sim {

// ---- the run config (see README.md) ----
struct SensorPos {
  double x = 0, y = 0, dir_deg = 0, range_mm = 0;
};

struct Tape {
  enum Kind { POLYLINE, ARC, RECT } kind = POLYLINE;
  double width = 20;
  int darkness = 700;
  std::vector<double> pts;                 // polyline: x1 y1 x2 y2 ...
  double cx = 0, cy = 0, r = 0, a0 = 0, a1 = 0;  // arc (degrees, counter-clockwise from +x)
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // rect
};

struct Segment {
  double x1, y1, x2, y2;
};

struct Object {
  double x, y, r;
  bool held = false;
  double fx = 0, fy = 0;  // position in the robot frame while held
};

struct TouchEvent {
  uint64_t at_ms, ms;
  uint8_t mask;
};

struct Config {
  uint64_t seed = 1;
  uint64_t duration_ms = 30000;
  uint64_t wall_limit_ms = 20000;
  double speed = 0;
  long auto_start_ms = 500;
  std::string trace_path;
  std::string eeprom_path;  // optional: EEPROM contents kept in this file across runs (resets)
  uint64_t trace_period_ms = 20;
  double noise = 0;
  int floor_white = 40;  // raw IR over the bare (white) floor: below the 50-100 thresholds official examples use
  double wheel_diameter_mm = 30, track_mm = 98, steps_per_rev = 2037.8864;
  double accel_steps_s2 = 6000, max_speed = 2000, servo_deg_per_s = 300;
  double body_radius_mm = 55;  // walls stop the robot's body (0: it drives through them)
  SensorPos ir[8];  // ir0L..ir7R
  SensorPos ping;   // x, y, dir_deg = half cone, range_mm
  double pose_x = 0, pose_y = 0, pose_h = 0;
  bool has_table = false;
  double table[4] = {0, 0, 0, 0};
  std::vector<Tape> tapes;
  std::vector<Segment> walls;
  std::vector<Object> objects;
  std::vector<TouchEvent> touches;
  bool sanitize = false;
};

extern Config cfg;
bool load_config(const char* path, std::string& error);

// ---- modelled costs of calls (microseconds of simulated time) ----
constexpr uint64_t COST_CALL = 10;          // any cheap call (pin write, touch read, millis, LED buffer)
constexpr uint64_t COST_ANALOG = 112;       // one ADC conversion on the ATmega328P
constexpr uint64_t COST_IR_LINE = 4 * 112;  // LbIRLine.read(): four conversions
constexpr uint64_t COST_SERIAL_BYTE_US = 87;  // one byte at 115200 baud (10 bits)
constexpr uint64_t COST_LED_SHOW = 250;     // 7 WS2812 LEDs: 24 bits x 1.25 us each, plus latch
constexpr uint64_t COST_EEPROM_WRITE = 3300;

// ---- the virtual clock ----
extern uint64_t now_us;
extern uint64_t next_tick_us;
void tick();
inline void cost(uint64_t us) {
  now_us += us;
  if (now_us >= next_tick_us) tick();
}
inline uint64_t now_ms() { return now_us / 1000; }
void wait_next_tick();   // advance to the next 1 ms physics step
void start_clock();      // wall-clock origin, watchdog; call once after the config is loaded
[[noreturn]] void finish(const char* reason);
// Called first by finish() when set: a host emulating a CPU may throw from it to let the CPU hand
// over its last Serial bytes before calling finish() again (see avrhost/).
extern void (*before_finish)(const char* reason);

// ---- trace ----
void trace_open();
void trace_row();
void trace_event(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void trace_flush();
void trace_raw(const char* line, size_t n);

// ---- serial (stdout / stdin) ----
void serial_flush_out();
void serial_flush_out_signal_safe();
void serial_out_raw(uint8_t c);  // a byte an emulated CPU sent (the AVR backend)
int serial_in_raw();             // a byte for an emulated CPU's receiver, -1 if none has arrived

// ---- robot state ----
struct Wheel {
  double target = 0;  // commanded steps/s
  double rate = 0;    // current steps/s (after the ramp)
  double pos = 0;     // steps driven (fractional)
};

struct Robot {
  double x = 0, y = 0, h = 0;   // world pose, heading degrees clockwise
  double cos_h = 1, sin_h = 0;  // of h, kept up to date by the physics
  Wheel l, r;
  double origin_l = 0, origin_r = 0;
  double servo[2] = {0, 0};     // gripper arm angles (L, R)
  double servo_target[2] = {0, 0};
  double servo_speed[2] = {300, 300};
  uint32_t leds_buf[7] = {0, 0, 0, 0, 0, 0, 0};
  uint32_t leds_shown[7] = {0, 0, 0, 0, 0, 0, 0};
  uint8_t brightness = 255;
  unsigned tone_hz = 0;
  uint64_t tone_end_us = 0;     // 0 = until noTone
  int dc_power = 0;
  bool mission_started = false;
  uint64_t mission_start_us = 0;
  int threshold[4] = {400, 400, 400, 400};  // ir2L ir0L ir1R ir3R (bit 3..0)
  uint8_t line_state = 0;
  uint64_t last_ping_us = 0;
  bool pinged = false;
  bool blocked = false;  // against a wall: the wheels slip, the robot does not move
};
extern Robot robot;

void physics_init();
void physics_step(double dt_s);   // wheels, pose, servos, held objects
double mm_per_step();
long steps_distance();            // (L + R) / 2 since origin
long steps_rotation();            // (L - R) / 2 since origin, right turn positive
void set_speeds(double vl, double vr);

// ---- world ----
int ir_raw(int channel, bool noisy);   // 0..768
unsigned ping_mm(bool noisy);          // 10000 = nothing in range
uint8_t touch_bits();                  // pads touched now (scripted events)
int max_tape_darkness();
bool body_blocked(double x0, double y0, double x1, double y1);  // the move runs into a wall

// ---- deterministic random numbers ----
uint32_t rng_next(uint64_t& state);
extern uint64_t rng_sketch, rng_noise;

}  // namespace sim

#endif
