// ATmega328P emulator: the instruction interpreter.
//
// PC, SP, SREG and the cycle count live in locals while instructions run; they are written back to the
// Core (SAVE) before anything outside this loop can look at them (I/O registers, hooks, faults) and read
// again after (LOAD). Cycle counts are those of the ATmega328P datasheet's instruction set summary.
#include <cstring>

#include "avr_core.h"

// GCC and Clang jump straight from one instruction to the next (computed goto); others use a switch.
#if defined(__GNUC__) && !defined(AVR_NO_THREADED)
#define AVR_THREADED 1
#else
#define AVR_THREADED 0
#endif

// Keep one indirect jump at the end of every instruction: GCC would otherwise merge them into a single
// shared jump (global CSE, cross-jumping), which the host CPU predicts far worse (about 1.3x slower).
#if AVR_THREADED && !defined(__clang__)
#pragma GCC optimize("no-gcse", "no-crossjumping")
#endif

namespace avr {

namespace {

// N and Z of a result, and S as if V were 0 (S = N ^ V): one table look instead of three tests.
struct NzsTable {
  uint8_t v[256];
  constexpr NzsTable() : v() {
    for (int r = 0; r < 256; r++) v[r] = (uint8_t)((r == 0 ? SZ : 0) | (r & 0x80 ? (SN | SS) : 0));
  }
};
constexpr NzsTable kNzs;

// Additions and subtractions take the result before truncation (`x`, an unsigned int): bit 4 of
// d ^ r ^ x is the carry (borrow) into bit 4, H; bit 8 the carry (borrow) out of bit 7, C.
inline uint8_t flags_add(unsigned d, unsigned r, unsigned x, uint8_t sr) {
  unsigned hc = d ^ r ^ x;
  unsigned v = ~(d ^ r) & (d ^ x) & 0x80;  // operands of one sign, the result of the other
  unsigned f = ((hc >> 8) & 1) | ((hc << 1) & SH) | (v >> 4) | (kNzs.v[x & 0xFF] ^ (v >> 3));
  return (uint8_t)((sr & (ST | SI)) | f);
}

// `keep_z` for SBC/SBCI/CPC (Z only stays set when it was set).
inline uint8_t flags_sub(unsigned d, unsigned r, unsigned x, uint8_t sr, bool keep_z) {
  unsigned hc = d ^ r ^ x;
  unsigned v = (d ^ r) & (d ^ x) & 0x80;  // operands of different signs, the result not d's
  unsigned f = ((hc >> 8) & 1) | ((hc << 1) & SH) | (v >> 4) | (kNzs.v[x & 0xFF] ^ (v >> 3));
  if (keep_z) f &= (sr & SZ) | ~(unsigned)SZ;
  return (uint8_t)((sr & (ST | SI)) | f);
}

// N, Z, S from the result with V given (logic ops, INC, DEC, COM...).
inline uint8_t flags_nzv(uint8_t res, uint8_t sr, bool v) {
  return (uint8_t)((sr & ~(SZ | SN | SV | SS)) | (kNzs.v[res] ^ (v ? (SV | SS) : 0)));
}

// Shifts: C from the bit shifted out, V = N ^ C, so S = N ^ V = C.
inline uint8_t flags_shift(uint8_t res, uint8_t sr, unsigned c) {
  unsigned n = res >> 7;
  unsigned f = (kNzs.v[res] & (SZ | SN)) | c | (c << 4) | ((n ^ c) << 3);
  return (uint8_t)((sr & ~(SC | SZ | SN | SV | SS)) | f);
}

inline uint8_t flags_mul(uint16_t res, uint8_t sr, bool c) {
  sr &= ~(SC | SZ);
  if (c) sr |= SC;
  if (res == 0) sr |= SZ;
  return sr;
}

}  // namespace

// Anything outside this loop may look or change (I/O, hooks, faults): also an effect for the loop watch.
#define SAVE() (++effects, this->pc = here, this->cycles = cyc, this->sp = sp, this->sreg = sr)
#if AVR_THREADED
#define REFILL() (code_changed ? refill() : void())
#else
#define REFILL() void()
#endif
#define LOAD() (ip = code + this->pc, cyc = this->cycles, sp = this->sp, sr = this->sreg, end = this->block_end, \
                floor = guard > kSramStart ? guard : kSramStart, REFILL())
