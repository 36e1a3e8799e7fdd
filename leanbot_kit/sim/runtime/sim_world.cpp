// sim_world.cpp - what the sensors see: floor tape, table edge, walls, boxes, objects, touches.
#include <math.h>

#include "sim.h"

namespace sim {

static const int NOTHING = 768;   // raw IR when nothing reflects
static const double DEG = M_PI / 180.0;

uint64_t rng_sketch = 1, rng_noise = 2;

uint32_t rng_next(uint64_t& s) {  // splitmix64: tiny, fast, deterministic everywhere
  uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static double seg_dist2(double px, double py, double x1, double y1, double x2, double y2) {
  double dx = x2 - x1, dy = y2 - y1, l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((px - x1) * dx + (py - y1) * dy) / l2 : 0;
  t = t < 0 ? 0 : (t > 1 ? 1 : t);
  double ex = x1 + t * dx - px, ey = y1 + t * dy - py;
  return ex * ex + ey * ey;
}

static bool tape_covers(const Tape& t, double x, double y) {
  if (t.kind == Tape::RECT) return x >= t.x0 && x <= t.x1 && y >= t.y0 && y <= t.y1;
  double half = t.width / 2;
  if (t.kind == Tape::ARC) {
    double dx = x - t.cx, dy = y - t.cy, d2 = dx * dx + dy * dy;
    double lo = t.r > half ? t.r - half : 0, hi = t.r + half;
    if (d2 < lo * lo || d2 > hi * hi) return false;
    double span = t.a1 - t.a0;
    if (span >= 360 || span <= -360) return true;
    if (span < 0) span += 360;
    double rel = fmod(atan2(y - t.cy, x - t.cx) / DEG - t.a0, 360.0);
    if (rel < 0) rel += 360;
    return rel <= span;
  }
  for (size_t i = 0; i + 3 < t.pts.size(); i += 2)
    if (seg_dist2(x, y, t.pts[i], t.pts[i + 1], t.pts[i + 2], t.pts[i + 3]) <= half * half) return true;
  return false;
}

static int floor_raw(double x, double y) {
  if (cfg.has_table && (x < cfg.table[0] || x > cfg.table[2] || y < cfg.table[1] || y > cfg.table[3]))
    return NOTHING;
  int v = cfg.floor_white;
  for (const Tape& t : cfg.tapes)
    if (t.darkness > v && tape_covers(t, x, y)) v = t.darkness;
  return v;
}

bool body_blocked(double x0, double y0, double x1, double y1) {
  if (cfg.body_radius_mm <= 0) return false;
  double r2 = cfg.body_radius_mm * cfg.body_radius_mm;
  for (const Segment& w : cfg.walls) {
    double d1 = seg_dist2(x1, y1, w.x1, w.y1, w.x2, w.y2);
    if (d1 < r2 && d1 < seg_dist2(x0, y0, w.x1, w.y1, w.x2, w.y2)) return true;  // moving into it
  }
  return false;
}

int max_tape_darkness() {
  int v = 0;
  for (const Tape& t : cfg.tapes) v = t.darkness > v ? t.darkness : v;
  return v > cfg.floor_white + 100 ? v : 700;
}

static void to_world(double fx, double fy, double& wx, double& wy) {
  // clockwise heading: forward = (cos h, -sin h), left = (sin h, cos h)
  wx = robot.x + fx * robot.cos_h + fy * robot.sin_h;
  wy = robot.y - fx * robot.sin_h + fy * robot.cos_h;
}

// Distance along a ray to the nearest wall, box side or free object; `limit` if none is nearer.
static double ray(double ox, double oy, double ang, double limit) {
  double dx = cos(ang), dy = sin(ang), best = limit;
  for (const Segment& s : cfg.walls) {
    double ex = s.x2 - s.x1, ey = s.y2 - s.y1;
    double den = dx * ey - dy * ex;
    if (fabs(den) < 1e-12) continue;
    double t = ((s.x1 - ox) * ey - (s.y1 - oy) * ex) / den;
    double u = ((s.x1 - ox) * dy - (s.y1 - oy) * dx) / den;
    if (t >= 0 && t < best && u >= 0 && u <= 1) best = t;
  }
  for (const Object& o : cfg.objects) {
    if (o.held) continue;
    double fx = o.x - ox, fy = o.y - oy;
    double b = fx * dx + fy * dy, c = fx * fx + fy * fy - o.r * o.r;
    double disc = b * b - c;
    if (disc < 0) continue;
    double t = b - sqrt(disc);
    if (c < 0) t = 0;
    if (t >= 0 && t < best) best = t;
  }
  return best;
}

static int add_noise(int v, bool noisy) {
  if (!noisy || cfg.noise <= 0) return v;
  int a = (int)cfg.noise;
  v += (int)(rng_next(rng_noise) % (uint32_t)(2 * a + 1)) - a;
  return v < 0 ? 0 : (v > NOTHING ? NOTHING : v);
}

int ir_raw(int ch, bool noisy) {
  const SensorPos& s = cfg.ir[ch & 7];
  double wx, wy;
  to_world(s.x, s.y, wx, wy);
  if (ch < 6) return add_noise(floor_raw(wx, wy), noisy);
  double ang = (s.dir_deg - robot.h) * DEG;  // robot-frame angles are counter-clockwise
  double d = ray(wx, wy, ang, s.range_mm);
  if (d >= s.range_mm) return add_noise(NOTHING, noisy);
  return add_noise(cfg.floor_white + (int)((NOTHING - cfg.floor_white) * d / s.range_mm), noisy);
}

unsigned ping_mm(bool noisy) {
  double wx, wy;
  to_world(cfg.ping.x, cfg.ping.y, wx, wy);
  double range = cfg.ping.range_mm, half = cfg.ping.dir_deg, best = range + 1;
  int n = (int)(half * 2) + 1;
  for (int i = 0; i < n; ++i) {
    double a = n > 1 ? -half + 2 * half * i / (n - 1) : 0;
    double d = ray(wx, wy, (a - robot.h) * DEG, best);
    if (d < best) best = d;
  }
  if (best > range) return 10000;
  if (noisy && cfg.noise > 0) best += (double)((int)(rng_next(rng_noise) % (uint32_t)(2 * cfg.noise + 1)) - (int)cfg.noise);
  return best < 0 ? 0 : (unsigned)lround(best);
}

uint8_t touch_bits() {
  uint64_t t = now_ms();
  uint8_t bits = 0;
  for (const TouchEvent& e : cfg.touches)
    if (t >= e.at_ms && t < e.at_ms + e.ms) bits |= e.mask;
  return bits & 15;
}

}  // namespace sim
