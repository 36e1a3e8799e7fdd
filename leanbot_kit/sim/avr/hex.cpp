// ATmega328P emulator: Intel HEX loading.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "avr_core.h"

namespace avr {

namespace {

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

std::string at_line(int line, const std::string& what) { return "line " + std::to_string(line) + ": " + what; }

// Parse one record into bytes (count, address hi, lo, type, data..., checksum); "" when fine.
std::string parse_record(const std::string& text, std::vector<uint8_t>& bytes) {
  if (text.empty() || text[0] != ':') return "a record must start with ':'";
  if (text.size() % 2 != 1 || text.size() < 11) return "a record has the wrong length";
  bytes.clear();
  unsigned sum = 0;
  for (size_t i = 1; i < text.size(); i += 2) {
    int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) return "not a hexadecimal digit";
    bytes.push_back((uint8_t)(hi * 16 + lo));
    sum += bytes.back();
  }
  if (bytes.size() != (size_t)bytes[0] + 5) return "the byte count does not match the record";
  if (sum & 0xFF) return "bad checksum";
  return "";
}

}  // namespace

// Fills `image` (kFlashBytes, 0xFF) and `end`; returns "" or the error.
std::string parse_hex(const std::string& text, std::vector<uint8_t>& image, uint32_t& end) {
  image.assign(kFlashBytes, 0xFF);
  end = 0;
  std::istringstream in(text);
  std::string line;
  uint32_t base = 0;
  int number = 0;
  bool done = false;
  std::vector<uint8_t> rec;
  while (std::getline(in, line)) {
    number++;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty()) continue;
    if (done) return at_line(number, "data after the end-of-file record");
    std::string err = parse_record(line, rec);
    if (!err.empty()) return at_line(number, err);
    uint32_t addr = (uint32_t)(rec[1] << 8 | rec[2]);
    uint8_t type = rec[3], count = rec[0];
    switch (type) {
      case 0:
        for (uint32_t i = 0; i < count; i++) {
          uint32_t a = base + addr + i;
          if (a >= kFlashBytes) {
            char where[16];
            std::snprintf(where, sizeof where, "0x%X", (unsigned)a);
            return at_line(number, std::string("address ") + where + " is past the 32 KB flash");
          }
          image[a] = rec[4 + i];
          if (a + 1 > end) end = a + 1;
        }
        break;
      case 1: done = true; break;
      case 2: base = (uint32_t)(rec[4] << 8 | rec[5]) << 4; break;
      case 4: base = (uint32_t)(rec[4] << 8 | rec[5]) << 16; break;
      case 3: case 5: break;
      default: return at_line(number, "unknown record type " + std::to_string(type));
    }
  }
  if (!done) return "no end-of-file record (the file is cut short)";
  return "";
}

bool read_text_file(const std::string& path, std::string& text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream s;
  s << f.rdbuf();
  text = s.str();
  return true;
}

}  // namespace avr
