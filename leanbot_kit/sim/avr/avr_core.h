// ATmega328P emulator: internal state shared by the core and the peripheral files.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "avr.h"

namespace avr {

constexpr uint64_t kNever = UINT64_MAX;
constexpr uint32_t kFlashWords = kFlashBytes / 2;
constexpr uint16_t kDataSize = kRamEnd + 1;

// SREG bits
enum : uint8_t { SC = 0x01, SZ = 0x02, SN = 0x04, SV = 0x08, SS = 0x10, SH = 0x20, ST = 0x40, SI = 0x80 };

// Operations of the predecoded program (decode.cpp). One Insn per flash word.
#define AVR_OPS(X) \
  X(OP_NOP) X(OP_MOVW) X(OP_MULS) X(OP_MULSU) X(OP_FMUL) X(OP_FMULS) X(OP_FMULSU) X(OP_CPC) \
  X(OP_SBC) X(OP_ADD) X(OP_CPSE) X(OP_CP) X(OP_SUB) X(OP_ADC) X(OP_AND) X(OP_EOR) X(OP_OR) \
  X(OP_MOV) X(OP_CPI) X(OP_SBCI) X(OP_SUBI) X(OP_ORI) X(OP_ANDI) X(OP_LDD_Y) X(OP_LDD_Z) \
  X(OP_STD_Y) X(OP_STD_Z) X(OP_LDS) X(OP_STS) X(OP_LD_ZI) X(OP_LD_DZ) X(OP_LPM_Z) X(OP_LPM_ZI) \
  X(OP_LD_YI) X(OP_LD_DY) X(OP_LD_X) X(OP_LD_XI) X(OP_LD_DX) X(OP_POP) X(OP_ST_ZI) X(OP_ST_DZ) \
  X(OP_ST_YI) X(OP_ST_DY) X(OP_ST_X) X(OP_ST_XI) X(OP_ST_DX) X(OP_PUSH) X(OP_COM) X(OP_NEG) \
  X(OP_SWAP) X(OP_INC) X(OP_ASR) X(OP_LSR) X(OP_ROR) X(OP_DEC) X(OP_BSET) X(OP_BCLR) X(OP_RET) \
  X(OP_RETI) X(OP_SLEEP) X(OP_BREAK) X(OP_WDR) X(OP_LPM) X(OP_SPM) X(OP_IJMP) X(OP_ICALL) X(OP_JMP) \
  X(OP_CALL) X(OP_ADIW) X(OP_SBIW) X(OP_CBI) X(OP_SBIC) X(OP_SBI) X(OP_SBIS) X(OP_MUL) X(OP_IN) \
  X(OP_OUT) X(OP_RJMP) X(OP_RJMP_SELF) X(OP_RCALL) X(OP_LDI) X(OP_BRBS) X(OP_BRBC) X(OP_BLD) \
  X(OP_RJMP_LOOP) X(OP_BRBS_LOOP) X(OP_BRBC_LOOP) \
  X(OP_BST) X(OP_SBRC) X(OP_SBRS) X(OP_ILLEGAL) X(OP_PC_OUT) X(OP_HOOK)
#define AVR_OP_ENUM(op) op,
enum Op : uint8_t { AVR_OPS(AVR_OP_ENUM) };
#undef AVR_OP_ENUM

struct Insn {
  const void* h;  // where the interpreter's code for `op` is (filled by execute.cpp; 16-byte entries)
  uint8_t op;
  uint8_t a;   // Rd, pointer displacement, bit number, I/O address...
  uint8_t b;   // Rr, bit number...
  uint8_t c;   // words of the NEXT instruction (for skips)
  uint16_t k;  // immediate, absolute target word address, data address
  uint16_t w;  // the opcode word
};

// A jump back over at most this many words closes a short loop: execute.cpp watches its rounds.
constexpr uint32_t kShortLoopWords = 8;

// Decode one instruction from two flash words (decode.cpp).
Insn decode(uint16_t word, uint16_t next);
int insn_words(uint16_t word);

class Core;

// One 8- or 16-bit timer/counter (timer.cpp).
struct Timer {
  int id = 0;  // 0, 1, 2
  uint16_t tccra, tccrb, tcnt, ocra, ocrb, icr, tifr, timsk;  // data addresses
  uint32_t max = 0xFF;
  uint32_t p = 0;            // position: counter value, or 0..2*top-1 in dual-slope modes
  uint64_t origin = 0;       // cycle of prescaler tick 0 (see timer.cpp)
  uint64_t last_tick = 0;    // prescaler tick at which `p` was valid
  uint32_t prescale = 0;     // 0 = stopped
  uint32_t top = 0xFF;
  bool dual = false, fast = false, icr_top = false;
  uint16_t ra = 0, rb = 0, ri = 0;  // OCRxA, OCRxB, ICR1
  uint8_t temp = 0;                 // 16-bit access temporary register
  uint64_t next = kNever;

