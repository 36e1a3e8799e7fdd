"""Start and stop the robot process (the built sketch), leaving nothing running behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path
from typing import Any

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _

# For checking (sanitized) builds: no leak report at exit (the runtime exits with memory in use).
SANITIZER_ENV = {"ASAN_OPTIONS": "detect_leaks=0", "UBSAN_OPTIONS": "print_stacktrace=1"}


def start_robot(binary: Path, config: Path, *, stdin: int | None = subprocess.DEVNULL,
                stdout: Any = subprocess.PIPE, stderr: Any = subprocess.PIPE) -> subprocess.Popen:
    """Start `binary config`: stdout is the robot's Serial, stdin its Serial RX, stderr kept apart.

    `stdout`/`stderr` may be open files, so a long run's output goes to disk, not to memory.
    """
    env = {**os.environ, **SANITIZER_ENV}
    try:
        # Same process group as us: closing the terminal or Ctrl-C ends the robot too.
        return subprocess.Popen([str(binary), str(config)], stdin=stdin, stdout=stdout,
                                stderr=stderr, bufsize=0, env=env)
    except OSError as exc:
        raise SimError(_("could not start the simulated robot {binary}: {error}").format(
            binary=binary, error=exc), _("delete the simulator cache and try again")) from exc


def stop_robot(proc: subprocess.Popen, grace_s: float = 1.0) -> int | None:
    """End the process (terminate, then kill) and reap it; returns its exit status."""
    if proc.poll() is None:
        _signal(proc, kill=False)
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            _signal(proc, kill=True)
            proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    return proc.returncode


def _signal(proc: subprocess.Popen, kill: bool) -> None:
    """Terminate (or kill) the robot process; it starts no processes of its own."""
    with contextlib.suppress(ProcessLookupError, OSError):
        if kill:
            proc.kill()
        else:
            proc.terminate()


def exit_text(returncode: int | None) -> str:
    """How the process ended, in words: `exit status 3` or `signal SIGSEGV`."""
    if returncode is None:
        return _("still running")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        return _("signal {name}").format(name=name)
    return _("exit status {code}").format(code=returncode)
