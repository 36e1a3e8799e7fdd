"""Benchmark: validate + generate throughput of the sample lessons, and `leanbot --help` start-up.

Prints figures only (no pass/fail): lessons per second over several rounds, and the wall time of
`leanbot --help` next to `python -c pass` as a ratio.  Run: python benchmarks/bench_generate.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 5
STARTS = 7


def generate_rate(rounds: int = ROUNDS) -> tuple[int, list[float]]:
    """Lessons per second of load+validate+generate, one figure per round (after a warm-up)."""
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.lesson import load_lesson
    from leanbot_kit.resources import lessons_dir

    samples = sorted(p for p in lessons_dir().glob("*.yaml") if p.name != "course.yaml")
    rates = []
    with tempfile.TemporaryDirectory(prefix="leanbot-bench-") as out:
        for _ in range(rounds + 1):
            began = time.perf_counter()
            for path in samples:
                generate_sketch(load_lesson(path), out)
            rates.append(len(samples) / (time.perf_counter() - began))
    return len(samples), rates[1:]


def wall_time(cmd: list[str], runs: int = STARTS) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def leanbot_command() -> list[str]:
    """The installed `leanbot` script beside this Python, else `python -m leanbot_kit`."""
    script = Path(sys.executable).with_name("leanbot")
    if script.exists():
        return [str(script)]
    found = shutil.which("leanbot")
    return [found] if found else [sys.executable, "-m", "leanbot_kit"]


def main() -> int:
    count, rates = generate_rate()
    print(f"validate+generate: {count} sample lessons, {len(rates)} rounds")
    print(
        f"  lessons/s  median {statistics.median(rates):8.1f}   best {max(rates):8.1f}   "
        f"worst {min(rates):8.1f}"
    )
    python = wall_time([sys.executable, "-c", "pass"])
    leanbot = wall_time([*leanbot_command(), "--help"])
    print(f"start-up (median of {STARTS}):")
    print(f"  python -c pass   {python * 1000:7.1f} ms")
    print(
        f"  leanbot --help   {leanbot * 1000:7.1f} ms   ratio {leanbot / python:5.2f}x   "
        f"(target: <= 250 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
