// Leanbot.h - the complete Leanbot C++ API (declarations).
//
// One header for both targets: on the robot (avr-g++, Arduino AVR core) it documents the API a
// sketch may use; in the simulator (host g++, leanbot_kit/sim/runtime) the runtime implements it.
// Types follow the official API reference: distances/rotations are long, speeds int, states byte.
// Bit masks: TB1A=1, TB1B=2, TB2A=4, TB2B=8 (combinable with | or +); LEDs ledA..ledF = 0..5,
// ledO = 6 (BITMAP(ledA, ledC) == 0b101); IR channels ir0L..ir7R = 0..7.
#ifndef LEANBOT_H
#define LEANBOT_H

#include <Arduino.h>

// ---- touch pads (bit masks) ----
#define TB1A 1
#define TB1B 2
#define TB2A 4
#define TB2B 8

// ---- IR channels ----
enum LbIRChannel : uint8_t {
  ir0L = 0, ir1R = 1, ir2L = 2, ir3R = 3,  // line (bar) sensors; left to right: ir2L ir0L ir1R ir3R
  ir4L = 4, ir5R = 5,                      // table-edge sensors
  ir6L = 6, ir7R = 7                       // side obstacle sensors
};

// ---- RGB LEDs ----
enum LbLed : uint8_t { ledA = 0, ledB = 1, ledC = 2, ledD = 3, ledE = 4, ledF = 5, ledO = 6 };
#define LB_NUM_LEDS 7

// BITMAP(ledA, ledB, ...) -> byte shape mask with bit n set for LED n.
constexpr uint8_t lbBitmapOf() { return 0; }
template <typename... Rest>
constexpr uint8_t lbBitmapOf(uint8_t first, Rest... rest) {
  return (uint8_t)((1u << first) | lbBitmapOf(rest...));
}
#define BITMAP(...) lbBitmapOf(__VA_ARGS__)

// ---- colours (FastLED-compatible CHSV and CRGB) ----
struct CHSV {
  uint8_t h, s, v;  // hue 0..255 around the colour wheel, saturation, value (brightness)
  CHSV() : h(0), s(0), v(0) {}
  CHSV(uint8_t ih, uint8_t is, uint8_t iv) : h(ih), s(is), v(iv) {}
};

struct CRGB {
  union {
    struct {
      uint8_t r;
      uint8_t g;
      uint8_t b;
    };
    uint8_t raw[3];
  };

