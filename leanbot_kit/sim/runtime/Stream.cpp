// Stream.cpp - Arduino's Stream parsing; waiting for bytes advances the simulated clock.
#include "Arduino.h"

int Stream::timedRead() {
  unsigned long start = millis();
  do {
    int c = read();
    if (c >= 0) return c;
    delay(1);
  } while (millis() - start < timeout_);
  return -1;
}

int Stream::timedPeek() {
  unsigned long start = millis();
  do {
    int c = peek();
    if (c >= 0) return c;
    delay(1);
  } while (millis() - start < timeout_);
  return -1;
}

int Stream::peekNextDigit(LookaheadMode lookahead, bool detectDecimal) {
  for (;;) {
    int c = timedPeek();
    if (c < 0 || c == '-' || (c >= '0' && c <= '9') || (detectDecimal && c == '.')) return c;
    if (lookahead == SKIP_NONE) return -1;
    if (lookahead == SKIP_WHITESPACE && !(c == ' ' || c == '\t' || c == '\r' || c == '\n')) return -1;
    read();
  }
}

bool Stream::find(char target) {
  char t[2] = {target, 0};
  return find(t);
}

bool Stream::find(const char* target) { return findUntil(target, nullptr); }

bool Stream::findUntil(const char* target, const char* terminator) {
  size_t tlen = strlen(target), index = 0, term = 0;
  size_t termLen = terminator ? strlen(terminator) : 0;
  if (tlen == 0) return true;
  int c;
  while ((c = timedRead()) >= 0) {
    index = (c == target[index]) ? index + 1 : (c == target[0] ? 1 : 0);
    if (index >= tlen) return true;
    if (termLen) {
      term = (c == terminator[term]) ? term + 1 : (c == terminator[0] ? 1 : 0);
      if (term >= termLen) return false;
    }
  }
  return false;
}

long Stream::parseInt(LookaheadMode lookahead, char ignore) {
  bool negative = false;
  long value = 0;
  int c = peekNextDigit(lookahead, false);
  if (c < 0) return 0;
  do {
    if (c == ignore) {
    } else if (c == '-') {
      negative = true;
    } else if (c >= '0' && c <= '9') {
      value = value * 10 + c - '0';
    }
    read();
    c = timedPeek();
  } while ((c >= '0' && c <= '9') || c == ignore);
  return negative ? -value : value;
}

float Stream::parseFloat(LookaheadMode lookahead, char ignore) {
  bool negative = false, fraction = false;
  double value = 0, scale = 1;
  int c = peekNextDigit(lookahead, true);
  if (c < 0) return 0;
  do {
    if (c == ignore) {
    } else if (c == '-') {
      negative = true;
    } else if (c == '.') {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      value = value * 10 + c - '0';
      if (fraction) scale *= 0.1;
    }
    read();
    c = timedPeek();
  } while ((c >= '0' && c <= '9') || (c == '.' && !fraction) || c == ignore);
  value *= scale;
  return (float)(negative ? -value : value);
}

size_t Stream::readBytes(char* buffer, size_t length) {
  size_t count = 0;
  while (count < length) {
    int c = timedRead();
    if (c < 0) break;
    buffer[count++] = (char)c;
  }
  return count;
}

size_t Stream::readBytesUntil(char terminator, char* buffer, size_t length) {
  size_t index = 0;
  while (index < length) {
    int c = timedRead();
    if (c < 0 || c == terminator) break;
    buffer[index++] = (char)c;
  }
  return index;
}

String Stream::readString() {
  String ret;
  int c;
  while ((c = timedRead()) >= 0) ret += (char)c;
  return ret;
}

String Stream::readStringUntil(char terminator) {
  String ret;
  int c;
  while ((c = timedRead()) >= 0 && c != terminator) ret += (char)c;
  return ret;
}
