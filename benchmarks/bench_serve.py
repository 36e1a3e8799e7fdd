"""The cost of confining the native robot process, and the round trip of a served robot.

1. Start + run of a tiny sketch (ends at once) through `simulate()`, with every confinement layer this
   computer grants vs with none (resource limits and process group only): the price of the layers.
2. `leanbot sim ECHO --serve`: a byte typed on the pseudo-terminal / over rfc2217:// until the echo
   sketch sends it back (real time: the sketch polls Serial once per simulated ms).
Run:

    python benchmarks/bench_serve.py
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leanbot_kit.sim import sandbox  # noqa: E402
from leanbot_kit.sim.run import simulate  # noqa: E402

TINY = "#include <Leanbot.h>\nvoid setup() { Leanbot.begin(); Serial.println(1); LbMission.end(); }\n" \
       "void loop() {}\n"
ECHO = ('void setup() {\n  Serial.begin(115200);\n  Serial.println("boot");\n}\n'
        "void loop() {\n  while (Serial.available()) Serial.write((uint8_t)Serial.read());\n"
        "  delay(1);\n}\n")
RUNS = 20
ROUND_TRIPS = 50


def _sketch(folder: Path, name: str, body: str) -> Path:
    (folder / name).mkdir(parents=True, exist_ok=True)
    ino = folder / name / f"{name}.ino"
    ino.write_text(body)
    return ino


def start_cost(folder: Path) -> None:
    ino = _sketch(folder, "tiny", TINY)
    simulate(ino)  # build once
    granted = sandbox.layers()
    for label, layers in (("all layers granted", granted),
                          ("no Linux layers", sandbox.Layers(True, False, False, False))):
        sandbox.layers = lambda layers=layers: layers  # what start_robot consults
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            simulate(ino)
            times.append((time.perf_counter() - start) * 1000)
        print(f"simulate() of a sketch that ends at once, {label:20s}: median {statistics.median(times):6.1f} ms"
              f"  (min {min(times):.1f}, {RUNS} runs)")
    print(f"layers here: {granted}")


def round_trips(folder: Path) -> None:
    import serial

    ino = _sketch(folder, "echo", ECHO)
    link = folder / "robot"
    proc = subprocess.Popen([sys.executable, "-m", "leanbot_kit", "sim", str(ino), "--serve", "--link",
                             str(link)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    url = None
    while url is None:
        found = re.search(r"rfc2217://\S+", proc.stdout.readline())
        url = found.group(0) if found else None
    try:
        for where in (str(link), url):
            port = serial.serial_for_url(where, 115200, timeout=5)
            seen = b""
            while b"boot" not in seen:
                seen += port.read(port.in_waiting or 1)
            times = []
            for i in range(ROUND_TRIPS):
                byte = bytes([65 + i % 26])
                start = time.perf_counter()
                port.write(byte)
                assert port.read(1) == byte
                times.append((time.perf_counter() - start) * 1000)
            port.close()
            kind = "pseudo-terminal" if where == str(link) else "rfc2217"
            print(f"echo round trip over the {kind:15s}: median {statistics.median(times):5.1f} ms, "
                  f"max {max(times):5.1f} ms ({ROUND_TRIPS} bytes)")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start_cost(Path(tmp))
        if os.name == "posix":
            round_trips(Path(tmp))


if __name__ == "__main__":
    main()