  // Every FastLED HTML colour name, as 0xRRGGBB (an enum: no RAM, usable on AVR).
  enum HTMLColorCode : uint32_t {
    AliceBlue = 0xF0F8FFUL, Amethyst = 0x9966CCUL, AntiqueWhite = 0xFAEBD7UL,
    Aqua = 0x00FFFFUL, Aquamarine = 0x7FFFD4UL, Azure = 0xF0FFFFUL,
    Beige = 0xF5F5DCUL, Bisque = 0xFFE4C4UL, Black = 0x000000UL,
    BlanchedAlmond = 0xFFEBCDUL, Blue = 0x0000FFUL, BlueViolet = 0x8A2BE2UL,
    Brown = 0xA52A2AUL, BurlyWood = 0xDEB887UL, CadetBlue = 0x5F9EA0UL,
    Chartreuse = 0x7FFF00UL, Chocolate = 0xD2691EUL, Coral = 0xFF7F50UL,
    CornflowerBlue = 0x6495EDUL, Cornsilk = 0xFFF8DCUL, Crimson = 0xDC143CUL,
    Cyan = 0x00FFFFUL, DarkBlue = 0x00008BUL, DarkCyan = 0x008B8BUL,
    DarkGoldenrod = 0xB8860BUL, DarkGray = 0xA9A9A9UL, DarkGrey = 0xA9A9A9UL,
    DarkGreen = 0x006400UL, DarkKhaki = 0xBDB76BUL, DarkMagenta = 0x8B008BUL,
    DarkOliveGreen = 0x556B2FUL, DarkOrange = 0xFF8C00UL, DarkOrchid = 0x9932CCUL,
    DarkRed = 0x8B0000UL, DarkSalmon = 0xE9967AUL, DarkSeaGreen = 0x8FBC8FUL,
    DarkSlateBlue = 0x483D8BUL, DarkSlateGray = 0x2F4F4FUL, DarkSlateGrey = 0x2F4F4FUL,
    DarkTurquoise = 0x00CED1UL, DarkViolet = 0x9400D3UL, DeepPink = 0xFF1493UL,
    DeepSkyBlue = 0x00BFFFUL, DimGray = 0x696969UL, DimGrey = 0x696969UL,
    DodgerBlue = 0x1E90FFUL, FireBrick = 0xB22222UL, FloralWhite = 0xFFFAF0UL,
    ForestGreen = 0x228B22UL, Fuchsia = 0xFF00FFUL, Gainsboro = 0xDCDCDCUL,
    GhostWhite = 0xF8F8FFUL, Gold = 0xFFD700UL, Goldenrod = 0xDAA520UL,
    Gray = 0x808080UL, Grey = 0x808080UL, Green = 0x008000UL,
    GreenYellow = 0xADFF2FUL, Honeydew = 0xF0FFF0UL, HotPink = 0xFF69B4UL,
    IndianRed = 0xCD5C5CUL, Indigo = 0x4B0082UL, Ivory = 0xFFFFF0UL,
    Khaki = 0xF0E68CUL, Lavender = 0xE6E6FAUL, LavenderBlush = 0xFFF0F5UL,
    LawnGreen = 0x7CFC00UL, LemonChiffon = 0xFFFACDUL, LightBlue = 0xADD8E6UL,
    LightCoral = 0xF08080UL, LightCyan = 0xE0FFFFUL, LightGoldenrodYellow = 0xFAFAD2UL,
    LightGreen = 0x90EE90UL, LightGrey = 0xD3D3D3UL, LightGray = 0xD3D3D3UL,
    LightPink = 0xFFB6C1UL, LightSalmon = 0xFFA07AUL, LightSeaGreen = 0x20B2AAUL,
    LightSkyBlue = 0x87CEFAUL, LightSlateGray = 0x778899UL, LightSlateGrey = 0x778899UL,
    LightSteelBlue = 0xB0C4DEUL, LightYellow = 0xFFFFE0UL, Lime = 0x00FF00UL,
    LimeGreen = 0x32CD32UL, Linen = 0xFAF0E6UL, Magenta = 0xFF00FFUL,
    Maroon = 0x800000UL, MediumAquamarine = 0x66CDAAUL, MediumBlue = 0x0000CDUL,
    MediumOrchid = 0xBA55D3UL, MediumPurple = 0x9370DBUL, MediumSeaGreen = 0x3CB371UL,
    MediumSlateBlue = 0x7B68EEUL, MediumSpringGreen = 0x00FA9AUL, MediumTurquoise = 0x48D1CCUL,
    MediumVioletRed = 0xC71585UL, MidnightBlue = 0x191970UL, MintCream = 0xF5FFFAUL,
    MistyRose = 0xFFE4E1UL, Moccasin = 0xFFE4B5UL, NavajoWhite = 0xFFDEADUL,
    Navy = 0x000080UL, OldLace = 0xFDF5E6UL, Olive = 0x808000UL,
    OliveDrab = 0x6B8E23UL, Orange = 0xFFA500UL, OrangeRed = 0xFF4500UL,
    Orchid = 0xDA70D6UL, PaleGoldenrod = 0xEEE8AAUL, PaleGreen = 0x98FB98UL,
    PaleTurquoise = 0xAFEEEEUL, PaleVioletRed = 0xDB7093UL, PapayaWhip = 0xFFEFD5UL,
    PeachPuff = 0xFFDAB9UL, Peru = 0xCD853FUL, Pink = 0xFFC0CBUL,
    Plaid = 0xCC5533UL, Plum = 0xDDA0DDUL, PowderBlue = 0xB0E0E6UL,
    Purple = 0x800080UL, Red = 0xFF0000UL, RosyBrown = 0xBC8F8FUL,
    RoyalBlue = 0x4169E1UL, SaddleBrown = 0x8B4513UL, Salmon = 0xFA8072UL,
    SandyBrown = 0xF4A460UL, SeaGreen = 0x2E8B57UL, Seashell = 0xFFF5EEUL,
    Sienna = 0xA0522DUL, Silver = 0xC0C0C0UL, SkyBlue = 0x87CEEBUL,
    SlateBlue = 0x6A5ACDUL, SlateGray = 0x708090UL, SlateGrey = 0x708090UL,
    Snow = 0xFFFAFAUL, SpringGreen = 0x00FF7FUL, SteelBlue = 0x4682B4UL,
    Tan = 0xD2B48CUL, Teal = 0x008080UL, Thistle = 0xD8BFD8UL,
    Tomato = 0xFF6347UL, Turquoise = 0x40E0D0UL, Violet = 0xEE82EEUL,
    Wheat = 0xF5DEB3UL, White = 0xFFFFFFUL, WhiteSmoke = 0xF5F5F5UL,
    Yellow = 0xFFFF00UL, YellowGreen = 0x9ACD32UL, FairyLight = 0xFFE42DUL,
    FairyLightNCC = 0xFF9D2AUL,
  };

