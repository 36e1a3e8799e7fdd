// core.cpp - Arduino pins, time and math functions on the virtual clock.
#include "Arduino.h"
#include "sim.h"

using namespace sim;

static uint8_t pin_mode[32];
static uint8_t pin_value[32];

void pinMode(uint8_t pin, uint8_t mode) {
  cost(COST_CALL);
  if (pin < 32) {
    pin_mode[pin] = mode;
    if (mode == INPUT_PULLUP) pin_value[pin] = HIGH;
  }
}

void digitalWrite(uint8_t pin, uint8_t val) {
  cost(COST_CALL);
  if (pin >= 32) return;
  uint8_t v = val ? HIGH : LOW;
  if (pin == LED_BUILTIN && pin_value[pin] != v) trace_event("pin %u %u", (unsigned)pin, (unsigned)v);
  pin_value[pin] = v;
}

int digitalRead(uint8_t pin) {
  cost(COST_CALL);
  return pin < 32 ? pin_value[pin] : LOW;
}

int analogRead(uint8_t pin) {
  // An unconnected analog pin floats: a deterministic wandering value, as randomSeed() expects.
  cost(COST_ANALOG);
  (void)pin;
  return (int)(rng_next(rng_noise) % 1024);
}

void analogReference(uint8_t) { cost(COST_CALL); }

void analogWrite(uint8_t pin, int val) {
  cost(COST_CALL);
  if (pin < 32) pin_value[pin] = val > 127 ? HIGH : LOW;
}

unsigned long millis(void) {
  cost(COST_CALL);
  return (unsigned long)(now_us / 1000);
}

unsigned long micros(void) {
  cost(COST_CALL);
  return (unsigned long)now_us;
}

void delay(unsigned long ms) {
  const unsigned long longest = 1000000000UL;  // 11.6 days: far past any run, and no overflow
  cost(ms ? (ms < longest ? ms : longest) * 1000ULL : COST_CALL);
}

void delayMicroseconds(unsigned int us) { cost(us ? us : 1); }

unsigned long pulseIn(uint8_t, uint8_t, unsigned long timeout) {
  cost(timeout);
  return 0;
}

void tone(uint8_t, unsigned int frequency, unsigned long duration) {
  cost(COST_CALL);
  robot.tone_hz = frequency;
  robot.tone_end_us = duration ? now_us + duration * 1000ULL : 0;
  trace_event("tone %u %lu", frequency, duration);
}

void noTone(uint8_t) {
  cost(COST_CALL);
  if (robot.tone_hz) trace_event("tone 0 0");
  robot.tone_hz = 0;
}

void yield(void) { cost(COST_CALL); }

void shiftOut(uint8_t, uint8_t, uint8_t, uint8_t) { cost(8 * COST_CALL); }
uint8_t shiftIn(uint8_t, uint8_t, uint8_t) {
  cost(8 * COST_CALL);
  return 0;
}
void attachInterrupt(uint8_t, void (*)(void), int) { cost(COST_CALL); }
void detachInterrupt(uint8_t) { cost(COST_CALL); }

long random(long howbig) {
  cost(COST_CALL);
  if (howbig <= 0) return 0;
  return (long)(rng_next(rng_sketch) % (uint32_t)howbig);
}

long random(long howsmall, long howbig) {
  if (howsmall >= howbig) return howsmall;
  return random(howbig - howsmall) + howsmall;
}

void randomSeed(unsigned long seed) {
  cost(COST_CALL);
  if (seed != 0) rng_sketch = seed;
}

long map(long x, long in_min, long in_max, long out_min, long out_max) {
  if (in_max == in_min) return out_min;
  return (x - in_min) * (out_max - out_min) / (in_max - in_min) + out_min;
}

uint16_t makeWord(uint16_t w) { return w; }
uint16_t makeWord(uint8_t h, uint8_t l) { return (uint16_t)((h << 8) | l); }
