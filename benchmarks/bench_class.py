"""A class at scale: N students × R frames/s through the broker to the dashboard's live socket.

The teacher runs as a real `leanbot class serve` process (embedded broker, then mosquitto with
`--broker`); N student publishers follow the contract (batches of recording entries about every
100 ms, QoS 1); one websocket client plays the page and counts. Printed: frames sent and received,
latency from the frame's creation to the page (p50/p95/max), CPU of the teacher's process (and of
mosquitto) as % of one core.

Run: python benchmarks/bench_class.py [--students 40] [--rate 20] [--seconds 20] [--broker both]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leanbot_kit.classroom import contract  # noqa: E402
from leanbot_kit.classroom.mosquitto import write_files  # noqa: E402
from leanbot_kit.telemetry.protocol import encode_frame  # noqa: E402

FIELDS = ("line", "ir2", "ir0", "ir1", "ir3", "dist_mm", "rot_deg")
P95_TARGET_MS, CPU_TARGET = 250.0, 50.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class BenchStudent:
    """One student: R frames/s of a robot, sent in batches every 100 ms; notes when each was made."""

    def __init__(self, port: int, code: str, cls: str, i: int, rate: int) -> None:
        self.sid = contract.student_id(f"student {i}")
        self.cls, self.rate, self.made, self.sent_at = cls, rate, {}, {}
        self.session, self.batch, self.seq = secrets.token_hex(4), 0, 0
        c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=self.sid, clean_session=False)
        c.username_pw_set(*contract.student_login(code))
        c.max_queued_messages_set(0)
        c.connect("127.0.0.1", port, keepalive=30)
        c.loop_start()
        self.client = c
        topic = contract.student_topic(cls, self.sid, "hello")
        c.publish(topic, contract.hello_payload(self.sid, f"Student {i}", robot_id=f"LB{i:06d}",
                                                port="bench", lesson="bench", client="bench"), 1, True)
        self.pending = [{"type": "recording", "version": 1, "port": "bench", "robot_id": None,
                         "lesson": "bench", "schema": list(FIELDS), "started": "now"}]
        self.t0 = time.monotonic()
        self.wall0 = time.time()

    def make_frames(self, now: float) -> None:
        """Frames due by `now` (a robot at `rate` Hz), as `monitor --record` would write them."""
        while self.seq * 1000 / self.rate <= (now - self.t0) * 1000:
            t_ms = int(self.seq * 1000 / self.rate)
            values = [self.seq % 16, 500, 40, 40, 500, self.seq * 4, self.seq % 360]
            raw = encode_frame(self.seq & 0xFFFF, t_ms, values)[:-1].decode()
            self.pending.append({"type": "frame", "host_t": round(now - self.t0, 4), "robot_t": t_ms,
                                 "seq": self.seq & 0xFFFF, "values": dict(zip(FIELDS, values, strict=True)),
                                 "raw": raw})
            self.made[t_ms] = self.wall0 + t_ms / 1000  # when the robot printed it
            self.seq += 1

    def flush(self) -> None:
        if self.pending:
            now = time.time()
            for e in self.pending:
                if e["type"] == "frame":
                    self.sent_at[e["robot_t"]] = now
            self.client.publish(contract.student_topic(self.cls, self.sid, "t"),
                                contract.batch_payload(self.session, self.batch, self.pending), 1)
            self.batch, self.pending = self.batch + 1, []

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


class Page:
    """The dashboard's live socket, as the page opens it; counts frames and their latency."""

    def __init__(self, url: str, students: dict[str, BenchStudent]) -> None:
        self.url, self.students = url, students
        self.latencies: list[float] = []
        self.transit: list[float] = []
        self.frames = 0
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        import aiohttp

        async with aiohttp.ClientSession() as http, http.ws_connect(self.url) as ws:
            self.ready.set()
            while not self.stop.is_set():
                try:
                    msg = await ws.receive(timeout=0.5)
                except asyncio.TimeoutError:
                    continue
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                self._take(json.loads(msg.data), time.time())

    def _take(self, msg: dict, now: float) -> None:
        if msg.get("type") != "t":
            return
        for sid, frames in msg["frames"].items():
            student = self.students.get(sid)
            if student is None:
                continue
            for robot_t, _values in frames:
                self.frames += 1
                if robot_t in student.made:
                    self.latencies.append((now - student.made.pop(robot_t)) * 1000)
                    self.transit.append((now - student.sent_at.pop(robot_t, now)) * 1000)


def serve(args: list[str], record_dir: Path) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, "-m", "leanbot_kit", "--lang", "en", "class", "serve",
                             "--json", "--record-dir", str(record_dir), "--class", "bench", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    return proc, json.loads(proc.stdout.readline())


