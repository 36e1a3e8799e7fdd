// ATmega328P emulator: the ADC (ADMUX, ADCSRA, ADCSRB, ADCL/ADCH).
//
// A conversion started with ADSC takes 13 ADC clocks (25 for the first after enabling), an ADC clock
// being the CPU clock divided by the ADPS prescaler (2..128). It returns the 10-bit value the host set
// for the channel (MUX3:0; channel 14, the 1.1 V band gap, reads 225 unless set), left adjusted when
// ADLAR is set, then sets ADIF (interrupt when ADIE). Auto trigger in free-running mode (ADTS = 0)
// restarts at once; other trigger sources are not modelled.
#include "avr_core.h"

namespace avr {

namespace {
enum : uint8_t { ADEN = 0x80, ADSC = 0x40, ADATE = 0x20, ADIF = 0x10 };
constexpr uint16_t L = 0x78, H = 0x79, SRA = 0x7A, SRB = 0x7B, MUX = 0x7C;
const uint32_t kDiv[8] = {2, 2, 4, 8, 16, 32, 64, 128};
}  // namespace

void Adc::reset() {
  first = true;
  done_at = next = kNever;
}

static uint64_t adc_clock(const Core& c) { return kDiv[c.data[SRA] & 7]; }

void Adc::tick(Core& c, uint64_t now) {
  if (now < done_at) return;
  uint16_t v = value[c.data[MUX] & 0x0F] & 0x3FF;
  if (c.data[MUX] & 0x20) {
    c.data[H] = (uint8_t)(v >> 2);
    c.data[L] = (uint8_t)((v & 3) << 6);
  } else {
    c.data[H] = (uint8_t)(v >> 8);
    c.data[L] = (uint8_t)v;
  }
  c.data[SRA] |= ADIF;
  if ((c.data[SRA] & ADATE) && (c.data[SRB] & 7) == 0) {
    done_at += 13 * adc_clock(c);
  } else {
    c.data[SRA] &= ~ADSC;
    done_at = kNever;
  }
  next = done_at;
}

bool Adc::read(Core& c, uint16_t addr, uint8_t& v) {
  tick(c, c.cycles);
  v = c.data[addr];
  return true;
}

bool Adc::write(Core& c, uint16_t addr, uint8_t v) {
  uint64_t now = c.cycles;
  tick(c, now);
  if (addr != SRA) {
    if (addr != L && addr != H) c.data[addr] = v;
    return true;
  }
  uint8_t old = c.data[SRA];
  uint8_t flags = (uint8_t)(old & ADIF & ~(v & ADIF));
  uint8_t running = old & ADSC;
  c.data[SRA] = (uint8_t)((v & ~(ADIF | ADSC)) | flags | running);
  if (!(v & ADEN)) {
    c.data[SRA] &= ~ADSC;
    done_at = kNever;
    first = true;
  } else if ((v & ADSC) && !running) {
    done_at = now + (first ? 25 : 13) * adc_clock(c);
    first = false;
    c.data[SRA] |= ADSC;
  }
  next = done_at;
  c.recompute_next();
  return true;
}

}  // namespace avr
