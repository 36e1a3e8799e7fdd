// WString.cpp - Arduino's String class on the host (heap-backed, same formatting rules).
#include "Arduino.h"

#include <ctype.h>

static void formatSigned(char* out, long long v, unsigned char base) {
  if (base == 10 && v < 0) {
    out[0] = '-';
    lbFormatUnsigned(out + 1, (unsigned long long)(-(v + 1)) + 1, 10, false);
  } else if (v < 0 && v >= -2147483648LL) {
    lbFormatUnsigned(out, (uint32_t)v, base, false);  // as the AVR core's ltoa(): 32-bit two's complement
  } else {
    lbFormatUnsigned(out, (unsigned long long)v, base, false);
  }
}

void String::init() {
  buf_ = nullptr;
  len_ = 0;
  cap_ = 0;
  reserve(0);
}

bool String::reserve(unsigned int size) {
  if (buf_ && cap_ >= size) return true;
  char* nb = (char*)realloc(buf_, size + 1);
  if (!nb) return false;
  if (!buf_) nb[0] = 0;
  buf_ = nb;
  cap_ = size;
  return true;
}

void String::assign(const char* cstr, unsigned int length) {
  reserve(length);
  memmove(buf_, cstr, length);
  len_ = length;
  buf_[len_] = 0;
}

String::String(const char* cstr) {
  init();
  if (cstr) assign(cstr, (unsigned int)strlen(cstr));
}
String::String(const String& str) {
  init();
  assign(str.buf_, str.len_);
}
String::String(String&& str) noexcept : buf_(str.buf_), len_(str.len_), cap_(str.cap_) {
  str.buf_ = nullptr;
  str.len_ = 0;
  str.cap_ = 0;
}
String::String(const __FlashStringHelper* str) : String((const char*)str) {}
String::String(char c) {
  init();
  assign(&c, 1);
}
String::String(unsigned char value, unsigned char base) : String((unsigned long long)value, base) {}
String::String(int value, unsigned char base) : String((long long)value, base) {}
String::String(unsigned int value, unsigned char base) : String((unsigned long long)value, base) {}
String::String(long value, unsigned char base) : String((long long)value, base) {}
String::String(unsigned long value, unsigned char base) : String((unsigned long long)value, base) {}
String::String(long long value, unsigned char base) {
  init();
  char tmp[70];
  formatSigned(tmp, value, base);
  assign(tmp, (unsigned int)strlen(tmp));
}
String::String(unsigned long long value, unsigned char base) {
  init();
  char tmp[70];
  assign(tmp, lbFormatUnsigned(tmp, value, base, false));
}
String::String(float value, unsigned char decimalPlaces) : String((double)value, decimalPlaces) {}
String::String(double value, unsigned char decimalPlaces) {
  init();
  char tmp[80];
  assign(tmp, lbFormatFloat(tmp, sizeof tmp, value, decimalPlaces));
}
String::~String() { free(buf_); }

String& String::operator=(const String& rhs) {
  if (this != &rhs) assign(rhs.buf_ ? rhs.buf_ : "", rhs.len_);
  return *this;
}
String& String::operator=(String&& rhs) noexcept {
  if (this != &rhs) {
    free(buf_);
    buf_ = rhs.buf_;
    len_ = rhs.len_;
    cap_ = rhs.cap_;
    rhs.buf_ = nullptr;
    rhs.len_ = rhs.cap_ = 0;
  }
  return *this;
}
String& String::operator=(const char* cstr) {
  assign(cstr ? cstr : "", cstr ? (unsigned int)strlen(cstr) : 0);
  return *this;
}
String& String::operator=(const __FlashStringHelper* str) { return *this = (const char*)str; }

bool String::concat(const char* cstr, unsigned int length) {
  if (!cstr) return false;
  if (!buf_) init();
  reserve(len_ + length);
  memmove(buf_ + len_, cstr, length);
  len_ += length;
  buf_[len_] = 0;
  return true;
}
bool String::concat(const String& s) { return concat(s.c_str() ? s.c_str() : "", s.len_); }
bool String::concat(const char* cstr) { return cstr && concat(cstr, (unsigned int)strlen(cstr)); }
bool String::concat(const __FlashStringHelper* str) { return concat((const char*)str); }
bool String::concat(char c) { return concat(&c, 1); }
bool String::concat(unsigned char num) { return concat(String(num)); }
bool String::concat(int num) { return concat(String(num)); }
bool String::concat(unsigned int num) { return concat(String(num)); }
bool String::concat(long num) { return concat(String(num)); }
bool String::concat(unsigned long num) { return concat(String(num)); }
bool String::concat(long long num) { return concat(String(num)); }
bool String::concat(unsigned long long num) { return concat(String(num)); }
bool String::concat(float num) { return concat(String(num)); }
bool String::concat(double num) { return concat(String(num)); }

int String::compareTo(const String& s) const { return strcmp(c_str() ? c_str() : "", s.c_str() ? s.c_str() : ""); }
bool String::equals(const String& s) const { return len_ == s.len_ && compareTo(s) == 0; }
bool String::equals(const char* cstr) const { return strcmp(c_str() ? c_str() : "", cstr ? cstr : "") == 0; }
bool String::equalsIgnoreCase(const String& s) const {
  if (len_ != s.len_) return false;
  for (unsigned int i = 0; i < len_; ++i)
    if (tolower((unsigned char)buf_[i]) != tolower((unsigned char)s.buf_[i])) return false;
  return true;
}
bool String::startsWith(const String& prefix) const { return startsWith(prefix, 0); }
bool String::startsWith(const String& prefix, unsigned int offset) const {
  if (offset + prefix.len_ > len_) return false;
  return strncmp(c_str() + offset, prefix.c_str(), prefix.len_) == 0;
}
bool String::endsWith(const String& suffix) const {
  if (suffix.len_ > len_) return false;
  return strcmp(c_str() + len_ - suffix.len_, suffix.c_str()) == 0;
}

