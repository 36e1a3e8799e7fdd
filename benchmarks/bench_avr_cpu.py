"""Benchmark: the AVR emulator on a CPU-bound program, next to simavr on the same ELF.

Builds one ELF with avr-gcc (integer, 32-bit, CRC, sorting and float work, ~155 M cycles), runs it on our
emulator (the avr_selftest driver) and on simavr, checks both print the same result, and prints simulated
cycles per second, × real time (16 MHz) and the ratio ours / simavr. Figures only, no pass/fail.
Run: python benchmarks/bench_avr_cpu.py [--rounds N]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CLOCK = 16_000_000

PROGRAM = r"""
#include <avr/io.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include <stdlib.h>
static void put(char c) { while (!(UCSR0A & _BV(UDRE0))); UDR0 = c; }
static uint16_t crc16(const uint8_t *p, int n, uint16_t crc) {
  while (n--) { crc ^= *p++; for (uint8_t k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ 0xA001 : crc >> 1; }
  return crc;
}
static int cmp(const void *a, const void *b) { return *(const int16_t *)a - *(const int16_t *)b; }
int main(void) {
  UCSR0A = _BV(U2X0); UBRR0 = 16; UCSR0B = _BV(TXEN0);
  static int16_t v[200];
  uint32_t x = 1, acc = 0;
  uint16_t crc = 0xFFFF;
  volatile float f = 1.0f;
  for (uint16_t round = 0; round < ROUNDS; round++) {
    for (uint8_t i = 0; i < 200; i++) { x = x * 1103515245UL + 12345; v[i] = (int16_t)(x >> 16); }
    qsort(v, 200, sizeof v[0], cmp);
    crc = crc16((const uint8_t *)v, sizeof v, crc);
    acc += x / (round + 7) + v[100];
    f = f * 1.0001f + 0.5f;
  }
  char b[12];
  ultoa(acc ^ crc, b, 16);
  for (char *p = b; *p; p++) put(*p);
  put(' ');
  ultoa((uint32_t)f, b, 10);
  for (char *p = b; *p; p++) put(*p);
  put('\n');
  UCSR0A |= _BV(TXC0);
  while (!(UCSR0A & _BV(TXC0)));
  cli(); sleep_enable(); sleep_cpu();
}
"""


def build(folder: Path, rounds: int) -> Path:
    """The benchmark ELF (and its .hex)."""
    src, elf = folder / "bench.c", folder / "bench.elf"
    src.write_text(PROGRAM)
    subprocess.run(["avr-gcc", "-mmcu=atmega328p", "-Os", f"-DROUNDS={rounds}", str(src), "-o", str(elf)],
                   check=True)
    subprocess.run(["avr-objcopy", "-O", "ihex", str(elf), str(elf.with_suffix(".hex"))], check=True)
    return elf


def timed(cmd: list[str]) -> tuple[float, float, str, str]:
    """Run a command: wall seconds, CPU seconds (user + system of the child), stdout, stderr.

    The CPU time is the fair figure on a shared machine: the wall time also counts waiting for a core.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def run_ours(driver: Path, hexfile: Path) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, cycles, output line."""
    wall, cpu, out, _ = timed([str(driver), str(hexfile), "--cycles", str(10**12)])
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    assert values["stop"] == "sleep", out
    return wall, cpu, int(values["cycles"]), bytes.fromhex(values["uart"]).decode().strip()


def run_simavr(elf: Path) -> tuple[float, float, str]:
    wall, cpu, _, err = timed(["simavr", "-m", "atmega328p", "-f", str(CLOCK), str(elf)])
    return wall, cpu, re.sub(r"\x1b\[[0-9;]*m", "", err).strip().rstrip(".")


def report(name: str, cycles: int, wall: float, cpu: float, note: str) -> None:
    print(f"{name + ':':8}{cpu:7.3f} s CPU {cycles / cpu / 1e6:7.1f} M cycles/s {cycles / CLOCK / cpu:6.1f}x real time"
          f" | {wall:7.3f} s wall {cycles / CLOCK / wall:6.1f}x real time{note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each emulator (median)")
    parser.add_argument("--work", type=int, default=800, help="program rounds (~0.2 M cycles each)")
    args = parser.parse_args()
    if not shutil.which("avr-gcc"):
        print("avr-gcc is not installed")
        return 1
    from leanbot_kit.sim.avr_build import build_selftest

    driver = build_selftest()
    with tempfile.TemporaryDirectory(prefix="leanbot-avr-bench-") as tmp:
        elf = build(Path(tmp), args.work)
        ours = [run_ours(driver, elf.with_suffix(".hex")) for _ in range(args.rounds)]
        cycles, output = ours[0][2], ours[0][3]
        print(f"program: {cycles / 1e6:.1f} M cycles ({cycles / CLOCK:.2f} s at 16 MHz), prints {output!r}")
        wall, cpu = (statistics.median(o[i] for o in ours) for i in (0, 1))
        report("ours", cycles, wall, cpu, "")
        if not shutil.which("simavr"):
            print("simavr: not installed")
            return 0
        sims = [run_simavr(elf) for _ in range(args.rounds)]
        sim_wall, sim_cpu = (statistics.median(s[i] for s in sims) for i in (0, 1))
        same = "same output" if sims[0][2] == output else f"DIFFERENT output {sims[0][2]!r}"
        report("simavr", cycles, sim_wall, sim_cpu, f"  ({same})")
        print(f"ours / simavr: {sim_cpu / cpu:.2f}x by CPU time, {sim_wall / wall:.2f}x by wall time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
