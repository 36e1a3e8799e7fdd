// pgmspace_sim.h - flash-memory helpers; on the host flash is ordinary memory.
#ifndef LEANBOT_SIM_PGMSPACE_H
#define LEANBOT_SIM_PGMSPACE_H

#include <stdint.h>
#include <string.h>

#define PROGMEM
#define PGM_P const char*
#define PSTR(s) (s)
#define pgm_read_byte(addr) (*(const uint8_t*)(addr))
#define pgm_read_word(addr) (*(const uint16_t*)(addr))
#define pgm_read_dword(addr) (*(const uint32_t*)(addr))
#define pgm_read_float(addr) (*(const float*)(addr))
#define pgm_read_ptr(addr) (*(void* const*)(addr))
#define pgm_read_byte_near(addr) pgm_read_byte(addr)
#define pgm_read_word_near(addr) pgm_read_word(addr)
#define pgm_read_dword_near(addr) pgm_read_dword(addr)
#define pgm_read_byte_far(addr) pgm_read_byte(addr)
#define strlen_P strlen
#define strcpy_P strcpy
#define strncpy_P strncpy
#define strcmp_P strcmp
#define strncmp_P strncmp
#define strcat_P strcat
#define memcpy_P memcpy
#define sprintf_P sprintf
#define snprintf_P snprintf
#define printf_P printf

typedef uint8_t prog_uint8_t;
typedef char prog_char;

#endif
