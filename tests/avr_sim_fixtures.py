"""Build sketches for the AVR backend and run them on it and on simavr (the reference, tests only)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
AVR_SKETCHES = Path(__file__).resolve().parent / "avr_sketches"
HARNESS = Path(__file__).resolve().parent / "avr_diff" / "simavr_uart.c"
SIMAVR_HEADER = Path("/usr/include/simavr/sim_avr.h")


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is missing; .ci/run installs it")
    pytest.skip(f"{what} is missing")


def require_avr_toolchain():
    """The AVR toolchain, or skip (fail in CI)."""
    from leanbot_kit.sim.avr_toolchain import current_avr_toolchain

    found = current_avr_toolchain()
    if found is None:
        _missing("avr-g++ with the Arduino AVR core")
    return found


def build_simavr_harness(folder: Path) -> Path:
    """Compile tests/avr_diff/simavr_uart.c against Debian's libsimavr (skip without it)."""
    if not SIMAVR_HEADER.is_file() or shutil.which("simavr") is None:
        _missing("simavr and libsimavr-dev")
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        _missing("a C compiler")
    out = folder / "simavr_uart"
    subprocess.run([cc, "-O2", "-o", str(out), str(HARNESS), "-lsimavr"], check=True, timeout=120)
    return out


@dataclass(frozen=True)
class AvrRun:
    """One run on the AVR backend: Serial bytes, stderr, exit status, trace text."""

    serial: bytes
    stderr: str
    returncode: int
    trace: str


def run_avr(robot: Path, folder: Path, *, stdin: bytes = b"", duration_ms: int = 3000,
            world: str = "empty", wall_limit_ms: int = 60_000, timeout: float = 120) -> AvrRun:
    """Run an AVR build (its `robot` program) with a run config written like the Python side does."""
    from leanbot_kit.sim.config import RunOptions, run_config
    from leanbot_kit.sim.world import load_world

    the_world = load_world(world)
    opts = RunOptions(trace=folder / "trace.txt", pose=the_world.start, duration_ms=duration_ms,
                      wall_limit_ms=wall_limit_ms)
    config = folder / "run.cfg"
    config.write_text(run_config(the_world, opts), encoding="utf-8")
    done = subprocess.run([str(robot), str(config)], input=stdin, capture_output=True, timeout=timeout)
    trace = opts.trace.read_text(encoding="utf-8") if opts.trace.is_file() else ""
    return AvrRun(done.stdout, done.stderr.decode(errors="replace"), done.returncode, trace)
