// host.h - the AVR backend's host: the emulated ATmega328P wired to the simulator's robot model.
#ifndef LEANBOT_AVRHOST_HOST_H
#define LEANBOT_AVRHOST_HOST_H

#include <stdint.h>

#include <map>
#include <string>

#include "avr/avr.h"

namespace host {

// The facts of the program (the `robot.avr` file written by the Python side).
struct Program {
  std::string hex_path;
  std::map<std::string, uint32_t> sym;  // data-space addresses of __heap_start, __brkval, ...
  uint32_t flash = 0, data = 0, bss = 0;
};

bool load_program(const std::string& facts_path, Program& out, std::string& error);

// The channel of avrlib/lb_channel.h on the reserved addresses.
void install_channel(avr::Cpu& cpu);

// Keep the simulator's clock and the CPU's cycles together: the clock follows the CPU; when a call
// of the robot model advanced the clock (a blocking wait), the CPU jumps forward to it.
void clock_from_cpu(avr::Cpu& cpu);
void cpu_to_clock(avr::Cpu& cpu);

// The run ends (duration, wall-clock limit, LbMission.end()): sim::finish() throws this first, so
// that the CPU can hand over the bytes its UART still has queued before the process exits.
struct Finish {
  const char* reason;
};
void finish_later(avr::Cpu& cpu, const char* reason);

}  // namespace host

#endif
