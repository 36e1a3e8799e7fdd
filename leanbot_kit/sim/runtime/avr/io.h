// avr/io.h - nothing to map on the host; present so sketches that include it still compile.
#ifndef LEANBOT_SIM_AVR_IO_H
#define LEANBOT_SIM_AVR_IO_H
#include <stdint.h>
#endif
