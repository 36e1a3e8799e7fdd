"""Build a sketch for the simulated robot's chip: avr-g++ for the ATmega328P, as arduino-cli would.

The Arduino AVR core and the simulator's Leanbot library (avrlib/) are compiled once per toolchain
and flags into a cached archive; each sketch (preprocessed like the Arduino builder does) is compiled,
linked against it, checked against the chip's 32 256 B of flash and 2048 B of RAM, and cached by
content. The result is an ELF + HEX; avr_robot.py turns them into the program the simulator runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.resources import templates_dir
from leanbot_kit.sim.avr_toolchain import TOOL_TIMEOUT_S, AvrToolchain
from leanbot_kit.sim.cache import cache_dir, prune

AVRLIB_DIR = Path(__file__).resolve().parent / "avrlib"
MCU = ("-mmcu=atmega328p", "-DF_CPU=16000000L", "-DARDUINO=10819", "-DARDUINO_AVR_UNO",
       "-DARDUINO_ARCH_AVR", "-DLEANBOT_SIM=1", "-DLEANBOT_SIM_AVR=1")
# The flags of the arduino:avr:uno platform (platform.txt), without LTO (so that every function
# keeps its name and line table for the simulator's error messages).
# -gdwarf-2: Debian's avr-gcc 5.4 writes no debug information for a plain -g.
C_FLAGS = ("-c", "-g", "-gdwarf-2", "-Os", "-w", "-std=gnu11", "-ffunction-sections", "-fdata-sections")
CPP_FLAGS = ("-c", "-g", "-gdwarf-2", "-Os", "-w", "-std=gnu++11", "-fpermissive", "-fno-exceptions",
             "-ffunction-sections", "-fdata-sections", "-fno-threadsafe-statics",
             "-Wno-error=narrowing")
S_FLAGS = ("-c", "-g", "-x", "assembler-with-cpp")
CORE_ONLY = ("-DDECIMAL_DIG=17",)  # Debian's avr-gcc 5.4 lacks it; WString.cpp needs it
LINK_FLAGS = ("-w", "-Os", "-g", "-Wl,--gc-sections", "-mmcu=atmega328p",
              "-Wl,--wrap=delay", "-Wl,--wrap=analogRead")
FLASH_MAX = 32256
RAM_MAX = 2048
KEEP_CORES = 3
KEEP_PROGRAMS = 300


@dataclass(frozen=True)
class AvrProgram:
    """A sketch built for the ATmega328P: its ELF and HEX and how much flash and RAM it uses."""

    elf: Path
    hex: Path
    flash: int  # .text + .data bytes
    data: int   # .data bytes (RAM)
    bss: int    # .bss + .noinit bytes (RAM)
    cached: bool

    @property
    def ram(self) -> int:
        """Bytes of RAM the global variables use (data + bss)."""
        return self.data + self.bss


def _hash(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:24]


def _core_sources(tc: AvrToolchain) -> list[Path]:
    core = tc.core / "cores" / "arduino"
    return sorted(p for p in core.iterdir() if p.suffix in (".c", ".cpp", ".S")) + \
        sorted(AVRLIB_DIR.glob("*.cpp"))


def _includes(tc: AvrToolchain) -> list[str]:
    return [f"-I{tc.core / 'cores' / 'arduino'}", f"-I{tc.core / 'variants' / 'standard'}",
            f"-I{tc.core / 'libraries' / 'EEPROM' / 'src'}", f"-I{AVRLIB_DIR}",
            f"-I{templates_dir() / 'api'}", f"-I{templates_dir()}"]


def core_key(tc: AvrToolchain) -> str:
    """The cache key of the compiled core + library: sources, toolchain and flags."""
    parts: list[str | bytes] = [tc.identity, " ".join((*MCU, *C_FLAGS, *CPP_FLAGS, *CORE_ONLY))]
    headers = [*(tc.core / "cores" / "arduino").glob("*.h"), tc.core / "variants" / "standard" /
               "pins_arduino.h", *AVRLIB_DIR.glob("*.h"), *(templates_dir() / "api").glob("*.h")]
    for path in sorted(_core_sources(tc)) + sorted(headers):
        parts += [path.name, path.read_bytes()]
    return _hash(*parts)


def _command(tc: AvrToolchain, source: Path, obj: Path, extra: tuple[str, ...] = ()) -> list[str]:
    if source.suffix == ".c":
        return [tc.tool("avr-gcc"), *C_FLAGS, *MCU, *extra, *_includes(tc), str(source), "-o", str(obj)]
    if source.suffix == ".S":
        return [tc.tool("avr-gcc"), *S_FLAGS, *MCU, *extra, *_includes(tc), str(source), "-o", str(obj)]
    return [str(tc.gxx), *CPP_FLAGS, *MCU, *extra, *_includes(tc), str(source), "-o", str(obj)]


def run_tool(cmd: list[str]) -> str | None:
    """Run one compiler/tool step with a time limit: its messages on failure, else None."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace",
                              timeout=TOOL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return _("{tool} took longer than {s} s and was stopped").format(tool=Path(cmd[0]).name,
                                                                         s=TOOL_TIMEOUT_S)
    except OSError as exc:
        return str(exc)
    return None if done.returncode == 0 else (done.stderr or done.stdout or "?")


