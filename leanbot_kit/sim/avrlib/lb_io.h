// lb_io.h - the AVR side of the channel of lb_channel.h: arguments written one byte at a time to
// LB_IO_ARG, the call id to LB_IO_CALL, results read back from LB_IO_RES (little-endian).
// Included by the Leanbot library for the simulator only (never by the host).
#ifndef LB_IO_H
#define LB_IO_H

#include <stdint.h>

#include "lb_channel.h"

#define LB_REG(addr) (*(volatile uint8_t*)(addr))

static inline void arg8(uint8_t v) { LB_REG(LB_IO_ARG) = v; }
static inline void arg16(uint16_t v) {
  arg8((uint8_t)v);
  arg8((uint8_t)(v >> 8));
}
static inline void arg32(uint32_t v) {
  arg16((uint16_t)v);
  arg16((uint16_t)(v >> 16));
}
static inline void call(uint8_t id) { LB_REG(LB_IO_CALL) = id; }
static inline uint8_t res8() { return LB_REG(LB_IO_RES); }
static inline uint16_t res16() {
  uint16_t lo = res8();
  return (uint16_t)(lo | ((uint16_t)res8() << 8));
}
static inline uint32_t res32() {
  uint32_t lo = res16();
  return lo | ((uint32_t)res16() << 16);
}

#endif
