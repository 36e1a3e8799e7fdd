// ATmega328P emulator: I/O ports B, C and D (PINx, DDRx, PORTx).
//
// A pin reads what it drives when it is an output; as an input it reads the level set by the host
// (set_pin_input), else its pull-up: 1 when the PORTx bit is set, 0 otherwise. Writing a one to a PINx
// bit toggles the PORTx bit. Writes to PORTx/DDRx are reported to the host (on_port_write).
#include "avr_core.h"

namespace avr {

void Gpio::reset() {
  for (auto& port : input)
    for (auto& level : port) level = -1;
}

static int port_index(uint16_t addr) { return (addr - 0x23) / 3; }

bool Gpio::read(Core& c, uint16_t addr, uint8_t& v) {
  int i = port_index(addr);
  uint16_t base = (uint16_t)(0x23 + 3 * i);
  if (addr != base) {
    v = c.data[addr];
    return true;
  }
  uint8_t ddr = c.data[base + 1], port = c.data[base + 2], pins = 0;
  for (int bit = 0; bit < 8; bit++) {
    uint8_t m = (uint8_t)(1 << bit);
    bool level = (ddr & m) || input[i][bit] < 0 ? (port & m) != 0 : input[i][bit] > 0;
    if (level) pins |= m;
  }
  v = pins;
  return true;
}

bool Gpio::write(Core& c, uint16_t addr, uint8_t v) {
  int i = port_index(addr);
  uint16_t base = (uint16_t)(0x23 + 3 * i);
  if (addr == base) c.data[base + 2] ^= v;
  else c.data[addr] = v;
  if (on_write) on_write("BCD"[i], c.data[base + 2], c.data[base + 1], c.cycles);
  return true;
}

}  // namespace avr
