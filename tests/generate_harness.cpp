// Host harness for lbk_runtime.h: a stub Serial (stdout), a fake clock and stub Leanbot parts,
// so the tests can check the protocol lines the runtime writes, byte by byte.
// Usage: harness SCENARIO [INPUT [TOUCH_MS]]
//   SCENARIO: basic | wrap | headers | nofields | ping | melody | listen | startwait | numbers
//   INPUT: bytes the computer sends; they arrive on Serial RX from t = 1100 ms on
//   TOUCH_MS: when the start pads are touched (startwait; default never)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ---- the few Arduino names the runtime uses ----
class __FlashStringHelper;
#define F(text) (reinterpret_cast<const __FlashStringHelper *>(text))
#define PSTR(text) (text)
#define strcmp_P strcmp
#define PROGMEM
#define pgm_read_byte(p) (*(const uint8_t *)(p))
#define pgm_read_dword(p) (*(const uint32_t *)(p))

static unsigned long fake_now = 0;
unsigned long millis() { return fake_now; }

static const char *rx_bytes = "";
static unsigned long touch_at = (unsigned long)-1;

struct StubSerial {
  size_t write(uint8_t c) { return fwrite(&c, 1, 1, stdout); }
  int available() { return fake_now >= 1100 && *rx_bytes ? (int)strlen(rx_bytes) : 0; }
  int read() { return available() > 0 ? (uint8_t)*rx_bytes++ : -1; }
} Serial;

// ---- the few Leanbot parts the runtime uses ----
#define TB1A 1
#define TB1B 2
static int pings = 0;
void LbDelay(uint16_t ms) { fake_now += ms; }
struct StubMotion {
  void runLR(int l, int r) { printf("[runLR %d %d]\n", l, r); }
  void stopAndWait() {}
} LbMotion;
struct StubLeanbot {
  unsigned int pingMm() { pings++; return 1234; }
  void tone(unsigned int hz, unsigned int ms) { printf("[tone %u %u @%lu]\n", hz, ms, fake_now); }
} Leanbot;
struct StubMission {
  void begin(uint8_t pads) { printf("[mission %u @%lu]\n", pads, fake_now); }
  void end() {
    printf("[halt @%lu]\n", fake_now);
    fflush(stdout);
    exit(0);
  }
} LbMission;
struct StubTouch {
  uint8_t read(uint8_t pads) { return pads != 0 && fake_now >= touch_at; }
} LbTouch;

#include "lbk_runtime.h"
#include "lbk_runtime.h"  // twice on purpose: the include guard must hold

long lbk_sample(uint8_t i) {
  if (i == 0) return -123;
  if (i == 1) return (long)millis();
  return 2147483647L;
}

static void basic() {
  lbk_begin(F("demo-1"), 100, F("a,t,big"), 3);
  lbk_wait(250);
  lbk_start();
  lbk_step(3);
  lbk_run(3000, -2500);
  lbk_end();
}

int main(int argc, char **argv) {
  const char *scenario = argc > 1 ? argv[1] : "basic";
  if (argc > 2) rx_bytes = argv[2];
  if (argc > 3) touch_at = strtoul(argv[3], 0, 10);
  fake_now = 1000;
  if (strcmp(scenario, "listen") == 0) {
    lbk_begin(F("listen"), 100, F("a"), 1);
    lbk_run(500, 500);
    lbk_wait(1000);
    printf("[done @%lu]\n", fake_now);
    return 0;
  }
  if (strcmp(scenario, "numbers") == 0) {  // every digit count, both signs, the 32-bit ends
    static const long values[] = {0, 1, 9, 10, 99, 100, 909, 1000, 65535, 65536, 99999, 100000, 1234567,
                                  999999999, 1000000000, 2147483647L, -1, -10, -65536, -2147483647L,
                                  -2147483647L - 1};
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
      lbk_put_number(values[i]);
      lbk_put('\n');
    }
    lbk_put_unsigned(4294967295UL);
    lbk_put('\n');
    long wrong = 0;  // lbk_third(x) == x / 3 for any turn a wheel speed gives; lbk_div_small(a, b) == a / b
    for (long x = -200000; x <= 200000; x++) wrong += lbk_third(x) != x / 3;
    const long ends[] = {2147483647L, -2147483647L, 98303, 98304, -98304, 1431655765L};
    for (unsigned i = 0; i < sizeof ends / sizeof ends[0]; i++) wrong += lbk_third(ends[i]) != ends[i] / 3;
    for (int a = -1000; a <= 1000; a++)
      for (int b = 1; b <= 12; b++) wrong += lbk_div_small(a, b) != a / b;
    printf("[thirds and small quotients wrong %ld]\n", wrong);
    return 0;
  }
  if (strcmp(scenario, "startwait") == 0) {
    lbk_begin(F("startwait"), 100, F("a"), 1);
    lbk_mission_begin(TB1A | TB1B);
    printf("[started @%lu]\n", fake_now);
    return 0;
  }
  if (strcmp(scenario, "basic") == 0) basic();
  if (strcmp(scenario, "wrap") == 0) {
    lbk_begin(F("wrap"), 1000, F("a"), 1);
    lbk_seq = 65534;
    lbk_step(1);
    lbk_step(2);
    lbk_step(3);
  }
  if (strcmp(scenario, "headers") == 0) {
    lbk_begin(F("headers"), 1000, F("a"), 1);
    lbk_wait(11000);
  }
  if (strcmp(scenario, "nofields") == 0) {
    lbk_begin(F("none"), 500, F(""), 0);
    lbk_wait(600);
  }
  if (strcmp(scenario, "ping") == 0) {
    lbk_begin(F("ping"), 1000, F("a"), 1);
    for (int i = 0; i < 200; i++) {
      lbk_ping_mm();
      LbDelay(1);
    }
    printf("[pings %d %ld]\n", pings, lbk_ping_mm());
  }
  if (strcmp(scenario, "melody") == 0) {
    static const uint16_t notes[] PROGMEM = {440, 100, 0, 50, 880, 200};
    lbk_begin(F("melody"), 1000, F("a"), 1);
    lbk_melody(notes, 3);
    printf("[done @%lu]\n", fake_now);
  }
  printf("[divs %ld %ld %ld %ld %ld]\n", (long)lbk_div(7, 0), (long)lbk_mod(7, 0), (long)lbk_div(-7, 2),
         (long)lbk_mod(-7, 2), lbk_abs(-5));
  return 0;
}
