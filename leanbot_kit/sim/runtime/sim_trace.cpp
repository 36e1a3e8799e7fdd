// sim_trace.cpp - the ground-truth trace file: T rows, E events, the final X line.
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

namespace sim {

static int trace_fd = -1;
static char tbuf[1 << 16];
static size_t tlen = 0;

static void raw_write(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

void trace_flush() {
  if (trace_fd >= 0 && tlen) raw_write(trace_fd, tbuf, tlen);
  tlen = 0;
}

static void append(const char* p, size_t n) {
  if (trace_fd < 0) return;
  if (tlen + n > sizeof tbuf) trace_flush();
  if (n > sizeof tbuf) return raw_write(trace_fd, p, n);
  memcpy(tbuf + tlen, p, n);
  tlen += n;
}

void trace_raw(const char* line, size_t n) { append(line, n); }

void trace_open() {
  if (cfg.trace_path.empty()) return;
  trace_fd = open(cfg.trace_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

static uint8_t line_bits_truth() {
  static const int order[4] = {2, 0, 1, 3};  // bit 3..0: ir2L ir0L ir1R ir3R
  uint8_t bits = 0;
  for (int i = 0; i < 4; ++i)
    if (ir_raw(order[i], false) > robot.threshold[i]) bits |= (uint8_t)(8 >> i);
  return bits;
}

static uint64_t last_row_ms = ~0ULL;

void trace_row() {
  if (trace_fd < 0 || last_row_ms == now_ms()) return;
  last_row_ms = now_ms();
  char line[512];
  double k = mm_per_step();
  double rot_deg = steps_rotation() * k / (cfg.track_mm / 2) * 180.0 / M_PI;
  int n = snprintf(line, sizeof line, "T %llu %.1f %.1f %.1f %ld %ld %ld %ld %u %u",
                   (unsigned long long)now_ms(), robot.x, robot.y, robot.h, lround(robot.l.rate),
                   lround(robot.r.rate), (long)(steps_distance() * k), (long)rot_deg, ping_mm(false),
                   (unsigned)line_bits_truth());
  for (int ch = 0; ch < 8; ++ch) n += snprintf(line + n, sizeof line - n, " %d", ir_raw(ch, false));
  n += snprintf(line + n, sizeof line - n, " %u %ld %ld", (unsigned)touch_bits(), lround(robot.servo[0]),
                lround(robot.servo[1]));
  for (int i = 0; i < 7; ++i) n += snprintf(line + n, sizeof line - n, " %06X", (unsigned)robot.leds_shown[i]);
  n += snprintf(line + n, sizeof line - n, " %u\n", robot.tone_hz);
  append(line, (size_t)n);
}

void trace_event(const char* fmt, ...) {
  if (trace_fd < 0) return;
  char line[512];
  int n = snprintf(line, sizeof line, "E %llu ", (unsigned long long)now_ms());
  va_list ap;
  va_start(ap, fmt);
  n += vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
  line[n++] = '\n';
  append(line, (size_t)n);
}

// Called from the SIGALRM watchdog: no stdio, no allocation.
void trace_finish_signal_safe(unsigned long long t_ms) {
  trace_flush();
  if (trace_fd < 0) return;
  char num[24], line[96];
  int i = 0;
  do num[i++] = (char)('0' + t_ms % 10), t_ms /= 10;
  while (t_ms);
  size_t n = 0;
  const char* parts[3] = {"E ", " halt wall_limit\nX ", " wall_limit\n"};
  for (int p = 0; p < 3; ++p) {
    memcpy(line + n, parts[p], strlen(parts[p]));
    n += strlen(parts[p]);
    if (p < 2)
      for (int k = i - 1; k >= 0; --k) line[n++] = num[k];
  }
  raw_write(trace_fd, line, n);
}

}  // namespace sim