def drive(students: dict[str, BenchStudent], seconds: float) -> None:
    """Every student publishes its new frames every 100 ms for `seconds`."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        now = time.monotonic()
        for s in students.values():
            s.make_frames(now)
            s.flush()
        time.sleep(max(0.0, contract.BATCH_S - (time.monotonic() - now)))


def run_class(label: str, proc: subprocess.Popen, info: dict, port: int, n: int, rate: int,
              seconds: float, broker_pid: int | None) -> bool:
    students = {}
    for i in range(n):
        s = BenchStudent(port, info["code"], info["class"], i, rate)
        students[s.sid] = s
    token = info["dashboard"].split("token=")[1]
    http_port = info["dashboard"].split(":")[2].split("/")[0]
    page = Page(f"ws://127.0.0.1:{http_port}/ws?token={token}", students)
    page.thread.start()
    page.ready.wait(10)
    time.sleep(1.0)
    for s in students.values():
        s.t0, s.wall0 = time.monotonic(), time.time()
    cpu0, b0, t0 = cpu_seconds(proc.pid), broker_pid and cpu_seconds(broker_pid), time.monotonic()
    drive(students, seconds)
    wall = time.monotonic() - t0
    cpu = 100 * (cpu_seconds(proc.pid) - cpu0) / wall
    broker_cpu = 100 * (cpu_seconds(broker_pid) - b0) / wall if broker_pid else None
    sent = sum(s.seq for s in students.values())
    deadline = time.monotonic() + 10
    while page.frames < sent and time.monotonic() < deadline:
        time.sleep(0.1)
    page.stop.set()
    for s in students.values():
        s.close()
    return report(label, n, rate, wall, sent, page, cpu, broker_cpu)


def report(label: str, n: int, rate: int, wall: float, sent: int, page: Page, cpu: float,
           broker_cpu: float | None) -> bool:
    """Print one line of figures; True when every target is met."""
    lat = sorted(page.latencies) or [float("nan")]
    p50, p95 = lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    transit = sorted(page.transit) or [float("nan")]
    t95 = transit[min(len(transit) - 1, int(len(transit) * 0.95))]
    ok = page.frames == sent and p95 <= P95_TARGET_MS and cpu <= CPU_TARGET
    print(f"{label:10} {n} students × {rate} frames/s for {wall:.0f} s: sent {sent}, on the page "
          f"{page.frames} ({'all' if page.frames == sent else 'MISSING ' + str(sent - page.frames)}); "
          f"robot line → page p50 {p50:.0f} ms, p95 {p95:.0f} ms (≤ {P95_TARGET_MS:.0f}), "
          f"max {lat[-1]:.0f} ms (publish → page p95 {t95:.0f} ms); "
          f"teacher CPU {cpu:.0f} % of a core (≤ {CPU_TARGET:.0f})"
          + (f"; mosquitto CPU {broker_cpu:.0f} %" if broker_cpu is not None else "")
          + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores  {'OK' if ok else 'FAIL'}")
    return ok


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()


def bench_embedded(tmp: Path, n: int, rate: int, seconds: float) -> bool:
    mq = free_port()
    proc, info = serve(["--listen", f"127.0.0.1:{free_port()}", "--mqtt", f"127.0.0.1:{mq}"], tmp / "emb")
    try:
        return run_class("embedded", proc, info, mq, n, rate, seconds, None)
    finally:
        stop(proc)


def bench_mosquitto(tmp: Path, n: int, rate: int, seconds: float) -> bool | None:
    binary = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin")
    if binary is None:
        print("mosquitto   not installed: skipped")
        return None
    import getpass

    port, code = free_port(), contract.new_code()
    conf = write_files(tmp / "mosq", {code: "bench"}, "teacher", "bench-pw", host="127.0.0.1",
                       port=port, run_as=getpass.getuser())
    broker = subprocess.Popen([binary, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    proc, info = serve(["--listen", f"127.0.0.1:{free_port()}", "--code", code,
                        "--broker", f"mqtt://teacher:bench-pw@127.0.0.1:{port}"], tmp / "mosq-rec")
    try:
        return run_class("mosquitto", proc, info, port, n, rate, seconds, broker.pid)
    finally:
        stop(proc)
        os.kill(broker.pid, signal.SIGTERM)
        broker.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--rate", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--broker", choices=("embedded", "mosquitto", "both"), default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        results = []
        if args.broker in ("embedded", "both"):
            results.append(bench_embedded(tmp, args.students, args.rate, args.seconds))
        if args.broker in ("mosquitto", "both"):
            results.append(bench_mosquitto(tmp, args.students, args.rate, args.seconds))
    sys.exit(0 if all(r is not False for r in results) else 1)


if __name__ == "__main__":
    main()
