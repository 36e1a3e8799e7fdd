// ATmega328P emulator: Timer/Counter 0, 1 and 2.
//
// Counters are computed on demand: `p` is the position at prescaler tick `last_tick`, and a timer with
// prescaler N ticks at origin + k*N, the origin being the cycle its clock was started or its prescaler
// changed (or GTCCR's PSRSYNC/PSRASY reset it). On the chip the prescaler runs freely from reset, so a
// timer's first tick comes up to N-1 cycles earlier; starting it with the clock is what simavr does,
// and keeping to it makes millis() and TCNT reads agree with simavr cycle for cycle.
// `sync` advances the position to now and sets the TIFR flags the passed ticks set; `schedule` finds
// the cycle of the next tick that sets a flag whose interrupt is enabled, so the core only stops there.
// Single-slope modes (normal, CTC, fast PWM): a flag is set on the tick that leaves the matching value
// (compare match OCFx on leaving OCRx, TOV on the wrap after MAX, or after TOP in fast PWM).
// Dual-slope modes (phase correct): positions 0..2*TOP-1; TOV on reaching BOTTOM, OCFx on reaching OCRx
// going up or down, ICF1 on reaching TOP when ICR1 is TOP. OCR double buffering in PWM modes is not
// modelled (a new OCR value applies at once).
#include <algorithm>

#include "avr_core.h"

