// main.cpp - the AVR backend's robot process: `robot RUN-CONFIG [PROGRAM-FACTS]`.
//
// The same process contract as the native backend (runtime/README.md): stdout = the bytes the
// emulated chip's USART0 sends, stdin = bytes it receives, the trace file, the `X` line, exit 0 at
// the end of a run. A fault of the program (illegal opcode, jump outside the program, data access
// past RAM, stack into data/heap) writes one `LBFAULT …` line on stderr and exits with status 3
// after handing over every Serial byte sent so far.
#include <stdio.h>
#include <stdlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "host.h"
#include "sim.h"

namespace host {

static avr::Cpu* the_cpu = nullptr;
static Program program;
static bool eeprom_loaded = false;
static const char* pending_end = nullptr;

static void throw_finish(const char* reason) { throw Finish{reason}; }

void finish_later(avr::Cpu& cpu, const char* reason) {
  if (!pending_end) pending_end = reason;
  cpu.request_stop();
}

// Bytes still queued (UDRIE0 on: the ring buffer is not empty; UDRE0 off: UDR0 holds one).
static bool uart_busy(avr::Cpu& cpu) {
  return (cpu.peek(0xC1) & (1 << 5)) || !(cpu.peek(0xC0) & (1 << 5));
}

void clock_from_cpu(avr::Cpu& cpu) {
  uint64_t t = cpu.cycles() / 16;  // 16 MHz
  if (t > sim::now_us) {
    sim::now_us = t;
    if (sim::now_us >= sim::next_tick_us) sim::tick();
  }
}

static uint64_t jumped = 0;  // cycles jumped over (waits), for LEANBOT_AVR_STATS

void cpu_to_clock(avr::Cpu& cpu) {
  uint64_t target = sim::now_us * 16;
  if (target > cpu.cycles()) {
    jumped += target - cpu.cycles();
    cpu.skip_to(target);
  }
}

static void print_stats() {
  if (!the_cpu || !getenv("LEANBOT_AVR_STATS")) return;
  uint64_t all = the_cpu->cycles();
  fprintf(stderr, "cycles %llu jumped %llu executed %llu (%.2f%%)\n", (unsigned long long)all,
          (unsigned long long)jumped, (unsigned long long)(all - jumped),
          all ? 100.0 * (double)(all - jumped) / (double)all : 0.0);
}

static std::string folder_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

bool load_program(const std::string& facts_path, Program& out, std::string& error) {
  std::ifstream in(facts_path);
  if (!in) {
    error = "cannot read the program facts " + facts_path;
    return false;
  }
  std::string key, value, line;
  while (std::getline(in, line)) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos) continue;
    key = line.substr(0, sp);
    value = line.substr(sp + 1);
    if (key == "hex") out.hex_path = folder_of(facts_path) + "/" + value;
    else if (key == "flash") out.flash = (uint32_t)strtoul(value.c_str(), nullptr, 10);
    else if (key == "data") out.data = (uint32_t)strtoul(value.c_str(), nullptr, 10);
    else if (key == "bss") out.bss = (uint32_t)strtoul(value.c_str(), nullptr, 10);
    else if (key == "sym") {
      size_t sp2 = value.find(' ');
      if (sp2 != std::string::npos)
        out.sym[value.substr(0, sp2)] = (uint32_t)strtoul(value.c_str() + sp2 + 1, nullptr, 10);
    }
  }
  if (out.hex_path.empty()) {
    error = "no hex line in " + facts_path;
    return false;
  }
  return true;
}

static uint32_t sym(const char* name) {
  auto it = program.sym.find(name);
  return it == program.sym.end() ? 0 : it->second;
}

// ---- EEPROM kept in the `eeprom PATH` file across runs (resets) ----
static void load_eeprom(avr::Cpu& cpu) {
  if (sim::cfg.eeprom_path.empty()) return;
  std::ifstream in(sim::cfg.eeprom_path, std::ios::binary);
  std::vector<uint8_t> image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (image.size() > avr::kEepromBytes) image.resize(avr::kEepromBytes);
  cpu.load_eeprom(image);
  eeprom_loaded = true;
}

static void save_eeprom() {
  if (!eeprom_loaded || !the_cpu) return;
  std::vector<uint8_t> image = the_cpu->eeprom();
  std::ofstream out(sim::cfg.eeprom_path, std::ios::binary | std::ios::trunc);
  out.write((const char*)image.data(), (std::streamsize)image.size());
}

// ---- the on-board LED (pin 13 = PB5): `E <t> pin 13 <0|1>` when it changes, as the native runtime ----
static void led_builtin(char port, uint8_t value, uint8_t, uint64_t cycle) {
  static int level = 0;
  if (port != 'B' || ((value >> 5) & 1) == level) return;
  level = (value >> 5) & 1;
  uint64_t keep = sim::now_us;  // the event's time; the clock itself moves on at the next step
  if (cycle / 16 > sim::now_us) sim::now_us = cycle / 16;
  sim::trace_event("pin 13 %d", level);
  sim::now_us = keep;
}

