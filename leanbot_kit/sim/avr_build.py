"""Build the ATmega328P emulator (leanbot_kit/sim/avr) into cached object files, and its test driver.

The emulator is compiled once per content: the cache key is the hash of its sources, the compiler and
the flags, like the native runtime's (build.py). Programs that embed the emulator link
`emulator_objects()`; `build_selftest()` links the driver the tests and benchmarks run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.build import EXE, _hash, _parallel, _publish_dir, _trim
from leanbot_kit.sim.cache import cache_dir, prune
from leanbot_kit.sim.compiler import Compiler, current_compiler

AVR_DIR = Path(__file__).resolve().parent / "avr"
AVR_FLAGS = ("-std=c++17", "-O2", "-g0")
DRIVER = "avr_selftest.cpp"  # the test driver has a main(); it is not part of the library
KEEP = 4


def emulator_sources() -> list[Path]:
    """The emulator's .cpp files (without the test driver)."""
    return sorted(p for p in AVR_DIR.glob("*.cpp") if p.name != DRIVER)


def emulator_key(compiler: Compiler) -> str:
    """Cache key of the compiled emulator: every source and header, the compiler and the flags."""
    parts: list[str | bytes] = [compiler.identity, " ".join(AVR_FLAGS)]
    for path in sorted(p for p in AVR_DIR.iterdir() if p.suffix in (".h", ".cpp")):
        parts += [path.name, path.read_bytes()]
    return _hash(*parts)


def _job(compiler: Compiler, source: Path, obj: Path) -> tuple:
    return (compiler, source, obj, [f"-I{AVR_DIR}"])


def build_emulator(compiler: Compiler | None = None) -> Path:
    """The folder of the emulator's object files (`*.o`), compiled now unless cached."""
    compiler = compiler or current_compiler()
    final = cache_dir() / "sim" / "avr" / emulator_key(compiler)
    if (final / "ok").is_file():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=final.name + ".tmp-", dir=final.parent))
    try:
        jobs = [_job(compiler, s, tmp / (s.stem + ".o")) for s in emulator_sources()]
        errors = _compile_all(jobs)
        if errors:
            raise SimError(_("the AVR emulator does not compile with {cc}:\n{errors}").format(
                cc=" ".join(compiler.command), errors=_trim("\n".join(errors))),
                _("set CXX to another C++17 compiler (g++ ≥ 9 or clang++ ≥ 10)"))
        (tmp / "ok").write_text(compiler.identity)
        _publish_dir(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune([p for p in final.parent.iterdir() if (p / "ok").is_file()], KEEP)
    return final


def _compile_all(jobs: list[tuple]) -> list[str]:
    """Compile with the emulator's own flags (not the sketch runtime's)."""
    flagged = [(compiler, src, obj, [*extra, *AVR_FLAGS]) for compiler, src, obj, extra in jobs]
    return _parallel(flagged)


def emulator_objects(compiler: Compiler | None = None) -> list[Path]:
    """The object files to link into a program that embeds the emulator."""
    return sorted(build_emulator(compiler).glob("*.o"))


def build_selftest(compiler: Compiler | None = None) -> Path:
    """The test driver (avr_selftest.cpp) linked with the emulator; cached beside its objects."""
    compiler = compiler or current_compiler()
    folder = build_emulator(compiler)
    binary = folder / f"avr_selftest{EXE}"
    if binary.is_file():
        return binary
    with tempfile.TemporaryDirectory(prefix="driver-", dir=folder.parent) as tmp:
        out = Path(tmp) / f"avr_selftest{EXE}"
        cmd = [*compiler.command, *AVR_FLAGS, f"-I{AVR_DIR}", str(AVR_DIR / DRIVER),
               *(str(o) for o in sorted(folder.glob("*.o"))), "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        if done.returncode != 0:
            raise SimError(_("the AVR emulator does not link:\n{errors}").format(
                errors=_trim(done.stderr or done.stdout)),
                _("set CXX to another C++17 compiler (g++ ≥ 9 or clang++ ≥ 10)"))
        os.replace(out, binary)
    return binary
