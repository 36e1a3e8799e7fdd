"""How much flash and RAM a sketch's own code takes, measured with avr-g++ and avr-size.

Besides leanbot_kit.arduino and leanbot_kit.sim, this is the only module that runs a subprocess:
it compiles the `.ino` (compile only, no link: the Leanbot library itself is not needed) against the
Arduino AVR core headers and our Leanbot API header, then reads the object's sizes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.errors import SketchError
from leanbot_kit.i18n import _

# Debian's arduino-core-avr; LEANBOT_AVR_CORE may name another copy of hardware/arduino/avr.
CORE_DIRS = ("/usr/share/arduino/hardware/arduino/avr",)
FLAGS = (
    "-mmcu=atmega328p",
    "-DF_CPU=16000000L",
    "-DARDUINO=10819",
    "-DARDUINO_AVR_UNO",
    "-DARDUINO_ARCH_AVR",
    "-Os",
    "-std=gnu++11",
    "-fno-exceptions",
    "-ffunction-sections",
    "-fdata-sections",
)


@dataclass(frozen=True)
class Toolchain:
    """avr-g++, avr-size and the Arduino AVR core they compile against."""

    gxx: str
    size: str
    core: Path


@dataclass(frozen=True)
class Footprint:
    """A sketch's own object-file sizes: flash (text + data) and RAM (data + bss), in bytes."""

    flash_bytes: int
    ram_bytes: int


def find_toolchain() -> Toolchain | None:
    """The AVR toolchain and core headers, or None when any of them is missing."""
    gxx, size = shutil.which("avr-g++"), shutil.which("avr-size")
    candidates = [os.environ.get("LEANBOT_AVR_CORE"), *CORE_DIRS]
    cores = [Path(c) for c in candidates if c and (Path(c) / "cores/arduino/Arduino.h").is_file()]
    if not (gxx and size and cores):
        return None
    return Toolchain(gxx=gxx, size=size, core=cores[0])


def compile_command(tc: Toolchain, ino: Path, obj: Path, extra: tuple[str, ...] = ()) -> list[str]:
    """The avr-g++ command that compiles `ino` (as C++) into the object file `obj`."""
    from leanbot_kit.resources import templates_dir

    includes = (
        tc.core / "cores/arduino",
        tc.core / "variants/standard",
        templates_dir() / "api",
        ino.parent,
    )
    return [
        tc.gxx,
        "-c",
        "-x",
        "c++",
        *FLAGS,
        *extra,
        *(f"-I{path}" for path in includes),
        str(ino),
        "-o",
        str(obj),
    ]


def measure(ino: Path, tc: Toolchain) -> Footprint:
    """Compile `ino` for the robot and return its own flash and RAM use."""
    with tempfile.TemporaryDirectory(prefix="leanbot-size-") as tmp:
        obj = Path(tmp) / "sketch.o"
        _run(compile_command(tc, Path(ino), obj), ino)
        out = _run([tc.size, "-B", str(obj)], ino)
    return parse_size(out)


def parse_size(text: str) -> Footprint:
    """Read avr-size's Berkeley table (`text data bss dec hex filename`)."""
    for line in text.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
            text_b, data, bss = (int(p) for p in parts[:3])
            return Footprint(flash_bytes=text_b + data, ram_bytes=data + bss)
    raise SketchError(
        _("could not read the sizes avr-size printed"), _("check the avr-size install")
    )


def _run(cmd: list[str], ino: Path) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SketchError(
            _("could not run {tool}: {error}").format(tool=cmd[0], error=exc),
            _("check the AVR toolchain (gcc-avr, avr-libc)"),
        ) from exc
    if done.returncode != 0:
        raise SketchError(
            _("{ino} does not compile for the robot:\n{stderr}").format(
                ino=ino, stderr=done.stderr.strip()
            ),
            _("regenerate the sketch; if it still fails, report it with the lesson file"),
        )
    return done.stdout
