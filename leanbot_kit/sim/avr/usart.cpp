// ATmega328P emulator: USART0 in asynchronous mode.
//
// Byte timing is real: a frame is start + data + parity + stop bits at (U2X0 ? 8 : 16) * (UBRR0 + 1)
// cycles a bit (1360 cycles at 115200 baud with U2X0, as the Arduino core sets it). Transmit: UDR0 feeds
// a one-byte buffer in front of the shift register (UDRE0 = buffer empty, TXC0 = shift register done and
// buffer empty). Receive: bytes queued by the host wait while the receiver is off, then arrive one
// frame apart into a 2-byte FIFO (RXC0); a byte arriving with the FIFO full is lost and sets DOR0.
// When the program changes the USART setup (baud rate, frame, enables), the next queued byte arrives
// one frame after that change, so bytes queued before Serial.begin() are received once it has run.
#include <algorithm>

#include "avr_core.h"

namespace avr {

namespace {
enum : uint8_t { RXC = 0x80, TXC = 0x40, UDRE = 0x20, FE = 0x10, DOR = 0x08, UPE = 0x04, U2X = 0x02 };
enum : uint8_t { RXEN = 0x10, TXEN = 0x08, UCSZ2 = 0x04 };
constexpr uint16_t A = 0xC0, B = 0xC1, C = 0xC2, BRRL = 0xC4, BRRH = 0xC5, UDR = 0xC6;
}  // namespace

void Usart::reset() {
  tx_end = rx_next = next = kNever;
  tx_full = false;
  rx_queue.clear();
  rx_last = 0;
  fifo_n = 0;
}

uint64_t Usart::frame_cycles(const Core& c) const {
  const uint8_t* d = c.data;
  uint32_t ubrr = (uint32_t)((d[BRRH] & 0x0F) << 8) | d[BRRL];
  uint64_t per_bit = (uint64_t)((d[A] & U2X) ? 8 : 16) * (ubrr + 1);
  int size = ((d[B] & UCSZ2) ? 4 : 0) | ((d[C] >> 1) & 3);
  int data_bits = size == 7 ? 9 : std::min(size, 3) + 5;
  int bits = 1 + data_bits + (((d[C] >> 4) & 3) ? 1 : 0) + ((d[C] & 0x08) ? 2 : 1);
  return per_bit * bits;
}

void Usart::schedule() { next = std::min(tx_end, rx_next); }

void Usart::tick(Core& c, uint64_t now) {
  while (tx_end <= now) {
    if (tx_full) {  // the buffered byte moves into the shift register as the last one finishes
      tx_full = false;
      c.data[A] |= UDRE;
      uint64_t start = tx_end;
      tx_end += frame_cycles(c);
      if (on_tx) on_tx(tx_byte, start);
    } else {
      c.data[A] |= TXC;
      tx_end = kNever;
    }
  }
  while (rx_next <= now) {
    uint8_t byte = rx_queue.front();
    rx_queue.pop_front();
    rx_last = rx_next;
    if (fifo_n < 2) {
      fifo[fifo_n++] = byte;
      c.data[A] |= RXC;
    } else {
      c.data[A] |= DOR;
    }
    rx_next = rx_queue.empty() ? kNever : rx_last + frame_cycles(c);
  }
  schedule();
}

void Usart::queue(Core& c, uint8_t byte) {
  rx_queue.push_back(byte);
  if (rx_next == kNever && (c.data[B] & RXEN)) rx_next = std::max(c.cycles, rx_last) + frame_cycles(c);
  schedule();
  c.recompute_next();
}

bool Usart::read(Core& c, uint16_t addr, uint8_t& v) {
  tick(c, c.cycles);
  if (addr == UDR) {
    if (fifo_n == 0) {
      v = 0;
      return true;
    }
    v = fifo[0];
    fifo[0] = fifo[1];
    if (--fifo_n == 0) c.data[A] &= ~RXC;
    c.data[A] &= ~(DOR | FE | UPE);
    c.recompute_next();
    return true;
  }
  v = c.data[addr];
  return true;
}

bool Usart::write(Core& c, uint16_t addr, uint8_t v) {
  uint64_t now = c.cycles;
  tick(c, now);
  switch (addr) {
    case UDR:
      if (!(c.data[B] & TXEN)) break;
      if (tx_end == kNever) {  // shift register idle: the byte goes straight into it
        tx_end = now + frame_cycles(c);
        if (on_tx) on_tx(v, now);
      } else if (!tx_full) {
        tx_full = true;
        tx_byte = v;
        c.data[A] &= ~UDRE;
      }
      break;
    case A:  // TXC0 clears by writing one; U2X0 and MPCM0 are writable
      c.data[A] = (uint8_t)((c.data[A] & ~(TXC | 0x03)) | (v & 0x03));
      if (v & TXC) c.data[A] &= ~TXC;
      break;
    case B:
      c.data[B] = v;
      if (!(v & RXEN)) {
        fifo_n = 0;
        c.data[A] &= ~(RXC | DOR);
      }
      break;
    default: c.data[addr] = v; break;
  }
  // The host sends at the rate the program sets: a byte not yet under way arrives one frame from now.
  if (addr != UDR && !rx_queue.empty())
    rx_next = (c.data[B] & RXEN) ? std::max(now, rx_last) + frame_cycles(c) : kNever;
  schedule();
  c.recompute_next();
  return true;
}

}  // namespace avr
