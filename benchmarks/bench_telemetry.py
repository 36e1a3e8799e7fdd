"""Telemetry performance: parser lines per second, and a class of 8 robots monitored at once.

Run: python benchmarks/bench_telemetry.py [--robots 8] [--seconds 60] [--rate 50]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import tempfile
import threading
import time
from pathlib import Path

from leanbot_kit.telemetry.protocol import Parser, encode_event, encode_frame, encode_header
from leanbot_kit.telemetry.recording import Recorder
from leanbot_kit.telemetry.session import Session, SessionOptions, run_sessions

PARSER_TARGET = 200_000  # lines per second on one core (DESIGN.md §10)
FIELDS = ("line", "ping_mm", "dist_mm", "rot_deg", "vl", "vr")


def robot_stream(frames: int, period_ms: int, seed: int) -> list[tuple[float, bytes]]:
    """A robot's lines with their robot times: header every 5 s, a step event every 2 s, prints."""
    rnd = random.Random(seed)
    out, seq = [(0.0, b"LB%06d\n" % seed), (0.0, encode_header("bench", period_ms, FIELDS)),
                (0.0, encode_event(0, 0, "boot"))], 1
    for i in range(frames):
        t = i * period_ms
        if t % 5000 == 0 and i:
            out.append((t / 1000, encode_header("bench", period_ms, FIELDS)))
        if t % 2000 == 0:
            out.append((t / 1000, encode_event(seq & 0xFFFF, t, "step", [t // 2000])))
            seq += 1
        if i % 97 == 0:
            out.append((t / 1000, b"student print %d\r\n" % i))
        values = (rnd.randrange(16), rnd.randrange(10000), i * 4, i // 10, 1200, -1200)
        out.append((t / 1000, encode_frame(seq & 0xFFFF, t, values)))
        seq += 1
    return out


def bench_parser(lines: int = 200_000) -> float:
    """Lines per second through one Parser (best of 3), fed in 4 KiB chunks like a serial port."""
    stream = b"".join(line for _t, line in robot_stream(lines, 20, 1))
    chunks = [stream[i:i + 4096] for i in range(0, len(stream), 4096)]
    best = 0.0
    for _ in range(3):
        parser = Parser()
        start = time.process_time()
        for chunk in chunks:
            parser.feed(chunk)
        elapsed = time.process_time() - start
        best = max(best, parser.lines / elapsed)
    return best


BENCH_LESSON = """\
format: leanbot-lesson/1
id: bench-class
title: "Telemetry benchmark: drive a square forever"
telemetry: {rate_hz: %d, fields: [line, ping_mm, dist_mm, rot_deg, vl, vr]}
program:
  start: now
  steps:
    - forever:
      steps:
        - forward: 200mm
          speed: 1200
        - turn_right: 90deg
"""


def sim_ports(folder: Path, robots: int, rate: int, speed: str) -> list[str] | None:
    """sim:// ports running a lesson that streams at `rate` Hz (None when sim:// cannot run here)."""
    if importlib.util.find_spec("leanbot_kit.ports.protocol_sim") is None:
        return None
    from leanbot_kit.errors import LeanbotError
    from leanbot_kit.ports.open import open_port

    lesson = folder / "bench-class.yaml"
    lesson.write_text(BENCH_LESSON % rate)
    ports = [f"sim://{lesson}?speed={speed}&seed={r + 1}" for r in range(robots)]
    try:  # build the simulated robot once, outside the measurement
        open_port(ports[0]).close()
    except LeanbotError:
        return None
    return ports


def replay_ports(folder: Path, robots: int, seconds: int, rate: int) -> list[str]:
    """replay:// ports of streams generated with the protocol encoders."""
    period = 1000 // rate
    ports = []
    for r in range(robots):
        path = folder / f"robot{r}.jsonl"
        parser, rec = Parser(), Recorder(path, port=f"bench{r}")
        for t, line in robot_stream(seconds * rate, period, r + 1):
            for msg in parser.feed(line):
                rec.write(msg, t)
        rec.close()
        ports.append(f"replay://{path}?speed=max")
    return ports


def class_ports(folder: Path, robots: int, seconds: int, rate: int, speed: str) -> tuple[list[str], str]:
    """The ports of the class: sim:// when it runs here, else replays of generated streams."""
    ports = sim_ports(folder, robots, rate, speed)
    if ports is not None:
        return ports, f"sim:// (the simulated Leanbot running a {rate} Hz lesson, speed={speed})"
    return (replay_ports(folder, robots, seconds, rate),
            "replay:// of streams generated with the protocol encoders (sim:// unavailable)")


def bench_class(robots: int, seconds: int, rate: int, speed: str) -> None:
    """Monitor `robots` robots at once, recording each, and count what the host lost."""
    expected = seconds * rate
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ports, source = class_ports(folder, robots, seconds, rate, speed)
        sessions = [Session(SessionOptions(p, record=folder / f"out{i}.jsonl"))
                    for i, p in enumerate(ports)]
        stop, frames = threading.Event(), dict.fromkeys(ports, 0)
        cpu0, wall0 = time.process_time(), time.monotonic()
        for update in run_sessions(sessions, stop, duration=120):
            frames[update.port] = update.stats.frames
            if all(n >= expected for n in frames.values()):
                stop.set()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
        total = sum(frames.values())
        lost = sum(s.parser.lost for s in sessions)
        corrupt = sum(s.parser.corrupt for s in sessions)
        print(f"class: {robots} robots x {rate} frames/s x {seconds} s simulated; source: {source}")
        print(f"  frames received {total} (at least {expected} per robot expected); "
              f"lost {lost}; corrupt {corrupt}")
        print(f"  wall {wall:.2f} s ({total / rate / wall:.0f} simulated robot-seconds monitored per second); "
              f"CPU {cpu:.2f} s = {1e6 * cpu / max(total, 1):.1f} µs per frame "
              f"(parse + record + state, all threads)")
        print(f"  zero frames lost by the host: {'yes' if lost == 0 and min(frames.values()) >= expected else 'NO'}")


def main() -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--robots", type=int, default=8)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--rate", type=int, default=50)
    ap.add_argument("--speed", default="max", help="sim:// pace: max, or N times real time")
    args = ap.parse_args()
    rate = bench_parser()
    print(f"parser: {rate:,.0f} lines/s on one core; target {PARSER_TARGET:,}; "
          f"ratio {rate / PARSER_TARGET:.2f}x")
    bench_class(args.robots, args.seconds, args.rate, args.speed)


if __name__ == "__main__":
    main()