#define R(i) data[(i)]
#define PAIR(i) ((uint16_t)(data[(i)] | (data[(i) + 1] << 8)))
#define SET_PAIR(i, v) (data[(i)] = (uint8_t)(v), data[(i) + 1] = (uint8_t)((v) >> 8))
#define FAULT(kind, addr) (SAVE(), raise_fault((kind), here, (addr)), LOAD())
#define FAST(a) ((uint16_t)((a) - kSramStart) < kSramBytes || (a) < 0x20)
// Data space access: registers and SRAM inline, I/O and faults out of line.
#define RD(dst, addr)                              \
  do {                                             \
    uint16_t a_ = (addr);                          \
    if (FAST(a_)) {                                \
      dst = data[a_];                              \
    } else if (a_ == 0x5F) {                       \
      dst = sr;                                    \
    } else if (a_ == mailbox.out_addr) {           \
      ++effects;                                   \
      dst = mailbox.load();                        \
    } else {                                       \
      SAVE();                                      \
      uint8_t v_ = slow_read(a_, here);            \
      LOAD();                                      \
      dst = v_;                                    \
    }                                              \
  } while (0)
#define WR(addr, val)                              \
  do {                                             \
    uint16_t a_ = (addr);                          \
    uint8_t v_ = (val);                            \
    if (FAST(a_)) {                                \
      data[a_] = v_;                               \
      ++effects;                                   \
    } else if (a_ == mailbox.in_addr) {            \
      ++effects;                                   \
      mailbox.store(v_);                           \
    } else {                                       \
      SAVE();                                      \
      slow_write(a_, v_, here);                    \
      LOAD();                                      \
    }                                              \
  } while (0)
// A push writes at SP (which must be in SRAM and not below the stack guard) and decrements it.
#define PUSH(val)                                  \
  do {                                             \
    uint8_t v_ = (val);                            \
    if (sp >= floor && sp <= kRamEnd) {            \
      data[sp--] = v_;                             \
      ++effects;                                   \
    } else {                                       \
      SAVE();                                      \
      bool ok_ = slow_push(v_, here);              \
      LOAD();                                      \
      if (!ok_) goto next;                         \
    }                                              \
  } while (0)
#define POP(dst)                                   \
  do {                                             \
    if (sp < kRamEnd) {                            \
      dst = data[++sp];                            \
    } else {                                       \
      FAULT(FaultKind::DataPastRam, sp + 1u);      \
      goto next;                                   \
    }                                              \
  } while (0)
#define PUSH_PC(ret)                               \
  do {                                             \
    uint32_t r_ = (ret);                           \
    PUSH(r_ & 0xFF);                               \
    PUSH((r_ >> 8) & 0xFF);                        \
    if (heap_var) {                                \
      SAVE();                                      \
      bool ok_ = heap_ok(here);                    \
      LOAD();                                      \
      if (!ok_) goto next;                         \
    }                                              \
  } while (0)
#define POP_PC(dst)                                \
  do {                                             \
    uint8_t hi_ = 0, lo_ = 0;                      \
    POP(hi_);                                      \
    POP(lo_);                                      \
    dst = (uint32_t)((hi_ << 8) | lo_) & (kFlashWords - 1); \
  } while (0)

uint8_t Core::slow_read(uint16_t a, uint32_t here) {
  if (a > kRamEnd) {
    raise_fault(FaultKind::DataPastRam, here, a);
    return 0;
  }
  return io_read(a);
}

void Core::slow_write(uint16_t a, uint8_t v, uint32_t here) {
  if (a > kRamEnd) {
    raise_fault(FaultKind::DataPastRam, here, a);
    return;
  }
  io_write(a, v);
  if (a == 0x5D) check_sp_write(here);
}

bool Core::slow_push(uint8_t v, uint32_t here) {
  if (!push_check(sp - 1, here)) return false;
  data[sp--] = v;
  return true;
}