namespace avr {

namespace {
const uint32_t kPrescale01[8] = {0, 1, 8, 64, 256, 1024, 0, 0};
const uint32_t kPrescale2[8] = {0, 1, 8, 32, 64, 128, 256, 1024};
enum : uint8_t { TOV = 0x01, OCFA = 0x02, OCFB = 0x04, ICF = 0x20 };
enum TopSource : uint8_t { FIXED, FROM_OCRA, FROM_ICR };
}  // namespace

void Timer::init(int which) {
  id = which;
  if (which == 0) {
    tccra = 0x44; tccrb = 0x45; tcnt = 0x46; ocra = 0x47; ocrb = 0x48; icr = 0; tifr = 0x35; timsk = 0x6E;
    max = 0xFF;
  } else if (which == 1) {
    tccra = 0x80; tccrb = 0x81; tcnt = 0x84; ocra = 0x88; ocrb = 0x8A; icr = 0x86; tifr = 0x36; timsk = 0x6F;
    max = 0xFFFF;
  } else {
    tccra = 0xB0; tccrb = 0xB1; tcnt = 0xB2; ocra = 0xB3; ocrb = 0xB4; icr = 0; tifr = 0x37; timsk = 0x70;
    max = 0xFF;
  }
}

void Timer::reset() {
  p = 0;
  last_tick = 0;
  origin = 0;
  prescale = 0;
  ra = rb = ri = 0;
  temp = 0;
  next = kNever;
  dual = fast = icr_top = false;
  top = max;
  top_source = 0;
  fixed_top = max;
}

static uint32_t current_top(const Timer& t) {
  switch (t.top_source) {
    case FROM_OCRA: return t.ra;
    case FROM_ICR: return t.ri;
    default: return t.fixed_top;
  }
}

// Mode and clock from TCCRxA/B (data already written).
void Timer::configure(const uint8_t* d) {
  Timer& t = *this;
  uint8_t a = d[t.tccra], b = d[t.tccrb];
  t.prescale = (t.id == 2 ? kPrescale2 : kPrescale01)[b & 7];
  int wgm = (a & 3) | ((b >> 1) & (t.id == 1 ? 0x0C : 0x04));
  t.dual = t.fast = t.icr_top = false;
  uint8_t src = FIXED;
  uint32_t fixed = t.max;
  if (t.id != 1) {
    switch (wgm) {
      case 1: t.dual = true; break;
      case 2: src = FROM_OCRA; break;
      case 3: t.fast = true; break;
      case 5: t.dual = true; src = FROM_OCRA; break;
      case 7: t.fast = true; src = FROM_OCRA; break;
      default: break;
    }
  } else {
    static const uint32_t bits_top[4] = {0xFFFF, 0xFF, 0x1FF, 0x3FF};
    switch (wgm) {
      case 1: case 2: case 3: t.dual = true; fixed = bits_top[wgm]; break;
      case 4: src = FROM_OCRA; break;
      case 5: case 6: case 7: t.fast = true; fixed = bits_top[wgm - 4]; break;
      case 8: case 10: t.dual = true; src = FROM_ICR; break;
      case 9: case 11: t.dual = true; src = FROM_OCRA; break;
      case 12: src = FROM_ICR; break;
      case 14: t.fast = true; src = FROM_ICR; break;
      case 15: t.fast = true; src = FROM_OCRA; break;
      default: break;
    }
  }
  t.icr_top = src == FROM_ICR;
  t.top_source = src;
  t.fixed_top = fixed;
  t.top = current_top(t);
  if (t.dual && t.top == 0) t.dual = false;
  if (t.dual) t.p %= 2 * t.top;
}

uint32_t Timer::value() const {
  if (!dual) return p;
  return p <= top ? p : 2 * top - p;
}

uint8_t Timer::advance(uint64_t n) {
  uint8_t bits = 0;
  top = current_top(*this);
  if (dual) {
    uint64_t period = 2 * (uint64_t)top;
    auto hit = [&](uint64_t target) { return (target + 2 * period - p - 1) % period < n; };
    if (hit(0)) bits |= TOV;
    if (icr_top && hit(top)) bits |= ICF;
    if (ra <= top && (hit(ra) || hit(period - ra))) bits |= OCFA;
    if (rb <= top && (hit(rb) || hit(period - rb))) bits |= OCFB;
    p = (uint32_t)((p + n) % period);
    return bits;
  }
  while (n) {
    uint32_t wrap_at = p <= top ? top : max;
    uint64_t to_wrap = (uint64_t)wrap_at - p + 1;
    uint64_t step = std::min<uint64_t>(n, to_wrap);
    if (ra >= p && ra < p + step) bits |= OCFA;
    if (rb >= p && rb < p + step) bits |= OCFB;
    n -= step;
    if (step == to_wrap) {
      if (wrap_at == max || fast) bits |= TOV;
      if (icr_top && wrap_at == top) bits |= ICF;
      p = 0;
      uint64_t period = (uint64_t)top + 1;
      if (n > 2 * period) n = period + n % period;  // whole periods repeat the same flags
    } else {
      p += (uint32_t)step;
    }
  }
  return bits;
}

void Timer::restart(uint64_t now) {
  origin = now;
  last_tick = 0;
}

void Timer::sync(Core& c, uint64_t now) {
  if (!prescale) return;
  uint64_t t = (now - origin) / prescale;
  if (t > last_tick) c.data[tifr] |= advance(t - last_tick);
  last_tick = t;
}

// Ticks (>= 1) until a flag in `want` is set, or kNever.
static uint64_t ticks_to_event(const Timer& t, uint8_t want) {
  uint32_t top = current_top(t);
  // Only the overflow wanted (millis() on Timer0): the wrap after TOP, where advance() sets TOV.
  if (want == TOV && !t.dual && t.p <= top && (t.fast || top == t.max)) return (uint64_t)top - t.p + 1;
  uint64_t cand[16];
  int n = 0;
  Timer copy = t;
  if (t.dual) {
    uint64_t period = 2 * (uint64_t)top;
    for (uint64_t target : {(uint64_t)0, (uint64_t)top, (uint64_t)t.ra, period - t.ra, (uint64_t)t.rb,
                            period - t.rb})
      cand[n++] = (target % period + 2 * period - t.p - 1) % period + 1;
  } else {
    uint64_t wrap = (uint64_t)(t.p <= top ? top : t.max) - t.p + 1;
    cand[n++] = wrap;
    cand[n++] = wrap + top + 1;
    for (uint32_t ocr : {(uint32_t)t.ra, (uint32_t)t.rb}) {
      if (ocr >= t.p) cand[n++] = ocr - t.p + 1;
      cand[n++] = wrap + ocr + 1;
    }
  }
  std::sort(cand, cand + n);
  for (int i = 0; i < n; i++) {
    copy = t;
    if (copy.advance(cand[i]) & want) return cand[i];
  }
  return kNever;
}

void Timer::schedule(Core& c, uint64_t now) {
  uint8_t want = c.data[timsk] & (id == 1 ? (TOV | OCFA | OCFB | ICF) : (TOV | OCFA | OCFB));
  next = kNever;
  if (!prescale || !want) return;
  uint64_t k = ticks_to_event(*this, want);
  if (k != kNever) next = origin + ((now - origin) / prescale + k) * prescale;
}

bool Timer::read(Core& c, uint16_t addr, uint8_t& v) {
  uint64_t now = c.cycles;
  if (addr == tcnt) {
    sync(c, now);
    uint32_t val = value();
    temp = (uint8_t)(val >> 8);
    v = (uint8_t)val;
  } else if (id == 1 && addr == tcnt + 1) {
    v = temp;
  } else if (id == 1 && addr == icr) {
    v = (uint8_t)ri;
    temp = (uint8_t)(ri >> 8);
  } else if (id == 1 && addr == icr + 1) {
    v = temp;
  } else if (addr == ocra || addr == ocrb) {
    v = (uint8_t)(addr == ocra ? ra : rb);
  } else if (id == 1 && (addr == ocra + 1 || addr == ocrb + 1)) {
    v = (uint8_t)((addr == ocra + 1 ? ra : rb) >> 8);
  } else if (addr == tifr) {
    sync(c, now);
    v = c.data[tifr];
  } else {
    return false;
  }
  return true;
}

bool Timer::write(Core& c, uint16_t addr, uint8_t v) {
  uint64_t now = c.cycles;
  sync(c, now);
  bool wide = id == 1;
  if (addr == tccra || addr == tccrb) {
    c.data[addr] = v;
    uint32_t before = prescale;
    configure(c.data);
    if (prescale != before) restart(now);
  } else if (addr == tcnt) {
    p = wide ? (uint32_t)((temp << 8) | v) : v;
  } else if (wide && (addr == tcnt + 1 || addr == ocra + 1 || addr == ocrb + 1 || addr == icr + 1)) {
    temp = v;
  } else if (addr == ocra) {
    ra = wide ? (uint16_t)((temp << 8) | v) : v;
  } else if (addr == ocrb) {
    rb = wide ? (uint16_t)((temp << 8) | v) : v;
  } else if (wide && addr == icr) {
    ri = (uint16_t)((temp << 8) | v);
  } else if (addr == tifr) {
    c.data[tifr] &= ~v;
  } else {
    c.data[addr] = v;  // TIMSKx
  }
  if (addr != tccra && addr != tccrb && addr != tifr) c.data[addr] = v;
  top = current_top(*this);
  if (dual && top) p %= 2 * top;
  schedule(c, now);
  c.recompute_next();
  return true;
}

}  // namespace avr