  void init(int which);
  void reset();
  void restart(uint64_t now);
  void sync(Core& c, uint64_t now);
  void schedule(Core& c, uint64_t now);
  bool read(Core& c, uint16_t addr, uint8_t& v);
  bool write(Core& c, uint16_t addr, uint8_t v);
  uint32_t value() const;
  uint8_t advance(uint64_t ticks);  // returns the TIFR bits the ticks set
  void configure(const uint8_t* data);
  uint8_t top_source = 0;  // 0 fixed, 1 OCRxA, 2 ICR1
  uint32_t fixed_top = 0xFF;
};

struct Usart {  // usart.cpp
  uint64_t tx_end = kNever;  // when the shift register finishes its byte
  bool tx_full = false;
  uint8_t tx_byte = 0;
  std::deque<uint8_t> rx_queue;  // queued by the host, not yet arrived
  uint64_t rx_next = kNever;     // arrival of rx_queue.front()
  uint64_t rx_last = 0;          // arrival time of the last byte (bytes do not overlap)
  uint8_t fifo[2] = {0, 0};
  int fifo_n = 0;
  uint64_t next = kNever;
  UartTx on_tx;

  void reset();
  uint64_t frame_cycles(const Core& c) const;
  void tick(Core& c, uint64_t now);
  void schedule();
  void queue(Core& c, uint8_t byte);
  bool read(Core& c, uint16_t addr, uint8_t& v);
  bool write(Core& c, uint16_t addr, uint8_t v);
};

struct Gpio {  // gpio.cpp
  int8_t input[3][8];  // -1 = not driven
  uint8_t last[3];     // pin levels when last looked at (pin-change and edge detection)
  PortWrite on_write;
  void reset();
  uint8_t levels(const Core& c, int port) const;
  bool level(const Core& c, int port, int bit) const;
  void changed(Core& c, int port);
  void set_input(Core& c, int port, int bit, int level);
  bool read(Core& c, uint16_t addr, uint8_t& v);
  bool write(Core& c, uint16_t addr, uint8_t v);
};

struct Eeprom {  // eeprom.cpp
  uint8_t mem[kEepromBytes];
  uint64_t mpe_until = 0;  // EEMPE is set while cycles < mpe_until
  uint64_t busy_until = 0;  // EEPE is set while cycles < busy_until
  uint64_t next = kNever;
  void erase();
  void reset();
  void tick(Core& c, uint64_t now);
  bool read(Core& c, uint16_t addr, uint8_t& v);
  bool write(Core& c, uint16_t addr, uint8_t v);
};

struct Adc {  // adc.cpp
  uint16_t value[16];
  bool first = true;  // the first conversion after enabling takes 25 ADC clocks
  uint64_t done_at = kNever;
  uint64_t next = kNever;
  void reset();
  void tick(Core& c, uint64_t now);
  bool read(Core& c, uint16_t addr, uint8_t& v);
  bool write(Core& c, uint16_t addr, uint8_t v);
};

struct Mailbox {  // see Cpu::set_mailbox
  uint16_t in_addr = 0, out_addr = 0;  // 0 = none
  uint8_t in[kMailboxBytes];
  uint8_t out[kMailboxBytes];
  size_t in_n = 0, out_n = 0, out_pos = 0;
  void store(uint8_t v) {
    if (in_n < kMailboxBytes) in[in_n++] = v;
  }
  uint8_t load() { return out_pos < out_n ? out[out_pos++] : 0; }
};

struct IoRange {
  uint16_t first, last;
  IoRead read;
  IoWrite write;
};

class Core {
 public:
  explicit Core(Cpu& owner);
  Cpu& cpu;

