// Print.cpp - Arduino's number and text formatting (same output as the AVR core), also used by String.
#include "Arduino.h"

unsigned int lbFormatUnsigned(char* out, unsigned long long n, unsigned char base, bool upper) {
  if (base < 2) base = 10;
  char tmp[66];
  unsigned int i = 0;
  do {
    unsigned int d = (unsigned int)(n % base);
    tmp[i++] = (char)(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
    n /= base;
  } while (n);
  for (unsigned int k = 0; k < i; ++k) out[k] = tmp[i - 1 - k];
  out[i] = 0;
  return i;
}

unsigned int lbFormatFloat(char* out, unsigned int size, double number, unsigned char digits) {
  if (isnan(number)) return (unsigned int)snprintf(out, size, "nan");
  if (isinf(number)) return (unsigned int)snprintf(out, size, "inf");
  if (number > 4294967040.0 || number < -4294967040.0) return (unsigned int)snprintf(out, size, "ovf");
  unsigned int n = 0;
  if (number < 0.0) {
    out[n++] = '-';
    number = -number;
  }
  double rounding = 0.5;
  for (uint8_t i = 0; i < digits; ++i) rounding /= 10.0;
  number += rounding;
  unsigned long long whole = (unsigned long long)number;
  double rest = number - (double)whole;
  n += lbFormatUnsigned(out + n, whole, 10);
  if (digits > 0 && n + 1 < size) out[n++] = '.';
  while (digits-- > 0 && n + 1 < size) {
    rest *= 10.0;
    unsigned int d = (unsigned int)rest;
    out[n++] = (char)('0' + d);
    rest -= d;
  }
  out[n] = 0;
  return n;
}

size_t Print::write(const uint8_t* buffer, size_t size) {
  size_t n = 0;
  while (size--) {
    if (write(*buffer++)) n++;
    else break;
  }
  return n;
}

size_t Print::printUnsigned(unsigned long long n, int base) {
  if (base == 0) return write((uint8_t)n);
  char buf[70];
  unsigned int len = lbFormatUnsigned(buf, n, (unsigned char)(base < 2 ? 10 : base));
  return write((const uint8_t*)buf, len);
}

size_t Print::printSigned(long long n, int base) {
  if (base == 0) return write((uint8_t)n);
  if (base == 10 && n < 0) {
    size_t t = print('-');
    return t + printUnsigned((unsigned long long)(-(n + 1)) + 1, 10);
  }
  return printUnsigned((unsigned long long)n, base);
}

size_t Print::print(const __FlashStringHelper* s) { return print((const char*)s); }
size_t Print::print(const String& s) { return write((const uint8_t*)s.c_str(), s.length()); }
size_t Print::print(const char s[]) { return write(s); }
size_t Print::print(char c) { return write((uint8_t)c); }
size_t Print::print(unsigned char n, int base) { return printUnsigned(n, base); }
size_t Print::print(int n, int base) {
  // The AVR core prints negative ints in HEX/BIN/OCT as 32-bit two's complement (via long).
  return base == 10 || base == 0 ? printSigned(n, base) : printUnsigned((uint32_t)(long)n, base);
}
size_t Print::print(unsigned int n, int base) { return printUnsigned(n, base); }
size_t Print::print(long n, int base) {
  return base == 10 || base == 0 ? printSigned(n, base) : printUnsigned((uint32_t)n, base);
}
size_t Print::print(unsigned long n, int base) { return printUnsigned(n, base); }
size_t Print::print(long long n, int base) { return printSigned(n, base); }
size_t Print::print(unsigned long long n, int base) { return printUnsigned(n, base); }
size_t Print::print(double n, int digits) {
  char buf[80];
  unsigned int len = lbFormatFloat(buf, sizeof buf, n, (unsigned char)(digits < 0 ? 0 : digits));
  return write((const uint8_t*)buf, len);
}
size_t Print::print(const Printable& x) { return x.printTo(*this); }

size_t Print::println(void) { return write("\r\n"); }
size_t Print::println(const __FlashStringHelper* s) { return print(s) + println(); }
size_t Print::println(const String& s) { return print(s) + println(); }
size_t Print::println(const char s[]) { return print(s) + println(); }
size_t Print::println(char c) { return print(c) + println(); }
size_t Print::println(unsigned char n, int base) { return print(n, base) + println(); }
size_t Print::println(int n, int base) { return print(n, base) + println(); }
size_t Print::println(unsigned int n, int base) { return print(n, base) + println(); }
size_t Print::println(long n, int base) { return print(n, base) + println(); }
size_t Print::println(unsigned long n, int base) { return print(n, base) + println(); }
size_t Print::println(long long n, int base) { return print(n, base) + println(); }
size_t Print::println(unsigned long long n, int base) { return print(n, base) + println(); }
size_t Print::println(double n, int digits) { return print(n, digits) + println(); }
size_t Print::println(const Printable& x) { return print(x) + println(); }
