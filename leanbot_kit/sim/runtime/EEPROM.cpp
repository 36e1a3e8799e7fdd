// EEPROM.cpp - in-memory EEPROM with the real write time (3.3 ms per changed byte).
#include "EEPROM.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

EEPROMClass EEPROM;

static uint8_t cells[E2END + 1];
static bool loaded = false;
static int file = -1;  // the `eeprom PATH` of the run config, written through on every change

static uint8_t& cell(int idx) {
  if (!loaded) {
    loaded = true;
    memset(cells, 0xFF, sizeof cells);
    if (!sim::cfg.eeprom_path.empty()) {
      file = open(sim::cfg.eeprom_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (file >= 0 && pread(file, cells, sizeof cells, 0) < 0) memset(cells, 0xFF, sizeof cells);
    }
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
  if (file >= 0) {
    // Keep the file a full 1 KB image, so a short file never leaves bytes undefined.
    if (lseek(file, 0, SEEK_END) < (off_t)sizeof cells) (void)!pwrite(file, cells, sizeof cells, 0);
    else (void)!pwrite(file, &val, 1, (off_t)((unsigned)idx & E2END));
  }
}

void EEPROMClass::update(int idx, uint8_t val) {
  if (read(idx) != val) write(idx, val);
}

EERef::operator uint8_t() const { return EEPROM.read(index); }

EERef& EERef::operator=(uint8_t v) {
  EEPROM.update(index, v);
  return *this;
}
