// ATmega328P emulator: I/O ports B, C and D (PINx, DDRx, PORTx), pin-change and external interrupts.
//
// A pin reads what it drives when it is an output; as an input it reads the level set by the host
// (set_pin_input), else its pull-up: 1 when the PORTx bit is set, 0 otherwise. Writing a one to a PINx
// bit toggles the PORTx bit. Writes to PORTx/DDRx are reported to the host (on_port_write).
// A change of a pin's level (by the program or the host) sets PCIFx when the pin is in PCMSKx, and on
// PD2/PD3 sets INTF0/INTF1 for the edge EICRA selects; the low-level mode of INT0/INT1 is a level
// interrupt (io.cpp asks `level`). As on the chip, output pins trigger these interrupts too.
#include "avr_core.h"

namespace avr {

namespace {
constexpr uint16_t PCIFR = 0x3B, EIFR = 0x3C, EICRA = 0x69, PCMSK[3] = {0x6B, 0x6C, 0x6D};
}

void Gpio::reset() {
  for (auto& port : input)
    for (auto& level : port) level = -1;
  for (auto& l : last) l = 0;
}

static int port_index(uint16_t addr) { return (addr - 0x23) / 3; }

uint8_t Gpio::levels(const Core& c, int i) const {
  uint16_t base = (uint16_t)(0x23 + 3 * i);
  uint8_t ddr = c.data[base + 1], port = c.data[base + 2], pins = 0;
  for (int bit = 0; bit < 8; bit++) {
    uint8_t m = (uint8_t)(1 << bit);
    bool level = (ddr & m) || input[i][bit] < 0 ? (port & m) != 0 : input[i][bit] > 0;
    if (level) pins |= m;
  }
  return pins;
}

bool Gpio::level(const Core& c, int i, int bit) const { return (levels(c, i) >> bit) & 1; }

// Compare port i's pin levels with the last ones and raise the pin-change / edge flags.
void Gpio::changed(Core& c, int i) {
  uint8_t now = levels(c, i), diff = now ^ last[i];
  last[i] = now;
  if (!diff) return;
  if (diff & c.data[PCMSK[i]]) c.data[PCIFR] |= (uint8_t)(1 << i);
  for (int n = 0; i == 2 && n < 2; n++) {  // INT0 = PD2, INT1 = PD3
    uint8_t m = (uint8_t)(1 << (2 + n));
    if (!(diff & m)) continue;
    int sense = (c.data[EICRA] >> (2 * n)) & 3;
    bool rising = now & m;
    if (sense == 1 || (sense == 2 && !rising) || (sense == 3 && rising)) c.data[EIFR] |= (uint8_t)(1 << n);
  }
  c.io_changed();  // after the flags: an interrupt they make due ends the block
}

bool Gpio::read(Core& c, uint16_t addr, uint8_t& v) {
  int i = port_index(addr);
  uint16_t base = (uint16_t)(0x23 + 3 * i);
  v = addr == base ? levels(c, i) : c.data[addr];
  return true;
}

bool Gpio::write(Core& c, uint16_t addr, uint8_t v) {
  int i = port_index(addr);
  uint16_t base = (uint16_t)(0x23 + 3 * i);
  if (addr == base) c.data[base + 2] ^= v;
  else c.data[addr] = v;
  changed(c, i);
  if (on_write) on_write("BCD"[i], c.data[base + 2], c.data[base + 1], c.cycles);
  return true;
}

void Gpio::set_input(Core& c, int i, int bit, int level) {
  input[i][bit] = (int8_t)(level < 0 ? -1 : level ? 1 : 0);
  changed(c, i);
}

}  // namespace avr