// Call the hook at `at`; true when the instruction under it (copied to `hooked`) is to run now. The
// hook may set or clear hooks, so it runs from a copy.
bool Core::run_hook(uint32_t at) {
  auto it = hooks.find(at);
  if (it == hooks.end()) {
    raise_fault(FaultKind::IllegalOpcode, at, flash[at]);
    return false;
  }
  hooked = it->second.second;
  PcHook hook = it->second.first;
  hook(cpu);
  return pc == at && !stopped;
}

namespace {

// The watch over short loops (jumps back of at most kShortLoopWords). A round of a loop that stored
// nothing, touched no I/O register (only SREG was read) and came back with the same registers, SREG
// and SP as the round before depends on nothing that can change while the block runs: it goes round
// the same way until an interrupt or a peripheral event, which only come at the end of the block.
// Those rounds are skipped whole (busy-waiting on a flag an interrupt sets; HardwareSerial::write
// waiting for room in a full buffer), so time, interrupts and output stay exactly as when executed.
struct LoopWatch {
  const Insn* at = nullptr;  // the jump closing the loop
  uint32_t effects = 0;      // stores and I/O accesses counted when last seen
  int rounds = 0;            // rounds seen in a row without an effect
  bool saved = false;
  uint64_t cyc = 0;  // with the registers below: the round to compare with
  uint8_t regs[32];
  uint8_t sr = 0;
  uint16_t sp = 0;

  // At the jump back (already taken): how many cycles to skip.
  uint64_t round(const Insn* jump, uint32_t now_effects, const uint8_t* data, uint8_t sreg, uint16_t spv,
                 uint64_t cyc_now, uint64_t end) {
    if (jump != at || now_effects != effects) {
      at = jump, effects = now_effects, rounds = 0, saved = false;
      return 0;
    }
    if (!saved) {
      if (++rounds < 4) return 0;  // a loop that is merely counting changes registers: look rarely
      std::memcpy(regs, data, sizeof regs);
      sr = sreg, sp = spv, cyc = cyc_now, saved = true;
      return 0;
    }
    if (sreg != sr || spv != sp || std::memcmp(regs, data, sizeof regs) != 0) {
      rounds = 0, saved = false;
      return 0;
    }
    uint64_t period = cyc_now - cyc, skip = end > cyc_now ? (end - cyc_now) / period * period : 0;
    cyc = cyc_now + skip;
    return skip;
  }
};

}  // namespace

