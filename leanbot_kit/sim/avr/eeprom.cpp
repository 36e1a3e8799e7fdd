// ATmega328P emulator: the 1 KB EEPROM (EEARH/L, EEDR, EECR).
//
// A write starts when EEPE is set within 4 cycles of setting EEMPE; EEPE then reads 1 for the
// programming time (3.4 ms erase + write, 1.8 ms erase only or write only) and the CPU is halted 2
// cycles. The cell holds its new value at once (the chip lets nothing read it before EEPE clears).
// A read (EERE) halts the CPU 4 cycles. Erased cells are 0xFF; EE_READY is raised while EERIE is set
// and no write is in progress.
#include <cstring>

#include "avr_core.h"

namespace avr {

namespace {
enum : uint8_t { EERE = 0x01, EEPE = 0x02, EEMPE = 0x04, EERIE = 0x08, EEPM = 0x30 };
constexpr uint16_t CR = 0x3F, DR = 0x40, ARL = 0x41, ARH = 0x42;
constexpr uint64_t kEraseWrite = 54400, kHalf = 28800;  // 3.4 ms, 1.8 ms at 16 MHz
}  // namespace

void Eeprom::erase() { std::memset(mem, 0xFF, sizeof mem); }

void Eeprom::reset() {
  mpe_until = busy_until = 0;
  next = kNever;
}

void Eeprom::tick(Core& c, uint64_t now) {
  if (now >= busy_until) {
    c.data[CR] &= ~EEPE;
    next = kNever;
  }
}

bool Eeprom::read(Core& c, uint16_t addr, uint8_t& v) {
  tick(c, c.cycles);
  v = c.data[addr];
  if (addr == CR) {
    v &= ~(EEMPE | EERE);
    if (c.cycles < mpe_until) v |= EEMPE;
  }
  return true;
}

bool Eeprom::write(Core& c, uint16_t addr, uint8_t v) {
  uint64_t now = c.cycles;
  tick(c, now);
  bool busy = now < busy_until;
  if (addr != CR) {
    if (!busy) c.data[addr] = addr == ARH ? (v & 0x03) : v;
    return true;
  }
  bool armed = now < mpe_until;
  uint8_t mode = busy ? (c.data[CR] & EEPM) : (v & EEPM);
  c.data[CR] = (uint8_t)(mode | (v & EERIE) | (busy ? EEPE : 0));
  if (v & EEMPE) mpe_until = now + 4;
  uint16_t cell = (uint16_t)(((c.data[ARH] & 3) << 8) | c.data[ARL]);
  if ((v & EEPE) && armed && !busy) {
    uint8_t data = c.data[DR];
    uint64_t time = kEraseWrite;
    switch (mode >> 4) {
      case 0: mem[cell] = data; break;
      case 1: mem[cell] = 0xFF; time = kHalf; break;
      case 2: mem[cell] &= data; time = kHalf; break;
      default: time = 0; break;
    }
    mpe_until = 0;
    if (time) {
      busy_until = now + time;
      c.data[CR] |= EEPE;
      next = busy_until;
      c.cycles += 2;
    }
  }
  if ((v & EERE) && !busy) {
    c.data[DR] = mem[cell];
    c.cycles += 4;
  }
  c.recompute_next();
  return true;
}

}  // namespace avr
