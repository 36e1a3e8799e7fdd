// lb_channel.h - the narrow channel between a sketch running on the emulated ATmega328P and the
// simulator's robot model. Shared by the AVR side (avrlib/Leanbot.cpp) and the host (avrhost/).
//
// Three data-space addresses that are "reserved" on the real ATmega328P (nothing is there):
//   LB_IO_ARG  (write) pushes one argument byte (multi-byte values little-endian, in order);
//              with LB_IO_RES it is the emulator's mailbox (avr.h set_mailbox): no I/O handler runs;
//   LB_IO_CALL (write) runs call number <value> with the bytes pushed since the last call; blocking
//              calls jump simulated time forward (the CPU does not execute the wait);
//   LB_IO_RES  (read)  pops the next byte of the call's result (little-endian).
// A read of LB_IO_RES with no result left gives 0. HELLO answers LB_HELLO_ANSWER: a chip without
// the simulator (simavr, a real board) answers 0, and delay()/analogRead() then run as compiled. Nothing else of the computer is reachable.
#ifndef LB_CHANNEL_H
#define LB_CHANNEL_H

#define LB_IO_ARG 0xE0
#define LB_IO_CALL 0xE1
#define LB_IO_RES 0xE2
#define LB_HELLO_ANSWER 0xA5

// X(name, number): every call of the channel. Arguments and results are described in avrhost/calls.cpp.
#define LB_CALLS(X)                                                                           \
  X(HELLO, 0) X(WAIT_US, 1) X(WAIT_MS16, 8) X(SEED, 7) X(TONE, 2) X(NO_TONE, 3) X(PING_MM, 4)   \
  X(DC_POWER, 5) X(ANALOG_READ, 6)                                                            \
  X(MISSION_BEGIN, 10) X(MISSION_ID_CHAR, 11) X(MISSION_ID_END, 12) X(MISSION_END, 13)        \
  X(MISSION_ELAPSED, 14) X(AUTO_START, 15)                                                    \
  X(RUN_LR, 20) X(RUN_RPM, 21) X(STOP_AND_WAIT, 22) X(IS_MOVING, 23) X(WAIT_DISTANCE, 24)     \
  X(WAIT_DISTANCE_MM, 25) X(WAIT_ROTATION, 26) X(WAIT_ROTATION_DEG, 27) X(GET_DISTANCE, 28)   \
  X(GET_DISTANCE_MM, 29) X(GET_ROTATION, 30) X(GET_ROTATION_DEG, 31) X(SET_ZERO_ORIGIN, 32)   \
  X(WAIT_UNTIL_DISTANCE, 33) X(WAIT_UNTIL_DISTANCE_MM, 34) X(WAIT_UNTIL_ROTATION, 35)         \
  X(WAIT_UNTIL_ROTATION_DEG, 36) X(RUN_ROTATION_DEG, 37)                                      \
  X(GRIP_BEGIN, 40) X(GRIP_MOVE_TO, 41) X(GRIP_MOVE_TO_LR, 42) X(GRIP_WRITE_LR, 43)           \
  X(GRIP_SHAKE, 44) X(GRIP_READ_L, 45) X(GRIP_READ_R, 46) X(GRIP_CALIBRATION, 47)             \
  X(RGB_SHOW, 50) X(RGB_BRIGHTNESS, 51)                                                       \
  X(TOUCH_READ, 60) X(TOUCH_BITS, 61) X(TOUCH_ON_PRESS, 62)                                   \
  X(IR_LINE_READ, 70) X(IR_LINE_READ_T, 71) X(IR_LINE_VALUE, 72) X(IR_SET_THRESHOLD, 73)      \
  X(IR_CALIBRATE, 74) X(IR_ARRAY_READ, 75)

enum LbCall {
#define LB_ENUM(name, number) LB_##name = number,
  LB_CALLS(LB_ENUM)
#undef LB_ENUM
};

#endif
