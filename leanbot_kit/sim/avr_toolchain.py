"""Find what builds a sketch for the robot's chip: avr-g++ and the Arduino AVR core.

The compiler is `$LEANBOT_AVR_GXX`, else `avr-g++` on PATH, else the avr-gcc that arduino-cli
installed in its data folder. The core is the `arduino:avr` core arduino-cli installed (the one the
real robot's sketches are built with), else Debian's `arduino-core-avr`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _

DEBIAN_CORE = Path("/usr/share/arduino/hardware/arduino/avr")
TOOL_TIMEOUT_S = 120


@dataclass(frozen=True)
class AvrToolchain:
    """avr-g++ (and its avr-gcc, avr-objcopy, avr-size beside it) and the Arduino AVR core folder."""

    gxx: Path
    version: str
    source: str  # "LEANBOT_AVR_GXX", "PATH" or "arduino-cli"
    core: Path   # the platform folder: platform.txt, cores/arduino, variants/standard

    def tool(self, name: str) -> str:
        """`avr-gcc`, `avr-objcopy`, … from the compiler's folder (else PATH)."""
        beside = self.gxx.with_name(self.gxx.name.replace("avr-g++", name))
        if beside.is_file():
            return str(beside)
        return shutil.which(name) or name

    @property
    def identity(self) -> str:
        """What a build cache key needs to know about the toolchain."""
        return f"{self.gxx}\n{self.version}\n{self.core}"

    def describe(self) -> str:
        """One line for `leanbot doctor`: which compiler and core."""
        return f"{self.gxx} ({self.version}, {self.source}); core {self.core}"


def arduino_data_dir(env: dict[str, str] | None = None) -> Path:
    """arduino-cli's data folder: `ARDUINO_DIRECTORIES_DATA`, else its default for this system."""
    from leanbot_kit.arduino.setup import default_data_dir

    env = os.environ if env is None else env
    folder = env.get("ARDUINO_DIRECTORIES_DATA")
    return Path(folder) if folder else default_data_dir()


def _newest(folders: list[Path]) -> Path | None:
    def version(path: Path) -> tuple:
        return tuple(int(n) for n in re.findall(r"\d+", path.name)) or (0,)

    return max(folders, key=version) if folders else None


def _compiler_candidates(env: dict[str, str]) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    if env.get("LEANBOT_AVR_GXX"):
        found.append((Path(env["LEANBOT_AVR_GXX"]), "LEANBOT_AVR_GXX"))
    on_path = shutil.which("avr-g++", path=env.get("PATH"))
    if on_path:
        found.append((Path(on_path), "PATH"))
    tools = arduino_data_dir(env) / "packages" / "arduino" / "tools" / "avr-gcc"
    newest = _newest([p for p in tools.glob("*") if (p / "bin").is_dir()]) if tools.is_dir() else None
    if newest is not None:
        exe = "avr-g++.exe" if os.name == "nt" else "avr-g++"
        found.append((newest / "bin" / exe, "arduino-cli"))
    return found


def _version(gxx: Path) -> str | None:
    try:
        done = subprocess.run([str(gxx), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.strip().splitlines()
    return lines[0] if done.returncode == 0 and lines else None


def find_core(env: dict[str, str] | None = None) -> Path | None:
    """The Arduino AVR core: arduino-cli's installed `arduino:avr`, else Debian's; None if neither."""
    env = os.environ if env is None else env
    installed = arduino_data_dir(env) / "packages" / "arduino" / "hardware" / "avr"
    cores = [p for p in installed.glob("*") if (p / "cores" / "arduino").is_dir()] \
        if installed.is_dir() else []
    newest = _newest(cores)
    if newest is not None:
        return newest
    return DEBIAN_CORE if (DEBIAN_CORE / "cores" / "arduino" / "Arduino.h").is_file() else None


def find_avr_toolchain(env: dict[str, str] | None = None) -> AvrToolchain | None:
    """The AVR toolchain of this computer, or None when a compiler or the core is missing."""
    env = os.environ if env is None else env
    core = find_core(env)
    if core is None:
        return None
    for gxx, source in _compiler_candidates(env):
        version = _version(gxx)
        if version is not None:
            return AvrToolchain(gxx, version, source, core)
    return None


@lru_cache(maxsize=4)
def _cached(path: str, extra: str, data: str) -> AvrToolchain | None:
    env = {"PATH": path, **({"LEANBOT_AVR_GXX": extra} if extra else {}),
           **({"ARDUINO_DIRECTORIES_DATA": data} if data else {})}
    return find_avr_toolchain(env)


def current_avr_toolchain() -> AvrToolchain | None:
    """The AVR toolchain for the current environment (looked up once per environment)."""
    return _cached(os.environ.get("PATH", ""), os.environ.get("LEANBOT_AVR_GXX", ""),
                   os.environ.get("ARDUINO_DIRECTORIES_DATA", ""))


def require_avr_toolchain() -> AvrToolchain:
    """The AVR toolchain; SimError with a hint when there is none."""
    found = current_avr_toolchain()
    if found is None:
        raise SimError(_("no AVR compiler and Arduino AVR core found for the robot's chip"),
                       _("install them (e.g. 'sudo apt install gcc-avr avr-libc arduino-core-avr'), "
                         "install the arduino:avr core with arduino-cli, or run with --cpu native"))
    return found