  CRGB() : r(0), g(0), b(0) {}
  CRGB(uint8_t ir, uint8_t ig, uint8_t ib) : r(ir), g(ig), b(ib) {}
  CRGB(uint32_t code) : r((uint8_t)(code >> 16)), g((uint8_t)(code >> 8)), b((uint8_t)code) {}
  CRGB(HTMLColorCode code) : CRGB((uint32_t)code) {}
  CRGB(const CHSV& c) { setHSV(c.h, c.s, c.v); }
  // Six-sector HSV to RGB (FastLED's hsv2rgb_spectrum; its default "rainbow" mapping differs a little).
  CRGB& setHSV(uint8_t hue, uint8_t sat, uint8_t val) {
    // uint16_t products: on the AVR an int is 16 bits and 255 * 255 would overflow it.
    uint8_t sector = (uint8_t)(hue / 43), rem = (uint8_t)((hue - sector * 43) * 6);
    uint16_t v = val, s = sat;
    uint8_t p = (uint8_t)((v * (uint16_t)(255 - s)) >> 8);
    uint8_t q = (uint8_t)((v * (uint16_t)(255 - ((s * rem) >> 8))) >> 8);
    uint8_t t = (uint8_t)((v * (uint16_t)(255 - ((s * (uint16_t)(255 - rem)) >> 8))) >> 8);
    switch (sector) {
      case 0: return setRGB(val, t, p);
      case 1: return setRGB(q, val, p);
      case 2: return setRGB(p, val, t);
      case 3: return setRGB(p, q, val);
      case 4: return setRGB(t, p, val);
      default: return setRGB(val, p, q);
    }
  }

  uint8_t& operator[](uint8_t i) { return raw[i]; }
  const uint8_t& operator[](uint8_t i) const { return raw[i]; }
  CRGB& setRGB(uint8_t nr, uint8_t ng, uint8_t nb) {
    r = nr;
    g = ng;
    b = nb;
    return *this;
  }
  CRGB& setColorCode(uint32_t code) { return *this = CRGB(code); }
  CRGB& nscale8(uint8_t scale) {
    r = (uint8_t)(((uint16_t)r * (uint16_t)(scale + 1)) >> 8);
    g = (uint8_t)(((uint16_t)g * (uint16_t)(scale + 1)) >> 8);
    b = (uint8_t)(((uint16_t)b * (uint16_t)(scale + 1)) >> 8);
    return *this;
  }
  CRGB& fadeToBlackBy(uint8_t amount) { return nscale8((uint8_t)(255 - amount)); }
  CRGB& operator/=(uint8_t d) {
    r /= d;
    g /= d;
    b /= d;
    return *this;
  }
  CRGB& operator+=(const CRGB& o) {
    r = (uint8_t)(r + o.r > 255 ? 255 : r + o.r);
    g = (uint8_t)(g + o.g > 255 ? 255 : g + o.g);
    b = (uint8_t)(b + o.b > 255 ? 255 : b + o.b);
    return *this;
  }
  uint32_t toCode() const { return ((uint32_t)r << 16) | ((uint32_t)g << 8) | b; }
  explicit operator bool() const { return r || g || b; }
};