void Core::execute() {
  const Insn* ip = code + this->pc;  // the instruction to run next
  uint64_t cyc = this->cycles;
  uint16_t sp = this->sp;
  uint8_t sr = this->sreg;
  uint64_t end = this->block_end;
  uint32_t floor = guard > kSramStart ? guard : kSramStart;
  uint8_t* const data = this->data;
  uint32_t effects = 0;  // stores and I/O accesses in this block (see LoopWatch)
  LoopWatch loop;

#define here ((uint32_t)(ip - code))  // its word address: handlers move ip after any fault check
  const Insn* in = nullptr;
#if AVR_THREADED
#define AVR_OP_LABEL(op) &&L_##op,
  static void* const table[] = {AVR_OPS(AVR_OP_LABEL)};
#undef AVR_OP_LABEL
  // Each instruction's entry points straight at its code; again after anything outside this loop ran
  // (a hook or an I/O handler may set or clear hooks), see LOAD().
  auto refill = [this] {
    for (auto& insn : code) insn.h = table[insn.op];
    code_changed = false;
  };
  if (code_changed) refill();
#define CASE(op) L_##op:
#define NEXT                    \
  do {                          \
    if (cyc >= end) goto out;   \
    in = ip;                    \
    goto* in->h;                \
  } while (0)
next:
  NEXT;
dispatch:
  goto* table[in->op];
  {
#else
#define CASE(op) case op:
#define NEXT break
  while (cyc < end) {
    in = ip;
  dispatch:
    switch (in->op) {
#endif
      CASE(OP_NOP) ip++; cyc++; NEXT;
      CASE(OP_MOVW) R(in->a) = R(in->b); R(in->a + 1) = R(in->b + 1); ip++; cyc++; NEXT;
      CASE(OP_MUL) {
        uint16_t res = (uint16_t)(R(in->a) * R(in->b));
        SET_PAIR(0, res); sr = flags_mul(res, sr, res & 0x8000); ip++; cyc += 2; NEXT;
      }
      CASE(OP_MULS) {
        uint16_t res = (uint16_t)((int8_t)R(in->a) * (int8_t)R(in->b));
        SET_PAIR(0, res); sr = flags_mul(res, sr, res & 0x8000); ip++; cyc += 2; NEXT;
      }
      CASE(OP_MULSU) {
        uint16_t res = (uint16_t)((int8_t)R(in->a) * (int)R(in->b));
        SET_PAIR(0, res); sr = flags_mul(res, sr, res & 0x8000); ip++; cyc += 2; NEXT;
      }
      CASE(OP_FMUL) CASE(OP_FMULS) CASE(OP_FMULSU) {
        int d = in->op == OP_FMUL ? R(in->a) : (int8_t)R(in->a);
        int r = in->op == OP_FMULSU || in->op == OP_FMUL ? R(in->b) : (int8_t)R(in->b);
        uint16_t prod = (uint16_t)(d * r);
        uint16_t res = (uint16_t)(prod << 1);
        SET_PAIR(0, res); sr = flags_mul(res, sr, prod & 0x8000); ip++; cyc += 2; NEXT;
      }
      CASE(OP_ADD) {
        unsigned d = R(in->a), r = R(in->b), x = d + r;
        R(in->a) = (uint8_t)x; sr = flags_add(d, r, x, sr); ip++; cyc++; NEXT;
      }
      CASE(OP_ADC) {
        unsigned d = R(in->a), r = R(in->b), x = d + r + (sr & SC);
        R(in->a) = (uint8_t)x; sr = flags_add(d, r, x, sr); ip++; cyc++; NEXT;
      }
      CASE(OP_SUB) {
        unsigned d = R(in->a), r = R(in->b), x = d - r;
        R(in->a) = (uint8_t)x; sr = flags_sub(d, r, x, sr, false); ip++; cyc++; NEXT;
      }
      CASE(OP_SBC) {
        unsigned d = R(in->a), r = R(in->b), x = d - r - (sr & SC);
        R(in->a) = (uint8_t)x; sr = flags_sub(d, r, x, sr, true); ip++; cyc++; NEXT;
      }
      CASE(OP_CP) {
        unsigned d = R(in->a), r = R(in->b);
        sr = flags_sub(d, r, d - r, sr, false); ip++; cyc++; NEXT;
      }
      CASE(OP_CPC) {
        unsigned d = R(in->a), r = R(in->b);
        sr = flags_sub(d, r, d - r - (sr & SC), sr, true); ip++; cyc++; NEXT;
      }
      CASE(OP_CPI) {
        unsigned d = R(in->a), r = (uint8_t)in->k;
        sr = flags_sub(d, r, d - r, sr, false); ip++; cyc++; NEXT;
      }
      CASE(OP_SUBI) {
        unsigned d = R(in->a), r = (uint8_t)in->k, x = d - r;
        R(in->a) = (uint8_t)x; sr = flags_sub(d, r, x, sr, false); ip++; cyc++; NEXT;
      }
      CASE(OP_SBCI) {
        unsigned d = R(in->a), r = (uint8_t)in->k, x = d - r - (sr & SC);
        R(in->a) = (uint8_t)x; sr = flags_sub(d, r, x, sr, true); ip++; cyc++; NEXT;
      }
      CASE(OP_AND) { uint8_t res = R(in->a) & R(in->b); R(in->a) = res; sr = flags_nzv(res, sr, false); ip++; cyc++; NEXT; }
      CASE(OP_EOR) { uint8_t res = R(in->a) ^ R(in->b); R(in->a) = res; sr = flags_nzv(res, sr, false); ip++; cyc++; NEXT; }
      CASE(OP_OR) { uint8_t res = R(in->a) | R(in->b); R(in->a) = res; sr = flags_nzv(res, sr, false); ip++; cyc++; NEXT; }
      CASE(OP_ANDI) { uint8_t res = R(in->a) & (uint8_t)in->k; R(in->a) = res; sr = flags_nzv(res, sr, false); ip++; cyc++; NEXT; }
      CASE(OP_ORI) { uint8_t res = R(in->a) | (uint8_t)in->k; R(in->a) = res; sr = flags_nzv(res, sr, false); ip++; cyc++; NEXT; }
      CASE(OP_MOV) R(in->a) = R(in->b); ip++; cyc++; NEXT;
      CASE(OP_LDI) R(in->a) = (uint8_t)in->k; ip++; cyc++; NEXT;
      CASE(OP_COM) {
        uint8_t res = ~R(in->a); R(in->a) = res; sr = flags_nzv(res, sr, false) | SC; ip++; cyc++; NEXT;
      }
      CASE(OP_NEG) {
        unsigned d = R(in->a), x = 0u - d;
        R(in->a) = (uint8_t)x; sr = flags_sub(0, d, x, sr, false); ip++; cyc++; NEXT;
      }
      CASE(OP_SWAP) { uint8_t d = R(in->a); R(in->a) = (uint8_t)((d << 4) | (d >> 4)); ip++; cyc++; NEXT; }
      CASE(OP_INC) { uint8_t res = R(in->a) + 1; R(in->a) = res; sr = flags_nzv(res, sr, res == 0x80); ip++; cyc++; NEXT; }
      CASE(OP_DEC) { uint8_t res = R(in->a) - 1; R(in->a) = res; sr = flags_nzv(res, sr, res == 0x7F); ip++; cyc++; NEXT; }
      CASE(OP_ASR) {
        uint8_t d = R(in->a), res = (uint8_t)((d >> 1) | (d & 0x80));
        R(in->a) = res; sr = flags_shift(res, sr, d & 1); ip++; cyc++; NEXT;
      }
      CASE(OP_LSR) {
        uint8_t d = R(in->a), res = d >> 1;
        R(in->a) = res; sr = flags_shift(res, sr, d & 1); ip++; cyc++; NEXT;
      }
      CASE(OP_ROR) {
        uint8_t d = R(in->a), res = (uint8_t)((d >> 1) | ((sr & SC) << 7));
        R(in->a) = res; sr = flags_shift(res, sr, d & 1); ip++; cyc++; NEXT;
      }
      CASE(OP_ADIW) CASE(OP_SBIW) {
        uint16_t d = PAIR(in->a);
        uint16_t res = in->op == OP_ADIW ? (uint16_t)(d + in->k) : (uint16_t)(d - in->k);
        SET_PAIR(in->a, res);
        bool dh = d & 0x8000, rh = res & 0x8000;
        bool v = in->op == OP_ADIW ? (!dh && rh) : (dh && !rh);
        bool c = in->op == OP_ADIW ? (!rh && dh) : (rh && !dh);
        sr &= ~(SC | SZ | SN | SV | SS);
        if (c) sr |= SC;
        if (res == 0) sr |= SZ;
        if (rh) sr |= SN;
        if (v) sr |= SV;
        if (rh != v) sr |= SS;
        ip++; cyc += 2; NEXT;
      }
      CASE(OP_BSET) ip++; cyc++;
        // SEI: one more instruction runs before an interrupt; with none pending the block goes on.
        if (in->a == 7 && !(sr & SI) && pending_vector()) { irq_hold = true; end = 0; }
        sr |= (uint8_t)(1 << in->a);
        NEXT;
      CASE(OP_BCLR) sr &= (uint8_t)~(1 << in->a); ip++; cyc++; NEXT;
      CASE(OP_BST) sr = (R(in->a) >> in->b) & 1 ? (sr | ST) : (sr & ~ST); ip++; cyc++; NEXT;
      CASE(OP_BLD)
        R(in->a) = (sr & ST) ? (R(in->a) | (1 << in->b)) : (R(in->a) & ~(1 << in->b)); ip++; cyc++; NEXT;

      // ---- branches, skips, jumps, calls
      CASE(OP_BRBS)
        if (sr & (1 << in->a)) { ip = code + in->k; cyc += 2; } else { ip++; cyc++; }
        NEXT;
      CASE(OP_BRBC)
        if (!(sr & (1 << in->a))) { ip = code + in->k; cyc += 2; } else { ip++; cyc++; }
        NEXT;
      CASE(OP_CPSE)
        if (R(in->a) == R(in->b)) { ip += 1 + in->c; cyc += 1 + in->c; } else { ip++; cyc++; }
        NEXT;
      CASE(OP_SBRC)
        if (!(R(in->a) & (1 << in->b))) { ip += 1 + in->c; cyc += 1 + in->c; } else { ip++; cyc++; }
        NEXT;
      CASE(OP_SBRS)
        if (R(in->a) & (1 << in->b)) { ip += 1 + in->c; cyc += 1 + in->c; } else { ip++; cyc++; }
        NEXT;
      CASE(OP_SBIC) CASE(OP_SBIS) {
        uint8_t v = 0;
        RD(v, in->a);
        bool set = (v >> in->b) & 1;
        if (set == (in->op == OP_SBIS)) { ip += 1 + in->c; cyc += 1 + in->c; } else { ip++; cyc++; }
        NEXT;
      }
      CASE(OP_RJMP) ip = code + in->k; cyc += 2; NEXT;
#define LOOP_ROUND()                                                    \
  do {                                                                  \
    if (uint64_t skip_ = loop.round(in, effects, data, sr, sp, cyc, end)) \
      cyc += skip_, loop_skipped += skip_;                              \
  } while (0)
      CASE(OP_RJMP_LOOP) ip = code + in->k; cyc += 2; LOOP_ROUND(); NEXT;
      CASE(OP_BRBS_LOOP)
        if (sr & (1 << in->a)) { ip = code + in->k; cyc += 2; LOOP_ROUND(); } else { ip++; cyc++; }
        NEXT;
      CASE(OP_BRBC_LOOP)
        if (!(sr & (1 << in->a))) { ip = code + in->k; cyc += 2; LOOP_ROUND(); } else { ip++; cyc++; }
        NEXT;
#undef LOOP_ROUND
      CASE(OP_RJMP_SELF)  // `rjmp .`: with I clear the program has ended; else wait in whole loops
        if (!(sr & SI)) { SAVE(); stop(Stop::Sleep); LOAD(); NEXT; }
        cyc += (end > cyc + 2) ? ((end - cyc + 1) / 2) * 2 : 2;
        NEXT;
      CASE(OP_JMP) ip = code + in->k; cyc += 3; NEXT;
      CASE(OP_IJMP) ip = code + (PAIR(30) & (kFlashWords - 1)); cyc += 2; NEXT;
      CASE(OP_RCALL) PUSH_PC(here + 1); ip = code + in->k; cyc += 3; NEXT;
      CASE(OP_CALL) PUSH_PC(here + 2); ip = code + in->k; cyc += 4; NEXT;
      CASE(OP_ICALL) PUSH_PC(here + 1); ip = code + (PAIR(30) & (kFlashWords - 1)); cyc += 3; NEXT;
      CASE(OP_RET) { uint32_t to = 0; POP_PC(to); ip = code + to; cyc += 4; NEXT; }
      CASE(OP_RETI) { uint32_t to = 0; POP_PC(to); ip = code + to; } cyc += 4; sr |= SI;
        // A skip idles at its PC again (core.cpp); else the block goes on unless an interrupt is due.
        if (skipping || pending_vector()) { irq_hold = true; end = 0; }
        NEXT;

      // ---- data transfer
      CASE(OP_LDD_Y) RD(R(in->a), PAIR(28) + in->b); ip++; cyc += 2; NEXT;
      CASE(OP_LDD_Z) RD(R(in->a), PAIR(30) + in->b); ip++; cyc += 2; NEXT;
      CASE(OP_STD_Y) WR(PAIR(28) + in->b, R(in->a)); ip++; cyc += 2; NEXT;
      CASE(OP_STD_Z) WR(PAIR(30) + in->b, R(in->a)); ip++; cyc += 2; NEXT;
      CASE(OP_LDS) RD(R(in->a), in->k); ip += 2; cyc += 2; NEXT;
      CASE(OP_STS) WR(in->k, R(in->a)); ip += 2; cyc += 2; NEXT;
      CASE(OP_LD_X) RD(R(in->a), PAIR(26)); ip++; cyc += 2; NEXT;
      CASE(OP_LD_XI) { uint16_t p = PAIR(26); SET_PAIR(26, p + 1); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_LD_DX) { uint16_t p = PAIR(26) - 1; SET_PAIR(26, p); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_LD_YI) { uint16_t p = PAIR(28); SET_PAIR(28, p + 1); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_LD_DY) { uint16_t p = PAIR(28) - 1; SET_PAIR(28, p); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_LD_ZI) { uint16_t p = PAIR(30); SET_PAIR(30, p + 1); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_LD_DZ) { uint16_t p = PAIR(30) - 1; SET_PAIR(30, p); RD(R(in->a), p); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_X) WR(PAIR(26), R(in->a)); ip++; cyc += 2; NEXT;
      CASE(OP_ST_XI) { uint16_t p = PAIR(26); uint8_t v = R(in->a); SET_PAIR(26, p + 1); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_DX) { uint16_t p = PAIR(26) - 1; uint8_t v = R(in->a); SET_PAIR(26, p); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_YI) { uint16_t p = PAIR(28); uint8_t v = R(in->a); SET_PAIR(28, p + 1); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_DY) { uint16_t p = PAIR(28) - 1; uint8_t v = R(in->a); SET_PAIR(28, p); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_ZI) { uint16_t p = PAIR(30); uint8_t v = R(in->a); SET_PAIR(30, p + 1); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_ST_DZ) { uint16_t p = PAIR(30) - 1; uint8_t v = R(in->a); SET_PAIR(30, p); WR(p, v); ip++; cyc += 2; NEXT; }
      CASE(OP_PUSH) PUSH(R(in->a)); ip++; cyc += 2; NEXT;
      CASE(OP_POP) POP(R(in->a)); ip++; cyc += 2; NEXT;
      CASE(OP_LPM) { uint16_t z = PAIR(30); R(0) = (uint8_t)(flash[(z >> 1) & (kFlashWords - 1)] >> ((z & 1) * 8)); ip++; cyc += 3; NEXT; }
      CASE(OP_LPM_Z) { uint16_t z = PAIR(30); R(in->a) = (uint8_t)(flash[(z >> 1) & (kFlashWords - 1)] >> ((z & 1) * 8)); ip++; cyc += 3; NEXT; }
      CASE(OP_LPM_ZI) {
        uint16_t z = PAIR(30);
        uint8_t v = (uint8_t)(flash[(z >> 1) & (kFlashWords - 1)] >> ((z & 1) * 8));
        SET_PAIR(30, z + 1); R(in->a) = v; ip++; cyc += 3; NEXT;
      }
      CASE(OP_IN) RD(R(in->a), in->k); ip++; cyc++; NEXT;
      CASE(OP_OUT) WR(in->k, R(in->a)); ip++; cyc++; NEXT;
      CASE(OP_SBI) CASE(OP_CBI) SAVE(); io_write_bit(in->a, in->b, in->op == OP_SBI); LOAD(); ip++; cyc += 2; NEXT;

      // ---- MCU control
      CASE(OP_SLEEP)
        ip++; cyc++;
        if (data[0x53] & 1) {  // SMCR.SE
          SAVE();
          if (sr & SI) sleeping = true, block_end = 0;
          else stop(Stop::Sleep);
          LOAD();
        }
        NEXT;
      CASE(OP_BREAK) SAVE(); stop(Stop::Break); LOAD(); NEXT;
      CASE(OP_WDR) ip++; cyc++; NEXT;
      CASE(OP_SPM) ip++; cyc++; NEXT;
      CASE(OP_ILLEGAL) FAULT(FaultKind::IllegalOpcode, in->w); NEXT;
      CASE(OP_PC_OUT) FAULT(FaultKind::PcOutsideProgram, here * 2); NEXT;
      CASE(OP_HOOK) {
        SAVE();
        bool again = run_hook(here);
        LOAD();
        if (again) {
          in = &hooked;
          goto dispatch;
        }
        NEXT;
      }
#if AVR_THREADED
  }
out:
#else
      default: FAULT(FaultKind::IllegalOpcode, in->w); break;
    }
  next:;
  }
#endif
#undef CASE
#undef NEXT
  SAVE();
#undef here
}

}  // namespace avr
