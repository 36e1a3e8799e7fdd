// EEPROM.cpp - in-memory EEPROM with the real write time (3.3 ms per changed byte).
#include "EEPROM.h"

#include "sim.h"

EEPROMClass EEPROM;

static uint8_t cells[E2END + 1];
static bool erased = false;

static uint8_t& cell(int idx) {
  if (!erased) {
    for (unsigned i = 0; i <= E2END; ++i) cells[i] = 0xFF;
    erased = true;
  }
  return cells[(unsigned)idx & E2END];  // addresses wrap like the 10-bit EEAR
}

uint8_t EEPROMClass::read(int idx) {
  sim::cost(sim::COST_CALL);
  return cell(idx);
}

void EEPROMClass::write(int idx, uint8_t val) {
  sim::cost(sim::COST_EEPROM_WRITE);
  cell(idx) = val;
}

void EEPROMClass::update(int idx, uint8_t val) {
  if (read(idx) != val) write(idx, val);
}

EERef::operator uint8_t() const { return EEPROM.read(index); }

EERef& EERef::operator=(uint8_t v) {
  EEPROM.update(index, v);
  return *this;
}
