"""The student's side of a class: how fast the teacher's Stop reaches simulated robots, and the batch queue.

N students join a class served with the embedded broker, each with a simulated robot (sim://, real time)
driving the lesson; once every robot drives, the teacher sends `stop` to the class. Printed: the time
from the command to each robot's `end,stopped` line as its laptop received it (the issue asks ≤ 1 s),
then the queue's speed (entries a second into numbered batches and out again), and what reading the
serial line in every tick (as generated sketches now do, for commands) costs a `sim://` port at full speed.

Run: python benchmarks/bench_class_join.py [--students 5]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from leanbot_kit.classroom.backlog import Backlog
from leanbot_kit.classroom.server import ClassServer, ServeOptions
from leanbot_kit.classroom.student_run import JoinOptions, StudentRun

LESSON = """format: leanbot-lesson/1
id: drive
title: Drive until stopped
telemetry: {rate_hz: 20, fields: [dist_mm, vl, vr]}
program:
  start: now
  steps:
    - run: {left: 800, right: 800}
    - forever:
      steps:
        - wait: 100ms
sim: {world: ../worlds/empty.yaml, duration: 60s}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(options: ServeOptions) -> tuple[ClassServer, asyncio.AbstractEventLoop, object]:
    """The class server on its own loop in a thread (what `leanbot class serve` runs)."""
    server, loop, ready = ClassServer(options), asyncio.new_event_loop(), threading.Event()
    box: dict = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        box["info"] = loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(60)
    return server, loop, box["info"]


def stopped(path: Path) -> bool:
    """The laptop's recording holds the robot's `end,stopped` line."""
    return path.exists() and '"args":["stopped"]' in path.read_text(encoding="utf-8")


def stop_latency(students: int, folder: Path) -> list[float]:
    root = Path(__file__).resolve().parents[1]
    (folder / "worlds").mkdir(parents=True)
    (folder / "worlds" / "empty.yaml").write_bytes((root / "worlds" / "empty.yaml").read_bytes())
    (folder / "lesson").mkdir()
    lesson = folder / "lesson" / "drive.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    mq = free_port()
    server, loop, info = serve(ServeOptions(cls="bench", lesson=lesson, mqtt=("127.0.0.1", mq),
                                            listen=("127.0.0.1", free_port()), record_dir=folder / "rec"))
    runs, stops, threads = [], [], []
    for i in range(students):
        run = StudentRun(JoinOptions("127.0.0.1", mq, info.code, f"s{i}", f"sim://{lesson}?speed=1",
                                     record=folder / f"s{i}.jsonl", folder=folder / f"s{i}"))
        run.prepare()
        stop = threading.Event()
        thread = threading.Thread(target=lambda r=run, s=stop: list(r.run(s)), daemon=True)
        thread.start()
        runs.append(run)
        stops.append(stop)
        threads.append(thread)
    end = time.time() + 120
    while time.time() < end and not all(r.robot.stats and r.robot.stats.frames > 20 for r in runs):
        time.sleep(0.1)
    sent = time.time()
    asyncio.run_coroutine_threadsafe(_command(server), loop).result(10)
    got: list[float | None] = [None] * students  # polled every 10 ms
    while time.time() < sent + 10 and None in got:
        got = [g if g is not None or not stopped(folder / f"s{i}.jsonl") else time.time()
               for i, g in enumerate(got)]
        time.sleep(0.01)
    for stop, thread in zip(stops, threads, strict=True):
        stop.set()
        thread.join(20)
    asyncio.run_coroutine_threadsafe(server.stop(report=False), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    return [g - sent if g is not None else float("inf") for g in got]


async def _command(server: ClassServer) -> None:
    server.hub.command("stop")


def queue_speed(entries: int = 200_000) -> float:
    frame = {"type": "frame", "host_t": 1.0, "robot_t": 1000, "seq": 1,
             "values": {"dist_mm": 120, "vl": 800, "vr": 800}, "raw": "$1,1000,120,800,800*00"}
    backlog = Backlog("bench", queue_max=entries)
    t0 = time.perf_counter()
    for i in range(entries):
        backlog.add([frame])
        if i % 2 == 1:
            backlog.seal()
            for n, _payload in backlog.take(1000):
                backlog.delivered(n)
    return entries / (time.perf_counter() - t0)


SKETCH = """#include <Leanbot.h>
void setup() { Leanbot.begin(); }
unsigned long n = 0;
void loop() { LbDelay(1);%s if (++n %% 100 == 0) Serial.println(millis()); }
"""


def port_speed(folder: Path, reads: bool, seconds: float = 3.0) -> float:
    """Simulated seconds per wall second of a sim:// port at speed=max, the sketch reading Serial or not."""
    import serial

    import leanbot_kit.ports  # noqa: F401 - registers sim://

    name = "reads" if reads else "quiet"
    (folder / name).mkdir(parents=True, exist_ok=True)
    ino = folder / name / f"{name}.ino"
    ino.write_text(SKETCH % (" Serial.available();" if reads else ""), encoding="utf-8")
    with serial.serial_for_url(f"sim://{ino}?speed=max", timeout=0.5) as port:
        buf, t0 = b"", None
        while t0 is None or time.monotonic() - t0 < seconds:
            buf += port.read(port.in_waiting or 1)
            if t0 is None and b"\n" in buf:
                t0, buf = time.monotonic(), b""
    return int(buf.split(b"\r\n")[-2]) / 1000 / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        latency = stop_latency(args.students, Path(tmp))
    print(f"stop → end,stopped on {args.students} simulated robots (embedded broker): "
          f"median {statistics.median(latency) * 1000:.0f} ms, max {max(latency) * 1000:.0f} ms "
          f"(target ≤ 1000 ms)")
    print(f"batch queue: {queue_speed():,.0f} entries/s in and out (a class robot makes ~20/s)")
    with tempfile.TemporaryDirectory() as tmp:
        quiet, reads = port_speed(Path(tmp), False), port_speed(Path(tmp), True)
    print(f"sim:// at speed=max: {quiet:,.0f}x real time; reading Serial every tick: {reads:,.0f}x")


if __name__ == "__main__":
    main()
