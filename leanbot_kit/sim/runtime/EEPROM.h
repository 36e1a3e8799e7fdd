// EEPROM.h - the ATmega328P's 1 KB EEPROM, kept in memory for the run (starts erased: 0xFF).
#ifndef LEANBOT_SIM_EEPROM_H
#define LEANBOT_SIM_EEPROM_H

#include <stdint.h>

#define E2END 0x3FF

struct EERef {
  int index;
  operator uint8_t() const;
  EERef& operator=(uint8_t v);
  EERef& operator=(const EERef& r) { return *this = (uint8_t)r; }
  EERef& operator+=(uint8_t v) { return *this = (uint8_t)(*this + v); }
  EERef& operator-=(uint8_t v) { return *this = (uint8_t)(*this - v); }
  EERef& operator++() { return *this += 1; }
  EERef& operator--() { return *this -= 1; }
  uint8_t operator++(int) {
    uint8_t v = *this;
    ++(*this);
    return v;
  }
  uint8_t operator--(int) {
    uint8_t v = *this;
    --(*this);
    return v;
  }
  EERef& update(uint8_t v) { return *this = v; }
};

class EEPROMClass {
 public:
  uint8_t read(int idx);
  void write(int idx, uint8_t val);
  void update(int idx, uint8_t val);
  EERef operator[](int idx) { return EERef{idx}; }
  uint16_t length() { return E2END + 1; }

  template <typename T>
  T& get(int idx, T& t) {
    uint8_t* p = (uint8_t*)&t;
    for (unsigned i = 0; i < sizeof(T); ++i) p[i] = read(idx + (int)i);
    return t;
  }
  template <typename T>
  const T& put(int idx, const T& t) {
    const uint8_t* p = (const uint8_t*)&t;
    for (unsigned i = 0; i < sizeof(T); ++i) update(idx + (int)i, p[i]);
    return t;
  }
};

extern EEPROMClass EEPROM;

#endif
