"""The simulator's memory for a sketch that prints without end: peak RSS for ~100 MB of Serial output.

A sketch prints 80-character lines in `loop()` for as long as the run lasts; the run is done in a
child Python process that then reports the Serial bytes, the wall time and its own peak RSS (the
robot process writes straight to a file, so Python's memory must not grow with the output).

Run: python benchmarks/bench_sim_memory.py [--mb 100]
Target (issue 12): memory flat — the same peak for 10 MB as for 100 MB of output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SKETCH = """void setup() { Serial.begin(115200); }
void loop() {
  Serial.println("the quick brown fox jumps over the lazy dog 0123456789 the quick brown fox jumps");
}
"""
CHILD = """
import json, resource, sys, time
from leanbot_kit.sim.run import simulate
start = time.perf_counter()
run = simulate(sys.argv[1], duration_ms=int(sys.argv[2]), wall_limit_s=3600)
print(json.dumps({"bytes": run.serial_size, "wall_s": time.perf_counter() - start,
                  "console_kept": len(run.console), "console_total": run.console_total,
                  "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""
BYTES_PER_SIM_SECOND = 11_500  # 115200 baud, as the runtime times Serial (measured)


def run(ino: Path, megabytes: float) -> dict:
    """Simulate long enough for about `megabytes` MB of output; the child's figures."""
    duration_ms = max(1000, int(megabytes * 1e6 / BYTES_PER_SIM_SECOND * 1000))
    done = subprocess.run([sys.executable, "-c", CHILD, str(ino), str(duration_ms)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="Serial output to produce, in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sim-mem-") as tmp:
        ino = Path(tmp) / "spam" / "spam.ino"
        ino.parent.mkdir()
        ino.write_text(SKETCH)
        run(ino, 1)  # build (cached) before measuring
        for mb in (args.mb / 10, args.mb):
            r = run(ino, mb)
            print(f"Serial output {r['bytes'] / 1e6:6.1f} MB: peak RSS {r['peak_rss'] / 1e6:5.0f} MB, "
                  f"{r['wall_s']:.1f} s, console lines kept {r['console_kept']} of "
                  f"{r['console_total']}")


if __name__ == "__main__":
    main()
