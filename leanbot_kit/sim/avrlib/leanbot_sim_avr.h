// leanbot_sim_avr.h - included before every sketch file built for the simulated robot's chip.
// The robot has no operating system: a sketch that asks for one gets a compile error at the line
// of the call instead of a link error (avr-libc declares some of these for libstdc++ only).
#ifndef LEANBOT_SIM_AVR_H
#define LEANBOT_SIM_AVR_H

#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif
#define LB_NO_OS(what) __attribute__((error(what " does not exist on the robot (no operating system)")))
int system(const char*) LB_NO_OS("system()");
FILE* fopen(const char*, const char*) LB_NO_OS("fopen()");
FILE* freopen(const char*, const char*, FILE*) LB_NO_OS("freopen()");
FILE* fdopen(int, const char*) LB_NO_OS("fdopen()");
int remove(const char*) LB_NO_OS("remove()");
char* getenv(const char*) LB_NO_OS("getenv()");
int fork(void) LB_NO_OS("fork()");
int execl(const char*, const char*, ...) LB_NO_OS("execl()");
int execv(const char*, char* const[]) LB_NO_OS("execv()");
int execvp(const char*, char* const[]) LB_NO_OS("execvp()");
int popen(const char*, const char*) LB_NO_OS("popen()");
#undef LB_NO_OS
#ifdef __cplusplus
}
#endif

#endif