// ---- the stack may grow down to the top of the heap (or the end of .bss) ----
static void update_guard(avr::Cpu& cpu) {
  // __heap_start exists when the program uses malloc; else the stack may come down to the end of .bss.
  static const uint16_t heap_start =
      (uint16_t)(sym("__heap_start") ? sym("__heap_start") : sym("__bss_end"));
  static const uint32_t brk_at = sym("__brkval");
  uint16_t brk = brk_at ? (uint16_t)(cpu.peek((uint16_t)brk_at) | cpu.peek((uint16_t)(brk_at + 1)) << 8) : 0;
  uint16_t guard = brk > heap_start ? brk : heap_start;
  if (guard && guard != cpu.stack_guard()) cpu.set_stack_guard(guard);
}

static void feed_rx(avr::Cpu& cpu) {
  while (cpu.uart_rx_queued() < 16) {
    int c = sim::serial_in_raw();
    if (c < 0) return;
    cpu.uart_rx((uint8_t)c);
  }
}

// Let the UART send what the sketch had queued: time jumps on, only interrupt handlers run.
static void drain_uart(avr::Cpu& cpu) {
  for (int i = 0; i < 12 && uart_busy(cpu); ++i) {
    uint64_t until = cpu.cycles() + 16000;
    cpu.skip_to(until);
    if (cpu.run(until) != avr::Stop::Limit) break;
  }
}

[[noreturn]] static void fault(avr::Cpu& cpu) {
  const avr::Fault f = cpu.fault();  // a copy: handing over the Serial bytes runs the CPU again
  const unsigned guard = cpu.stack_guard();
  static const char* kinds[] = {"none", "illegal_opcode", "pc_outside_program", "data_past_ram",
                                "stack_overflow"};
  uint32_t brk_at = sym("__brkval");
  unsigned brk = brk_at ? (unsigned)(cpu.peek((uint16_t)brk_at) | cpu.peek((uint16_t)(brk_at + 1)) << 8) : 0;
  cpu.set_stack_guard(0);  // the run is over: the UART's interrupt may use what stack is left
  drain_uart(cpu);
  sim::serial_flush_out();
  sim::trace_row();
  sim::trace_event("halt fault");
  sim::trace_flush();
  // The return address on top of the stack: where a jump into nowhere was called from.
  unsigned ret = f.sp + 2 <= avr::kRamEnd
                     ? (unsigned)((cpu.peek((uint16_t)(f.sp + 1)) << 8 | cpu.peek((uint16_t)(f.sp + 2))) * 2)
                     : 0;
  fprintf(stderr, "LBFAULT %s pc=%u sp=%u address=%u guard=%u brkval=%u t_ms=%llu ram=%u ret=%u\n",
          kinds[(int)f.kind], (unsigned)f.pc, (unsigned)f.sp, (unsigned)f.address,
          guard, brk, (unsigned long long)sim::now_ms(),
          (unsigned)(program.data + program.bss), ret);
  fprintf(stderr, "%s\n", f.text().c_str());
  save_eeprom();
  fflush(stderr);
  _Exit(3);
}

// The run is over: the program stops where it is, but the UART still sends what it had queued —
// time jumps forward (interrupts only: the UART's ISR empties its buffer), the clock stands still.
[[noreturn]] static void end_run(avr::Cpu& cpu) {
  drain_uart(cpu);
  sim::before_finish = nullptr;
  sim::finish(pending_end);
}

// The program ended (SLEEP or BREAK with interrupts off): the robot stands still until the end.
[[noreturn]] static void halted() {
  sim::serial_flush_out();
  sim::before_finish = nullptr;
  for (;;) sim::wait_next_tick();
}

}  // namespace host

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s RUN-CONFIG [PROGRAM-FACTS]\n", argv[0]);
    return 2;
  }
  std::string error;
  if (!sim::load_config(argv[1], error)) {
    fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  std::string facts = argc > 2 ? argv[2] : host::folder_of(argv[0]) + "/robot.avr";
  static avr::Cpu cpu;
  host::the_cpu = &cpu;
  if (!host::load_program(facts, host::program, error) || !cpu.load_hex_file(host::program.hex_path, error)) {
    fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  host::load_eeprom(cpu);
  atexit(host::save_eeprom);
  atexit(host::print_stats);
  cpu.on_uart_tx([](uint8_t byte, uint64_t) { sim::serial_out_raw(byte); });
  cpu.on_port_write(host::led_builtin);
  host::install_channel(cpu);
  sim::rng_sketch = sim::cfg.seed * 2 + 1;
  sim::rng_noise = sim::cfg.seed * 2 + 2;
  sim::physics_init();
  sim::trace_open();
  sim::trace_row();
  host::update_guard(cpu);
  sim::start_clock();
  sim::before_finish = host::throw_finish;
  for (;;) {
    avr::Stop stop = cpu.run(sim::next_tick_us * 16);
    if (stop == avr::Stop::Fault) host::fault(cpu);
    try {
      host::clock_from_cpu(cpu);
    } catch (const host::Finish& end) {
      host::finish_later(cpu, end.reason);
    }
    if (host::pending_end) host::end_run(cpu);
    if (stop == avr::Stop::Sleep || stop == avr::Stop::Break) host::halted();
    host::feed_rx(cpu);
    host::update_guard(cpu);
  }
}
