// Print.h - Arduino's Print and Printable: print/println of every type, numbers in any base.
#ifndef LEANBOT_SIM_PRINT_H
#define LEANBOT_SIM_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "WString.h"

class Print;

class Printable {
 public:
  virtual ~Printable() {}
  virtual size_t printTo(Print& p) const = 0;
};

class Print {
 public:
  virtual ~Print() {}
  virtual size_t write(uint8_t c) = 0;
  virtual size_t write(const uint8_t* buffer, size_t size);
  size_t write(const char* str) { return str ? write((const uint8_t*)str, strlen(str)) : 0; }
  size_t write(const char* buffer, size_t size) { return write((const uint8_t*)buffer, size); }
  virtual int availableForWrite() { return 0; }
  virtual void flush() {}

  size_t print(const __FlashStringHelper* s);
  size_t print(const String& s);
  size_t print(const char s[]);
  size_t print(char c);
  size_t print(unsigned char n, int base = 10);
  size_t print(int n, int base = 10);
  size_t print(unsigned int n, int base = 10);
  size_t print(long n, int base = 10);
  size_t print(unsigned long n, int base = 10);
  size_t print(long long n, int base = 10);
  size_t print(unsigned long long n, int base = 10);
  size_t print(double n, int digits = 2);
  size_t print(const Printable& x);

  size_t println(const __FlashStringHelper* s);
  size_t println(const String& s);
  size_t println(const char s[]);
  size_t println(char c);
  size_t println(unsigned char n, int base = 10);
  size_t println(int n, int base = 10);
  size_t println(unsigned int n, int base = 10);
  size_t println(long n, int base = 10);
  size_t println(unsigned long n, int base = 10);
  size_t println(long long n, int base = 10);
  size_t println(unsigned long long n, int base = 10);
  size_t println(double n, int digits = 2);
  size_t println(const Printable& x);
  size_t println(void);

 private:
  size_t printSigned(long long n, int base);
  size_t printUnsigned(unsigned long long n, int base);
};

#endif
