// HardwareSerial.h - the robot's UART: TX goes to stdout, RX comes from stdin (non-blocking).
#ifndef LEANBOT_SIM_HARDWARESERIAL_H
#define LEANBOT_SIM_HARDWARESERIAL_H

#include "Stream.h"

#define SERIAL_8N1 0x06
#define SERIAL_RX_BUFFER_SIZE 64
#define SERIAL_TX_BUFFER_SIZE 64

class HardwareSerial : public Stream {
 public:
  void begin(unsigned long baud) { begin(baud, SERIAL_8N1); }
  void begin(unsigned long baud, uint8_t config);
  void end();
  int available() override;
  int peek() override;
  int read() override;
  int availableForWrite() override;
  void flush() override;
  size_t write(uint8_t c) override;
  size_t write(const uint8_t* buffer, size_t size) override;
  using Print::write;
  operator bool() { return true; }
};

extern HardwareSerial Serial;

#endif
