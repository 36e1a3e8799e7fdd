// ATmega328P emulator: run loop, interrupts, time skipping, faults.
#include <algorithm>
#include <cstring>

#include "avr_core.h"

namespace avr {

Core::Core(Cpu& owner) : cpu(owner) {
  std::memset(flash, 0xFF, sizeof flash);
  t0.init(0);
  t1.init(1);
  t2.init(2);
  eeprom.erase();
  for (auto& v : adc.value) v = 0;
  adc.value[14] = 225;  // 1.1 V band gap against 5 V
  init_io_map();
  redecode();
  reset();
}

// Decode the whole flash once; words past the program decode to a "PC outside the program" fault.
void Core::redecode() {
  for (uint32_t i = 0; i < kFlashWords; i++) {
    Insn in{};
    in.op = OP_PC_OUT;
    in.w = flash[i];
    if (i < program_words) {
      in = decode(flash[i], flash[(i + 1) % kFlashWords]);
      int16_t rel = (int16_t)in.k;
      if (in.op == OP_BRBS || in.op == OP_BRBC || in.op == OP_RJMP || in.op == OP_RCALL)
        in.k = (uint16_t)((i + 1 + rel) & (kFlashWords - 1));
      if (in.op == OP_RJMP && rel == -1) in.op = OP_RJMP_SELF;
      bool short_back = loop_skip && rel < 0 && (uint32_t)(-rel - 1) <= kShortLoopWords;
      if (short_back && in.op == OP_RJMP) in.op = OP_RJMP_LOOP;
      if (short_back && in.op == OP_BRBS) in.op = OP_BRBS_LOOP;
      if (short_back && in.op == OP_BRBC) in.op = OP_BRBC_LOOP;
      in.c = (uint8_t)insn_words(flash[(i + 1) % kFlashWords]);
    }
    code[i] = in;
  }
  code[kFlashWords] = Insn{};
  code[kFlashWords].op = OP_PC_OUT;
  for (auto& h : hooks) {
    h.second.second = code[h.first];
    code[h.first].op = OP_HOOK;
  }
  code_changed = true;
}

void Core::reset() {
  std::memset(data, 0, sizeof data);
  sreg = 0;
  sp = kRamEnd;
  pc = 0;
  cycles = 0;
  block_end = 0;
  irq_hold = sleeping = stopped = false;
  skip_pending = skipping = false;
  fault = Fault{};
  guard = 0;
  heap_var = 0;
  mailbox.in_n = mailbox.out_n = mailbox.out_pos = 0;
  t0.reset();
  t1.reset();
  t2.reset();
  usart.reset();
  gpio.reset();
  eeprom.reset();
  adc.reset();
  data[0xC0] = 0x20;  // UCSR0A: UDRE0
  data[0xC2] = 0x06;  // UCSR0C: 8 data bits
  recompute_next();
}

void Core::stop(Stop why) {
  if (!stopped) {
    stopped = true;
    stop_reason = why;
  }
  block_end = 0;
}

void Core::raise_fault(FaultKind kind, uint32_t insn_pc, uint32_t address) {
  if (stopped) return;
  fault.kind = kind;
  fault.pc = insn_pc * 2;
  fault.sp = sp;
  fault.address = address;
  fault.cycle = cycles;
  stop(Stop::Fault);
}

// A push that leaves SP at new_sp wrote at new_sp + 1: it must be >= guard and within RAM.
bool Core::push_check(uint16_t new_sp, uint32_t insn_pc) {
  uint32_t written = (uint32_t)new_sp + 1;
  if (guard && written < guard) {
    raise_fault(FaultKind::StackOverflow, insn_pc, guard);
    return false;
  }
  if (written > kRamEnd || written < 0x20) {
    raise_fault(FaultKind::DataPastRam, insn_pc, written);
    return false;
  }
  return true;
}

void Core::check_sp_write(uint32_t insn_pc) {
  if (guard && (uint32_t)sp + 1 < guard) raise_fault(FaultKind::StackOverflow, insn_pc, guard);
  else heap_ok(insn_pc);
}

// The stack has not grown into the heap (see Cpu::watch_heap_end).
bool Core::heap_ok(uint32_t insn_pc) {
  uint16_t end = heap_end();
  if (end && (uint32_t)sp + 1 < end) {
    raise_fault(FaultKind::StackOverflow, insn_pc, end);
    return false;
  }
  return true;
}

// The block now running ends at the next event (an event that moved later only ends it early).
void Core::recompute_next() {
  periph_next = std::min({t0.next, t1.next, t2.next, usart.next, eeprom.next, adc.next});
  if (periph_next < block_end) block_end = periph_next;
}

void Core::take_interrupt(int vector) {
  switch (vector) {  // sources whose flag the hardware clears when the vector is taken
    case 7: data[0x37] &= ~0x02; break;
    case 8: data[0x37] &= ~0x04; break;
    case 9: data[0x37] &= ~0x01; break;
    case 10: data[0x36] &= ~0x20; break;
    case 11: data[0x36] &= ~0x02; break;
    case 12: data[0x36] &= ~0x04; break;
    case 13: data[0x36] &= ~0x01; break;
    case 14: data[0x35] &= ~0x02; break;
    case 15: data[0x35] &= ~0x04; break;
    case 16: data[0x35] &= ~0x01; break;
    case 1: data[0x3C] &= ~0x01; break;
    case 2: data[0x3C] &= ~0x02; break;
    case 3: case 4: case 5: data[0x3B] &= ~(1 << (vector - 3)); break;
    case 20: data[0xC0] &= ~0x40; break;
    case 21: data[0x7A] &= ~0x10; break;
    case 23: data[0x50] &= ~0x10; break;
    default: break;
  }
  uint16_t new_sp = sp - 2;
  if (!push_check(new_sp, pc)) return;
  data[sp] = pc & 0xFF;
  data[sp - 1] = (pc >> 8) & 0xFF;
  sp = new_sp;
  if (heap_var && !heap_ok(pc)) return;
  sreg &= ~SI;
  pc = vector * 2;
  cycles += sleeping ? 8 : 4;
  sleeping = false;
}

// Idle at the current PC (sleep, or a skip): jump time to the next event, the skip target or the limit.
static uint64_t idle_until(const Core& c, uint64_t limit) {
  uint64_t t = std::min(limit, c.periph_next);
  if (c.skipping) t = std::min(t, c.skip_target);
  return t;
}

Stop Core::run(uint64_t limit) {
  stopped = false;
  for (;;) {
    if (stopped) return stop_reason;
    if (cycles >= limit) return Stop::Limit;
    if (cycles >= periph_next) update_peripherals();
    if (skip_pending) {
      skip_pending = false;
      skipping = skip_target > cycles;
      skip_pc = pc;
      skip_sp = sp;
    }
    bool hold = irq_hold;
    irq_hold = false;
    if (!hold && (sreg & SI)) {
      int v = pending_vector();
      if (v) {
        take_interrupt(v);
        continue;
      }
    }
    bool at_skip = skipping && pc == skip_pc && sp == skip_sp;
    if (at_skip && cycles >= skip_target) {
      skipping = at_skip = false;
    }
    if (sleeping || at_skip) {
      uint64_t t = idle_until(*this, limit);
      if (t > cycles) cycles = t;
      continue;
    }
    block_end = hold ? cycles + 1 : std::min(limit, periph_next);
    execute();
  }
}

}  // namespace avr
