// HardwareSerial.cpp - Serial on stdout/stdin with the UART's timing (115200 baud, 64-byte buffers).
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "Arduino.h"
#include "sim.h"

HardwareSerial Serial;

namespace sim {

static char obuf[1 << 16];
static size_t olen = 0;
static uint8_t rx[SERIAL_RX_BUFFER_SIZE];
static unsigned rx_head = 0, rx_count = 0;
static bool stdin_eof = false;
static uint64_t last_poll_us = 0;
static bool polled = false;
static uint64_t tx_done_us = 0;  // when the UART will have sent everything queued so far

static void out_raw(const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = write(1, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;  // stdout closed: the bytes are lost, as on an unplugged cable
    p += w;
    n -= (size_t)w;
  }
}

void serial_flush_out() {
  if (olen) out_raw(obuf, olen);
  olen = 0;
}

void serial_flush_out_signal_safe() { serial_flush_out(); }

static uint64_t last_poll_wall_ns = 0;

// As fast as possible the simulated clock runs thousands of times faster than the wall clock, so a
// poll() every simulated millisecond would cost more than the sketch itself. Paced up to 100x real time,
// poll every simulated millisecond; faster, at most every millisecond of wall time, looking at the clock
// every 16th time (at that pace the bytes' arrival time in simulated time is arbitrary anyway).
static bool wall_gate() {
  static unsigned calls = 0;
  if (cfg.speed > 0 && cfg.speed <= 100) return true;
  if (++calls % 16 != 0) return false;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  uint64_t w = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
  if (w - last_poll_wall_ns < 1000000ULL) return false;
  last_poll_wall_ns = w;
  return true;
}

static void poll_stdin() {
  if (stdin_eof || (polled && now_us - last_poll_us < 1000)) return;  // ~11 bytes arrive per ms
  if (polled && !wall_gate()) return;
  polled = true;
  last_poll_us = now_us;
  // poll() with no timeout instead of O_NONBLOCK: the flag would also change a terminal we share.
  while (rx_count < sizeof rx) {
    struct pollfd p = {0, POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP))) return;
    uint8_t tmp[SERIAL_RX_BUFFER_SIZE];
    ssize_t n = ::read(0, tmp, sizeof rx - rx_count);
    if (n <= 0) {
      if (n == 0 || errno != EINTR) stdin_eof = true;
      return;
    }
    for (ssize_t i = 0; i < n; ++i) rx[(rx_head + rx_count++) % sizeof rx] = tmp[i];
  }
}

static void queue_byte(uint8_t c) {
  // 64-byte TX buffer drained at 115200 baud: writing into a full buffer waits for room.
  if (tx_done_us < now_us) tx_done_us = now_us;
  uint64_t room_at = tx_done_us > SERIAL_TX_BUFFER_SIZE * COST_SERIAL_BYTE_US
                         ? tx_done_us - SERIAL_TX_BUFFER_SIZE * COST_SERIAL_BYTE_US : 0;
  if (room_at > now_us) cost(room_at - now_us);
  tx_done_us += COST_SERIAL_BYTE_US;
  if (olen == sizeof obuf) serial_flush_out();
  obuf[olen++] = (char)c;
}

// For a CPU emulated by the host (the AVR backend): its UART's bytes, and the bytes it receives.
void serial_out_raw(uint8_t c) {
  if (olen == sizeof obuf) serial_flush_out();
  obuf[olen++] = (char)c;
}

int serial_in_raw() {
  poll_stdin();
  if (!rx_count) return -1;
  uint8_t c = rx[rx_head];
  rx_head = (rx_head + 1) % sizeof rx;
  --rx_count;
  return c;
}

}  // namespace sim

using namespace sim;

void HardwareSerial::begin(unsigned long, uint8_t) { cost(COST_CALL); }
void HardwareSerial::end() { flush(); }

int HardwareSerial::available() {
  cost(COST_CALL);
  poll_stdin();
  return (int)rx_count;
}

int HardwareSerial::peek() {
  cost(COST_CALL);
  poll_stdin();
  return rx_count ? rx[rx_head] : -1;
}

int HardwareSerial::read() {
  cost(COST_CALL);
  poll_stdin();
  if (!rx_count) return -1;
  uint8_t c = rx[rx_head];
  rx_head = (rx_head + 1) % sizeof rx;
  --rx_count;
  return c;
}

int HardwareSerial::availableForWrite() {
  cost(COST_CALL);
  uint64_t queued = tx_done_us > now_us ? (tx_done_us - now_us + COST_SERIAL_BYTE_US - 1) / COST_SERIAL_BYTE_US : 0;
  return queued >= SERIAL_TX_BUFFER_SIZE ? 0 : (int)(SERIAL_TX_BUFFER_SIZE - 1 - queued);
}

void HardwareSerial::flush() {
  if (tx_done_us > now_us) cost(tx_done_us - now_us);
  serial_flush_out();
}

size_t HardwareSerial::write(uint8_t c) {
  cost(COST_CALL);
  queue_byte(c);
  return 1;
}

size_t HardwareSerial::write(const uint8_t* buffer, size_t size) {
  cost(COST_CALL);
  for (size_t i = 0; i < size; ++i) queue_byte(buffer[i]);
  return size;
}
