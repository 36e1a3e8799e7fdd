// avr/interrupt.h - interrupts do not exist in the simulation; the macros do nothing.
#ifndef LEANBOT_SIM_AVR_INTERRUPT_H
#define LEANBOT_SIM_AVR_INTERRUPT_H
#define sei()
#define cli()
#define ISR(vector, ...) void vector(void)
#endif