def _parallel(cmds: list[list[str]]) -> list[str]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return [err for err in pool.map(run_tool, cmds) if err]


def build_core(tc: AvrToolchain) -> tuple[Path, bool]:
    """The archive of the Arduino core + the Leanbot library (compiled now unless cached)."""
    final = cache_dir() / "sim" / "avr-core" / core_key(tc) / "core.a"
    if final.is_file():
        return final, True
    final.parent.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="core-", dir=final.parent.parent))
    try:
        sources = _core_sources(tc)
        objs = [tmp / f"{i}-{s.name}.o" for i, s in enumerate(sources)]
        errors = _parallel([_command(tc, s, o, CORE_ONLY) for s, o in zip(sources, objs, strict=False)])
        archive = tmp / "core.a"
        errors = errors or [e for e in [run_tool([tc.tool("avr-ar"), "rcs", str(archive),
                                                  *map(str, objs)])] if e]
        if errors:
            raise SimError(_("the Arduino AVR core in {core} does not compile with {cc}:\n{errors}")
                           .format(core=tc.core, cc=tc.gxx, errors="\n".join(errors)[:3000]),
                           _("install another AVR core or compiler, or run with --cpu native"))
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(archive, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune([p for p in final.parent.parent.iterdir() if (p / "core.a").is_file()], KEEP_CORES)
    return final, False


def _sizes(tc: AvrToolchain, elf: Path) -> dict[str, int]:
    done = subprocess.run([tc.tool("avr-size"), "-A", str(elf)], capture_output=True, text=True,
                          timeout=TOOL_TIMEOUT_S)
    sizes: dict[str, int] = {}
    for line in done.stdout.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0].startswith(".") and words[1].isdigit():
            sizes[words[0]] = int(words[1])
    return sizes


def program_of(tc: AvrToolchain, elf: Path, cached: bool) -> AvrProgram:
    """Sizes of a built ELF (and its HEX beside it)."""
    s = _sizes(tc, elf)
    data = s.get(".data", 0)
    return AvrProgram(elf, elf.with_suffix(".hex"), s.get(".text", 0) + data, data,
                      s.get(".bss", 0) + s.get(".noinit", 0), cached)


def check_fits(program: AvrProgram, name: str) -> None:
    """SimError when the program does not fit the ATmega328P, worded as arduino-cli says it."""
    if program.flash > FLASH_MAX:
        raise SimError(_("the sketch {name} is too big: it uses {n} bytes of program storage space "
                         "of {max}").format(name=name, n=program.flash, max=FLASH_MAX),
                       _("make the sketch smaller: fewer or shorter texts, smaller tables, less code"))
    if program.ram > RAM_MAX:
        raise SimError(_("the sketch {name} does not fit in the robot's RAM: global variables use "
                         "{n} bytes of RAM of {max}").format(name=name, n=program.ram, max=RAM_MAX),
                       _("make arrays smaller, keep constant texts in flash with F(\"…\") and tables "
                         "with PROGMEM"))


def cache_programs(keep_extra: set[Path]) -> None:
    """Keep the AVR program folder from growing without end (never what named robots run)."""
    root = cache_dir() / "sim" / "avr-bin"
    if root.is_dir():
        prune([p for p in root.iterdir() if p.is_dir() and p not in keep_extra], KEEP_PROGRAMS)


__all__ = ["AvrProgram", "build_core", "check_fits", "core_key", "program_of", "run_tool"]
