// ATmega328P emulator: instruction decoding. Each flash word is decoded once into an Insn.
#include "avr_core.h"

namespace avr {

namespace {

Insn make(uint8_t op, uint8_t a = 0, uint8_t b = 0, uint16_t k = 0) {
  Insn in{};
  in.op = op;
  in.a = a;
  in.b = b;
  in.k = k;
  return in;
}

uint8_t rd5(uint16_t w) { return (w >> 4) & 0x1F; }
uint8_t rr5(uint16_t w) { return ((w >> 5) & 0x10) | (w & 0x0F); }
uint8_t imm8(uint16_t w) { return ((w >> 4) & 0xF0) | (w & 0x0F); }
uint8_t disp(uint16_t w) { return ((w >> 8) & 0x20) | ((w >> 7) & 0x18) | (w & 0x07); }

Insn decode_0000(uint16_t w) {
  uint8_t d = rd5(w), r = rr5(w);
  switch (w & 0x0C00) {
    case 0x0400: return make(OP_CPC, d, r);
    case 0x0800: return make(OP_SBC, d, r);
    case 0x0C00: return make(OP_ADD, d, r);
    default: break;
  }
  if (w == 0) return make(OP_NOP);
  switch (w & 0x0F00) {
    case 0x0100: return make(OP_MOVW, ((w >> 4) & 0xF) * 2, (w & 0xF) * 2);
    case 0x0200: return make(OP_MULS, 16 + ((w >> 4) & 0xF), 16 + (w & 0xF));
    case 0x0300: {
      uint8_t a = 16 + ((w >> 4) & 7), b = 16 + (w & 7);
      static const uint8_t ops[4] = {OP_MULSU, OP_FMUL, OP_FMULS, OP_FMULSU};
      return make(ops[((w >> 6) & 2) | ((w >> 3) & 1)], a, b);
    }
    default: return make(OP_ILLEGAL);
  }
}

Insn decode_ldst(uint16_t w, uint16_t next) {  // 1001 00xx
  uint8_t d = rd5(w);
  bool store = w & 0x0200;
  static const uint8_t loads[16] = {
      OP_LDS, OP_LD_ZI, OP_LD_DZ, OP_ILLEGAL, OP_LPM_Z, OP_LPM_ZI, OP_ILLEGAL, OP_ILLEGAL,
      OP_ILLEGAL, OP_LD_YI, OP_LD_DY, OP_ILLEGAL, OP_LD_X, OP_LD_XI, OP_LD_DX, OP_POP};
  static const uint8_t stores[16] = {
      OP_STS, OP_ST_ZI, OP_ST_DZ, OP_ILLEGAL, OP_ILLEGAL, OP_ILLEGAL, OP_ILLEGAL, OP_ILLEGAL,
      OP_ILLEGAL, OP_ST_YI, OP_ST_DY, OP_ILLEGAL, OP_ST_X, OP_ST_XI, OP_ST_DX, OP_PUSH};
  uint8_t op = (store ? stores : loads)[w & 0xF];
  return make(op, d, 0, next);
}

Insn decode_1001_010(uint16_t w, uint16_t next) {  // 1001 010x
  uint8_t d = rd5(w);
  switch (w & 0xF) {
    case 0x0: return make(OP_COM, d);
    case 0x1: return make(OP_NEG, d);
    case 0x2: return make(OP_SWAP, d);
    case 0x3: return make(OP_INC, d);
    case 0x5: return make(OP_ASR, d);
    case 0x6: return make(OP_LSR, d);
    case 0x7: return make(OP_ROR, d);
    case 0xA: return make(OP_DEC, d);
    case 0xC: case 0xD:
    case 0xE: case 0xF: {
      uint32_t target = ((uint32_t)((w >> 3) & 0x3E) | (w & 1)) << 16 | next;
      if (target >= kFlashWords) return make(OP_ILLEGAL);
      return make((w & 2) ? OP_CALL : OP_JMP, 0, 0, (uint16_t)target);
    }
    default: break;
  }
  switch (w) {
    case 0x9508: return make(OP_RET);
    case 0x9518: return make(OP_RETI);
    case 0x9588: return make(OP_SLEEP);
    case 0x9598: return make(OP_BREAK);
    case 0x95A8: return make(OP_WDR);
    case 0x95C8: return make(OP_LPM);
    case 0x95E8: return make(OP_SPM);
    case 0x9409: return make(OP_IJMP);
    case 0x9509: return make(OP_ICALL);
    default: break;
  }
  if ((w & 0xFF8F) == 0x9408) return make(OP_BSET, (w >> 4) & 7);
  if ((w & 0xFF8F) == 0x9488) return make(OP_BCLR, (w >> 4) & 7);
  return make(OP_ILLEGAL);  // DES, EIJMP, EICALL, ELPM, SPM Z+, reserved
}

Insn decode_1001(uint16_t w, uint16_t next) {
  switch (w & 0x0E00) {
    case 0x0000: case 0x0200: return decode_ldst(w, next);
    case 0x0400: return decode_1001_010(w, next);
    case 0x0600: {
      uint8_t d = 24 + ((w >> 3) & 6);
      uint8_t k = ((w >> 2) & 0x30) | (w & 0xF);
      return make((w & 0x0100) ? OP_SBIW : OP_ADIW, d, 0, k);
    }
    case 0x0800: case 0x0A00: {
      static const uint8_t ops[4] = {OP_CBI, OP_SBIC, OP_SBI, OP_SBIS};
      return make(ops[(w >> 8) & 3], 0x20 + ((w >> 3) & 0x1F), w & 7);
    }
    default: return make(OP_MUL, rd5(w), rr5(w));
  }
}

Insn decode_1111(uint16_t w) {
  uint8_t d = rd5(w), bit = w & 7;
  if ((w & 0x0800) == 0) {
    int16_t k = (int16_t)(w << 6) >> 9;  // 7-bit signed offset in bits 9..3
    return make((w & 0x0400) ? OP_BRBC : OP_BRBS, bit, 0, (uint16_t)k);
  }
  if (w & 0x0008) return make(OP_ILLEGAL);
  static const uint8_t ops[4] = {OP_BLD, OP_BST, OP_SBRC, OP_SBRS};
  return make(ops[(w >> 9) & 3], d, bit);
}

}  // namespace

int insn_words(uint16_t w) {
  if ((w & 0xFC0F) == 0x9000) return 2;  // LDS, STS
  if ((w & 0xFE0C) == 0x940C) return 2;  // JMP, CALL
  return 1;
}

// Branch offsets (BRBS/BRBC, RJMP/RCALL) are left relative in `k`; core.cpp turns them into
// absolute targets once the word address is known.
Insn decode(uint16_t w, uint16_t next) {
  Insn in;
  switch (w >> 12) {
    case 0x0: in = decode_0000(w); break;
    case 0x1: {
      static const uint8_t ops[4] = {OP_CPSE, OP_CP, OP_SUB, OP_ADC};
      in = make(ops[(w >> 10) & 3], rd5(w), rr5(w));
      break;
    }
    case 0x2: {
      static const uint8_t ops[4] = {OP_AND, OP_EOR, OP_OR, OP_MOV};
      in = make(ops[(w >> 10) & 3], rd5(w), rr5(w));
      break;
    }
    case 0x3: in = make(OP_CPI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    case 0x4: in = make(OP_SBCI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    case 0x5: in = make(OP_SUBI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    case 0x6: in = make(OP_ORI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    case 0x7: in = make(OP_ANDI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    case 0x8: case 0xA: {
      bool store = w & 0x0200, y = w & 0x0008;
      uint8_t op = store ? (y ? OP_STD_Y : OP_STD_Z) : (y ? OP_LDD_Y : OP_LDD_Z);
      in = make(op, rd5(w), disp(w));
      break;
    }
    case 0x9: in = decode_1001(w, next); break;
    case 0xB: {
      uint8_t a = 0x20 + (((w >> 5) & 0x30) | (w & 0xF));
      in = make((w & 0x0800) ? OP_OUT : OP_IN, rd5(w), 0, a);
      break;
    }
    case 0xC: case 0xD: {
      int16_t k = (int16_t)(w << 4) >> 4;
      in = make((w & 0x1000) ? OP_RCALL : OP_RJMP, 0, 0, (uint16_t)k);
      break;
    }
    case 0xE: in = make(OP_LDI, 16 + ((w >> 4) & 0xF), 0, imm8(w)); break;
    default: in = decode_1111(w); break;
  }
  in.w = w;
  return in;
}

}  // namespace avr
