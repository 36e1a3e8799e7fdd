/* simavr_uart.c - the reference for the AVR backend's differential tests (tests only).
 *
 * Runs an ELF on simavr's ATmega328P at 16 MHz and writes exactly the bytes its USART0 sends to
 * stdout (simavr's own UART printer replaces control bytes and buffers lines). The bytes of an
 * optional input file are offered to USART0 RX from `input_at_ms` on. The run ends when the chip
 * sleeps with interrupts off (simavr: cpu_Done), crashes, or after `max_ms` of simulated time.
 *
 *   simavr_uart ELF MAX_MS [INPUT_FILE INPUT_AT_MS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_elf.h>
#include <simavr/sim_irq.h>

static unsigned char out[1 << 20];
static size_t n_out = 0;

static void on_byte(struct avr_irq_t* irq, uint32_t value, void* param) {
  (void)irq;
  (void)param;
  if (n_out < sizeof out) out[n_out++] = (unsigned char)value;
}

static int xon = 1;
static void on_xon(struct avr_irq_t* irq, uint32_t value, void* param) { (void)irq; (void)value; (void)param; xon = 1; }
static void on_xoff(struct avr_irq_t* irq, uint32_t value, void* param) { (void)irq; (void)value; (void)param; xon = 0; }

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s ELF MAX_MS [INPUT_FILE INPUT_AT_MS]\n", argv[0]);
    return 2;
  }
  int out_fd = dup(1);  /* simavr prints its own messages on stdout: keep them out of the bytes */
  if (!freopen("/dev/null", "w", stdout)) return 2;
  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(argv[1], &fw) != 0) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  strcpy(fw.mmcu, "atmega328p");
  fw.frequency = 16000000;
  avr_t* avr = avr_make_mcu_by_name(fw.mmcu);
  if (!avr) return 2;
  avr_init(avr);
  avr->log = 0;
  avr_load_firmware(avr, &fw);
  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~AVR_UART_FLAG_STDIO;
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_byte, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_xoff, NULL);
  avr_irq_t* rx = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);

  unsigned char input[4096];
  size_t n_in = 0, pos = 0;
  avr_cycle_count_t input_at = 0;
  if (argc > 4) {
    FILE* f = fopen(argv[3], "rb");
    if (f) {
      n_in = fread(input, 1, sizeof input, f);
      fclose(f);
    }
    input_at = (avr_cycle_count_t)strtoull(argv[4], NULL, 10) * 16000;
  }
  avr_cycle_count_t limit = (avr_cycle_count_t)strtoull(argv[2], NULL, 10) * 16000;
  for (;;) {
    int state = avr_run(avr);
    if (state == cpu_Done || state == cpu_Crashed) break;
    if (avr->cycle >= limit) break;
    if (pos < n_in && avr->cycle >= input_at && xon) avr_raise_irq(rx, input[pos++]);
  }
  for (size_t done = 0; done < n_out;) {
    ssize_t w = write(out_fd, out + done, n_out - done);
    if (w <= 0) return 1;
    done += (size_t)w;
  }
  return 0;
}
