// ATmega328P emulator: public interface.
//
// One `avr::Cpu` is one chip: 32 KB flash, 2048 B SRAM at 0x100..0x8FF, 1 KB EEPROM, the AVRe+
// instruction set with the datasheet's cycle counts, Timer0/1/2, USART0, GPIO ports B/C/D, EEPROM and
// ADC. Time is `cycles()` at 16 MHz. Nothing here knows about Leanbot: the robot is reached through the
// hooks below (an I/O handler on reserved data addresses, PC hooks, the USART callbacks).
//
// Threading: a Cpu is used by one thread. Callbacks run inside `run()`, between or during instructions;
// they may call any method of the Cpu they are given except `run()` and `load_*()`/`reset()`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace avr {

constexpr uint32_t kClockHz = 16000000;
constexpr uint32_t kFlashBytes = 32768;
constexpr uint16_t kSramStart = 0x100;
constexpr uint16_t kRamEnd = 0x8FF;  // last SRAM address; a data access above it is a fault
constexpr uint16_t kSramBytes = 2048;
constexpr uint16_t kEepromBytes = 1024;
constexpr size_t kRxQueueMax = 1 << 20;  // bytes the host may queue for the USART receiver
constexpr size_t kMailboxBytes = 64;      // bytes each way of the mailbox (see set_mailbox)

// Why `run()` returned.
enum class Stop {
  Limit,      // cycles() reached the limit given to run()
  Break,      // a BREAK instruction (PC is left on the BREAK)
  Sleep,      // SLEEP with interrupts off, or `rjmp .` with interrupts off: the program has ended
  Fault,      // see fault()
  Requested,  // a callback called request_stop()
};

enum class FaultKind {
  None,
  IllegalOpcode,     // an opcode the ATmega328P does not have (address = the opcode word)
  PcOutsideProgram,  // execution reached flash past the loaded image (address = PC byte address)
  DataPastRam,       // a load/store/push/pop above kRamEnd (address = the data address)
  StackOverflow,     // SP went below the stack guard (address = the guard)
};

struct Fault {
  FaultKind kind = FaultKind::None;
  uint32_t pc = 0;       // byte address of the faulting instruction
  uint16_t sp = 0;       // SP at the fault
  uint32_t address = 0;  // see FaultKind
  uint64_t cycle = 0;
  std::string text() const;  // one English line, e.g. "data access past RAM end at 0x0912 (pc 0x01a4)"
};

class Cpu;
class Core;  // the implementation (avr_core.h)

// I/O handler for a data address range (see set_io_handler). `read` may be empty (reads then return
// the last value written); `write` may be empty (writes are then stored and ignored).
using IoRead = std::function<uint8_t(Cpu& cpu, uint16_t address)>;
using IoWrite = std::function<void(Cpu& cpu, uint16_t address, uint8_t value)>;
// Called when execution reaches a hooked flash word, before that instruction runs. If the hook changes
// the PC (set_pc, do_ret) or calls request_stop(), the hooked instruction is not executed.
using PcHook = std::function<void(Cpu& cpu)>;
// A byte written to UDR0, reported when it enters the transmit shift register, with that cycle.
using UartTx = std::function<void(uint8_t byte, uint64_t cycle)>;
// PORTx or DDRx of port 'B', 'C' or 'D' was written (values after the write).
using PortWrite = std::function<void(char port, uint8_t port_value, uint8_t ddr, uint64_t cycle)>;

class Cpu {
 public:
  Cpu();
  ~Cpu();
  Cpu(const Cpu&) = delete;
  Cpu& operator=(const Cpu&) = delete;

  // --- program -----------------------------------------------------------------------------------
  // Load an Intel HEX image (record types 00, 01, 02, 03, 04, 05) into flash and reset. On error returns
  // false, leaves flash empty and sets `error` (e.g. "line 3: bad checksum").
  bool load_hex(const std::string& text, std::string& error);
  bool load_hex_file(const std::string& path, std::string& error);
  // Load raw bytes at a flash byte address (tests); returns false when they do not fit in 32 KB.
  bool load_binary(const uint8_t* bytes, size_t size, uint32_t address, std::string& error);
  uint32_t program_end() const;  // first flash byte after the loaded image
  // Power-on reset: registers, I/O, SRAM cleared; PC 0; cycles 0; SP = RAMEND. Flash, EEPROM, hooks
  // and callbacks are kept; the stack guard and the heap watch are cleared.
  void reset();

  // --- running -----------------------------------------------------------------------------------
  uint64_t cycles() const;
  // Run until cycles() >= cycle_limit or a stop. Instructions are never split: the last one may end a
  // few cycles past the limit.
  Stop run(uint64_t cycle_limit);
  void request_stop();  // from a callback: run() returns Stop::Requested after the current instruction
  const Fault& fault() const;
  bool sleeping() const;  // in SLEEP, waiting for an interrupt