  // machine state
  uint8_t data[kDataSize];  // r0..r31, I/O 0x20..0xFF (stored values), SRAM 0x100..0x8FF
  uint8_t sreg = 0;
  uint16_t sp = kRamEnd;
  uint32_t pc = 0;
  uint64_t cycles = 0;
  uint16_t flash[kFlashWords];
  Insn code[kFlashWords + 1];  // + a last "PC outside the program" entry, for running off the end
  bool code_changed = true;  // `code` was decoded or hooked: execute() fills in Insn::h again
  uint32_t program_words = 0;

  // run control
  uint64_t block_end = 0;     // execute() returns when cycles reach this
  uint64_t periph_next = kNever;
  bool irq_hold = false;      // one more instruction before interrupts (after SEI / RETI)
  bool sleeping = false;
  bool stopped = false;
  Stop stop_reason = Stop::Limit;
  Fault fault;
  bool loop_skip = true;      // see Cpu::set_loop_skip
  uint64_t loop_skipped = 0;
  bool skip_pending = false, skipping = false;
  uint64_t skip_target = 0;
  uint32_t skip_pc = 0;
  uint16_t skip_sp = 0;
  uint16_t guard = 0;
  uint16_t heap_var = 0;  // address of __brkval, or 0

  // hooks and peripherals
  std::vector<IoRange> io_ranges;
  Mailbox mailbox;
  uint8_t io_owner[256];  // which peripheral serves each I/O data address (io.cpp)
  std::unordered_map<uint32_t, std::pair<PcHook, Insn>> hooks;
  Timer t0, t1, t2;
  Usart usart;
  Gpio gpio;
  Eeprom eeprom;
  Adc adc;

  // core.cpp
  void reset();
  void redecode();
  Stop run(uint64_t limit);
  void raise_fault(FaultKind kind, uint32_t insn_pc, uint32_t address);
  void stop(Stop why);
  void recompute_next();
  void take_interrupt(int vector);
  bool push_check(uint16_t new_sp, uint32_t insn_pc);
  void check_sp_write(uint32_t insn_pc);
  uint16_t heap_end() const {
    return heap_var ? (uint16_t)(data[heap_var] | (data[heap_var + 1] << 8)) : 0;
  }
  bool heap_ok(uint32_t insn_pc);

  // execute.cpp
  void execute();
  uint8_t slow_read(uint16_t a, uint32_t here);
  void slow_write(uint16_t a, uint8_t v, uint32_t here);
  bool slow_push(uint8_t v, uint32_t here);
  bool run_hook(uint32_t at);
  Insn hooked{};  // the instruction under the PC hook being run

  // io.cpp
  void init_io_map();
  uint8_t io_read(uint16_t addr);
  void io_write(uint16_t addr, uint8_t v);
  void io_write_bit(uint16_t addr, int bit, bool set);  // SBI / CBI
  int pending_vector();
  void update_peripherals();
  // After an I/O write: an interrupt that became due ends the block now running.
  void io_changed() {
    if ((sreg & SI) && pending_vector()) block_end = 0;
  }
};

}  // namespace avr
