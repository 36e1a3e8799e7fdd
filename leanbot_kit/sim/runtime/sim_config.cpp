// sim_config.cpp - reads the run config (one directive per line, '#' comments).
// Plain C tokenising (no iostreams) keeps this file quick to compile.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

namespace sim {

Config cfg;

typedef std::vector<const char*> Words;

static int ir_index(const char* name) {
  static const char* names[8] = {"ir0L", "ir1R", "ir2L", "ir3R", "ir4L", "ir5R", "ir6L", "ir7R"};
  for (int i = 0; i < 8; ++i)
    if (strcmp(name, names[i]) == 0) return i;
  return -1;
}

// The words from `first` on as numbers; false if any is not a number.
static bool numbers(const Words& w, size_t first, std::vector<double>& out) {
  for (size_t i = first; i < w.size(); ++i) {
    char* end = nullptr;
    double v = strtod(w[i], &end);
    if (end == w[i] || *end) return false;
    out.push_back(v);
  }
  return true;
}

static bool parse_robot(const Words& w) {
  for (size_t i = 1; i + 1 < w.size(); i += 2) {
    double v = atof(w[i + 1]);
    const char* key = w[i];
    if (!strcmp(key, "wheel_diameter_mm")) cfg.wheel_diameter_mm = v;
    else if (!strcmp(key, "track_mm")) cfg.track_mm = v;
    else if (!strcmp(key, "steps_per_rev")) cfg.steps_per_rev = v;
    else if (!strcmp(key, "accel_steps_s2")) cfg.accel_steps_s2 = v;
    else if (!strcmp(key, "max_speed")) cfg.max_speed = v;
    else if (!strcmp(key, "servo_deg_per_s")) cfg.servo_deg_per_s = v;
    else if (!strcmp(key, "body_radius_mm")) cfg.body_radius_mm = v;
  }
  return true;
}

static bool parse_sensor(const Words& w) {
  std::vector<double> n;
  if (w.size() < 2) return false;
  if (!strcmp(w[1], "ping")) {
    if (!numbers(w, 2, n) || n.size() < 4) return false;
    cfg.ping = {n[0], n[1], n[2], n[3]};
    return true;
  }
  int i = w.size() > 2 ? ir_index(w[2]) : -1;
  if (i < 0 || !numbers(w, 3, n) || n.size() < 2) return false;
  cfg.ir[i].x = n[0];
  cfg.ir[i].y = n[1];
  if (!strcmp(w[1], "side")) {
    if (n.size() < 4) return false;
    cfg.ir[i].dir_deg = n[2];
    cfg.ir[i].range_mm = n[3];
  }
  return true;
}

static bool parse_tape(const Words& w) {
  std::vector<double> n;
  if (w.size() < 2 || !numbers(w, 2, n)) return false;
  Tape t;
  const char* kind = w[1];
  if (!strcmp(kind, "polyline") && n.size() >= 6 && n.size() % 2 == 0) {
    t.kind = Tape::POLYLINE;
    t.width = n[0];
    t.darkness = (int)n[1];
    t.pts.assign(n.begin() + 2, n.end());
  } else if (!strcmp(kind, "arc") && n.size() == 7) {
    t.kind = Tape::ARC;
    t.width = n[0];
    t.darkness = (int)n[1];
    t.cx = n[2], t.cy = n[3], t.r = n[4], t.a0 = n[5], t.a1 = n[6];
  } else if (!strcmp(kind, "rect") && n.size() == 5) {
    t.kind = Tape::RECT;
    t.darkness = (int)n[0];
    t.x0 = n[1] < n[3] ? n[1] : n[3], t.x1 = n[1] < n[3] ? n[3] : n[1];
    t.y0 = n[2] < n[4] ? n[2] : n[4], t.y1 = n[2] < n[4] ? n[4] : n[2];
  } else {
    return false;
  }
  cfg.tapes.push_back(t);
  return true;
}

static bool parse_shape(const char* key, const std::vector<double>& n) {
  if (!strcmp(key, "wall") && n.size() == 4) {
    cfg.walls.push_back({n[0], n[1], n[2], n[3]});
  } else if (!strcmp(key, "box") && n.size() == 4) {
    cfg.walls.push_back({n[0], n[1], n[2], n[1]});
    cfg.walls.push_back({n[2], n[1], n[2], n[3]});
    cfg.walls.push_back({n[2], n[3], n[0], n[3]});
    cfg.walls.push_back({n[0], n[3], n[0], n[1]});
  } else if (!strcmp(key, "object") && n.size() == 3) {
    Object o;
    o.x = n[0], o.y = n[1], o.r = n[2];
    cfg.objects.push_back(o);
  } else if (!strcmp(key, "touch") && n.size() == 3) {
    cfg.touches.push_back({(uint64_t)n[0], (uint64_t)n[1], (uint8_t)n[2]});
  } else if (!strcmp(key, "pose") && n.size() == 3) {
    cfg.pose_x = n[0], cfg.pose_y = n[1], cfg.pose_h = n[2];
  } else if (!strcmp(key, "table") && n.size() == 4) {
    cfg.has_table = true;
    cfg.table[0] = n[0] < n[2] ? n[0] : n[2], cfg.table[2] = n[0] < n[2] ? n[2] : n[0];
    cfg.table[1] = n[1] < n[3] ? n[1] : n[3], cfg.table[3] = n[1] < n[3] ? n[3] : n[1];
  } else {
    return false;
  }
  return true;
}

static void parse_scalar(const char* key, double v) {
  if (!strcmp(key, "seed")) cfg.seed = (uint64_t)v;
  else if (!strcmp(key, "duration_ms")) cfg.duration_ms = (uint64_t)v;
  else if (!strcmp(key, "wall_limit_ms")) cfg.wall_limit_ms = (uint64_t)v;
  else if (!strcmp(key, "speed")) cfg.speed = v;
  else if (!strcmp(key, "auto_start_ms")) cfg.auto_start_ms = (long)v;
  else if (!strcmp(key, "trace_period_ms")) cfg.trace_period_ms = v < 1 ? 1 : (uint64_t)v;
  else if (!strcmp(key, "noise")) cfg.noise = v;
  else if (!strcmp(key, "floor_white")) cfg.floor_white = v < 0 ? 0 : (v > 768 ? 768 : (int)v);
}

static bool parse_line(char* line) {
  while (*line == ' ' || *line == '\t') ++line;
  if (!strncmp(line, "trace ", 6) || !strncmp(line, "eeprom ", 7)) {  // a path: the rest of the line
    bool trace = line[0] == 't';
    char* path = line + (trace ? 6 : 7);
    while (*path == ' ') ++path;
    (trace ? cfg.trace_path : cfg.eeprom_path) = path;
    return true;
  }
  char* hash = strchr(line, '#');
  if (hash) *hash = 0;
  Words w;
  char* save = nullptr;
  for (char* tok = strtok_r(line, " \t", &save); tok; tok = strtok_r(nullptr, " \t", &save)) w.push_back(tok);
  if (w.empty()) return true;
  const char* key = w[0];
  if (!strcmp(key, "robot")) return parse_robot(w);
  if (!strcmp(key, "sensor")) return parse_sensor(w);
  if (!strcmp(key, "tape")) return parse_tape(w);
  std::vector<double> n;
  bool ok = numbers(w, 1, n);
  if (!strcmp(key, "wall") || !strcmp(key, "box") || !strcmp(key, "object") || !strcmp(key, "touch") ||
      !strcmp(key, "pose") || !strcmp(key, "table"))
    return ok && parse_shape(key, n);
  if (ok && !n.empty()) parse_scalar(key, n[0]);  // unknown directives are ignored (forward compatible)
  return true;
}

static void default_sensors() {
  const double line[4][2] = {{45, 7}, {45, -7}, {45, 21}, {45, -21}};  // ir0L ir1R ir2L ir3R
  for (int i = 0; i < 4; ++i) cfg.ir[i].x = line[i][0], cfg.ir[i].y = line[i][1];
  cfg.ir[4].x = 55, cfg.ir[4].y = 35;
  cfg.ir[5].x = 55, cfg.ir[5].y = -35;
  cfg.ir[6] = {30, 40, 90, 150};
  cfg.ir[7] = {30, -40, -90, 150};
  cfg.ping = {50, 0, 15, 3000};
}

bool load_config(const char* path, std::string& error) {
  default_sensors();
  FILE* f = fopen(path, "r");
  if (!f) {
    error = std::string("cannot open run config ") + path;
    return false;
  }
  char* buf = nullptr;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0;
  bool ok = true;
  while (ok && (len = getline(&buf, &cap, f)) >= 0) {
    ++lineno;
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) buf[--len] = 0;
    std::string copy(buf);
    if (!parse_line(buf)) {
      error = "run config line " + std::to_string(lineno) + ": cannot read '" + copy + "'";
      ok = false;
    }
  }
  free(buf);
  fclose(f);
  return ok;
}

}  // namespace sim