  // --- time --------------------------------------------------------------------------------------
  // Jump time forward to `cycle` without executing the program at the current PC. Peripherals stay
  // exact: whenever an enabled interrupt becomes due in the skipped interval, time stops there, the
  // interrupt is taken and its handler runs (its cycles count as part of the interval), and skipping
  // resumes when the handler returns to where the skip began. So every Timer0 overflow is still its own
  // interrupt and millis() counts exactly as on the chip. Callable from I/O handlers and PC hooks;
  // it takes effect at the next instruction boundary (after the current hook/instruction finishes).
  void skip_to(uint64_t cycle);
  void add_cycles(uint32_t n);  // charge extra cycles to the instruction now running (from callbacks)
  // Rounds of a short loop that waits without effect (no store, no I/O access, same registers each
  // round) until an interrupt or event are skipped whole, up to the next event: the cycles, interrupts
  // and output are those of executing them. On by default; tests turn it off to compare.
  void set_loop_skip(bool on);
  uint64_t loop_skipped_cycles() const;  // cycles skipped that way so far

  // --- hooks -------------------------------------------------------------------------------------
  // Serve data addresses first..last (only reserved extended I/O addresses, 0xC7..0xFF, are allowed;
  // returns false otherwise). The handler runs during the LD/ST/LDS/STS/IN/OUT that accesses them.
  bool set_io_handler(uint16_t first, uint16_t last, IoRead read, IoWrite write);
  // A mailbox on two reserved extended I/O addresses (0xC7..0xFF, not served by an I/O handler): each
  // byte the program stores to `in_address` is kept in order (up to kMailboxBytes; more are dropped),
  // and each load from `out_address` gives the next byte the host put there (0 when none is left).
  // Neither leaves the interpreter, so a call's arguments and results cost no more than SRAM access;
  // the call itself goes through an I/O handler, which takes and gives the bytes. Returns false for
  // other addresses.
  bool set_mailbox(uint16_t in_address, uint16_t out_address);
  size_t mailbox_in(const uint8_t** bytes) const;  // the bytes stored since the last clear
  void clear_mailbox_in();
  void give_mailbox(const uint8_t* bytes, size_t n);  // replaces what the program reads next
  void set_pc_hook(uint32_t word_address, PcHook hook);
  void clear_pc_hook(uint32_t word_address);
  // From PC hooks only (an I/O handler runs in the middle of an instruction, which then moves on):
  void set_pc(uint32_t word_address);
  void do_ret();  // pop a return address into PC, as RET does (no cycles charged; see add_cycles)
  void on_uart_tx(UartTx callback);
  // Queue a byte for the USART0 receiver. Queued bytes wait while the receiver is off; then they
  // arrive one after another at the configured baud rate (10 bits each at 8N1), the first one
  // byte-time after it was queued or after the program last changed the USART setup (so bytes queued
  // before Serial.begin() arrive after it); each sets RXC0 and raises the RX interrupt when enabled.
  // A byte arriving while the 2-byte receive FIFO is full sets DOR0 and is lost, as on the chip.
  // At most kRxQueueMax bytes wait; uart_rx() returns false (and drops the byte) beyond that.
  bool uart_rx(uint8_t byte);
  size_t uart_rx_queued() const;  // bytes queued by uart_rx() that have not arrived yet
  // The stack may use data addresses >= guard: a push, call or interrupt that writes below it, or an SP
  // write (SPL) that puts SP + 1 below it, stops the run with FaultKind::StackOverflow. 0 = off.
  void set_stack_guard(uint16_t address);
  uint16_t stack_guard() const;
  // Follow a 16-bit SRAM variable holding the heap's end (avr-libc's `__brkval`): while it is non-zero,
  // the stack may not go below it either. Checked at calls, interrupt entries and SPL writes (a run of
  // pushes between two calls is caught at the next one). 0 = off.
  void watch_heap_end(uint16_t variable_address);
  void on_port_write(PortWrite callback);
  // Level an outside circuit drives on an input pin: 0, 1, or -1 for none (the pin then reads its
  // pull-up: 1 when PORTx bit is set, else 0).
  void set_pin_input(char port, int bit, int level);
  void set_adc(int channel, uint16_t value);  // 10-bit value the ADC converts on `channel` (0..7)

  // --- state (tests, fault reports, hooks) -------------------------------------------------------
  uint8_t reg(int index) const;  // r0..r31
  void set_reg(int index, uint8_t value);
  uint8_t sreg() const;
  void set_sreg(uint8_t value);
  uint16_t sp() const;
  void set_sp(uint16_t value);
  uint32_t pc() const;  // word address
  // Data space without side effects: registers, I/O (their stored value), SRAM; 0 above kRamEnd.
  uint8_t peek(uint16_t address) const;
  // Write registers or SRAM (addresses < 0x20 or 0x100..kRamEnd); false otherwise.
  bool poke(uint16_t address, uint8_t value);
  uint16_t flash_word(uint32_t word_address) const;
  std::vector<uint8_t> eeprom() const;
  void load_eeprom(const std::vector<uint8_t>& image);  // up to 1024 bytes; the rest stays 0xFF
  uint8_t port_value(char port) const;  // PORTx
  uint8_t ddr_value(char port) const;   // DDRx


 private:
  std::unique_ptr<Core> core_;
};

}  // namespace avr
