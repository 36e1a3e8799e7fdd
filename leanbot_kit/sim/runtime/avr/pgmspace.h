// avr/pgmspace.h - for sketches that include it; the definitions live in pgmspace_sim.h.
#include "../pgmspace_sim.h"
