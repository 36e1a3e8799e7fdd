"""Build the AVR backend's host program: the ATmega328P emulator (avr/) wired to the robot model.

One host per C++ compiler and sources, cached like the native runtime. It links the emulator with
the same robot model the native backend runs (runtime/: clock, physics, world, trace, config and the
Leanbot API implementation) and the channel (avrhost/); only runtime/main.cpp is left out.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.resources import templates_dir
from leanbot_kit.sim.avr_arduino import run_tool
from leanbot_kit.sim.avr_build import emulator_objects
from leanbot_kit.sim.build import EXE, RUNTIME_DIR, _hash, _trim
from leanbot_kit.sim.cache import cache_dir, prune
from leanbot_kit.sim.compiler import Compiler, current_compiler

SIM_DIR = Path(__file__).resolve().parent
EMULATOR_DIR = SIM_DIR / "avr"
HOST_DIR = SIM_DIR / "avrhost"
AVRLIB_DIR = SIM_DIR / "avrlib"
HOST_FLAGS = ("-std=gnu++17", "-O2", "-g0", "-DLEANBOT_SIM=1")
KEEP_HOSTS = 3


def _groups() -> list[tuple[list[Path], list[str]]]:
    """(sources, include flags) of the robot model and the channel (the emulator: avr_build.py)."""
    model = [p for p in sorted(RUNTIME_DIR.glob("*.cpp")) if p.name != "main.cpp"]
    runtime_inc = [f"-I{RUNTIME_DIR}", f"-I{templates_dir() / 'api'}", f"-I{templates_dir()}"]
    host_inc = [*runtime_inc, f"-I{SIM_DIR}", f"-I{AVRLIB_DIR}", f"-I{HOST_DIR}"]
    return [(model, runtime_inc), (sorted(HOST_DIR.glob("*.cpp")), host_inc)]


def host_key(compiler: Compiler) -> str:
    """The cache key of the host: every source and header it is built from, compiler and flags."""
    parts: list[str | bytes] = [compiler.identity, " ".join(HOST_FLAGS), " ".join(STATIC_RUNTIME)]
    folders = (EMULATOR_DIR, RUNTIME_DIR, RUNTIME_DIR / "avr", HOST_DIR, AVRLIB_DIR, templates_dir() / "api")
    for folder in folders:
        for path in sorted(p for p in folder.glob("*") if p.suffix in (".h", ".cpp")):
            parts += [f"{folder.name}/{path.name}", path.read_bytes()]
    return _hash(*parts)


# The C++ runtime linked in: a run starts in about 1 ms instead of 2-3 (no symbol lookups at load),
# which a lesson of a fraction of a second notices. Where the compiler cannot, a plain link.
STATIC_RUNTIME = ("-static-libstdc++", "-static-libgcc")


def _link(compiler: Compiler, objects: list[str], out: Path) -> str | None:
    """Link the host; the first error, or None."""
    plain = [*compiler.command, *objects, "-o", str(out), "-lm"]
    if sys.platform.startswith("linux") and run_tool([*plain, *STATIC_RUNTIME]) is None:
        return None
    return run_tool(plain)


def build_host(compiler: Compiler | None = None) -> tuple[Path, bool]:
    """The host program (built now unless cached) and whether it was cached."""
    compiler = compiler or current_compiler()
    final = cache_dir() / "sim" / "avr-host" / host_key(compiler) / f"leanbot-avr{EXE}"
    if final.is_file():
        return final, True
    root = final.parent.parent
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="host-", dir=root))
    try:
        jobs = []
        for sources, includes in _groups():
            jobs += [[*compiler.command, *HOST_FLAGS, *includes, "-c", str(s), "-o",
                      str(tmp / f"{len(jobs) + i}-{s.stem}.o")] for i, s in enumerate(sources)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            errors = [e for e in pool.map(run_tool, jobs) if e]
        out = tmp / f"leanbot-avr{EXE}"
        if not errors:
            objects = [*sorted(map(str, tmp.glob("*.o"))), *map(str, emulator_objects(compiler))]
            errors = [_link(compiler, objects, out)]
            errors = [e for e in errors if e]
        if errors:
            raise SimError(_("the simulator's AVR emulator does not compile with {cc}:\n{errors}").format(
                cc=" ".join(compiler.command), errors=_trim("\n".join(errors))),
                _("set CXX to another C++17 compiler (g++ ≥ 9 or clang++ ≥ 10), or run with --cpu native"))
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(out, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune([p for p in root.iterdir() if (p / f"leanbot-avr{EXE}").is_file()], KEEP_HOSTS)
    return final, False
