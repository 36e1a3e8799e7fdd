// ATmega328P emulator: the I/O register map, interrupt sources and priorities.
#include <cstring>

#include "avr_core.h"

namespace avr {

namespace {

enum Owner : uint8_t { PLAIN, CORE, GPIO, T0, T1, T2, USART, EEPROM, ADC, USER, FLAGS, GTCCR };

}  // namespace

void Core::init_io_map() {
  std::memset(io_owner, PLAIN, sizeof io_owner);
  for (int a = 0x23; a <= 0x2B; a++) io_owner[a] = GPIO;
  for (int a : {0x44, 0x45, 0x46, 0x47, 0x48, 0x35, 0x6E}) io_owner[a] = T0;
  for (int a : {0x80, 0x81, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x36, 0x6F}) io_owner[a] = T1;
  for (int a : {0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0x37, 0x70}) io_owner[a] = T2;
  for (int a : {0xC0, 0xC1, 0xC2, 0xC4, 0xC5, 0xC6}) io_owner[a] = USART;
  for (int a : {0x3F, 0x40, 0x41, 0x42}) io_owner[a] = EEPROM;
  for (int a : {0x78, 0x79, 0x7A, 0x7B, 0x7C}) io_owner[a] = ADC;
  for (int a : {0x5D, 0x5E, 0x5F}) io_owner[a] = CORE;
  for (int a : {0x3B, 0x3C}) io_owner[a] = FLAGS;
  io_owner[0x43] = GTCCR;  // PCIFR, EIFR: writing one clears
  for (const auto& r : io_ranges)
    for (int a = r.first; a <= r.last; a++) io_owner[a] = USER;
}

uint8_t Core::io_read(uint16_t addr) {
  uint8_t v = data[addr];
  switch (io_owner[addr]) {
    case CORE: return addr == 0x5D ? (sp & 0xFF) : addr == 0x5E ? (sp >> 8) : sreg;
    case GPIO: gpio.read(*this, addr, v); break;
    case T0: t0.read(*this, addr, v); break;
    case T1: t1.read(*this, addr, v); break;
    case T2: t2.read(*this, addr, v); break;
    case USART: usart.read(*this, addr, v); break;
    case EEPROM: eeprom.read(*this, addr, v); break;
    case ADC: adc.read(*this, addr, v); break;
    case USER:
      for (auto& r : io_ranges)
        if (addr >= r.first && addr <= r.last && r.read) return r.read(cpu, addr);
      break;
    default: break;
  }
  return v;
}

void Core::io_write(uint16_t addr, uint8_t v) {
  switch (io_owner[addr]) {
    case CORE:  // SP and SREG: only setting I can make an interrupt due
      if (addr == 0x5D) {
        sp = (sp & 0xFF00) | v;
      } else if (addr == 0x5E) {
        sp = (uint16_t)((sp & 0x00FF) | ((v & 0x0F) << 8));  // 12 bits for 2 KB
      } else {
        bool enabling = (v & SI) && !(sreg & SI);
        sreg = v;
        if (enabling) io_changed();
      }
      return;
    case GPIO: gpio.write(*this, addr, v); return;  // gpio.changed() asks for a look when needed
    case T0: t0.write(*this, addr, v); break;
    case T1: t1.write(*this, addr, v); break;
    case T2: t2.write(*this, addr, v); break;
    case USART: usart.write(*this, addr, v); break;
    case EEPROM: eeprom.write(*this, addr, v); break;
    case ADC: adc.write(*this, addr, v); break;
    case FLAGS: data[addr] &= ~v; break;
    case GTCCR:  // PSRSYNC restarts the prescaler of Timer0/1, PSRASY that of Timer2
      data[addr] = v & 0x80;
      for (Timer* t : {&t0, &t1, &t2}) {
        if (!(v & (t == &t2 ? 0x02 : 0x01))) continue;
        t->sync(*this, cycles);
        t->restart(cycles);
        t->schedule(*this, cycles);
      }
      recompute_next();
      break;
    case USER:  // the handler's calls of Cpu (skip_to, request_stop, uart_rx...) end the block themselves
      data[addr] = v;
      for (auto& r : io_ranges)
        if (addr >= r.first && addr <= r.last && r.write) r.write(cpu, addr, v);
      return;
    default: data[addr] = v; break;
  }
  io_changed();
}

// SBI/CBI touch only the named bit: on PINx a one toggles that pin; on flag registers a one clears
// that flag only (ATmega328P datasheet, "Reset and Interrupt Handling"); elsewhere read-modify-write.
void Core::io_write_bit(uint16_t addr, int bit, bool set) {
  uint8_t mask = (uint8_t)(1 << bit);
  bool flags = addr == 0x35 || addr == 0x36 || addr == 0x37 || addr == 0x3B || addr == 0x3C;
  bool pin = addr == 0x23 || addr == 0x26 || addr == 0x29;
  if (flags || pin) {
    if (set) io_write(addr, mask);
    return;
  }
  uint8_t v = io_read(addr);
  io_write(addr, set ? (v | mask) : (v & ~mask));
}

static int lowest_bit(unsigned v) {
  int n = 0;
  while (!(v & 1)) v >>= 1, n++;
  return n;
}

// The pending interrupt with the highest priority (lowest vector number), or 0.
int Core::pending_vector() {
  const uint8_t* d = data;
  // Mostly nothing is pending: one look at every flag & enable pair first.
  unsigned any = (d[0x3C] & 3) | d[0x3D] | (d[0x3B] & d[0x68] & 7) | (d[0x60] & 0x80) |
                 (d[0x37] & d[0x70] & 7) | (d[0x36] & d[0x6F] & 0x27) | (d[0x35] & d[0x6E] & 7) |
                 (d[0x4D] & d[0x4C] & 0x80) | (d[0xC0] & d[0xC1] & 0xE0) | (d[0x7A] & 0x10) |
                 (d[0x3F] & 0x08) | (d[0x50] & 0x10) | (d[0xBC] & 0x80) | (d[0x57] & 0x80);
  if (!any) return 0;
  unsigned f = d[0x3C] & d[0x3D] & 3;  // EIFR & EIMSK
  for (int n = 0; n < 2; n++)            // low-level mode: pending while the pin is low
    if ((d[0x3D] >> n & 1) && ((d[0x69] >> (2 * n)) & 3) == 0 && !gpio.level(*this, 2, 2 + n)) f |= 1u << n;
  if (f) return 1 + lowest_bit(f);
  f = d[0x3B] & d[0x68] & 7;  // PCIFR & PCICR
  if (f) return 3 + lowest_bit(f);
  if ((d[0x60] & 0xC0) == 0xC0) return 6;  // WDTCSR: WDIF & WDIE
  static const uint8_t timer_order[3][2] = {{0x02, 0}, {0x04, 1}, {0x01, 2}};  // COMPA, COMPB, OVF
  f = d[0x37] & d[0x70];
  for (auto& o : timer_order)
    if (f & o[0]) return 7 + o[1];
  f = d[0x36] & d[0x6F];
  if (f & 0x20) return 10;
  for (auto& o : timer_order)
    if (f & o[0]) return 11 + o[1];
  f = d[0x35] & d[0x6E];
  for (auto& o : timer_order)
    if (f & o[0]) return 14 + o[1];
  if ((d[0x4D] & 0x80) && (d[0x4C] & 0x80)) return 17;  // SPI
  f = d[0xC0] & d[0xC1];
  if (f & 0x80) return 18;  // RX complete
  if (f & 0x20) return 19;  // data register empty
  if (f & 0x40) return 20;  // TX complete
  if ((d[0x7A] & 0x18) == 0x18) return 21;  // ADC
  if ((d[0x3F] & 0x0A) == 0x08) return 22;  // EE ready: EERIE and not EEPE
  if ((d[0x50] & 0x18) == 0x18) return 23;  // analog comparator
  if ((d[0xBC] & 0x81) == 0x81) return 24;  // TWI
  if (d[0x57] & 0x80) return 25;            // SPM ready (always ready)
  return 0;
}

void Core::update_peripherals() {
  uint64_t now = cycles;
  if (now >= t0.next) t0.sync(*this, now), t0.schedule(*this, now);
  if (now >= t1.next) t1.sync(*this, now), t1.schedule(*this, now);
  if (now >= t2.next) t2.sync(*this, now), t2.schedule(*this, now);
  if (now >= usart.next) usart.tick(*this, now);
  if (now >= eeprom.next) eeprom.tick(*this, now);
  if (now >= adc.next) adc.tick(*this, now);
  recompute_next();
}

}  // namespace avr
