"""Build and run hand-written sketches on the simulated Leanbot, for the C++ runtime's tests.

Builds go through leanbot_kit.sim.build (preprocessing, cache) when it is importable; otherwise a small
g++ fallback compiles the runtime and the sketch directly, so the runtime's tests never depend on it.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "leanbot_kit" / "sim" / "runtime"
API = ROOT / "firmware_templates" / "api"
SKETCHES = Path(__file__).resolve().parent / "sketches"
FLAGS = ["-std=gnu++17", "-O2", "-g0", "-DLEANBOT_SIM=1", f"-I{RUNTIME}", f"-I{API}"]
MM_PER_STEP = math.pi * 30 / 2037.8864

ROBOT = """robot wheel_diameter_mm 30 track_mm 98 steps_per_rev 2037.8864 accel_steps_s2 6000 max_speed 2000 servo_deg_per_s 300
sensor line ir2L 45 21
sensor line ir0L 45 7
sensor line ir1R 45 -7
sensor line ir3R 45 -21
sensor edge ir4L 55 35
sensor edge ir5R 55 -35
sensor side ir6L 30 40 90 150
sensor side ir7R 30 -40 -90 150
sensor ping 50 0 15 3000
"""

OVAL = [
    "tape polyline 20 700 -250 0 250 0",
    "tape arc 20 700 250 250 250 -90 90",
    "tape polyline 20 700 250 500 -250 500",
    "tape arc 20 700 -250 250 250 90 270",
]


@dataclass
class Run:
    """What one simulated run gave: the Serial bytes, the trace rows and events, how it ended."""

    serial: bytes
    rows: list[dict[str, float]]
    leds: list[list[str]]
    events: list[tuple[int, str, list[str]]]
    end: tuple[int, str] | None
    returncode: int
    stderr: str = ""
    config: str = field(default="", repr=False)

    @property
    def text(self) -> str:
        """The Serial output as text."""
        return self.serial.decode("utf-8", errors="replace")

    @property
    def lines(self) -> list[str]:
        """The Serial output split into lines (CR LF removed)."""
        return self.text.replace("\r\n", "\n").splitlines()

    @property
    def final(self) -> dict[str, float]:
        """The last trace row."""
        return self.rows[-1]

    def of(self, kind: str) -> list[tuple[int, list[str]]]:
        """Events of one kind as (t_ms, args)."""
        return [(t, a) for t, k, a in self.events if k == kind]


T_FIELDS = ("t", "x", "y", "h", "vl", "vr", "dist_mm", "rot_deg", "ping_mm", "line",
            *(f"ir{i}" for i in range(8)), "touch", "grip_l", "grip_r")


def parse_trace(text: str) -> tuple[list, list, list, tuple[int, str] | None]:
    """Rows, LED columns, events and the end line of a trace."""
    rows, leds, events, end = [], [], [], None
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == "T":
            rows.append({k: float(v) for k, v in zip(T_FIELDS, parts[1:], strict=False)})
            rows[-1]["tone"] = float(parts[-1])
            leds.append(parts[len(T_FIELDS) + 1:len(T_FIELDS) + 8])
        elif parts and parts[0] == "E":
            events.append((int(parts[1]), parts[2], parts[3:]))
        elif parts and parts[0] == "X":
            end = (int(parts[1]), parts[2])
    return rows, leds, events, end


def _runtime_objects(cache: Path) -> list[Path]:
    sources = sorted(RUNTIME.glob("*.cpp"))
    h = hashlib.sha256()
    for p in [*sorted(RUNTIME.rglob("*.h")), *sources, *sorted(API.glob("*.h"))]:
        h.update(p.name.encode() + p.read_bytes())
    out = cache / f"runtime-{h.hexdigest()[:16]}"
    if not (out / "ok").exists():
        out.mkdir(parents=True, exist_ok=True)
        procs = [subprocess.Popen(["g++", *FLAGS, "-c", str(s), "-o", str(out / (s.stem + ".o"))])
                 for s in sources]
        assert all(p.wait() == 0 for p in procs), "the runtime does not compile"
        (out / "ok").write_text("")
    return sorted(out.glob("*.o"))


_DEF = re.compile(r"^([A-Za-z_][\w\s\*&:<>,]*?\b)([A-Za-z_]\w*)\s*\(([^;{}]*)\)\s*\{", re.M)


def _fallback_build(folder: Path, cache: Path) -> Path:
    """Compile a sketch without the real preprocessor: prototypes for top-level functions."""
    text = "\n".join(p.read_text() for p in sorted(folder.glob("*.ino")))
    protos = [f"{m.group(1).strip()} {m.group(2)}({re.sub(r'=[^,]*', '', m.group(3))});"
              for m in _DEF.finditer(text) if m.group(2) not in ("if", "while", "for", "switch")]
    src = "#include <Arduino.h>\n#include <Leanbot.h>\n" + "\n".join(protos) + "\n" + text
    cpp = cache / f"{folder.name}.cpp"
    cpp.write_text(src)
    binary = cache / folder.name
    subprocess.run(["g++", *FLAGS, f"-I{folder}", str(cpp), *map(str, _runtime_objects(cache)),
                    "-o", str(binary), "-lm"], check=True)
    return binary


def use_session_cache(tmp_path_factory) -> Path:
    """Point LEANBOT_CACHE at the session's shared cache (the folder conftest.py uses per test).

    Module-scoped fixtures run before the per-test environment is set, so they set it themselves.
    """
    from tests.conftest import session_cache

    cache = session_cache(tmp_path_factory)
    os.environ["LEANBOT_CACHE"] = str(cache)
    return cache


def build(name: str, cache: Path) -> Path:
    """The robot binary for tests/sketches/<name> (real build module if present, else fallback)."""
    folder = SKETCHES / name
    try:
        from leanbot_kit.sim.build import build_sketch
    except ImportError:
        return _fallback_build(folder, cache)
    return build_sketch(folder).binary


def config_text(trace: Path, *, world: list[str] = (), duration_ms: int = 20000, seed: int = 1,
                auto_start_ms: int = 500, touches: list[tuple[int, int, int]] = (),
                pose: tuple[float, float, float] = (0, 0, 0), noise: float = 0,
                wall_limit_ms: int = 20000, speed: float = 0, trace_period_ms: int = 20) -> str:
    """A run config in the contract's format."""
    lines = [f"seed {seed}", f"duration_ms {duration_ms}", f"wall_limit_ms {wall_limit_ms}",
             f"speed {speed}", f"auto_start_ms {auto_start_ms}", f"trace {trace}",
             f"trace_period_ms {trace_period_ms}", f"noise {noise}", ROBOT.strip(),
             "pose {} {} {}".format(*pose), *world,
             *(f"touch {a} {m} {k}" for a, m, k in touches)]
    return "\n".join(lines) + "\n"


def run_binary(binary: Path, tmp: Path, *, stdin: bytes = b"", timeout: float = 30, **cfg) -> Run:
    """Run a built robot with a config made from `cfg`; returns what it printed and traced."""
    trace = tmp / "trace.txt"
    text = config_text(trace, **cfg)
    conf = tmp / "run.cfg"
    conf.write_text(text)
    done = subprocess.run([str(binary), str(conf)], input=stdin, capture_output=True, timeout=timeout)
    rows, leds, events, end = parse_trace(trace.read_text() if trace.exists() else "")
    return Run(done.stdout, rows, leds, events, end, done.returncode,
               done.stderr.decode(errors="replace"), text)


def have_compiler() -> bool:
    """True when g++ is installed (the fallback needs it; the real build finds its own)."""
    return shutil.which("g++") is not None or shutil.which("c++") is not None