char String::charAt(unsigned int index) const { return index < len_ ? buf_[index] : 0; }
void String::setCharAt(unsigned int index, char c) {
  if (index < len_) buf_[index] = c;
}
char String::operator[](unsigned int index) const { return charAt(index); }
char& String::operator[](unsigned int index) {
  static char dummy;
  if (index >= len_) {
    dummy = 0;
    return dummy;
  }
  return buf_[index];
}
void String::getBytes(unsigned char* buf, unsigned int bufsize, unsigned int index) const {
  if (!bufsize || !buf) return;
  if (index >= len_) {
    buf[0] = 0;
    return;
  }
  unsigned int n = bufsize - 1;
  if (n > len_ - index) n = len_ - index;
  memcpy(buf, buf_ + index, n);
  buf[n] = 0;
}

int String::indexOf(char ch) const { return indexOf(ch, 0); }
int String::indexOf(char ch, unsigned int fromIndex) const {
  if (fromIndex >= len_) return -1;
  const char* p = (const char*)memchr(buf_ + fromIndex, ch, len_ - fromIndex);
  return p ? (int)(p - buf_) : -1;
}
int String::indexOf(const String& s) const { return indexOf(s, 0); }
int String::indexOf(const String& s, unsigned int fromIndex) const {
  if (fromIndex >= len_) return -1;
  const char* p = strstr(buf_ + fromIndex, s.c_str());
  return p ? (int)(p - buf_) : -1;
}
int String::lastIndexOf(char ch) const { return len_ ? lastIndexOf(ch, len_ - 1) : -1; }
int String::lastIndexOf(char ch, unsigned int fromIndex) const {
  if (fromIndex >= len_) return -1;
  for (int i = (int)fromIndex; i >= 0; --i)
    if (buf_[i] == ch) return i;
  return -1;
}
int String::lastIndexOf(const String& s) const { return len_ >= s.len_ ? lastIndexOf(s, len_ - s.len_) : -1; }
int String::lastIndexOf(const String& s, unsigned int fromIndex) const {
  if (s.len_ == 0 || s.len_ > len_) return -1;
  if (fromIndex > len_ - s.len_) fromIndex = len_ - s.len_;
  for (int i = (int)fromIndex; i >= 0; --i)
    if (strncmp(buf_ + i, s.c_str(), s.len_) == 0) return i;
  return -1;
}
String String::substring(unsigned int left, unsigned int right) const {
  if (left > right) {
    unsigned int t = left;
    left = right;
    right = t;
  }
  String out;
  if (left >= len_) return out;
  if (right > len_) right = len_;
  out.assign(buf_ + left, right - left);
  return out;
}

void String::replace(char find, char repl) {
  for (unsigned int i = 0; i < len_; ++i)
    if (buf_[i] == find) buf_[i] = repl;
}
void String::replace(const String& find, const String& repl) {
  if (find.len_ == 0) return;
  String out;
  unsigned int i = 0;
  while (i < len_) {
    if (i + find.len_ <= len_ && strncmp(buf_ + i, find.c_str(), find.len_) == 0) {
      out.concat(repl);
      i += find.len_;
    } else {
      out.concat(buf_[i++]);
    }
  }
  *this = static_cast<String&&>(out);
}
void String::remove(unsigned int index) { remove(index, (unsigned int)-1); }
void String::remove(unsigned int index, unsigned int count) {
  if (index >= len_) return;
  if (count > len_ - index) count = len_ - index;
  memmove(buf_ + index, buf_ + index + count, len_ - index - count + 1);
  len_ -= count;
}
void String::toLowerCase() {
  for (unsigned int i = 0; i < len_; ++i) buf_[i] = (char)tolower((unsigned char)buf_[i]);
}
void String::toUpperCase() {
  for (unsigned int i = 0; i < len_; ++i) buf_[i] = (char)toupper((unsigned char)buf_[i]);
}
void String::trim() {
  unsigned int b = 0, e = len_;
  while (b < e && isspace((unsigned char)buf_[b])) ++b;
  while (e > b && isspace((unsigned char)buf_[e - 1])) --e;
  String t = substring(b, e);
  *this = static_cast<String&&>(t);
}

long String::toInt() const { return buf_ ? atol(buf_) : 0; }
float String::toFloat() const { return (float)toDouble(); }
double String::toDouble() const { return buf_ ? atof(buf_) : 0.0; }

String operator+(const String& lhs, const String& rhs) {
  String s(lhs);
  s.concat(rhs);
  return s;
}
String operator+(const String& lhs, const char* rhs) {
  String s(lhs);
  s.concat(rhs);
  return s;
}
String operator+(const char* lhs, const String& rhs) {
  String s(lhs);
  s.concat(rhs);
  return s;
}
String operator+(const String& lhs, char rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, unsigned char rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, int rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, unsigned int rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, long rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, unsigned long rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, float rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, double rhs) { return lhs + String(rhs); }
String operator+(const String& lhs, const __FlashStringHelper* rhs) { return lhs + String(rhs); }
