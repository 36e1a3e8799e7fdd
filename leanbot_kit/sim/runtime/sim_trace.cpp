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

// ---- a T row, formatted by hand: a row comes 50 times per simulated second (snprintf was most of it)
static char* put_uint(char* p, unsigned long long v) {
  char digits[24];
  int n = 0;
  do digits[n++] = (char)('0' + v % 10);
  while (v /= 10);
  while (n) *p++ = digits[--n];
  return p;
}

static char* put_int(char* p, long long v) {
  if (v >= 0) return put_uint(p, (unsigned long long)v);
  *p++ = '-';
  return put_uint(p, 0ULL - (unsigned long long)v);
}

// As printf's "%.1f": exact unless 10x is within 1e-6 of a tie, which snprintf rounds as it does.
static char* put_tenths(char* p, double x) {
  double v = fabs(x) * 10, whole = floor(v), frac = v - whole;
  if (!(v < 1e7) || fabs(frac - 0.5) < 1e-6) return p + snprintf(p, 40, "%.1f", x);
  unsigned long long tenths = (unsigned long long)whole + (frac > 0.5 ? 1 : 0);
  if (signbit(x)) *p++ = '-';
  p = put_uint(p, tenths / 10);
  *p++ = '.';
  *p++ = (char)('0' + tenths % 10);
  return p;
}

static char* put_hex6(char* p, uint32_t v) {  // "%06X"
  static const char hex[] = "0123456789ABCDEF";
  int digits = 6;
  while (digits < 8 && (v >> (4 * digits))) ++digits;
  for (int i = digits - 1; i >= 0; --i) *p++ = hex[(v >> (4 * i)) & 15];
  return p;
}

static uint64_t last_row_ms = ~0ULL;

void trace_row() {
  if (trace_fd < 0 || last_row_ms == now_ms()) return;
  last_row_ms = now_ms();
  int ir[8];
  for (int ch = 0; ch < 8; ++ch) ir[ch] = ir_raw(ch, false);
  static const int order[4] = {2, 0, 1, 3};  // line bits 3..0: ir2L ir0L ir1R ir3R
  unsigned bits = 0;
  for (int i = 0; i < 4; ++i)
    if (ir[order[i]] > robot.threshold[i]) bits |= 8u >> i;
  double k = mm_per_step();
  double rot_deg = steps_rotation() * k / (cfg.track_mm / 2) * 180.0 / M_PI;
  char line[512];
  char* p = line;
  *p++ = 'T';
  *p++ = ' ', p = put_uint(p, now_ms());
  for (double v : {robot.x, robot.y, robot.h}) *p++ = ' ', p = put_tenths(p, v);
  for (long v : {lround(robot.l.rate), lround(robot.r.rate), (long)(steps_distance() * k), (long)rot_deg})
    *p++ = ' ', p = put_int(p, v);
  *p++ = ' ', p = put_uint(p, ping_mm(false));
  *p++ = ' ', p = put_uint(p, bits);
  for (int v : ir) *p++ = ' ', p = put_int(p, v);
  *p++ = ' ', p = put_uint(p, touch_bits());
  *p++ = ' ', p = put_int(p, lround(robot.servo[0]));
  *p++ = ' ', p = put_int(p, lround(robot.servo[1]));
  for (uint32_t led : robot.leds_shown) *p++ = ' ', p = put_hex6(p, led);
  *p++ = ' ', p = put_uint(p, robot.tone_hz);
  *p++ = '\n';
  append(line, (size_t)(p - line));
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
