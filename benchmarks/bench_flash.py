"""Flashing a class through the fake arduino-cli: 8 robots vs 1 (target ≤ 1.3×), cold vs warm build.

Each fake upload takes 2 s (as a real 20 kB upload at 115200 baud does); a cold compile takes
FAKE_ARDUINO_CLI_COMPILE_SECONDS: 5 s here, a real arduino-cli compile of a lesson sketch when
arduino-cli's own core cache is warm (the very first compile, core and Leanbot library included,
takes 20 s or more on a school laptop). A warm build is what our cache costs: `version`, `core list`
and `lib list` (asked at once) and hashing the sketch. Run:

    python benchmarks/bench_flash.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKE = ROOT / "tests" / "fake_arduino_cli" / "arduino-cli"
UPLOAD_SECONDS = 2.0
COMPILE_SECONDS = 5.0
ROBOTS = 8

SKETCH = """#include <Leanbot.h>
void setup() { Leanbot.begin(); }
void loop() {
  // Step 1: forward
  LbMotion.runLR(400, 400);
  LbDelay(100);
}
"""


def _prepare(work: Path) -> Path:
    os.environ.update({
        "ARDUINO_CLI": f'"{sys.executable}" -S "{FAKE}"',
        "FAKE_ARDUINO_CLI_STATE_DIR": str(work / "state"),
        "FAKE_ARDUINO_CLI_UPLOAD_SECONDS": str(UPLOAD_SECONDS),
        "FAKE_ARDUINO_CLI_COMPILE_SECONDS": str(COMPILE_SECONDS),
        "LEANBOT_CACHE": str(work / "cache"),
    })
    folder = work / "Bench"
    folder.mkdir()
    (folder / "Bench.ino").write_text(SKETCH)
    return folder


def _timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def _best(runs: int, fn, *args) -> float:
    """The fastest of `runs` timings (the least disturbed by other work on the machine)."""
    times = []
    for _ in range(runs):
        seconds, result = _timed(fn, *args)
        if isinstance(result, list):
            assert all(r.ok for r in result)
        times.append(seconds)
    return min(times)


def main() -> None:
    """Print the timings and ratios."""
    from leanbot_kit.arduino.build import build_sketch
    from leanbot_kit.arduino.flash import flash

    with tempfile.TemporaryDirectory() as tmp:
        sketch = _prepare(Path(tmp))
        cold, first = _timed(build_sketch, sketch)
        assert not first.cached
        warm = _best(3, build_sketch, sketch)
        print(f"build: cold {cold:.2f} s, warm {warm:.3f} s (best of 3), "
              f"cold/warm = {cold / warm:.1f}x (target >= 20x)")

        one = _best(2, flash, sketch, ["/dev/ttyUSB0"])
        many = _best(2, flash, sketch, [f"/dev/ttyUSB{i}" for i in range(ROBOTS)])
        print(f"flash: 1 robot {one:.2f} s, {ROBOTS} robots {many:.2f} s (best of 2), "
              f"ratio = {many / one:.2f} (target <= 1.3)")
        if hasattr(os, "getloadavg"):
            print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
