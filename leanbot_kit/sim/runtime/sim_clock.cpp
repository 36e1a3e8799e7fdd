// sim_clock.cpp - the virtual clock: 1 ms physics steps, trace rows, pacing, limits, the end.
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

namespace sim {

void trace_finish_signal_safe(unsigned long long t_ms);

uint64_t now_us = 0;
uint64_t next_tick_us = 1000;
static uint64_t wall0_ns = 0;
static uint64_t wall_limit_ns = 0;
static unsigned steps_since_check = 0;
static bool finishing = false;
static uint64_t last_flush_ns = 0;

static uint64_t wall_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void on_alarm(int) {
  // A sketch spinning without any API call never reaches a cooperative check: end it from here.
  serial_flush_out_signal_safe();
  trace_finish_signal_safe(now_us / 1000);
  _exit(0);
}

void start_clock() {
  wall0_ns = wall_ns();
  wall_limit_ns = cfg.wall_limit_ms * 1000000ULL;
  signal(SIGPIPE, SIG_IGN);
  if (cfg.wall_limit_ms > 0) {
    signal(SIGALRM, on_alarm);
    struct itimerval it = {};
    uint64_t ms = cfg.wall_limit_ms + 250;  // the cooperative check normally wins
    it.it_value.tv_sec = (time_t)(ms / 1000);
    it.it_value.tv_usec = (suseconds_t)(ms % 1000 * 1000);
    setitimer(ITIMER_REAL, &it, nullptr);
  }
}

static void pace(uint64_t t_us) {
  uint64_t w = wall_ns() - wall0_ns;
  if (wall_limit_ns && w >= wall_limit_ns) {
    now_us = t_us;
    finish("wall_limit");
  }
  if (cfg.speed <= 0) {
    if (w - last_flush_ns >= 50000000ULL) {  // as fast as possible: still show output every 50 ms
      last_flush_ns = w;
      serial_flush_out();
    }
    return;
  }
  serial_flush_out();
  uint64_t target = (uint64_t)((double)t_us * 1000.0 / cfg.speed);
  if (target > w + 2000000ULL) {  // ahead of real time by more than 2 ms: sleep
    uint64_t d = target - w;
    struct timespec ts = {(time_t)(d / 1000000000ULL), (long)(d % 1000000000ULL)};
    nanosleep(&ts, nullptr);
  }
}

static void step_to(uint64_t t_us) {
  physics_step(0.001);
  if (robot.tone_hz && robot.tone_end_us && t_us >= robot.tone_end_us) robot.tone_hz = 0;
  uint64_t t_ms = t_us / 1000;
  if (t_ms % cfg.trace_period_ms == 0) {
    uint64_t keep = now_us;
    now_us = t_us;
    trace_row();
    now_us = keep;
  }
  if (t_ms >= cfg.duration_ms) {
    now_us = t_us;
    finish("duration");
  }
  if (cfg.speed > 0 || ++steps_since_check >= 8) {
    steps_since_check = 0;
    pace(t_us);
  }
}

void tick() {
  if (finishing) return;
  while (next_tick_us <= now_us) {
    uint64_t t = next_tick_us;
    next_tick_us += 1000;
    step_to(t);
  }
}

void wait_next_tick() {
  now_us = next_tick_us;
  tick();
}

void (*before_finish)(const char* reason) = nullptr;

void finish(const char* reason) {
  if (before_finish) before_finish(reason);
  finishing = true;
  struct itimerval off = {};
  setitimer(ITIMER_REAL, &off, nullptr);
  trace_row();
  trace_event("halt %s", reason);
  char line[64];
  int n = snprintf(line, sizeof line, "X %llu %s\n", (unsigned long long)now_ms(), reason);
  trace_raw(line, (size_t)n);
  trace_flush();
  serial_flush_out();
  exit(0);
}

}  // namespace sim
