"""`leanbot report` on a big recording: throughput (MB/s on one core) and peak memory.

Writes a recording of the size asked for (a robot streaming 6 fields at 50 Hz, step events, prints,
a few damaged lines), then runs `leanbot report` (and `--plot`) on it in a child process and prints
wall time, CPU time, MB/s of recording per CPU second, and the child's peak RSS.

Run: python benchmarks/bench_report.py [--mb 1000] [--plot]
Targets (issue 12): at least 100 MB/s on one core; peak memory at most 150 MB for 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIELDS = ("line", "ping_mm", "dist_mm", "rot_deg", "vl", "vr")


def write_recording(path: Path, megabytes: float) -> int:
    """A recording of about `megabytes` MB, written as the recorder writes it; returns its size."""
    rnd = random.Random(1)
    header = {"type": "recording", "version": 1, "port": "COM3", "robot_id": None,
              "lesson": "bench", "schema": list(FIELDS), "started": "2026-11-28T09:00:00+00:00"}
    limit = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, separators=(",", ":")) + "\n")
        block, seq, i = [], 0, 0
        while fh.tell() < limit:
            for _ in range(5000):
                t = i * 20
                if i % 100 == 0:
                    block.append({"type": "event", "host_t": t / 1000, "robot_t": t, "seq": seq,
                                  "kind": "step", "args": [i // 100], "raw": f"!{seq},{t},step*00"})
                    seq = (seq + 1) % 65536
                values = dict(zip(FIELDS, (rnd.randrange(16), rnd.randrange(3000), i * 4, i // 10,
                                           1200, -1200), strict=True))
                block.append({"type": "frame", "host_t": round(t / 1000 + 0.003, 4), "robot_t": t,
                              "seq": seq, "values": values,
                              "raw": f"${seq},{t},{','.join(map(str, values.values()))}*00"})
                seq = (seq + 1) % 65536
                i += 1
            lines = [json.dumps(e, separators=(",", ":")) for e in block]
            lines[len(lines) // 2] = lines[len(lines) // 2][:40]  # a damaged entry now and then
            fh.write("\n".join(lines) + "\n")
            block = []
    return path.stat().st_size


def run_report(path: Path, plot: Path | None) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of `leanbot report`, and what it printed."""
    cmd = [sys.executable, "-m", "leanbot_kit", "report", str(path)]
    if plot is not None:
        cmd += ["--plot", str(plot)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return wall, cpu, after.ru_maxrss * 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="size of the recording in MB")
    parser.add_argument("--plot", action="store_true", help="also draw the plot")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        path = Path(tmp) / "big.jsonl"
        size = write_recording(path, args.mb)
        print(f"recording: {size / 1e6:.0f} MB")
        for plot in (None, Path(tmp) / "big.png") if args.plot else (None,):
            wall, cpu, rss, out = run_report(path, plot)
            what = "report --plot" if plot else "report"
            print(f"{what}: {wall:.1f} s wall, {cpu:.1f} s CPU, {size / 1e6 / cpu:.0f} MB/s per CPU "
                  f"second, peak RSS {rss / 1e6:.0f} MB")
        print("last lines of the report:", *out.strip().splitlines()[-2:], sep="\n  ")
    print(f"(load average {os.getloadavg()[0]:.1f}: figures are per CPU second, not wall time)")


if __name__ == "__main__":
    main()
