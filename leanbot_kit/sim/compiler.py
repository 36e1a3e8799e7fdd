"""Find the C++ compiler that builds the simulated robot: `$CXX`, else one on PATH, else `ziglang`."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _

PATH_COMPILERS = ("c++", "g++", "clang++")
ZIG_COMMAND = (sys.executable, "-m", "ziglang", "c++")


@dataclass(frozen=True)
class Compiler:
    """A working C++ compiler: the command that runs it, where it came from, and its version line."""

    command: tuple[str, ...]
    source: str  # "CXX", "PATH" or "ziglang"
    version: str

    @property
    def identity(self) -> str:
        """What a build cache key needs to know about the compiler."""
        return f"{' '.join(self.command)}\n{self.version}"


def candidates(env: dict[str, str] | None = None) -> list[tuple[tuple[str, ...], str]]:
    """The compilers to try, in order: `$CXX`, `c++`/`g++`/`clang++` on PATH, then `ziglang`."""
    env = os.environ if env is None else env
    found: list[tuple[tuple[str, ...], str]] = []
    cxx = env.get("CXX", "").strip()
    if cxx:
        found.append((tuple(shlex.split(cxx)), "CXX"))
    for name in PATH_COMPILERS:
        path = shutil.which(name, path=env.get("PATH"))
        if path:
            found.append(((path,), "PATH"))
    found.append((ZIG_COMMAND, "ziglang"))
    return found


def _version(command: tuple[str, ...]) -> str | None:
    try:
        done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def find_compiler(env: dict[str, str] | None = None) -> Compiler:
    """The first compiler that answers `--version`; SimError with a hint when none does."""
    tried = []
    for command, source in candidates(env):
        version = _version(command)
        if version is not None:
            return Compiler(command, source, version)
        tried.append(" ".join(command))
    raise SimError(
        _("no working C++ compiler found for the simulator (tried: {tried})").format(
            tried=", ".join(tried)),
        _("install g++ or clang++ (e.g. 'sudo apt install g++'), set CXX to a compiler, "
          "or 'pip install ziglang'"),
    )


@lru_cache(maxsize=4)
def default_compiler(cxx: str | None = None, path: str | None = None) -> Compiler:
    """The compiler for this process (cached per `$CXX` and `$PATH`)."""
    env = {"PATH": path or ""}
    if cxx:
        env["CXX"] = cxx
    return find_compiler(env)


def current_compiler() -> Compiler:
    """The compiler chosen for the current environment."""
    return default_compiler(os.environ.get("CXX"), os.environ.get("PATH"))