inline bool operator==(const CRGB& a, const CRGB& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
inline bool operator!=(const CRGB& a, const CRGB& b) { return !(a == b); }

// FastLED random helpers.
uint8_t random8();
uint8_t random8(uint8_t lim);
uint8_t random8(uint8_t min, uint8_t lim);
uint16_t random16();
uint16_t random16(uint16_t lim);
uint16_t random16(uint16_t min, uint16_t lim);

// ---- core ----
// Blocking delay (0..65535 ms); the wheels keep running meanwhile.
void LbDelay(uint16_t ms);

class LbDCMotorClass {
 public:
  void setPower(int power);  // -255..255, values outside are constrained
};

class LeanbotClass {
 public:
  void begin();                                  // first line of setup(): Serial at 115200, parts ready
  void tone(unsigned int hz);                    // non-blocking, plays until noTone()
  void tone(unsigned int hz, unsigned int ms);   // non-blocking, stops by itself after ms
  void noTone();
  unsigned int pingMm();                         // front distance, mm; 10000 = nothing within 3000 mm
  unsigned int pingCm();                         // front distance, cm; 1000 = nothing within 300 cm
  LbDCMotorClass DCMotor;
};
extern LeanbotClass Leanbot;

// ---- mission ----
class LbMissionClass {
 public:
  void begin();                                       // B: waits for TB1A+TB1B, 3-2-1 countdown
  void begin(byte touchMask);                         // B: waits for touchMask (0 = start at once)
  void beginDigitalTwin(const __FlashStringHelper* missionId);  // B: announce id, wait for start
  void beginDigitalTwin(const char* missionId);
  void end();                                         // stops the robot, halts the program for good
  long elapsedMillis();                               // ms since the mission started
};
extern LbMissionClass LbMission;
#ifdef LEANBOT_SIM
// Simulator only: true once the automatic start (auto_start_ms) is due for a wait that began at
// `sinceMs`; lbk_runtime.h's own start wait uses it as LbMission.begin() does. Weak: a simulator
// backend that does not provide it leaves it null, and the runtime then waits for a touch or ?start.
bool lbSimAutoStart(unsigned long sinceMs) __attribute__((weak));
#endif

// ---- wheels ----
class LbMotionClass {
 public:
  void runLR(int vL, int vR);              // steps/s, -2000..2000, NB
  void runLRrpm(int rpmL, int rpmR);       // rpm, -60..60, NB
  void stopAndWait();                      // B: decelerate to a stop
  bool isStop();
  bool isMoving();
  void waitDistance(long steps);           // B: relative to the call
  void waitDistanceMm(int mm);             // B: relative to the call
  void delayDistanceMm(int mm);            // B: same as waitDistanceMm (older name)
  void waitRotation(long steps);           // B: relative to the call
  void waitRotationDeg(int deg);           // B: relative to the call
  long getDistance();                      // steps since origin
  long getDistanceMm();                    // mm since origin
  long getRotation();                      // differential steps since origin (right turn positive)
  long getRotationDeg();                   // degrees since origin (right turn positive)
  void setZeroOrigin();                    // distance and rotation restart from 0
  void waitUntilDistance(long steps);      // B: absolute since origin
  void waitUntilDistanceMm(long mm);       // B: absolute since origin
  void waitUntilRotation(long steps);      // B: absolute since origin
  void waitUntilRotationDeg(long deg);     // B: absolute since origin
  void runRotationDeg(int vL, int vR, int deg);  // B: run, wait for deg, stop
};
extern LbMotionClass LbMotion;

// ---- gripper ----
class LbGripperClass {
 public:
  void begin();
  void begin(unsigned int ms);             // ms: how long servos stay powered after a move
  void open();                             // B: both arms to 0 deg
  void close();                            // B: both arms to 90 deg
  void close(int deg);                     // B: both arms to deg
  void moveTo(int deg);                    // B: both arms to deg (-30..120)
  void moveToLR(int degL, int degR, int ms);  // B: both arms reach their angles in ms
  void writeLR(int degL, int degR);        // NB: command angles, arms travel at servo speed
  void shake(int times, int amplitude, int msPerDeg);  // B: wiggle around the current angle
  int readL();
  int readR();
  // Servo pulse calibration (raw degrees of 0 and 90 for each arm); angles read back stay logical.
  void setCalibration(int deg00L, int deg90L, int deg00R, int deg90R);
};
extern LbGripperClass LbGripper;

// ---- RGB LEDs ----
class LbRGBClass {
 public:
  CRGB& operator[](uint8_t led);
  void show();                             // nothing is visible until show()
  void clear();                            // all LEDs black (call show() to display)
  void fillColor(const CRGB& colour);
  void fillColor(const CRGB& colour, byte shape);
  void setBrightness(uint8_t brightness);
};
extern LbRGBClass LbRGB;

// ---- touch ----
class LbTouchClass {
 public:
  byte read(byte mask);                    // 1 if every pad of mask is touched
  byte readBits();                         // bit0 TB1A, bit1 TB1B, bit2 TB2A, bit3 TB2B
  bool onPress(byte mask);                 // true once per new press of the combo
};
extern LbTouchClass LbTouch;

// ---- line sensors ----
class LbIRLineClass {
 public:
  byte read();                             // 4 bits: bit3 ir2L .. bit0 ir3R, 1 = black
  byte read(int threshold);                // same with one raw threshold for all four
  byte value();                            // the last state read
  bool isBlackDetected();                  // reads; true if any of the four sees black
  void print();                            // the last state as 4 chars '0'/'1', left to right
  void print(byte state);
  void println();
  void println(byte state);
  void displayOnRGB(const CRGB& colour);   // the last state on the LEDs
  void displayOnRGB(byte state, const CRGB& colour);
  void setThreshold(int t2L, int t0L, int t1R, int t3R);
  void doManualCalibration(byte touchMask);  // B: touch on white, on black, then test mode
};
extern LbIRLineClass LbIRLine;

class LbIRArrayClass {
 public:
  int read(uint8_t irX);                   // raw 0..768, darker is higher
};
extern LbIRArrayClass LbIRArray;

#endif  // LEANBOT_H
