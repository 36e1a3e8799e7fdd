// Test and benchmark driver for the ATmega328P emulator (not part of the emulator library).
//
//   avr_selftest PROGRAM.hex [options]
//     --cycles N          stop after N cycles (default 100000000)
//     --dump ADDR:LEN     print LEN data bytes from ADDR (hex or decimal), after the run
//     --rx TEXT           queue TEXT for the USART receiver before running
//     --adc CH=VALUE      value the ADC converts on channel CH
//     --pin PORT:BIT=LVL  level driven on an input pin (e.g. D:2=0)
//     --guard ADDR        stack guard
//     --heap-var ADDR     follow the heap end kept in the 16-bit variable at ADDR (__brkval)
//     --skip-hook WORD    at flash word WORD: read r25:r24 as a count of milliseconds, skip that
//                         much time and return (like a fast-forwarded delay())
//     --count-hook WORD   count arrivals at flash word WORD (the instruction there still runs)
//     --once-hook WORD    the same, but the hook removes itself the first time
//     --io                serve 0xE0 (read: 0x5A; write: logged) and 0xE1 (write N: skip N*1000 cycles)
//     --eeprom-in HEX     initial EEPROM bytes (hex string); --eeprom LEN prints the first LEN bytes
//     --no-loop-skip      execute every round of busy-waiting loops (Cpu::set_loop_skip)
//     --mailbox IN:OUT:HEX  a mailbox on addresses IN and OUT (hex) holding the bytes HEX for the program
// Prints key=value lines: stop, cycles, pc, sp, sreg, regs, fault, uart (hex), io, hooks, loop_skipped,
// port_writes (how many times PORTx/DDRx of each port B C D was written), first_port_cycles (cycles of
// the first four PORTB writes), seconds.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "avr.h"

namespace {

unsigned long number(const char* s) { return std::strtoul(s, nullptr, 0); }

std::string hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  char b[4];
  for (uint8_t v : bytes) std::snprintf(b, sizeof b, "%02x", v), out += b;
  return out;
}

