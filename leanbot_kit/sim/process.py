"""Start and stop the robot process (the built sketch), confined, leaving nothing running behind."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.sandbox import is_sanitized, kill_group, popen_options

__all__ = ["collect", "exit_text", "start_robot", "stop_robot", "wait_exit"]


def start_robot(binary: Path, config: Path, *, stdin: int | None = subprocess.DEVNULL,
                stdout: Any = subprocess.PIPE, stderr: Any = subprocess.PIPE,
                cpu_s: float | None = None, emulated: bool = False) -> subprocess.Popen:
    """Start `binary config`: stdout is the robot's Serial, stdin its Serial RX, stderr kept apart.

    The process is confined (`sandbox`): the config's folder is its private working folder, the only
    place it may write; `cpu_s` limits its CPU time; `emulated` for the AVR backend's host. `stdout`/`stderr` may be open files, so a long
    run's output goes to disk, not to memory.
    """
    options = popen_options(config.parent, cpu_s=cpu_s, sanitized=is_sanitized(binary), emulated=emulated)
    try:
        # Its own process group: stop_robot ends the whole group (Ctrl-C reaches us, we stop it).
        return subprocess.Popen([str(binary), str(config)], stdin=stdin, stdout=stdout,
                                stderr=stderr, bufsize=0, **options)
    except OSError as exc:
        raise SimError(_("could not start the simulated robot {binary}: {error}").format(
            binary=binary, error=exc), _("delete the simulator cache and try again")) from exc


def collect(proc: subprocess.Popen, timeout_s: float) -> tuple[bytes, bytes]:
    """Everything the robot writes to stdout and stderr until it ends (or `timeout_s` passes).

    Once the robot has exited, anything it left behind in its group (holding the pipes open) is
    killed. At the timeout the robot is terminated; the runtime then writes out its buffered bytes.
    """
    deadline = time.monotonic() + timeout_s
    stopping = 0
    while True:
        try:
            return proc.communicate(timeout=0.25)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is not None:
            kill_group(proc)
        elif time.monotonic() > deadline:
            _signal(proc, kill=stopping > 0)
            deadline, stopping = time.monotonic() + 5, stopping + 1


def wait_exit(proc: subprocess.Popen, timeout_s: float) -> bool:
    """Wait until the process exits (True) or `timeout_s` passes (False).

    `Popen.wait(timeout)` polls with sleeps of up to 50 ms, which a run of a fraction of a second
    notices; on Linux a pidfd wakes us the moment the process ends.
    """
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is not None:
        try:
            fd = pidfd_open(proc.pid)
        except OSError:  # already reaped, or a kernel without pidfds
            fd = None
        if fd is not None:
            try:
                select.select([fd], [], [], timeout_s)
            finally:
                os.close(fd)
            return proc.poll() is not None
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return False
    return True


def stop_robot(proc: subprocess.Popen, grace_s: float = 1.0) -> int | None:
    """End the process (terminate, then kill) and reap it; returns its exit status."""
    if proc.poll() is None:
        _signal(proc, kill=False)
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            _signal(proc, kill=True)
            proc.wait()
    kill_group(proc)  # whatever it started and is still in its group
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    return proc.returncode


def _signal(proc: subprocess.Popen, kill: bool) -> None:
    """Terminate (the runtime then hands over its last Serial bytes) or kill the robot process."""
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
