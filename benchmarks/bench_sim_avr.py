"""The AVR backend's figures (issue 9), printed by bench_sim.py (or run on their own).

Run: python benchmarks/bench_sim_avr.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CPU-bound: nothing but arithmetic between two Serial lines (no delay, no Leanbot call to jump over).
CPU_INO = """// CRC-32 over and over: the chip never waits.
unsigned long crc = 0xFFFFFFFFUL;
unsigned long rounds = 0;
void setup() { Serial.begin(115200); }
void loop() {
  for (unsigned int i = 0; i < 256; i++) {
    crc ^= (byte)i;
    for (byte k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320UL & (0 - (crc & 1)));
  }
  if (++rounds % 100 == 0) Serial.println(crc, HEX);
}
"""
FIRST_LINE_INO = """void setup() { Serial.begin(115200); Serial.println("hello %d"); }
void loop() {}
"""


def child_cpu_s() -> float:
    """CPU seconds used by finished child processes (the robot processes) so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_lessons(seconds: float) -> tuple[float, str]:
    """Every sample lesson on the AVR backend: simulated time over wall time, all together.

    The detail also gives simulated time over the robot processes' CPU time: on a shared, loaded
    machine the wall-clock ratio says more about the other processes than about the simulator."""
    from leanbot_kit.course.load import is_course_file
    from leanbot_kit.sim.run import simulate

    lessons = sorted(p for p in (ROOT / "lessons").glob("*.yaml") if not is_course_file(p))
    sim_s = wall_s = cpu_s = 0.0
    for lesson in lessons:
        simulate(lesson, duration_ms=100, cpu="avr")  # build outside the measurement
        before = child_cpu_s()
        run = simulate(lesson, duration_ms=int(seconds * 1000), cpu="avr")
        cpu_s += child_cpu_s() - before
        sim_s += run.sim_ms / 1000
        wall_s += run.wall_s
    return sim_s / wall_s, (f"{len(lessons)} lessons, {sim_s:.0f} s simulated in {wall_s:.2f} s; "
                            f"{sim_s / max(cpu_s, 1e-6):.0f}x per CPU second")


def bench_cpu_bound(work: Path, seconds: float) -> tuple[float, Path]:
    """The CPU-bound sketch on the AVR backend (× real time) and its ELF."""
    from leanbot_kit.sim.avr_sketch import build_avr_sketch
    from leanbot_kit.sim.run import simulate

    sketch = work / "cpu_bound"
    sketch.mkdir()
    (sketch / "cpu_bound.ino").write_text(CPU_INO)
    build = build_avr_sketch(sketch)
    before = child_cpu_s()
    run = simulate(sketch, duration_ms=int(seconds * 1000), cpu="avr")
    per_cpu = run.sim_ms / 1000 / max(child_cpu_s() - before, 1e-6)
    return run.speedup, per_cpu, build.binary.with_name("robot.elf")


def bench_simavr(work: Path, elf: Path, seconds: float) -> tuple[float, float] | None:
    """The same ELF on simavr (through the tests' libsimavr harness): × real time, or None."""
    header = Path("/usr/include/simavr/sim_avr.h")
    cc = shutil.which("gcc") or shutil.which("cc")
    if not header.is_file() or cc is None:
        return None
    harness = work / "simavr_uart"
    subprocess.run([cc, "-O2", "-o", str(harness), str(ROOT / "tests" / "avr_diff" / "simavr_uart.c"),
                    "-lsimavr"], check=True)
    t0, c0 = time.perf_counter(), child_cpu_s()
    subprocess.run([str(harness), str(elf), str(int(seconds * 1000))], stdout=subprocess.DEVNULL,
                   check=True, timeout=900)
    return seconds / (time.perf_counter() - t0), seconds / max(child_cpu_s() - c0, 1e-6)


def bench_first_line(work: Path) -> float:
    """Seconds from a changed sketch to its first Serial line (core and host cached)."""
    from leanbot_kit.sim.run import simulate

    sketch = work / "first"
    sketch.mkdir()
    (sketch / "first.ino").write_text(FIRST_LINE_INO.replace("%d", "0"))
    simulate(sketch, duration_ms=100, cpu="avr")  # core + host built and cached
    (sketch / "first.ino").write_text(FIRST_LINE_INO.replace("%d", "1"))
    t0 = time.perf_counter()
    from leanbot_kit.sim.live import LiveRobot

    robot = LiveRobot(str(sketch), speed=0, cpu="avr")
    try:
        proc = robot.start()
        line = proc.stdout.readline()
        took = time.perf_counter() - t0
    finally:
        robot.close()
    if b"hello 1" not in line:
        raise RuntimeError(f"unexpected first line {line!r}")
    return took


def print_avr_figures(work: Path, seconds: float) -> None:
    """Measure and print the AVR backend's figures."""
    from leanbot_kit.sim.avr_toolchain import current_avr_toolchain

    if current_avr_toolchain() is None:
        print("AVR backend: no avr-g++ / Arduino AVR core: skipped")
        return
    first = bench_first_line(work)
    print(f"AVR: changed sketch to its first Serial line (core cached): {first:.2f} s (target <= 1.5 s)")
    speed, detail = bench_lessons(seconds)
    print(f"AVR: sample lessons together: {speed:.0f}x real time ({detail}) (target >= 500x)")
    cpu, cpu_per_s, elf = bench_cpu_bound(work, min(seconds, 20))
    print(f"AVR: CPU-bound sketch: {cpu:.1f}x real time, {cpu_per_s:.1f}x per CPU second (target >= 15x)")
    ref = bench_simavr(work, elf, 5)
    if ref is None:
        print("AVR: simavr comparison skipped (needs libsimavr-dev and gcc)")
    else:
        print(f"AVR: same ELF on simavr: {ref[0]:.1f}x real time, {ref[1]:.1f}x per CPU second -> ours is "
              f"{cpu / ref[0]:.1f}x simavr by the clock, {cpu_per_s / ref[1]:.1f}x by CPU time (target >= 3x)")


def main() -> int:
    """Run the AVR measurements alone in a fresh cache."""
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="simulated seconds per run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-avr-") as tmp:
        os.environ["LEANBOT_CACHE"] = str(Path(tmp) / "cache")
        print_avr_figures(Path(tmp), args.seconds)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
