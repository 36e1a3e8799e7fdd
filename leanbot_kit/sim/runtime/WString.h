// WString.h - Arduino's String class (host build), plus F() and __FlashStringHelper.
#ifndef LEANBOT_SIM_WSTRING_H
#define LEANBOT_SIM_WSTRING_H

#include <stddef.h>
#include <stdint.h>

class __FlashStringHelper;
#define F(string_literal) (reinterpret_cast<const __FlashStringHelper*>(PSTR(string_literal)))
#define FPSTR(p) (reinterpret_cast<const __FlashStringHelper*>(p))

class String {
 public:
  String(const char* cstr = "");
  String(const String& str);
  String(String&& str) noexcept;
  String(const __FlashStringHelper* str);
  explicit String(char c);
  explicit String(unsigned char value, unsigned char base = 10);
  explicit String(int value, unsigned char base = 10);
  explicit String(unsigned int value, unsigned char base = 10);
  explicit String(long value, unsigned char base = 10);
  explicit String(unsigned long value, unsigned char base = 10);
  explicit String(long long value, unsigned char base = 10);
  explicit String(unsigned long long value, unsigned char base = 10);
  explicit String(float value, unsigned char decimalPlaces = 2);
  explicit String(double value, unsigned char decimalPlaces = 2);
  ~String();

  String& operator=(const String& rhs);
  String& operator=(String&& rhs) noexcept;
  String& operator=(const char* cstr);
  String& operator=(const __FlashStringHelper* str);

  bool reserve(unsigned int size);
  unsigned int length() const { return len_; }
  bool isEmpty() const { return len_ == 0; }

  bool concat(const String& str);
  bool concat(const char* cstr);
  bool concat(const char* cstr, unsigned int length);
  bool concat(const __FlashStringHelper* str);
  bool concat(char c);
  bool concat(unsigned char num);
  bool concat(int num);
  bool concat(unsigned int num);
  bool concat(long num);
  bool concat(unsigned long num);
  bool concat(long long num);
  bool concat(unsigned long long num);
  bool concat(float num);
  bool concat(double num);

  template <typename T>
  String& operator+=(const T& rhs) {
    concat(rhs);
    return *this;
  }

  int compareTo(const String& s) const;
  bool equals(const String& s) const;
  bool equals(const char* cstr) const;
  bool equalsIgnoreCase(const String& s) const;
  bool operator==(const String& rhs) const { return equals(rhs); }
  bool operator==(const char* cstr) const { return equals(cstr); }
  bool operator!=(const String& rhs) const { return !equals(rhs); }
  bool operator!=(const char* cstr) const { return !equals(cstr); }
  bool operator<(const String& rhs) const { return compareTo(rhs) < 0; }
  bool operator>(const String& rhs) const { return compareTo(rhs) > 0; }
  bool operator<=(const String& rhs) const { return compareTo(rhs) <= 0; }
  bool operator>=(const String& rhs) const { return compareTo(rhs) >= 0; }
  bool startsWith(const String& prefix) const;
  bool startsWith(const String& prefix, unsigned int offset) const;
  bool endsWith(const String& suffix) const;

  char charAt(unsigned int index) const;
  void setCharAt(unsigned int index, char c);
  char operator[](unsigned int index) const;
  char& operator[](unsigned int index);
  void getBytes(unsigned char* buf, unsigned int bufsize, unsigned int index = 0) const;
  void toCharArray(char* buf, unsigned int bufsize, unsigned int index = 0) const {
    getBytes((unsigned char*)buf, bufsize, index);
  }
  const char* c_str() const { return buf_ ? buf_ : ""; }
  char* begin() { return buf_; }
  char* end() { return buf_ + len_; }
  const char* begin() const { return buf_; }
  const char* end() const { return buf_ + len_; }

  int indexOf(char ch) const;
  int indexOf(char ch, unsigned int fromIndex) const;
  int indexOf(const String& str) const;
  int indexOf(const String& str, unsigned int fromIndex) const;
  int lastIndexOf(char ch) const;
  int lastIndexOf(char ch, unsigned int fromIndex) const;
  int lastIndexOf(const String& str) const;
  int lastIndexOf(const String& str, unsigned int fromIndex) const;
  String substring(unsigned int beginIndex) const { return substring(beginIndex, len_); }
  String substring(unsigned int beginIndex, unsigned int endIndex) const;

  void replace(char find, char replace);
  void replace(const String& find, const String& replace);
  void remove(unsigned int index);
  void remove(unsigned int index, unsigned int count);
  void toLowerCase();
  void toUpperCase();
  void trim();

  long toInt() const;
  float toFloat() const;
  double toDouble() const;

 private:
  char* buf_;
  unsigned int len_;
  unsigned int cap_;
  void init();
  void assign(const char* cstr, unsigned int length);
};

String operator+(const String& lhs, const String& rhs);
String operator+(const String& lhs, const char* rhs);
String operator+(const char* lhs, const String& rhs);
String operator+(const String& lhs, char rhs);
String operator+(const String& lhs, unsigned char rhs);
String operator+(const String& lhs, int rhs);
String operator+(const String& lhs, unsigned int rhs);
String operator+(const String& lhs, long rhs);
String operator+(const String& lhs, unsigned long rhs);
String operator+(const String& lhs, float rhs);
String operator+(const String& lhs, double rhs);
String operator+(const String& lhs, const __FlashStringHelper* rhs);
inline bool operator==(const char* lhs, const String& rhs) { return rhs.equals(lhs); }
inline bool operator!=(const char* lhs, const String& rhs) { return !rhs.equals(lhs); }

// Number formatting shared by String and Print (Arduino's rules).
// Print uses upper-case digits ("FF"); String, like the AVR core's utoa(), lower case ("ff").
unsigned int lbFormatUnsigned(char* out, unsigned long long n, unsigned char base, bool upper = true);
unsigned int lbFormatFloat(char* out, unsigned int size, double number, unsigned char digits);

#endif
