"""How the native robot process (the sketch compiled for this computer) is kept away from the computer.

Everywhere: a scrubbed environment and the run's private folder as working folder. On Linux and
macOS also its own session and process group (killed whole at the end), resource limits (CPU time,
512 MB of address space, file size, no core dump) and, on Linux, the unprivileged layers of
`confine_linux` (no new processes, no network, no writes outside the run folder). `layers()` says
which layers this computer grants (`leanbot doctor` shows it); a layer it refuses is skipped.
"""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ADDRESS_SPACE = 512 << 20
FILE_SIZE = 256 << 20  # the trace of a robot kept running for days stays far below
DEFAULT_CPU_S = 12 * 3600
# For checking (sanitized) builds: no leak report at exit (the runtime exits with memory in use).
# abort_on_error: a UBSan stop raises SIGABRT, whose handler writes out the buffered Serial bytes.
SANITIZER_ENV = {"ASAN_OPTIONS": "detect_leaks=0",
                 "UBSAN_OPTIONS": "print_stacktrace=1:abort_on_error=1"}
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Layers:
    """What confines the robot process on this computer."""

    limits: bool  # resource limits and an own process group
    no_processes: bool  # seccomp: no fork/clone/socket, signals only to itself
    no_network: bool  # a private network namespace
    no_writes: bool  # Landlock: writes only in the run folder
    landlock_abi: int = 0

    @property
    def complete(self) -> bool:
        """True when every layer is in place."""
        return self.limits and self.no_processes and self.no_network and self.no_writes


def environment(folder: Path) -> dict[str, str]:
    """The robot's whole environment: nothing of the user's (tokens, proxies, paths) but the basics."""
    env = {"PATH": os.defpath, "HOME": str(folder), "TMPDIR": str(folder), "TMP": str(folder),
           "TEMP": str(folder), "LANG": "C.UTF-8", **SANITIZER_ENV}
    for keep in ("SYSTEMROOT", "WINDIR"):  # Windows cannot start a process without them
        if keep in os.environ:
            env[keep] = os.environ[keep]
    return env


def popen_options(folder: Path, *, cpu_s: float | None = None, sanitized: bool = False,
                  emulated: bool = False) -> dict:
    """Keyword arguments for `subprocess.Popen` that start the robot confined in `folder`.

    `emulated`: the AVR backend's host, which runs nothing of the sketch natively; it gets every layer
    but the private network namespace (the slowest to set up, ~1.3 ms a run, and seccomp already refuses
    it sockets)."""
    options: dict = {"cwd": str(folder), "env": environment(folder)}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
        return options
    options["start_new_session"] = True
    options["preexec_fn"] = _preexec(str(folder), cpu_s or DEFAULT_CPU_S, sanitized,
                                     threading.current_thread() is threading.main_thread(), emulated)
    return options


def _preexec(folder: str, cpu_s: float, sanitized: bool, main_thread: bool, emulated: bool = False):
    """The function the child runs between fork and exec: never raises (a layer refused is skipped).

    Everything it needs is imported and prepared here, in the parent: a child forked from a program
    with threads must not import (another thread may have held the import lock at the fork).
    """
    import resource

    limits = [(resource.RLIMIT_CPU, int(cpu_s) + 1, int(cpu_s) + 5), (resource.RLIMIT_CORE, 0, 0),
              (resource.RLIMIT_FSIZE, FILE_SIZE, FILE_SIZE)]
    if not sanitized:  # AddressSanitizer reserves terabytes of address space for its shadow memory
        limits.append((resource.RLIMIT_AS, ADDRESS_SPACE, ADDRESS_SPACE))
    layer_calls = _layer_calls(folder, main_thread, emulated) if sys.platform.startswith("linux") else []

    def confine() -> None:
        for which, soft, hard in limits:
            with contextlib.suppress(ValueError, OSError):
                _, old_hard = resource.getrlimit(which)
                if old_hard != resource.RLIM_INFINITY:
                    soft, hard = min(soft, old_hard), min(hard, old_hard)
                resource.setrlimit(which, (soft, hard))
        for layer in layer_calls:
            with contextlib.suppress(Exception):
                layer()

    return confine


def _layer_calls(folder: str, main_thread: bool, emulated: bool = False) -> list:
    """The Linux layers this computer grants, as calls for the child to make in order."""
    from leanbot_kit.sim import confine_linux

    available = layers()
    libc = confine_linux._syscall()  # loaded before forking
    platform.machine()  # cached before forking too
    calls = []
    if main_thread:  # ends with us even if we are killed (a thread's exit would end it too)
        parent = os.getpid()

        def die_with_parent() -> None:
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() != parent:  # we died between the fork and the prctl
                os._exit(1)

        calls.append(die_with_parent)
    if available.no_network and not emulated:
        calls.append(confine_linux.unshare_network)
    if available.no_writes:
        calls.append(lambda: confine_linux.landlock(folder, available.landlock_abi))
    if available.no_processes:
        calls.append(lambda: confine_linux.seccomp(os.getpid()))
    return calls


@lru_cache(maxsize=1)
def layers() -> Layers:
    """Which layers this computer grants, tried once in a throw-away child process."""
    if os.name == "nt":
        return Layers(False, False, False, False)
    if not sys.platform.startswith("linux"):
        return Layers(True, False, False, False)
    from leanbot_kit.sim import confine_linux

    abi = confine_linux.landlock_abi()
    package_root = str(Path(__file__).resolve().parents[2])
    try:
        done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                              timeout=30, env={**os.environ, "PYTHONPATH": package_root})
        granted = done.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        granted = ""
    return Layers(True, "p" in granted, "n" in granted, "w" in granted, abi)


_PROBE = """
import os
import platform
from leanbot_kit.sim import confine_linux as c
abi = c.landlock_abi()
for mark, call in (("n", c.unshare_network), ("w", lambda: c.landlock(os.getcwd(), abi)),
                   ("p", lambda: c.seccomp(os.getpid()))):
    try:
        print(mark if call() else "", end="")
    except Exception:
        pass
"""


def is_sanitized(binary: Path) -> bool:
    """True for a checking build (linked with AddressSanitizer)."""
    try:
        st = binary.stat()
    except OSError:
        return False
    return _has_asan(str(binary), st.st_ino, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _has_asan(path: str, _ino: int, _size: int, _mtime_ns: int) -> bool:
    """Read once per file version: a robot program is megabytes, started for every run."""
    try:
        return b"__asan_init" in Path(path).read_bytes()
    except OSError:
        return False


def kill_group(proc: subprocess.Popen) -> None:
    """Kill the robot's process group (the robot and anything it started that is still in it)."""
    if os.name == "nt":
        return
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(proc.pid, signal.SIGKILL)
