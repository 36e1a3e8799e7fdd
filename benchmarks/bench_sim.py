"""Simulator benchmark: simulated seconds per wall second, against simavr, and cold vs cached builds.

Run: python benchmarks/bench_sim.py [--seconds 60]
Prints the figures of DESIGN.md §10 for the native backend: the line-following lesson's speed
(target ≥ 1000× real time), a busy loop on our simulator and on simavr (target: ours ≥ 200× simavr's),
and the time of a cold build (runtime + sketch) against a cached one (target ≥ 20×). Then the AVR
backend's (issue 9): the sample lessons together (≥ 500× real time), a CPU-bound sketch (≥ 15×),
the same CPU-bound ELF on simavr (ours ≥ 3× simavr's), and a changed sketch to its first Serial
line with the core cached (≤ 1.5 s). Uses a fresh temporary cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUSY_INO = """// A busy loop: 1 ms waits, a dot every 100 ms (the same as busy.c for simavr).
void setup() { Serial.begin(115200); }
unsigned long ms = 0;
void loop() {
  delay(1);
  if (ms % 100 == 0) Serial.print('.');
  ms++;
}
"""
BUSY_C = r"""#include <avr/io.h>
#include <avr/interrupt.h>
#include <avr/sleep.h>
#include <util/delay.h>
static void put(char c) { while (!(UCSR0A & (1 << UDRE0))) {} UDR0 = c; }
int main(void) {
  UBRR0H = 0; UBRR0L = 8; UCSR0B = (1 << TXEN0); UCSR0C = (1 << UCSZ01) | (1 << UCSZ00);
  for (unsigned long ms = 0; ms < SECONDS * 1000UL; ms++) {
    _delay_ms(1);
    if (ms % 100 == 0) put('.');
  }
  put('\n');
  cli(); sleep_enable(); sleep_cpu();  /* simavr stops here */
  return 0;
}
"""


def bench_build(work: Path) -> tuple[float, float, float]:
    """Seconds for a cold build (runtime and sketch), the same build cached, and a changed sketch."""
    from leanbot_kit.sim.build import build_sketch

    sketch = work / "busy"
    sketch.mkdir()
    (sketch / "busy.ino").write_text(BUSY_INO)
    t0 = time.perf_counter()
    first = build_sketch(sketch)  # the native backend's build
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = build_sketch(sketch)
    cached = time.perf_counter() - t0
    if first.cached or not second.cached:
        raise RuntimeError("the runtime sources changed during the measurement; run again")
    (sketch / "busy.ino").write_text(BUSY_INO + "// changed\n")
    t0 = time.perf_counter()
    build_sketch(sketch)
    return cold, cached, time.perf_counter() - t0


def bench_line_follow(seconds: float) -> tuple[float, str]:
    """Simulated seconds per wall second of the line-following lesson on the oval."""
    from leanbot_kit.sim.run import simulate

    lesson = ROOT / "lessons" / "line-follow.yaml"
    simulate(lesson, duration_ms=1000, cpu="native")  # build outside the measurement
    run = simulate(lesson, duration_ms=int(seconds * 1000), world="oval", cpu="native")
    return run.sim_ms / 1000 / run.wall_s, f"{run.sim_ms / 1000:.0f} s simulated in {run.wall_s:.3f} s"


def bench_busy(work: Path, seconds: float) -> float:
    """Simulated seconds per wall second of the busy loop on our simulator."""
    from leanbot_kit.sim.run import simulate

    run = simulate(work / "busy", duration_ms=int(seconds * 1000), cpu="native")
    return run.sim_ms / 1000 / run.wall_s


def bench_simavr(work: Path, seconds: int) -> float | None:
    """Simulated seconds per wall second of the same busy loop on simavr (None if not installed)."""
    if not (shutil.which("avr-gcc") and shutil.which("simavr")):
        return None
    src, elf = work / "busy.c", work / "busy.elf"
    src.write_text(BUSY_C)
    subprocess.run(["avr-gcc", "-mmcu=atmega328p", "-DF_CPU=16000000UL", f"-DSECONDS={seconds}",
                    "-Os", str(src), "-o", str(elf)], check=True)
    t0 = time.perf_counter()
    subprocess.run(["simavr", "-m", "atmega328p", "-f", "16000000", str(elf)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=600)
    return seconds / (time.perf_counter() - t0)


def main() -> int:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="simulated seconds per run")
    parser.add_argument("--simavr-seconds", type=int, default=5, help="simulated seconds on simavr")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sim-") as tmp:
        work = Path(tmp)
        os.environ["LEANBOT_CACHE"] = str(work / "cache")
        cold, cached, sketch_only = bench_build(work)
        print(f"build: cold {cold:.2f} s, cached {cached * 1000:.1f} ms -> {cold / cached:.0f}x "
              f"(target >= 20x); a changed sketch (runtime cached) {sketch_only:.2f} s")
        ours_busy = bench_busy(work, args.seconds)
        print(f"busy loop, ours: {ours_busy:.0f}x real time")
        avr = bench_simavr(work, args.simavr_seconds)
        if avr is None:
            print("simavr / avr-gcc not installed: comparison skipped")
        else:
            print(f"busy loop, simavr: {avr:.1f}x real time -> ours is {ours_busy / avr:.0f}x simavr "
                  "(target >= 200x)")
        try:
            speed, detail = bench_line_follow(args.seconds)
            print(f"line-follow lesson: {speed:.0f}x real time ({detail}) (target >= 1000x)")
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and carries on
            print(f"line-follow lesson: not measured ({exc})")
        from benchmarks.bench_sim_avr import print_avr_figures

        print_avr_figures(work, args.seconds)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
