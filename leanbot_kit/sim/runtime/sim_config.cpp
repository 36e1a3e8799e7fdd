// sim_config.cpp - reads the run config (one directive per line, '#' comments).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fstream>
#include <sstream>

#include "sim.h"

namespace sim {

Config cfg;

static int ir_index(const std::string& name) {
  static const char* names[8] = {"ir0L", "ir1R", "ir2L", "ir3R", "ir4L", "ir5R", "ir6L", "ir7R"};
  for (int i = 0; i < 8; ++i)
    if (name == names[i]) return i;
  return -1;
}

static bool read_numbers(std::istringstream& in, std::vector<double>& out) {
  std::string tok;
  while (in >> tok) {
    char* end = nullptr;
    double v = strtod(tok.c_str(), &end);
    if (end == tok.c_str() || *end) return false;
    out.push_back(v);
  }
  return true;
}

static bool parse_robot(std::istringstream& in) {
  std::string key;
  double v;
  while (in >> key >> v) {
    if (key == "wheel_diameter_mm") cfg.wheel_diameter_mm = v;
    else if (key == "track_mm") cfg.track_mm = v;
    else if (key == "steps_per_rev") cfg.steps_per_rev = v;
    else if (key == "accel_steps_s2") cfg.accel_steps_s2 = v;
    else if (key == "max_speed") cfg.max_speed = v;
    else if (key == "servo_deg_per_s") cfg.servo_deg_per_s = v;
  }
  return true;
}

static bool parse_sensor(std::istringstream& in) {
  std::string kind, name;
  in >> kind;
  std::vector<double> n;
  if (kind == "ping") {
    if (!read_numbers(in, n) || n.size() < 4) return false;
    cfg.ping = {n[0], n[1], n[2], n[3]};
    return true;
  }
  in >> name;
  int i = ir_index(name);
  if (i < 0 || !read_numbers(in, n) || n.size() < 2) return false;
  cfg.ir[i].x = n[0];
  cfg.ir[i].y = n[1];
  if (kind == "side") {
    if (n.size() < 4) return false;
    cfg.ir[i].dir_deg = n[2];
    cfg.ir[i].range_mm = n[3];
  }
  return true;
}

static bool parse_tape(std::istringstream& in) {
  std::string kind;
  in >> kind;
  std::vector<double> n;
  if (!read_numbers(in, n)) return false;
  Tape t;
  if (kind == "polyline" && n.size() >= 6 && n.size() % 2 == 0) {
    t.kind = Tape::POLYLINE;
    t.width = n[0];
    t.darkness = (int)n[1];
    t.pts.assign(n.begin() + 2, n.end());
  } else if (kind == "arc" && n.size() == 7) {
    t.kind = Tape::ARC;
    t.width = n[0];
    t.darkness = (int)n[1];
    t.cx = n[2], t.cy = n[3], t.r = n[4], t.a0 = n[5], t.a1 = n[6];
  } else if (kind == "rect" && n.size() == 5) {
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

static bool parse_shape(const std::string& key, std::istringstream& in) {
  std::vector<double> n;
  if (!read_numbers(in, n)) return false;
  if (key == "wall" && n.size() == 4) {
    cfg.walls.push_back({n[0], n[1], n[2], n[3]});
  } else if (key == "box" && n.size() == 4) {
    cfg.walls.push_back({n[0], n[1], n[2], n[1]});
    cfg.walls.push_back({n[2], n[1], n[2], n[3]});
    cfg.walls.push_back({n[2], n[3], n[0], n[3]});
    cfg.walls.push_back({n[0], n[3], n[0], n[1]});
  } else if (key == "object" && n.size() == 3) {
    Object o;
    o.x = n[0], o.y = n[1], o.r = n[2];
    cfg.objects.push_back(o);
  } else if (key == "touch" && n.size() == 3) {
    cfg.touches.push_back({(uint64_t)n[0], (uint64_t)n[1], (uint8_t)n[2]});
  } else if (key == "pose" && n.size() == 3) {
    cfg.pose_x = n[0], cfg.pose_y = n[1], cfg.pose_h = n[2];
  } else if (key == "table" && n.size() == 4) {
    cfg.has_table = true;
    cfg.table[0] = n[0] < n[2] ? n[0] : n[2], cfg.table[2] = n[0] < n[2] ? n[2] : n[0];
    cfg.table[1] = n[1] < n[3] ? n[1] : n[3], cfg.table[3] = n[1] < n[3] ? n[3] : n[1];
  } else {
    return false;
  }
  return true;
}

static bool parse_scalar(const std::string& key, std::istringstream& in) {
  double v;
  if (!(in >> v)) return false;
  if (key == "seed") cfg.seed = (uint64_t)v;
  else if (key == "duration_ms") cfg.duration_ms = (uint64_t)v;
  else if (key == "wall_limit_ms") cfg.wall_limit_ms = (uint64_t)v;
  else if (key == "speed") cfg.speed = v;
  else if (key == "auto_start_ms") cfg.auto_start_ms = (long)v;
  else if (key == "trace_period_ms") cfg.trace_period_ms = v < 1 ? 1 : (uint64_t)v;
  else if (key == "noise") cfg.noise = v;
  else if (key == "floor_white") cfg.floor_white = v < 0 ? 0 : (v > 768 ? 768 : (int)v);
  else if (key == "sanitize") cfg.sanitize = v != 0;
  return true;
}

static bool parse_line(const std::string& line) {
  std::istringstream in(line);
  std::string key;
  if (!(in >> key)) return true;
  if (key == "trace") {
    std::string rest;
    std::getline(in, rest);
    size_t b = rest.find_first_not_of(" \t");
    cfg.trace_path = b == std::string::npos ? "" : rest.substr(b);
    return true;
  }
  if (key == "robot") return parse_robot(in);
  if (key == "sensor") return parse_sensor(in);
  if (key == "tape") return parse_tape(in);
  if (key == "wall" || key == "box" || key == "object" || key == "touch" || key == "pose" ||
      key == "table")
    return parse_shape(key, in);
  parse_scalar(key, in);  // unknown directives are ignored (forward compatible)
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
  std::ifstream f(path);
  if (!f) {
    error = std::string("cannot open run config ") + path;
    return false;
  }
  std::string line;
  int lineno = 0;
  while (std::getline(f, line)) {
    ++lineno;
    size_t hash = line.find('#');
    if (hash != std::string::npos && line.compare(0, 6, "trace ") != 0) line.erase(hash);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (!parse_line(line)) {
      error = "run config line " + std::to_string(lineno) + ": cannot read '" + line + "'";
      return false;
    }
  }
  return true;
}

}  // namespace sim