const char* stop_name(avr::Stop s) {
  switch (s) {
    case avr::Stop::Limit: return "limit";
    case avr::Stop::Break: return "break";
    case avr::Stop::Sleep: return "sleep";
    case avr::Stop::Fault: return "fault";
    default: return "requested";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: avr_selftest PROGRAM.hex [options]\n");
    return 2;
  }
  avr::Cpu cpu;
  std::string error;
  if (!cpu.load_hex_file(argv[1], error)) {
    std::printf("error=%s\n", error.c_str());
    return 1;
  }
  uint64_t limit = 100000000;
  std::vector<std::pair<unsigned, unsigned>> dumps;
  std::vector<uint8_t> uart, io_log;
  size_t eeprom_len = 0;
  unsigned hooks = 0;
  std::string mailbox;  // --mailbox: "on" or "refused"
  unsigned port_writes[3] = {0, 0, 0};
  std::vector<unsigned long long> portb_cycles;
  cpu.on_port_write([&](char port, uint8_t, uint8_t, uint64_t cycle) {
    port_writes[port - 'B']++;
    if (port == 'B' && portb_cycles.size() < 4) portb_cycles.push_back(cycle);
  });
  cpu.on_uart_tx([&](uint8_t b, uint64_t) { uart.push_back(b); });
  for (int i = 2; i < argc; i++) {
    std::string opt = argv[i];
    const char* val = i + 1 < argc ? argv[i + 1] : "";
    if (opt == "--cycles") limit = std::strtoull(val, nullptr, 0), i++;
    else if (opt == "--dump") {
      const char* colon = std::strchr(val, ':');
      dumps.push_back({(unsigned)number(val), colon ? (unsigned)number(colon + 1) : 1});
      i++;
    } else if (opt == "--rx") {
      for (const char* p = val; *p; p++) cpu.uart_rx((uint8_t)*p);
      i++;
    } else if (opt == "--adc") {
      const char* eq = std::strchr(val, '=');
      if (eq) cpu.set_adc((int)number(val), (uint16_t)number(eq + 1));
      i++;
    } else if (opt == "--pin") {
      const char* eq = std::strchr(val, '=');
      if (eq && std::strlen(val) > 2) cpu.set_pin_input(val[0], (int)number(val + 2), (int)std::strtol(eq + 1, nullptr, 0));
      i++;
    } else if (opt == "--guard") cpu.set_stack_guard((uint16_t)number(val)), i++;
    else if (opt == "--count-hook" || opt == "--once-hook") {
      uint32_t word = (uint32_t)number(val);
      bool once = opt == "--once-hook";
      cpu.set_pc_hook(word, [&hooks, word, once](avr::Cpu& c) {
        hooks++;
        if (once) c.clear_pc_hook(word);
      });
      i++;
    } else if (opt == "--heap-var") cpu.watch_heap_end((uint16_t)number(val)), i++;
    else if (opt == "--skip-hook") {
      cpu.set_pc_hook((uint32_t)number(val), [](avr::Cpu& c) {
        uint32_t ms = c.reg(24) | (c.reg(25) << 8);
        c.skip_to(c.cycles() + (uint64_t)ms * 16000);
        c.do_ret();
      });
      i++;
    } else if (opt == "--io") {
      cpu.set_io_handler(0xE0, 0xE1, [](avr::Cpu&, uint16_t) -> uint8_t { return 0x5A; },
                         [&](avr::Cpu& c, uint16_t a, uint8_t v) {
                           if (a == 0xE0) io_log.push_back(v);
                           else c.skip_to(c.cycles() + (uint64_t)v * 1000);
                         });
    } else if (opt == "--mailbox") {  // IN:OUT:HEX - the mailbox's addresses and the bytes given to it
      unsigned in = 0, out = 0;
      char given[130] = "";
      std::sscanf(val, "%x:%x:%128s", &in, &out, given);
      std::vector<uint8_t> bytes;
      for (const char* p = given; p[0] && p[1]; p += 2) bytes.push_back((uint8_t)std::strtoul(std::string(p, 2).c_str(), nullptr, 16));
      mailbox = cpu.set_mailbox((uint16_t)in, (uint16_t)out) ? "on" : "refused";
      cpu.give_mailbox(bytes.data(), bytes.size());
      i++;
    } else if (opt == "--no-loop-skip") {
      cpu.set_loop_skip(false);
    } else if (opt == "--eeprom-in") {
      std::vector<uint8_t> img;
      for (const char* p = val; p[0] && p[1]; p += 2) img.push_back((uint8_t)std::strtoul(std::string(p, 2).c_str(), nullptr, 16));
      cpu.load_eeprom(img);
      i++;
    } else if (opt == "--eeprom") eeprom_len = number(val), i++;
    else {
      std::fprintf(stderr, "unknown option %s\n", opt.c_str());
      return 2;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  avr::Stop stop = cpu.run(limit);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("stop=%s\ncycles=%llu\npc=0x%04x\nsp=0x%04x\nsreg=0x%02x\n", stop_name(stop),
              (unsigned long long)cpu.cycles(), (unsigned)cpu.pc() * 2, cpu.sp(), cpu.sreg());
  std::vector<uint8_t> regs;
  for (int r = 0; r < 32; r++) regs.push_back(cpu.reg(r));
  std::printf("regs=%s\n", hex(regs).c_str());
  if (stop == avr::Stop::Fault) std::printf("fault=%s\n", cpu.fault().text().c_str());
  for (auto& d : dumps) {
    std::vector<uint8_t> bytes;
    for (unsigned a = d.first; a < d.first + d.second; a++) bytes.push_back(cpu.peek((uint16_t)a));
    std::printf("mem_%x=%s\n", d.first, hex(bytes).c_str());
  }
  if (eeprom_len) {
    auto e = cpu.eeprom();
    e.resize(eeprom_len);
    std::printf("eeprom=%s\n", hex(e).c_str());
  }
  std::printf("port_writes=%u %u %u\nfirst_port_cycles=", port_writes[0], port_writes[1], port_writes[2]);
  for (auto c : portb_cycles) std::printf("%llu ", c);
  std::printf("\nuart=%s\nio=%s\nhooks=%u\nloop_skipped=%llu\nseconds=%.6f\n", hex(uart).c_str(),
              hex(io_log).c_str(), hooks, (unsigned long long)cpu.loop_skipped_cycles(), seconds);
  if (!mailbox.empty()) {
    const uint8_t* stored = nullptr;
    size_t n = cpu.mailbox_in(&stored);
    std::printf("mailbox=%s\nmailbox_in=%s\n", mailbox.c_str(), hex(std::vector<uint8_t>(stored, stored + n)).c_str());
  }
  return 0;
}
