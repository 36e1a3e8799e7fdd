"""The AVR emulator's stack guard on compiled programs: the stack growing into global data or the heap
stops the run with a stack-overflow fault; within bounds nothing is reported."""

from __future__ import annotations

import subprocess

from tests.avr_fixtures import compile_c, run_hex

PROGRAM = r"""
#include <avr/io.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include <stdlib.h>
volatile uint8_t sink;
char big[BIG];
static uint16_t depth(uint16_t n) {
  volatile uint8_t frame[16];
  frame[n & 15] = n;
  sink = frame[3];
  return n ? depth(n - 1) + frame[n & 15] : 0;
}
int main(void) {
  char *heap = malloc(HEAP);
  heap[0] = 1;
  big[0] = 2;
  sink = depth(DEPTH);
  cli(); sleep_enable(); sleep_cpu();
}
"""


def symbols(elf) -> dict[str, int]:
    out = subprocess.run(["avr-nm", str(elf)], capture_output=True, text=True, check=True).stdout
    return {parts[2]: int(parts[0], 16) & 0xFFFF for parts in (line.split() for line in out.splitlines())
            if len(parts) == 3}


def run(tmp_path, big: int, heap: int, depth: int):
    source = f"#define BIG {big}\n#define HEAP {heap}\n#define DEPTH {depth}\n" + PROGRAM
    elf = compile_c(source, tmp_path, f"stack_{big}_{heap}_{depth}", opt="-O1")
    sym = symbols(elf)
    return run_hex(elf.with_suffix(".hex"), "--guard", hex(sym["__heap_start"]),
                   "--heap-var", hex(sym["__brkval"])), sym


def test_shallow_recursion_runs_to_the_end(tmp_path):
    res, _ = run(tmp_path, 100, 100, 20)
    assert res.stop == "sleep", res.fault


def test_deep_recursion_into_global_data_is_a_stack_overflow(tmp_path):
    res, sym = run(tmp_path, 1500, 0, 200)
    assert res.stop == "fault"
    assert res.fault.startswith("stack overflow")
    assert f"below 0x{sym['__heap_start']:04x}" in res.fault


def test_recursion_into_the_heap_is_a_stack_overflow(tmp_path):
    res, sym = run(tmp_path, 100, 1000, 200)
    assert res.stop == "fault"
    assert res.fault.startswith("stack overflow")
    heap_end = sym["__heap_start"] + 2 + 1000  # malloc's 2-byte header, then the block
    assert f"below 0x{heap_end:04x}" in res.fault
