// Stream.h - Arduino's Stream: reading helpers with a timeout counted in simulated time.
#ifndef LEANBOT_SIM_STREAM_H
#define LEANBOT_SIM_STREAM_H

#include "Print.h"

enum LookaheadMode { SKIP_ALL, SKIP_NONE, SKIP_WHITESPACE };
#define NO_IGNORE_CHAR '\x01'

class Stream : public Print {
 public:
  virtual int available() = 0;
  virtual int read() = 0;
  virtual int peek() = 0;

  void setTimeout(unsigned long timeout) { timeout_ = timeout; }
  unsigned long getTimeout() { return timeout_; }
  bool find(const char* target);
  bool find(char target);
  bool findUntil(const char* target, const char* terminator);
  long parseInt(LookaheadMode lookahead = SKIP_ALL, char ignore = NO_IGNORE_CHAR);
  float parseFloat(LookaheadMode lookahead = SKIP_ALL, char ignore = NO_IGNORE_CHAR);
  size_t readBytes(char* buffer, size_t length);
  size_t readBytes(uint8_t* buffer, size_t length) { return readBytes((char*)buffer, length); }
  size_t readBytesUntil(char terminator, char* buffer, size_t length);
  String readString();
  String readStringUntil(char terminator);

 protected:
  unsigned long timeout_ = 1000;
  int timedRead();
  int timedPeek();
  int peekNextDigit(LookaheadMode lookahead, bool detectDecimal);
};

#endif
